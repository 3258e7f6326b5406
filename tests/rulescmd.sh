#!/bin/sh
# The rules commands: list, check, test, export and explain, on the golden
# rule set (stable) and on the built-in one.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

g=$top_srcdir/fixtures/golden/rules.xml

$PALINT rules list "$g" >"$tmp/list"
head -1 "$tmp/list" | grep -q '^golden 1: Golden test rules (5 objectives, 9 rules)$' || fail "rules list header: $(head -1 "$tmp/list")"
grep -q '^  AA2.1  *Trusted flow of data (1 support, 1 conflict, min-rules 2)$' "$tmp/list" || fail "rules list objective line"

$PALINT rules test "$g" >"$tmp/test"
[ "$(cat "$tmp/test")" = "18 passed, 0 failed" ] || fail "rules test: $(cat "$tmp/test")"
$PALINT rules check "$g" | grep -q ': ok$' || fail "rules check"

# rules check warns, at its line, about a regex the one-pass prefilter
# cannot take: one with no safe superset ("\p{Lu}" has no byte-mode form
# for the text with its white space folded), and one whose superset holds
# less than two fixed bytes ("%" would wake at every percent sign), but not
# about one that ends with "$" (the prefilter drops it).  The rules still
# pass.
sed 's|<term>submarine cable</term>|&\
        <regex>\\bcables?\\b\|%</regex>\
        <regex>\\bsubmarine cables?$</regex>\
        <regex>\\bsubmarine \\p{Lu}\\w+</regex>|' "$g" >"$tmp/weak.xml"
$PALINT rules check "$g" 2>"$tmp/err" >/dev/null
if ! grep -q "$hs_notice" "$tmp/err"; then
	[ ! -s "$tmp/err" ] || fail "rules check on the golden rules: $(cat "$tmp/err")"
	$PALINT rules check "$tmp/weak.xml" 2>"$tmp/err" | grep -q ': ok$' ||
		fail "rules check with weak regexes: not ok"
	cat >"$tmp/want" <<EOT
$tmp/weak.xml:43: rule AA1.3.subsea-cable: warning: regex "\\bcables?\\b|%" has a prefilter expression with fewer than 2 fixed bytes ("%"); PCRE2 alone searches for it
$tmp/weak.xml:45: rule AA1.3.subsea-cable: warning: regex "\\bsubmarine \\p{Lu}\\w+" has no prefilter expression; PCRE2 alone searches for it
EOT
	diff "$tmp/want" "$tmp/err" >&2 || fail "rules check: prefilter warnings"
fi

# The golden rules with one more regex, $2 as written, in
# AA1.3.subsea-cable: $tmp/$1.xml.
rules_with_regex() {
	RE="$2" awk '{ print }
	    /<term>submarine cable<\/term>/ {
		print "        <regex>" ENVIRON["RE"] "</regex>"
	    }' "$g" >"$tmp/$1.xml"
}

# Scan $tmp/$1.txt with $tmp/$1.xml, with the prefilter or without it
# ($2 --no-prefilter): evidence in $tmp/$1.csv.
scan_evidence() {
	$PALINT scan ${2-} -q -r "$tmp/$1.xml" -f csv -o /dev/null \
	    --evidence "$tmp/$1.csv" "$tmp/$1.txt" || [ $? = 1 ] ||
		fail "scan of $1.txt ${2-}"
}

# A space written in a regex matches a line break, so a phrase wrapped over
# two lines of a document is found, with and without the prefilter (which
# reads each run of white space as one space: line breaks, tabs, no-break
# spaces and runs of them alike); rules check still shows the regex as
# written.
rules_with_regex wrap '\bundersea fibre link'
printf 'Title\n\nWe will fund the undersea\nfibre link to the islands, and the\nundersea \302\240\n  fibre\tlink to the coast.\n' >"$tmp/wrap.txt"
for pf in "" --no-prefilter; do
	scan_evidence wrap $pf
	[ "$(grep -c 'AA1.3.subsea-cable.*undersea' "$tmp/wrap.csv")" = 2 ] ||
		fail "a regex phrase wrapped over two lines not found $pf"
done
sed 's|fibre link|fibre  link|' "$tmp/wrap.xml" |
    sed 's|\\bundersea fibre  link|\\bundersea (fibre|' >"$tmp/wrapbad.xml"
$PALINT rules check "$tmp/wrapbad.xml" >/dev/null 2>"$tmp/err" && fail "bad regex accepted"
grep -q 'regex error at offset 17:' "$tmp/err" ||
	fail "regex error not at its offset as written: $(cat "$tmp/err")"

# Scanning $tmp/$1.txt with $tmp/$1.xml finds one hit, at line,column $2,
# with the prefilter and without it; else fail with $3.
one_hit_at() {
	for pf in "" --no-prefilter; do
		scan_evidence "$1" $pf
		[ "$(grep -c 'AA1.3.subsea-cable' "$tmp/$1.csv")" = 1 ] ||
			fail "$3 $pf: $(cat "$tmp/$1.csv")"
		grep -q "AA1.3.subsea-cable,.*,$2," "$tmp/$1.csv" ||
			fail "$3: not at line,column $2 $pf: $(cat "$tmp/$1.csv")"
	done
}

