#!/bin/sh
# The rule language end to end: vocabularies, "~", gap words, <near>,
# within, clause scope and stance guards, each stated by the examples of
# fixtures/rules-lang/language.xml and run with and without the
# prefilter (the hits must be the same); the fixture, the built-in rules
# and every bad-rule fixture checked against the schema; the new errors
# as one "path:line: message" line each.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

lang=$top_srcdir/fixtures/rules-lang/language.xml
bad=$top_srcdir/fixtures/rules-bad
rng=$top_srcdir/rules/palint-rules.rng

"$XMLLINT" --noout --relaxng "$rng" "$lang" 2>"$tmp/err" || { cat "$tmp/err" >&2; fail "language.xml does not validate"; }
"$XMLLINT" --noout --relaxng "$rng" "$top_srcdir/rules/us-icdps-2024.xml" 2>"$tmp/err" || { cat "$tmp/err" >&2; fail "us-icdps-2024.xml does not validate"; }
for f in vocab-unknown vocab-dup vocab-cycle vocab-empty vocab-regex vocab-backref bad-within; do
	"$XMLLINT" --noout --relaxng "$rng" "$bad/$f.xml" 2>/dev/null || fail "$f.xml: the schema, not the loader, refuses it"
done

nexamples=$(grep -c '<example ' "$lang")
for mode in "" --no-prefilter; do
	$PALINT rules test $mode "$lang" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" >&2; fail "rules test $mode: examples fail"; }
	[ "$(cat "$tmp/out")" = "$nexamples passed, 0 failed" ] || fail "rules test $mode: $(cat "$tmp/out")"
done

# A rule that breaks a stance example is caught: without the guard the
# attributed sentence would be a hit.
sed 's|<rule id="A.3.local" title="Localisation required" kind="conflict">|<rule id="A.3.local" title="Localisation required" kind="conflict" stance="ignore">|' "$lang" >"$tmp/nostance.xml"
expect_status 2 $PALINT rules test "$tmp/nostance.xml" >/dev/null 2>"$tmp/err"
grep -q "rule A.3.local: example should not match but does" "$tmp/err" || fail "stance opt-out: $(cat "$tmp/err")"

# An extra rule file may use the vocabularies of the built-in rules.
sed -n '1,/<\/stance>/p' "$lang" | sed 's|id="lang"|id="extra"|' >"$tmp/extra.xml"
cat >>"$tmp/extra.xml" <<'EOT'
  <area id="B" kind="action-area" title="Extra">
    <objective id="B.1" title="Extra">
      <rule id="B.1.links" title="Links">
        <description>Uses a vocabulary of the other file.</description>
        <concept ref="links"/>
        <example hit="yes">Fibre links.</example>
        <example hit="no">Links.</example>
      </rule>
    </objective>
  </area>
</ruleset>
EOT
$PALINT rules test -r "$lang" "$tmp/extra.xml" >"$tmp/out" || fail "extra file with a concept of another"
[ "$(cat "$tmp/out")" = "$((nexamples + 2)) passed, 0 failed" ] || fail "extra file: $(cat "$tmp/out")"

# explain names concepts and near groups.
$PALINT explain -r "$lang" A.1.cable | grep -q '^    concept cables (vocabulary)$' || fail "explain concept"
$PALINT explain -r "$lang" A.2.near | grep -q 'near, any order, in one sentence, within 5 words:' || fail "explain near"

check_error vocab-unknown "^$bad/vocab-unknown.xml:9: concept \"cabels\": no such vocabulary$" $PALINT rules check "$bad/vocab-unknown.xml"
check_error vocab-dup "^$bad/vocab-dup.xml:5: vocabulary cables: already defined at $bad/vocab-dup.xml:4$" $PALINT rules check "$bad/vocab-dup.xml"
check_error vocab-cycle "^$bad/vocab-cycle.xml:10: concept \"cables\": reference cycle back to vocabulary cables$" $PALINT rules check "$bad/vocab-cycle.xml"
check_error vocab-empty "^$bad/vocab-empty.xml:4: vocabulary cables: has no term, regex or concept$" $PALINT rules check "$bad/vocab-empty.xml"
check_error vocab-regex "^$bad/vocab-regex.xml:6: vocabulary cables: regex error at offset 6: missing closing parenthesis$" $PALINT rules check "$bad/vocab-regex.xml"
check_error vocab-backref "^$bad/vocab-backref.xml:6: vocabulary cables: a regex part may not refer to a group \(back reference or recursion\)$" $PALINT rules check "$bad/vocab-backref.xml"
check_error bad-within "^$bad/bad-within.xml:9: rule A.1.cable: within must be a number of words from 1 to 10000, not \"ten\"$" $PALINT rules check "$bad/bad-within.xml"

