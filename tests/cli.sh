#!/bin/sh
# The command line an analyst meets: the default format, explain on a
# document, rule files that change the built-in rules, rules export and
# list, --sort, progress over archives, and what messages say.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

g=$top_srcdir/fixtures/golden
rules="--rules $g/rules.xml"
doc=$g/partner-draft.md

# Text is the default whatever stdout is: here it is a pipe.
$PALINT $rules --no-progress "$doc" >"$tmp/default" || [ $? = 1 ]
head -1 "$tmp/default" | grep -q "^$doc: overall " ||
	fail "default format on a pipe: $(head -1 "$tmp/default")"

# explain ID DOCUMENT: hits grouped by rule, line:col, modality, the match
# marked, the section path; ids in any case.
$PALINT explain $rules aa1.1 "$doc" >"$tmp/explain"
grep -q '^AA1.1  Telecommunication networks$' "$tmp/explain" || fail "explain: objective line"
grep -q '^  covered (score 100.0%): 2 of 2 support rules fired (2 needed)' "$tmp/explain" || fail "explain: verdict line"
grep -q '^  AA1.1.trusted-vendor  Trusted vendors$' "$tmp/explain" || fail "explain: rule heading"
grep -q '^    11:55  binding  Mobile operators shall procure 5G equipment only from «trusted vendors» and' "$tmp/explain" ||
	fail "explain: hit line: $(cat "$tmp/explain")"
grep -q '^      in Republic of Norland: Draft National Cyber and Digital Policy 2027 > 2. Networks$' "$tmp/explain" ||
	fail "explain: section path"
grep -q '^not fired:' "$tmp/explain" && fail "explain: every rule of AA1.1 fired"
# An absent objective: the rules that did not fire and what they look for.
$PALINT explain $rules AA1.3 "$doc" >"$tmp/absent"
grep -q '^  absent (score 0.0%): 0 of 2 support rules fired' "$tmp/absent" || fail "explain: absent"
grep -q '^not fired:$' "$tmp/absent" || fail "explain: no 'not fired'"
grep -q '^    looks for "undersea cable", "submarine cable"' "$tmp/absent" ||
	fail "explain: looks for: $(cat "$tmp/absent")"
# One rule only, named in another case.
$PALINT explain $rules AA1.1.OPEN-RAN "$doc" >"$tmp/rule"
grep -q 'AA1.1.open-ran  Open RAN' "$tmp/rule" || fail "explain: rule by id in upper case"
grep -q 'trusted-vendor' "$tmp/rule" && fail "explain: a rule shows other rules"
# Without a document explain still describes.
$PALINT explain $rules aa1.3 | grep -q 'covered when 2 support rules' || fail "explain without a document"
check_error "explain unknown id" '^palint: AA9.9: no such rule, objective or area$' \
	$PALINT explain $rules AA9.9 "$doc"
check_error "explain missing document" "nosuch.txt: " \
	$PALINT explain $rules AA1.1 "$tmp/nosuch.txt"
# Document text is cleaned before it reaches the terminal.
printf 'We will buy from trusted vendors\033]0;pwned\007 now.\n' >"$tmp/esc.txt"
$PALINT explain $rules AA1.1 "$tmp/esc.txt" >"$tmp/esc.out"
grep -q "$(printf '\033')" "$tmp/esc.out" && fail "explain: escape reached the output"
grep -q '«trusted vendors»' "$tmp/esc.out" || fail "explain: hostile document"
# Standard input, named with --stdin-name.
$PALINT explain $rules --stdin-name draft.md AA1.1 - <"$doc" >"$tmp/stdin.out"
head -1 "$tmp/stdin.out" | grep -q '^draft.md$' || fail "explain on stdin: $(head -1 "$tmp/stdin.out")"
grep -q '«open radio access network»' "$tmp/stdin.out" || fail "explain on stdin: no hit"
# An archive: one block per member.
mkdir "$tmp/two"
cp "$doc" "$tmp/two/a.md"
cp "$g/negation.txt" "$tmp/two/b.txt"
zip_dir "$tmp/two" "$tmp/two.zip"
$PALINT explain $rules AA1.1 "$tmp/two.zip" >"$tmp/zip.out"
grep -q "^$tmp/two.zip!a.md$" "$tmp/zip.out" && grep -q "^$tmp/two.zip!b.txt$" "$tmp/zip.out" ||
	fail "explain on an archive: $(cat "$tmp/zip.out")"

