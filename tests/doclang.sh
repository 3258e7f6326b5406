#!/bin/sh
# Languages and kinds of text: a document in a language the rules do not
# cover gets status unsupported-language (and no verdict) in every format,
# with a warning on stderr; --language overrides detection; rule files
# declare their languages (the union counts); text that is not policy is
# scored but flagged.  On ../shared/corpus, when present, every document's
# language matches its name and none is flagged.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

fx=$top_srcdir/fixtures/language
g=$top_srcdir/fixtures/golden
fr=$fx/politique.txt
es=$fx/estrategia.txt
en=$fx/policy.txt
# The built-in rules read English, French, Spanish and Portuguese: German
# and Italian documents have no verdict under them.
de=$fx/strategie.txt
it=$fx/strategia.txt
node="language de (German) is not covered by the rules (en, fr, es, pt); no verdict"

# --- Text: the status, the reason, the total; stderr names the file.
run_want 0 -f text "$en" "$de" "$it"
grep -qx "$de: unsupported-language: $node, 115 words" "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "text: no unsupported-language line"; }
grep -q "^$de: gap: " "$tmp/out" && fail "text: gaps listed for a document without verdict"
grep -q "^$en: overall .*, language en$" "$tmp/out" || fail "text: no language on the summary"
grep -q '^total: 3 documents, 0 errors, 2 without verdict (language), mean overall ' "$tmp/out" ||
    fail "text: total does not count the documents without verdict"
grep -qx "palint: $de: $node" "$tmp/err" || { cat "$tmp/err" >&2; fail "no warning on stderr"; }
grep -qx "palint: $it: language it (Italian) is not covered by the rules (en, fr, es, pt); no verdict" "$tmp/err" ||
    fail "no warning on stderr for the Spanish document"
run_want 0 -q -f text "$de"
[ -s "$tmp/err" ] && fail "-q: stderr not empty"

# --- Exit status: with --fail-under, a document without verdict is a
# finding (1); without it, or with every document judged, 0.
run_want 1 -f csv --fail-under 0 "$en" "$de"
run_want 0 -f csv --fail-under 0 "$en"
run_want 0 -f csv "$de"

# --- CSV, objective level: one row for the French document, not its
# objectives as absent; language at the end of every row.
run_want 0 -f csv "$en" "$de"
"$top_builddir/tests/csvdump" "$tmp/out" >"$tmp/dump" || fail "objective CSV unreadable"
head -1 "$tmp/out" | grep -q ',evidence,language,flags$' || fail "objective CSV: no language column"
[ "$(grep -c "^$de," "$tmp/out")" = 1 ] || fail "objective CSV: not one row for $de"
grep -q "^$de,[0-9a-f]\{64\},,,,unsupported-language,,,,,,,\"$node\",,,,de,$" "$tmp/out" ||
    { grep "^$de," "$tmp/out" >&2; fail "objective CSV: wrong row for $de"; }
[ "$(grep -c "^$en,.*,en,$" "$tmp/out")" -gt 20 ] || fail "objective CSV: English rows without language"

# --- CSV, area and document levels.
run_want 0 -f csv -l area "$en" "$de"
grep -q "^$de,[0-9a-f]\{64\},,,,,,,,,\"$node\",unsupported-language,de,$" "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "area CSV: wrong row for $de"; }
grep -q "^$en,.*,ok,en,$" "$tmp/out" || fail "area CSV: no status/language for $en"
run_want 0 -f csv -l document "$en" "$de"
grep -q "^$de,[0-9a-f]\{64\},unsupported-language,,,115,,,,\"$node\",de,,$" "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "document CSV: wrong row for $de"; }

# --- XML at every level, valid, with status and language.
for level in objective area document; do
	run_want 0 -f xml -l $level -o "$tmp/r-$level.xml" "$en" "$de"
	validate_report "$tmp/r-$level.xml"
	n=$("$XMLLINT" --xpath "count(//document[@status='unsupported-language'][@language='de'][message])" "$tmp/r-$level.xml")
	[ "$n" = 1 ] || fail "xml $level: $n unsupported-language documents, want 1"
	n=$("$XMLLINT" --xpath "count(//document[@status='unsupported-language']/*[not(self::message)])" "$tmp/r-$level.xml")
	[ "$n" = 0 ] || fail "xml $level: a document without verdict has areas"
	n=$("$XMLLINT" --xpath "count(//document[@status='ok'][@language='en'])" "$tmp/r-$level.xml")
	[ "$n" = 1 ] || fail "xml $level: English document without language"
done

# --- Evidence, CSV and XML: the German document is there, with no hit.
run_want 0 -f csv -o /dev/null -e "$tmp/ev.csv" "$en" "$de"
tr -d '\r' <"$tmp/ev.csv" >"$tmp/ev.lf" && mv "$tmp/ev.lf" "$tmp/ev.csv"
head -1 "$tmp/ev.csv" | grep -q ',weight,section,status,language,flags,lang$' || fail "evidence CSV: no status/language columns"
grep -q "^$de,,,,,,,,,,,,,,,,unsupported-language,de,,$" "$tmp/ev.csv" ||
    { cat "$tmp/ev.csv" >&2; fail "evidence CSV: no row for $de"; }