# rules check: a conflict regex that can match inside a word is an error,
# the same in a support rule a warning.
edge_rules() {
	cat <<EOT
<?xml version="1.0" encoding="UTF-8"?>
<ruleset id="edge" version="1" title="Edges">
  <area id="A" kind="action-area" title="Area">
    <objective id="A.1" title="Objective">
      <rule id="A.1.restrict" title="Restriction" kind="$1">
        <description>Restricted access.</description>
        <regex>restrict\w* access</regex>
        <example hit="yes">They restrict access.</example>
        <example hit="no">They grant access.</example>
      </rule>
    </objective>
  </area>
</ruleset>
EOT
}
edge_rules conflict >"$tmp/edge-conflict.xml"
edge_rules support >"$tmp/edge-support.xml"
check_error word-edge "^$tmp/edge-conflict.xml:7: rule A.1.restrict: error: regex \"restrict\\\\w\\* access\" can match starting and ending inside a word; add \\\\b or a lookaround$" $PALINT rules check "$tmp/edge-conflict.xml"
$PALINT rules check "$tmp/edge-support.xml" >"$tmp/out" 2>"$tmp/err" || fail "word edge in a support rule: not a warning"
grep -q "^$tmp/edge-support.xml:7: rule A.1.restrict: warning: regex" "$tmp/err" || fail "word edge warning: $(cat "$tmp/err")"
sed 's|<regex>restrict\\w\* access</regex>|<regex>\\brestrict\\w* access\\b</regex>|' "$tmp/edge-conflict.xml" >"$tmp/edge-fixed.xml"
$PALINT rules check "$tmp/edge-fixed.xml" >/dev/null 2>"$tmp/err" || fail "bounded regex still refused: $(cat "$tmp/err")"
stderr_clean "$tmp/err" || fail "bounded regex: $(cat "$tmp/err")"
# The built-in conflict rules pass the check.
$PALINT rules check >/dev/null 2>"$tmp/err" || fail "built-in rules: $(grep -v warning "$tmp/err")"
! grep -q ": error: " "$tmp/err" || fail "built-in rules: $(grep error "$tmp/err")"

# explain and rules list know vocabularies.
$PALINT explain -r "$lang" cables >"$tmp/out" || fail "explain vocabulary"
grep -q '^cables  vocabulary (.*language.xml:[0-9]*), used by 1 concept$' "$tmp/out" || fail "explain vocabulary: $(cat "$tmp/out")"
grep -q '^    concept links (vocabulary)$' "$tmp/out" || fail "explain vocabulary parts"
$PALINT rules list "$lang" | tail -1 | grep -q '^vocabularies: musts, cables, links$' || fail "rules list vocabularies"

# --- Several languages in one rule set (fixtures/rules-lang/multilingual.xml):
# each example is scanned in its xml:lang, and matched by the patterns,
# groups, exceptions and stance cues of that language only.
ml=$top_srcdir/fixtures/rules-lang/multilingual.xml
"$XMLLINT" --noout --relaxng "$rng" "$ml" 2>"$tmp/err" || { cat "$tmp/err" >&2; fail "multilingual.xml does not validate"; }
nml=$(grep -c '<example ' "$ml")
for mode in "" --no-prefilter; do
	$PALINT rules test $mode "$ml" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" >&2; fail "multilingual rules test $mode: examples fail"; }
	[ "$(cat "$tmp/out")" = "$nml passed, 0 failed" ] || fail "multilingual rules test $mode: $(cat "$tmp/out")"
done
# Read every example as English instead: the French and Spanish ones fail.
sed 's| xml:lang="[a-z]*">\([^<]*\)</example>|>\1</example>|' "$ml" >"$tmp/ml-en.xml"
set +e
$PALINT rules test "$tmp/ml-en.xml" >"$tmp/out" 2>"$tmp/err"
set -e
grep -q "^$tmp/ml-en.xml:[0-9]*: rule M.1.cable: example should match but does not$" "$tmp/err" ||
    fail "examples read in one language: $(cat "$tmp/out")"