# Rule files that change the rules before them: <disable>, replace="yes".
cat >"$tmp/change.xml" <<'EOT'
<?xml version="1.0" encoding="UTF-8"?>
<ruleset id="local" version="1" title="Local changes">
  <disable ref="aa1.1.open-ran"/>
  <area id="P" kind="principle">
    <objective id="P1">
      <rule id="p1.human-rights" title="Freedoms only" replace="yes">
        <description>Fundamental freedoms only.</description>
        <term>fundamental freedom</term>
        <example hit="yes">We uphold fundamental freedoms.</example>
        <example hit="no">We uphold human rights.</example>
      </rule>
    </objective>
  </area>
</ruleset>
EOT
chg="--rules $g/rules.xml --rules $tmp/change.xml"
$PALINT rules list $chg >"$tmp/list"
grep -q "^override: disabled AA1.1.open-ran ($tmp/change.xml:3)$" "$tmp/list" || fail "rules list: disabled: $(cat "$tmp/list")"
grep -q "^override: replaced P1.human-rights ($tmp/change.xml:6)$" "$tmp/list" || fail "rules list: replaced"
grep -q '^  AA1.1  Telecommunication networks (1 support, 0 conflict, min-rules 2)$' "$tmp/list" ||
	fail "rules list: the disabled rule still counts"
$PALINT rules test $chg | grep -q '^16 passed, 0 failed$' || fail "rules test with changes"
$PALINT $chg --no-progress "$doc" >"$tmp/chg.txt" || [ $? = 1 ]
head -1 "$tmp/chg.txt" | grep -q '^rules: golden 1; disabled: AA1.1.open-ran; replaced: P1.human-rights$' ||
	fail "text header: $(head -1 "$tmp/chg.txt")"
$PALINT $chg -f xml -e "$tmp/chg-ev.csv" "$doc" >"$tmp/chg.xml" || [ $? = 1 ]
validate_report "$tmp/chg.xml"
grep -q '<ruleset id="golden" .* disabled="AA1.1.open-ran" replaced="P1.human-rights"/>' "$tmp/chg.xml" ||
	fail "XML header: $(grep '<ruleset' "$tmp/chg.xml")"
grep -q 'open-ran' "$tmp/chg-ev.csv" && fail "a disabled rule still fires"
grep -c ',P1.human-rights,' "$tmp/chg-ev.csv" | grep -q '^1$' || fail "the replaced rule does not match as replaced"
# Unchanged rules: no header line in text, no attributes in XML.
head -1 "$tmp/default" | grep -q '^rules:' && fail "header without overrides"
# Changes must name something defined before them.
sed 's/aa1.1.open-ran/AA1.1.no-such-rule/' "$tmp/change.xml" >"$tmp/bad1.xml"
check_error "disable unknown" "^$tmp/bad1.xml:3: disable: no rule, objective or area \"AA1.1.no-such-rule\" is defined before this$" \
	$PALINT rules check --rules "$g/rules.xml" "$tmp/bad1.xml"
sed 's/id="p1.human-rights"/id="P1.other"/' "$tmp/change.xml" >"$tmp/bad2.xml"
check_error "replace unknown" "^$tmp/bad2.xml:6: rule P1.other: replace=\"yes\" but objective P1 has no such rule to replace$" \
	$PALINT rules check --rules "$g/rules.xml" "$tmp/bad2.xml"
