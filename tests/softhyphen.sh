#!/bin/sh
# Soft hyphens: a term matches a word broken by one at a line end, and the
# hit is reported at its line and column in the document as written; a
# word broken across a blank line stays broken.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

fx=$top_srcdir/fixtures/softhyphen
$PALINT --language en -r "$fx/rules.xml" -e "$tmp/ev.csv" -o /dev/null \
	"$fx/plan.txt" 2>"$tmp/err" || fail "scan failed: $(cat "$tmp/err")"
stderr_clean "$tmp/err" || fail "stderr not empty: $(cat "$tmp/err")"
# rule, line, column, match
"$top_builddir/tests/csvdump" "$tmp/ev.csv" |
	awk -F'\t' 'NR > 1 { print $3 " " $8 ":" $9 " " $12 }' >"$tmp/got"
cat >"$tmp/want" <<'WANT'
AA1.1.cable 3:30 undersea cables
AA1.1.registry 6:19 registry
AA1.1.cable 7:16 undersea cable
AA1.1.cable 9:39 undersea cables
AA1.1.cable 12:31 undersea cable
WANT
diff "$tmp/want" "$tmp/got" >&2 || fail "hits or their positions differ"

# The extracted text: joined at line ends, dropped inside words, the
# blank line left alone.
$PALINT extract "$fx/plan.txt" >"$tmp/text"
grep -q 'guard the undersea cables that land' "$tmp/text" ||
	fail "word not joined across a line break"
grep -q 'A softhyphen inside' "$tmp/text" || fail "soft hyphen not dropped"
grep -q "$(printf '\302\255')" "$tmp/text" && fail "a soft hyphen is left"
grep -q '^uing after' "$tmp/text" || fail "joined across a blank line"
exit 0