# rules check: how many rules each language has; -v: per rule.
$PALINT rules check "$ml" >"$tmp/out" || fail "multilingual rules check"
grep -qx 'languages: en 4 of 5 rules, fr 4 of 5 rules, es 2 of 5 rules' "$tmp/out" || fail "rules check languages: $(cat "$tmp/out")"
$PALINT rules check -v "$ml" >"$tmp/out" || fail "rules check -v"
grep -qx 'M.1.network: fr' "$tmp/out" || fail "rules check -v: M.1.network"
grep -qx 'M.1.cable: en fr es' "$tmp/out" || fail "rules check -v: M.1.cable"
$PALINT rules list -v "$ml" >"$tmp/out" || fail "rules list -v"
grep -qx 'languages: en fr es' "$tmp/out" || fail "rules list: languages"
grep -qx '    M.2.filter Filtering (conflict) \[en fr\]' "$tmp/out" || fail "rules list -v: $(cat "$tmp/out")"
$PALINT rules list "$lang" | grep -qx 'languages: en' || fail "rules list: a file without languages= is English"

# Errors: an undeclared language where it stands (once, not for every
# pattern that inherits it), a group in two languages, a concept whose
# vocabulary has no term in the language in effect.
check_error lang-undeclared "^$bad/lang-undeclared.xml:10: <variant>: xml:lang \"de\" is not one of the file's languages \(languages=\"en fr\"\)$" $PALINT rules check "$bad/lang-undeclared.xml"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "lang-undeclared: not one error: $(cat "$tmp/err")"
check_error lang-mixed-group "^$bad/lang-mixed-group.xml:10: rule A.1.cable: the patterns of <near> must share one language \(fr here, en before\)$" $PALINT rules check "$bad/lang-mixed-group.xml"
check_error lang-concept "^$bad/lang-concept.xml:10: concept \"cables\": vocabulary cables has no term or regex in language fr$" $PALINT rules check "$bad/lang-concept.xml"
for f in lang-undeclared lang-mixed-group lang-concept; do
	"$XMLLINT" --noout --relaxng "$rng" "$bad/$f.xml" 2>/dev/null || fail "$f.xml: the schema, not the loader, refuses it"
done
# A language the schema cannot take at all.
sed 's|<variant xml:lang="de">|<variant xml:lang="d e">|' "$bad/lang-undeclared.xml" >"$tmp/badlang.xml"
check_error lang-form "^$tmp/badlang.xml:[0-9]+: " $PALINT rules check "$tmp/badlang.xml"

# The built-in rules declare four languages.
$PALINT rules list | grep -qx 'languages: en fr es pt' || fail "built-in rules: languages"

# --- eval on sentences of several languages: each row is read in the
# language of its document (detected on the document's rows together),
# or in --language's.
evml=$top_srcdir/fixtures/eval/ml-labels.tsv
$PALINT eval -r "$ml" -f csv "$evml" >"$tmp/out.raw" 2>"$tmp/err" || { cat "$tmp/err" >&2; fail "eval ml"; }
tr -d '\r' <"$tmp/out.raw" >"$tmp/out"
grep -qx 'objective,M.1,4,0,0,1.000,1.000,1.000,4' "$tmp/out" || fail "eval ml: $(cat "$tmp/out")"
$PALINT eval -r "$ml" -f csv --split tune "$evml" >"$tmp/out.raw" || fail "eval ml --split tune"
tr -d '\r' <"$tmp/out.raw" >"$tmp/out"
grep -qx 'area,M,4,0,0,1.000,1.000,1.000,4' "$tmp/out" || fail "eval ml tune: $(cat "$tmp/out")"
$PALINT eval -r "$ml" -f csv --language en "$evml" >"$tmp/out.raw" || fail "eval ml --language en"
tr -d '\r' <"$tmp/out.raw" >"$tmp/out"
grep -qx 'objective,M.1,1,0,3,1.000,0.250,0.400,4' "$tmp/out" || fail "eval ml --language en: $(cat "$tmp/out")"