grep -q "^$en,.*,ok,en,,en$" "$tmp/ev.csv" || fail "evidence CSV: hits without language"
run_want 0 -f csv -o /dev/null -e "$tmp/ev.xml" "$en" "$de"
validate_report "$tmp/ev.xml"
n=$("$XMLLINT" --xpath "count(/evidence/document[@status='unsupported-language'][@language='de'])" "$tmp/ev.xml")
[ "$n" = 1 ] || fail "evidence XML: no unsupported-language document"

# --- palint merge: shards with documents without verdict merge into what
# one run writes, byte for byte, in CSV and XML.
for f in csv xml; do
	run_want 0 -f $f -o "$tmp/one.$f" "$en" "$it" "$de"
	run_want 0 -f $f -o "$tmp/s1.$f" "$en" "$de"
	run_want 0 -f $f -o "$tmp/s2.$f" "$it"
	$PALINT merge -o "$tmp/merged.$f" "$tmp/s2.$f" "$tmp/s1.$f" ||
	    fail "merge $f"
	cmp -s "$tmp/one.$f" "$tmp/merged.$f" || fail "merge $f differs from one run"
done
validate_report "$tmp/merged.xml"

# --- The built-in rules declare French and Spanish: such documents are
# judged (with whatever rules those languages have).
run_want 0 -f csv -l document "$fr" "$es"
grep -q "^$fr,[0-9a-f]\{64\},ok,.*,fr,,.*fr [0-9]*%" "$tmp/out" || { cat "$tmp/out" >&2; fail "built-in rules: French not judged"; }
grep -q "^$es,[0-9a-f]\{64\},ok,.*,es,,.*es [0-9]*%" "$tmp/out" || { cat "$tmp/out" >&2; fail "built-in rules: Spanish not judged"; }

# --- --language: forced, not detected.
run_want 0 -f csv -l document --language en "$de"
grep -q "^$de,[0-9a-f]\{64\},ok,.*,en,,$" "$tmp/out" || { cat "$tmp/out" >&2; fail "--language en: not judged"; }
stderr_clean "$tmp/err" || { cat "$tmp/err" >&2; fail "--language en: stderr not empty"; }
run_want 0 -f csv -l document --language de "$en"
grep -q "^$en,[0-9a-f]\{64\},unsupported-language,.*,de,,$" "$tmp/out" || fail "--language de: English text judged"
check_error "--language EN" "wants a language code such as en" $PALINT --language EN "$en"
check_error "--language english" "wants a language code such as en" $PALINT --language english "$en"

# --- Rule files declare their languages; several files: the union.
sed 's|<ruleset id="golden"|<ruleset languages="en fr" id="golden"|' "$g/rules.xml" >"$tmp/enfr.xml"
run_want 0 -f csv -l document --rules "$tmp/enfr.xml" "$fr" "$es"
grep -q "^$fr,[0-9a-f]\{64\},ok,.*,fr,,.*fr [0-9]*%" "$tmp/out" || { cat "$tmp/out" >&2; fail "languages=\"en fr\": French not judged"; }
grep -q "^$es,.*,\"language es (Spanish) is not covered by the rules (en, fr); no verdict\",es,,$" "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "languages=\"en fr\": Spanish judged, or wrong message"; }
printf '<ruleset id="more" version="1" title="More" languages="es"/>\n' >"$tmp/es.xml"
run_want 0 -f csv -l document --rules "$g/rules.xml" --rules "$tmp/es.xml" "$fr" "$es"
grep -q "^$es,[0-9a-f]\{64\},ok," "$tmp/out" || fail "union of languages: Spanish not judged"
grep -q "^$fr,.*(en, es); no verdict\",fr,,$" "$tmp/out" || fail "union of languages: wrong message for French"
printf '<ruleset id="bad" version="1" title="Bad" languages="English"/>\n' >"$tmp/bad.xml"
check_error "languages=English" "bad.xml:1: .*languages" $PALINT rules check "$tmp/bad.xml"

# --- Not policy text: scored, flagged, warned; a policy with one
# placeholder is not.
run_want 0 -f csv -l document "$fx/template.md" "$fx/readme.md" "$fx/lorem.txt" "$en"
for f in template.md readme.md lorem.txt; do
	grep -q "^$fx/$f,[0-9a-f]\{64\},ok,.*not policy text: .*,not-policy-text,[^,]*$" "$tmp/out" ||
	    { cat "$tmp/out" >&2; fail "$f: not flagged"; }
	grep -q "^palint: $fx/$f: warning: not policy text: " "$tmp/err" || fail "$f: no warning on stderr"