# Without replace="yes" a repeated id is still an error, in any case.
sed 's/ replace="yes"//' "$tmp/change.xml" >"$tmp/bad3.xml"
check_error "duplicate" "^$tmp/bad3.xml:6: rule p1.human-rights: already defined at .*rules.xml:[0-9]+ \(replace=\"yes\" replaces it\)$" \
	$PALINT rules check --rules "$g/rules.xml" "$tmp/bad3.xml"

# An objective replaced whole (title, min-rules, rules), an area disabled.
cat >"$tmp/obj.xml" <<'EOT'
<?xml version="1.0" encoding="UTF-8"?>
<ruleset id="local" version="1" title="Local changes">
  <disable ref="aa3"/>
  <area id="AA1" kind="action-area">
    <objective id="aa1.1" title="Open networks" min-rules="1" replace="yes">
      <rule id="AA1.1.open-only" title="Open RAN only">
        <description>Open RAN.</description>
        <term>open ran</term>
        <example hit="yes">We will pilot Open RAN.</example>
        <example hit="no">The ran was open to all runners.</example>
      </rule>
    </objective>
  </area>
</ruleset>
EOT
$PALINT rules list -r "$g/rules.xml" -r "$tmp/obj.xml" >"$tmp/obj.list"
grep -q '^  AA1.1  Open networks (1 support, 0 conflict, min-rules 1)$' "$tmp/obj.list" ||
	fail "objective replaced: $(cat "$tmp/obj.list")"
grep -q '^AA3 ' "$tmp/obj.list" && fail "area AA3 not disabled"
grep -q "^override: disabled AA3 ($tmp/obj.xml:3)$" "$tmp/obj.list" || fail "area disabled: not listed"
grep -q "^override: replaced AA1.1 ($tmp/obj.xml:5)$" "$tmp/obj.list" || fail "objective replaced: not listed"

# extends="builtin": the built-in rules, then this file's changes.
cat >"$tmp/ext.xml" <<'EOT'
<?xml version="1.0" encoding="UTF-8"?>
<ruleset id="mine" version="1" title="Mine" extends="builtin">
  <disable ref="AA3.5"/>
</ruleset>
EOT
$PALINT rules list -r "$tmp/ext.xml" >"$tmp/ext.list"
$PALINT rules list >"$tmp/builtin.list"
head -1 "$tmp/ext.list" | grep -q '^us-icdps-2024 ' || fail "extends: ruleset id"
grep -q "^the built-in rules, changed by $tmp/ext.xml$" "$tmp/ext.list" || fail "extends: rules list"
[ $(($(grep -c '^  [PA]' "$tmp/builtin.list") - 1)) = "$(grep -c '^  [PA]' "$tmp/ext.list")" ] ||
	fail "extends: AA3.5 not disabled"
$PALINT -r "$tmp/ext.xml" -f xml --no-progress "$doc" >"$tmp/ext.xml.out" || [ $? = 1 ]
grep -q '<ruleset id="us-icdps-2024" .* extends="builtin" disabled="AA3.5"/>' "$tmp/ext.xml.out" || fail "extends: XML header"
check_error "extends not first" 'extends="builtin" must be in the first rule file given' \
	$PALINT rules check -r "$g/rules.xml" -r "$tmp/ext.xml"