# Rows too few for their document's language to be told as a whole are
# read one by one, as a scan reads paragraphs: four Portuguese rows whose
# joined text the detector leaves undetermined are still read in
# Portuguese, not in the rules' default English.
cat >"$tmp/pt-rules.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<ruleset id="pt" version="1" title="Portuguese" languages="en pt">
  <area id="M" kind="action-area" title="Storage">
    <objective id="M.1" title="Storage">
      <rule id="M.1.stored" title="Stored data">
        <description>Data stored.</description>
        <term xml:lang="pt">armazenado~</term>
        <example hit="yes" xml:lang="pt">Os dados foram armazenados.</example>
        <example hit="no" xml:lang="pt">Os dados foram apagados.</example>
      </rule>
    </objective>
  </area>
</ruleset>
XML
{
	printf 'doc\tline\tlabels\tsentence\tsplit\n'
	printf 'nota-pt.txt\t1\tM.1\tOs dados dos órgãos públicos deverão ser armazenados apenas em centros de dados localizados no território nacional.\ttune\n'
	printf 'nota-pt.txt\t2\tnone\tA autoridade poderá determinar o bloqueio de sítios que divulguem conteúdos contrários à ordem pública.\ttune\n'
	printf 'nota-pt.txt\t3\tnone\tO bloqueio arbitrário de aplicativos de mensagens viola direitos fundamentais.\ttune\n'
	printf 'nota-pt.txt\t4\tnone\tAs compras governamentais de equipamentos de rede darão preferência exclusiva a fabricantes nacionais.\ttune\n'
} >"$tmp/pt-rows.tsv"
$PALINT eval -r "$tmp/pt-rules.xml" -f csv "$tmp/pt-rows.tsv" >"$tmp/out.raw" 2>"$tmp/err" || { cat "$tmp/err" >&2; fail "eval pt rows"; }
tr -d '\r' <"$tmp/out.raw" >"$tmp/out"
grep -qx 'objective,M.1,1,0,0,1.000,1.000,1.000,1' "$tmp/out" || fail "eval pt rows read as English: $(cat "$tmp/out")"

# --- Paragraph by paragraph: a French text quoting an English convention
# (fixtures/language/melange.txt).  English patterns fire on the English
# paragraph only, French ones on the French paragraphs only; the French
# paragraph that names an English term is not matched by it; modality is
# read in each paragraph's language; every format says so.
mix=$top_srcdir/fixtures/language/melange.txt
$PALINT -r "$ml" -f csv -o /dev/null -e "$tmp/mix.raw" "$mix" 2>"$tmp/err" || { cat "$tmp/err" >&2; fail "mixed document"; }
"$top_builddir/tests/csvdump" "$tmp/mix.raw" | cut -f3,8,13,19,21 >"$tmp/mix.csv"
printf 'rule\tline\tmodality\tlanguage\tlang\n' >"$tmp/want"
cat >>"$tmp/want" <<'WANT'
M.1.network	1	mention	fr	fr
M.1.cable	3	mention	fr	fr
M.1.network	3	mention	fr	fr
M.1.cable	7	binding	fr	en
M.1.only-en	7	binding	fr	en
M.1.near	9	binding	fr	fr
WANT
diff -u "$tmp/want" "$tmp/mix.csv" >&2 || fail "mixed document: evidence by language"
# Read as one language (--language), the quotation is lost.
$PALINT -r "$ml" --language fr -f csv -o /dev/null -e "$tmp/mixfr.raw" "$mix" || fail "mixed document --language fr"
grep -q ',M.1.only-en,' "$tmp/mixfr.raw" && fail "--language fr: English rule fired"
grep -q ',M.1.cable,.*,7,' "$tmp/mixfr.raw" && fail "--language fr: English cable matched"
$PALINT -r "$ml" -f csv -l document "$mix" | tr -d '\r' >"$tmp/mixdoc.csv" || fail "mixed document, document level"
grep -q ',fr,,"fr 7[0-9]%, en 2[0-9]%"$' "$tmp/mixdoc.csv" || fail "document CSV: no language mix: $(cat "$tmp/mixdoc.csv")"
$PALINT -r "$ml" -v "$mix" >"$tmp/mix.txt" || fail "mixed document, text"
grep -q '^.*melange.txt: overall .*, language fr (fr 7[0-9]%, en 2[0-9]%)$' "$tmp/mix.txt" || fail "text: no mix: $(cat "$tmp/mix.txt")"
grep -q '^    hit: line 7 \[M.1.only-en, binding statement, weight 1.00, en\] ' "$tmp/mix.txt" || fail "text -v: no hit language"
$PALINT -r "$ml" -f xml -o "$tmp/mix.xml" "$mix" || fail "mixed document, xml"
validate_report "$tmp/mix.xml"
[ "$("$XMLLINT" --xpath 'count(//hit[@lang="en"])' "$tmp/mix.xml")" = 2 ] || fail "xml: English hits"
[ "$("$XMLLINT" --xpath 'count(//hit[@lang="fr"])' "$tmp/mix.xml")" = 4 ] || fail "xml: French hits"
"$XMLLINT" --xpath 'string(//document/@languages)' "$tmp/mix.xml" | grep -q '^fr 7[0-9]%, en 2[0-9]%$' || fail "xml: no languages"
$PALINT -r "$ml" -f html -o "$tmp/mix.html" "$mix" || fail "mixed document, html"
grep -q '<th scope="row">Language</th><td>fr (fr 7[0-9]%, en 2[0-9]%)</td>' "$tmp/mix.html" || fail "html: no language mix"
grep -q '<br><span class="lang">en</span>' "$tmp/mix.html" || fail "html: no hit language"
$PALINT explain -r "$ml" M.1.only-en "$mix" >"$tmp/out" || fail "explain in the mixed document"
grep -q '^  languages: fr 7[0-9]%, en 2[0-9]%$' "$tmp/out" || fail "explain: no mix: $(cat "$tmp/out")"
grep -q '^    7:.*  binding  en  ' "$tmp/out" || fail "explain: no hit language: $(cat "$tmp/out")"
$PALINT explain -r "$ml" M.1.near | grep -q '^      term  partage  \[fr\]$' || fail "explain: pattern language"