# ^ and $ in a regex match at the start and end of the sentence it is
# searched in, in a scanned document as in palint eval (where each row is
# its own text): a sentence that begins mid-line is found, the same words
# inside a sentence are not, with and without the prefilter.
rules_with_regex caret '^undersea fibre\b'
printf 'Title\n\nWe met. Undersea fibre reaches the islands. We fund\nundersea fibre too. The undersea fibre is old.\n' >"$tmp/caret.txt"
one_hit_at caret 3,9 "^ does not mean the start of a sentence"
printf 'doc\tline\tlabels\tsentence\nx\t1\tAA1.3\tUndersea fibre reaches the islands.\nx\t2\tnone\tThe undersea fibre is old.\n' >"$tmp/caret.tsv"
$PALINT eval -r "$tmp/caret.xml" -f csv "$tmp/caret.tsv" >"$tmp/caret.out"
grep -q '^objective,AA1.3,1,0,0,' "$tmp/caret.out" ||
	fail "^ in palint eval: $(grep AA1.3 "$tmp/caret.out")"

# The same for $: the end of the sentence, not of the line or the text.
rules_with_regex dollar '\bthe islands\.?$'
printf 'Title\n\nWe fund the islands grid. Fibre reaches the islands. Near\nthe islands\nwe dig.\n' >"$tmp/dollar.txt"
one_hit_at dollar 3,41 "\$ does not mean the end of a sentence"

# Every built-in pattern goes through the one-pass prefilter, except the
# few whose only fixed text is a "%" sign: a vocabulary that fell back to
# PCRE2 alone would be searched in every sentence its rules look at.
$PALINT rules check >/dev/null 2>"$tmp/builtin.err" || fail "rules check of the built-in rules"
grep 'PCRE2 alone' "$tmp/builtin.err" | grep -v 'fewer than 2 fixed bytes ("%")' >"$tmp/builtin.weak" || :
[ ! -s "$tmp/builtin.weak" ] || fail "built-in patterns the prefilter does not take: $(cat "$tmp/builtin.weak")"

# A failing example is reported as path:line and refuses the rule set.
sed 's|<example hit="no">The vendor was paid on time.</example>|<example hit="no">Buy from a trusted vendor.</example>|' "$g" >"$tmp/bad.xml"
set +e
$PALINT rules test "$tmp/bad.xml" >"$tmp/out" 2>"$tmp/err"
got=$?
set -e
[ "$got" = 2 ] || fail "rules test with a failing example: exit $got"
grep -q "^$tmp/bad.xml:[0-9]*: rule AA1.1.trusted-vendor: example should not match but does$" "$tmp/err" || fail "failing example message: $(cat "$tmp/err")"
[ "$(cat "$tmp/out")" = "17 passed, 1 failed" ] || fail "failing example summary: $(cat "$tmp/out")"
expect_status 2 $PALINT rules check "$tmp/bad.xml" 2>/dev/null

# export --patterns: one PCRE2 pattern per anchor, usable by grep -P.
$PALINT rules export --patterns -r "$g" >"$tmp/patterns"
[ "$(wc -l <"$tmp/patterns")" = 17 ] || fail "export: $(wc -l <"$tmp/patterns") patterns, want 17"
if echo "Norland pilots Open RAN." | LC_ALL=C.UTF-8 grep -P '' >/dev/null 2>&1; then
	LC_ALL=C.UTF-8 grep -zP "$(grep -i 'open' "$tmp/patterns" | head -1)" >/dev/null <<EOT || fail "an exported pattern does not match with grep -P"
Norland pilots Open
RAN.
EOT
fi

# explain: rule, objective, area; an unknown id is an error.
$PALINT explain -r "$g" AA2.1.localisation | grep -q 'unless in the same sentence' || fail "explain rule"
$PALINT explain -r "$g" AA1.3 | grep -q 'covered when 2 support rules' || fail "explain objective"
$PALINT explain -r "$g" AA3 | grep -q 'AA3.6' || fail "explain area"
expect_status 2 $PALINT explain -r "$g" AA9.9 2>/dev/null

# The built-in rule set: every objective of the strategy, every example passes.
$PALINT rules list >"$tmp/default"
n=$(grep -c '^  [PA]' "$tmp/default")
[ "$n" = 27 ] || fail "built-in rules: $n objectives, want 27"
$PALINT rules test | grep -q ' 0 failed$' || fail "built-in rules: a failing example"

# rules check --corpus reads the corpus as a scan does: the members of a zip
# there are documents, with the findings the files themselves give.
ev=$top_srcdir/fixtures/eval
mkdir "$tmp/files" "$tmp/zipped"
cp "$ev"/corpus/*.txt "$tmp/files/"
zip_dir "$tmp/files" "$tmp/zipped/docs.zip"
expect_status 1 $PALINT rules check --corpus "$tmp/files" "$ev/rules.xml" \
	>"$tmp/files.out"
expect_status 1 $PALINT rules check --corpus "$tmp/zipped" "$ev/rules.xml" \
	>"$tmp/zipped.out"
grep -q '^1 findings on 4 documents (0 could not be read)$' "$tmp/zipped.out" ||
	fail "rules check on a zipped corpus: $(cat "$tmp/zipped.out")"
cmp -s "$tmp/files.out" "$tmp/zipped.out" ||
	fail "rules check: a zipped corpus gives other findings"