# rules export: the built-in rule file, byte for byte.
$PALINT rules export >"$tmp/export.xml"
cmp -s "$tmp/export.xml" "$top_srcdir/rules/us-icdps-2024.xml" || fail "rules export differs"
$PALINT rules export -o "$tmp/export2.xml"
cmp -s "$tmp/export2.xml" "$top_srcdir/rules/us-icdps-2024.xml" || fail "rules export -o differs"
check_error "export with rules" 'rules export writes the built-in rules' $PALINT rules export -r "$g/rules.xml"
# rules export --patterns: every language's anchors, or one language's.
$PALINT rules export --patterns >"$tmp/pat-all"
$PALINT rules export --patterns --language fr >"$tmp/pat-fr"
$PALINT rules export --patterns --language en >"$tmp/pat-en"
[ -s "$tmp/pat-fr" ] && [ -s "$tmp/pat-en" ] || fail "export --patterns --language: empty"
[ $(($(wc -l <"$tmp/pat-fr") + $(wc -l <"$tmp/pat-en"))) -lt "$(wc -l <"$tmp/pat-all")" ] || fail "export --patterns --language: not a part"
grep -q 'x{e8}' "$tmp/pat-en" && fail "export --patterns --language en: accent classes of another language"
grep -q 'x{e8}' "$tmp/pat-fr" || fail "export --patterns --language fr: no accent classes"
check_error "export, unknown language" 'the rules have no language de' $PALINT rules export --patterns --language de

# rules list: min-rules and the legend of the dagger.
grep -Eq '^  P1 .* \([0-9]+ support, [0-9]+ conflict, min-rules 3\)$' "$tmp/builtin.list" || fail "rules list: min-rules"
grep -q '^min-rules: ' "$tmp/builtin.list" || fail "rules list: min-rules legend"
grep -q '^† working title: ' "$tmp/builtin.list" || fail "rules list: dagger legend"

# --sort ranks documents; the default keeps the walk order.
mkdir "$tmp/s"
cp "$doc" "$tmp/s/z-best.md"
cp "$g/negation.txt" "$tmp/s/a-low.txt"
cp "$g/utf16.txt" "$tmp/s/m-mid.txt"
order() {
	$PALINT $rules -f csv --level document "$@" | sed 1d | cut -d, -f1 |
		sed 's|.*/||' | tr '\n' ' '
}
[ "$(order "$tmp/s")" = "a-low.txt m-mid.txt z-best.md " ] || fail "default order: $(order "$tmp/s")"
[ "$(order --sort score "$tmp/s")" = "z-best.md m-mid.txt a-low.txt " ] || fail "--sort score: $(order --sort score "$tmp/s")"
[ "$(order --sort name "$tmp/s/z-best.md" "$tmp/s/a-low.txt")" = "a-low.txt z-best.md " ] || fail "--sort name"
[ "$(order --sort path "$tmp/s/z-best.md" "$tmp/s/a-low.txt")" = "a-low.txt z-best.md " ] || fail "--sort path"
check_error "bad sort key" "unknown sort key 'size' \(score, name or path\)" $PALINT --sort size "$doc"

# Progress counts the members of an archive as documents.
mkdir "$tmp/four"
for i in 1 2 3 4; do echo "Doc $i on trusted vendors." >"$tmp/four/d$i.txt"; done
zip_dir "$tmp/four" "$tmp/four.zip"
$PALINT $rules --progress -f csv "$tmp/four.zip" >/dev/null 2>"$tmp/progress" || [ $? = 1 ]
tr '\r' '\n' <"$tmp/progress" | grep -q '^4/4 documents' || fail "progress: $(cat "$tmp/progress")"

# Messages name the problem once, in palint's words.
check_error "unknown option" "^palint: unknown option '--frobnicate'$" $PALINT --frobnicate "$doc"
[ "$(grep -c palint: "$tmp/err")" = 1 ] || fail "unknown option: more than one message"
check_error "missing value" "^palint: option '-j' wants a value$" $PALINT "$doc" -j
check_error "bad limit" "^palint: --max-file-size wants a number, optionally with a K, M or G suffix, not 'big'$" \
	$PALINT --max-file-size=big "$doc"
check_error "diff option" "^palint: option '--waivers' wants a value$" $PALINT diff "$doc" "$doc" --waivers
check_error "diff unknown" "^palint: unknown option '--frobnicate'$" $PALINT diff --frobnicate "$doc" "$doc"
check_error "rules word" "^palint: 'rules' wants list, check, test or export, not 'lst'$" $PALINT rules lst
exit 0