# Each language's prefilter scans the paragraphs of that language, in
# French folded without accents: the evidence is the same without it, on
# the mixed document under both rule files, and for groups whose scope is
# the whole document, whose members stand in the other language's text.
ds=$top_srcdir/fixtures/rules-lang/document-scope.xml
for rules in "$ml" "$ds"; do
	for mode in "" --no-prefilter; do
		$PALINT $mode -r "$rules" -f csv -o /dev/null -e "$tmp/ev$mode.csv" "$mix" || fail "mixed document $mode under $rules"
	done
	cmp -s "$tmp/ev.csv" "$tmp/ev--no-prefilter.csv" || fail "mixed document under $rules: the prefilter changes the evidence"
done
grep -q ',D.1.en,.*,submarine cable,' "$tmp/ev.csv" || fail "document scope: English group not found"
grep -q ',D.1.fr,.*,câble sous-marin,' "$tmp/ev.csv" || fail "document scope: French group not found"
for mode in "" --no-prefilter; do
	$PALINT rules test $mode "$ds" >"$tmp/out" || fail "document-scope.xml examples $mode"
done

# A paragraph in a language the rules do not read is skipped, counted and
# reported; the rest is judged.
de=$top_srcdir/fixtures/language/strategie.txt
cat "$top_srcdir/fixtures/language/policy.txt" >"$tmp/with-de.txt"
printf '\n' >>"$tmp/with-de.txt"
sed -n '3p' "$de" >>"$tmp/with-de.txt"
$PALINT -f csv -l document "$tmp/with-de.txt" >"$tmp/out.raw" 2>"$tmp/err" || fail "English with a German paragraph"
tr -d '\r' <"$tmp/out.raw" >"$tmp/out"
grep -q ',ok,.*1 paragraph (.*% of the text) not scanned: in a language the rules do not read (de, German).*,en,,"en [0-9]*%, de [0-9]*%"$' "$tmp/out" ||
    fail "skipped paragraph: $(cat "$tmp/out")"
$PALINT "$tmp/with-de.txt" >"$tmp/out" 2>/dev/null || true
grep -q "^$tmp/with-de.txt: warning: 1 paragraph (.*% of the text) not scanned: in a language the rules do not read (de, German)$" "$tmp/out" ||
    fail "skipped paragraph: text report: $(cat "$tmp/out")"