done
grep -q "^$en,[0-9a-f]\{64\},ok,.*,en,,en 100%$" "$tmp/out" || fail "policy.txt flagged"
grep -q 'first ""\[Insert country name\]""' "$tmp/out" || fail "template: the placeholder is not quoted"
run_want 0 -f xml -o "$tmp/flags.xml" "$fx/template.md" "$en"
validate_report "$tmp/flags.xml"
n=$("$XMLLINT" --xpath "count(//document[@flags='not-policy-text'])" "$tmp/flags.xml")
[ "$n" = 1 ] || fail "xml: $n flagged documents, want 1"

# --- HTML: the document without verdict has its reason, not scores (the
# report once crashed on its missing objectives); the mean is of the judged.
run_want 0 -f html -o "$tmp/r.html" "$en" "$de"
grep -q "<strong>No verdict:</strong> $node</td></tr>" "$tmp/r.html" ||
    fail "html: no no-verdict row"
grep -q "<strong>No verdict</strong> (unsupported-language): $node</p>" "$tmp/r.html" ||
    fail "html: no no-verdict section"
grep -q ", 1 without verdict (language); mean overall" "$tmp/r.html" ||
    fail "html: totals"
run_want 0 -f csv -l document -o "$tmp/doc.csv" "$en"
m=$(tr -d '\r' <"$tmp/doc.csv" | awk -F, 'NR == 2 { print $4 }')
grep -q "mean overall $m%" "$tmp/r.html" || fail "html: mean overall not of the judged document ($m%)"

# --- explain ID DOCUMENT: a document without verdict says so (it once
# crashed on the missing objectives).
set +e
$PALINT explain AA1.1 "$de" >"$tmp/out" 2>"$tmp/err"
got=$?
set -e
[ "$got" = 0 ] || { cat "$tmp/err" >&2; fail "explain: exit $got, want 0"; }
grep -qx "  unsupported-language: $node" "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "explain: no unsupported-language line"; }

# --- diff: a draft without verdict on either side is not compared (no
# score of zero, not worse), and every format and stderr say which side.
old=$top_srcdir/fixtures/diff/old/strategy.md
difftext() {
	set +e
	$PALINT diff "$@" >"$tmp/out.crlf" 2>"$tmp/err"
	got=$?
	set -e
	tr -d '\r' <"$tmp/out.crlf" >"$tmp/out"
	[ "$got" = 0 ] || { cat "$tmp/err" >&2; fail "diff: exit $got, want 0: $*"; }
}
difftext -f text "$old" "$de"
grep -qx "$de: no verdict, not compared: new: $node" "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "diff text: no no-verdict line"; }
grep -q "(worse)" "$tmp/out" && fail "diff text: worse"
grep -q ", 1 without verdict$" "$tmp/out" || fail "diff text: total"
grep -q "^palint: $de: no verdict, not compared: new: $node$" "$tmp/err" ||
    fail "diff: stderr silent"
difftext -f text "$de" "$old"
grep -qx "$old: no verdict, not compared: old: $node" "$tmp/out" ||
    fail "diff text: the old side without verdict"
difftext -f csv "$old" "$de"
grep -qx "$de,,no-verdict,,,,,,,\"new: $node\"" "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "diff csv: no no-verdict row"; }
difftext -f xml "$old" "$de"
"$XMLLINT" --noout --relaxng "$top_srcdir/rules/palint-diff.rng" "$tmp/out" ||
    fail "diff xml: does not validate"
n=$("$XMLLINT" --xpath "count(//document[@change='no-verdict'][not(@overall-after)][not(@worse)][message])" "$tmp/out")
[ "$n" = 1 ] || fail "diff xml: $n no-verdict documents, want 1"

# --- The corpus: each document's language is the one its name says, and
# no document is flagged (they are all policy, law or guidance).
if [ -d "$corpus" ]; then
	find "$corpus" -type f ! -name SOURCES.md | sort >"$tmp/all"
	$PALINT -q -f csv -l document --files-from "$tmp/all" >"$tmp/corpus.crlf" || [ $? = 1 ] ||
	    fail "corpus scan"
	tr -d '\r' <"$tmp/corpus.crlf" >"$tmp/corpus.csv"
	# The last columns: language, flags, languages (a mix such as
	# "fr 91%, en 9%" is quoted; taken off first).
	awk -F, 'NR > 1 {
		sub(/,"[^"]*"$/, ",mix")
		want = "en"
		if ($1 ~ /-fr\.[a-z]+$/) want = "fr"
		if ($1 ~ /-es\.[a-z]+$/) want = "es"
		if ($1 ~ /-pt\.[a-z]+$/) want = "pt"
		# Two-column extraction interleaved its letters (SOURCES.md):
		# too garbled to tell is a fair answer.
		if ($1 ~ /ghana-.*-2015\.txt$/ && $(NF - 2) == "und") want = "und"
		if ($(NF - 2) != want) { print $1 ": language " $(NF - 2) ", want " want; bad = 1 }
		if ($(NF - 1) != "") { print $1 ": flagged " $(NF - 1); bad = 1 }
	} END { exit bad }' "$tmp/corpus.csv" >&2 || fail "corpus: languages or flags wrong (see above)"
fi
exit 0
