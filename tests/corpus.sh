#!/bin/sh
# Every English .txt and .md document of ../shared/corpus scans without
# error, with exactly one CSV row per objective per document, and the
# prefiltered scan finds exactly the hits of the plain PCRE2 scan.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

[ -d "$corpus" ] || skip "no corpus at $corpus (../shared/corpus beside the source tree)"

ls "$corpus" | grep -E '\.(txt|md)$' | grep -Ev -- '-(pt|es|fr)\.(txt|md)$' |
	sed "s|^|$corpus/|" >"$tmp/list"
ndocs=$(wc -l <"$tmp/list")
[ "$ndocs" -gt 40 ] || fail "only $ndocs English text documents found"

set +e
$PALINT -f csv --files-from "$tmp/list" --evidence "$tmp/ev.csv" >"$tmp/report.csv" 2>"$tmp/err"
got=$?
set -e
[ "$got" -le 1 ] || { cat "$tmp/err" >&2; fail "corpus scan exited $got"; }
# The status column (the sixth; csvdump puts a tab first), not the conflict
# column, which says "error" for an error-level conflict.
"$top_builddir/tests/csvdump" "$tmp/report.csv" >"$tmp/report.dump" ||
	fail "report.csv is not valid CSV"
awk -F'\t' '$7 == "error"' "$tmp/report.dump" | grep -q . &&
	fail "a corpus document has status error"

# The one document whose extracted text is mostly letter soup (columns
# interleaved letter by letter) gets no verdict: one row, status
# unreadable; every other one a row per objective.
unreadable=$corpus/ghana-national-cyber-security-policy-strategy-2015.txt
nobj=$($PALINT rules list | grep -c '^  [A-Z]')
rows=$(($(wc -l <"$tmp/report.csv") - 1))
[ "$rows" = $(((ndocs - 1) * nobj + 1)) ] || fail "$rows rows, want $((ndocs - 1)) documents x $nobj objectives + 1"
for f in $(cat "$tmp/list"); do
	n=$(grep -c "^$f," "$tmp/report.csv" || true)
	if [ "$f" = "$unreadable" ]; then
		grep -q "^$f,[0-9a-f]\{64\},,,,unreadable," "$tmp/report.csv" ||
		    fail "$f: not reported unreadable"
		[ "$n" = 1 ] || fail "$f: $n rows, want 1"
	else
		[ "$n" = "$nobj" ] || fail "$f: $n rows, want $nobj"
	fi
done
grep -qx "palint: $unreadable: text mostly unreadable .*; no verdict" "$tmp/err" ||
	{ cat "$tmp/err" >&2; fail "no warning on stderr for the unreadable document"; }

# On every document of the corpus, in every format, the prefiltered scan
# and the plain PCRE2 path give the very same evidence, byte for byte.
find "$corpus" -type f ! -name SOURCES.md | sort >"$tmp/all"
$PALINT -q -f csv --files-from "$tmp/all" --evidence "$tmp/ev-all.csv" >/dev/null || [ $? = 1 ]
$PALINT -q -f csv --no-prefilter --files-from "$tmp/all" --evidence "$tmp/ev-plain.csv" >/dev/null || [ $? = 1 ]
[ "$(wc -l <"$tmp/ev-all.csv")" -gt 1000 ] || fail "suspiciously few hits on the corpus"
cmp -s "$tmp/ev-all.csv" "$tmp/ev-plain.csv" || fail "prefiltered and plain scans differ"

# One worker scans the documents one after another and keeps its candidate
# lists between them: in the reverse order, each document still gets the
# very same evidence.
sort -r "$tmp/all" >"$tmp/all-rev"
$PALINT -q -j1 -f csv --files-from "$tmp/all-rev" --evidence "$tmp/ev-rev.csv" >/dev/null || [ $? = 1 ]
sort "$tmp/ev-plain.csv" >"$tmp/ev-plain.sorted"
sort "$tmp/ev-rev.csv" >"$tmp/ev-rev.sorted"
cmp -s "$tmp/ev-rev.sorted" "$tmp/ev-plain.sorted" ||
	fail "a document's evidence depends on the documents scanned before it"

# The built-in rules discriminate: none fires in more than 90% of the
# corpus documents (rules check --corpus reports such a rule as noise).
$PALINT rules check --corpus "$corpus" >"$tmp/rcheck.out" 2>&1 || [ $? = 1 ]
grep -q ' of [0-9]* documents (noise?)' "$tmp/rcheck.out" &&
	fail "a built-in rule fires in more than 90% of the corpus: $(grep 'noise?' "$tmp/rcheck.out")"
grep -q 'findings on [0-9]* documents (0 could not be read)' "$tmp/rcheck.out" ||
	fail "rules check --corpus did not read the whole corpus: $(tail -3 "$tmp/rcheck.out")"
