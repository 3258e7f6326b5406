#!/bin/sh
# eval.sh -- `palint eval`: exact counts on a tiny labelled set whose
# answers were worked out by hand (fixtures/eval), document ratings against
# scores, the error exits, and a regression guard on the development set.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"


fx=$top_srcdir/fixtures/eval

# run_ok NAME CMD...: exit 0, nothing on stderr (see stderr_clean), CSV line
# ends made LF.
run_ok() {
	name=$1
	shift
	"$@" >"$tmp/out.raw" 2>"$tmp/err" ||
		{ cat "$tmp/err" >&2; fail "$name: exit status $?"; }
	stderr_clean "$tmp/err" || { cat "$tmp/err" >&2; fail "$name: stderr"; }
	tr -d '\r' <"$tmp/out.raw" >"$tmp/out"
}


# Eleven sentences: per objective, area and conflict, every count below
# follows from fixtures/eval/rules.xml and labels.tsv (see the sentences).
run_ok labels-csv $PALINT eval -r "$fx/rules.xml" -f csv "$fx/labels.tsv"
cat >"$tmp/want" <<'WANT'
level,id,tp,fp,fn,precision,recall,f1,support
objective,P1,1,0,0,1.000,1.000,1.000,1
objective,AA1.1,1,0,2,1.000,0.333,0.500,3
objective,AA1.3,1,2,0,0.333,1.000,0.500,1
objective,AA2.1,1,0,0,1.000,1.000,1.000,1
objective,micro,4,2,2,0.667,0.667,0.667,6
objective,macro,,,,0.833,0.833,0.750,6
area,P,1,0,0,1.000,1.000,1.000,1
area,AA1,3,1,1,0.750,0.750,0.750,4
area,AA2,1,0,0,1.000,1.000,1.000,1
area,micro,5,1,1,0.833,0.833,0.833,6
area,macro,,,,0.917,0.917,0.917,6
conflict,P1,0,0,0,0.000,0.000,0.000,0
conflict,AA1.1,0,0,0,0.000,0.000,0.000,0
conflict,AA1.3,0,0,0,0.000,0.000,0.000,0
conflict,AA2.1,1,1,1,0.500,0.500,0.500,2
conflict,micro,1,1,1,0.500,0.500,0.500,2
conflict-area,P,0,0,0,0.000,0.000,0.000,0
conflict-area,AA1,0,0,0,0.000,0.000,0.000,0
conflict-area,AA2,1,1,1,0.500,0.500,0.500,2
conflict-area,micro,1,1,1,0.500,0.500,0.500,2
WANT
diff -u "$tmp/want" "$tmp/out" || fail "labels: CSV differs"
# An independent reader sees nine fields in every record.
csvdump=$top_builddir/tests/csvdump
if [ -x "$csvdump" ]; then
	"$csvdump" "$tmp/out.raw" >"$tmp/dump" || fail "labels: CSV does not parse"
	awk -F'\t' '$NF != "#9" { exit 1 }' "$tmp/dump" ||
		fail "labels: a CSV record without nine fields"
fi

# The text report names the sentences and the rule behind a false hit.
run_ok labels-text $PALINT eval -r "$fx/rules.xml" -f text "$fx/labels.tsv"
grep -q '^  cables.txt:9  predicted AA1.3, labelled none$' "$tmp/out" ||
	fail "labels: false positive cables.txt:9 not listed"
grep -q '^    rules: AA1.3.subsea-cable$' "$tmp/out" ||
	fail "labels: rule of a false positive not named"
grep -q '^  data.txt:40  predicted none, labelled !AA2.1$' "$tmp/out" ||
	fail "labels: missed conflict data.txt:40 not listed"
grep -q '^  AA1.3.subsea-cable  *fp   2  tp   1  precision 0.333$' \
	"$tmp/out" || fail "labels: noisy rule table"

# Ratings against scores: Spearman by hand, e.g. AA1 ranks 4 3 1 2 against
# 4 3 1.5 1.5 give 4.5 / sqrt(5 * 4.5) = 0.949.
run_ok documents $PALINT eval -r "$fx/rules.xml" -f csv \
	--documents "$fx/ratings.tsv" --corpus "$fx/corpus"
tail -n 4 "$tmp/out" >"$tmp/rho"
cat >"$tmp/want" <<'WANT'
area,,AA1,,,4,0.949
area,,AA2,,,4,0.775
area,,P,,,4,0.894
overall,,,,,12,0.850
WANT
diff -u "$tmp/want" "$tmp/rho" || fail "documents: rho differs"
grep -q '^document,cables.txt,AA1,2,0.500,,$' "$tmp/out" ||
	fail "documents: score of cables.txt"

# Verdicts against objectives_addressed: three of the six objectives listed
# are covered, the other three partial on mentions alone, none unlisted;
# the localisation conflict is the one "!AA2.1".
run_ok documents-text $PALINT eval -r "$fx/rules.xml" \
	--documents "$fx/ratings.tsv" --corpus "$fx/corpus"
grep -q '^Verdicts against objectives_addressed (4 documents)$' "$tmp/out" ||
	fail "documents: no verdict table"
grep -q '^  covered  *3  *0  *3  *1\.000  *0\.500$' "$tmp/out" ||
	fail "documents: covered verdicts"
grep -q '^  covered or partial  *6  *0  *0  *1\.000  *1\.000$' "$tmp/out" ||
	fail "documents: covered or partial verdicts"
grep -q '^  conflict (!ID)  *1  *0  *0  *1\.000  *1\.000$' "$tmp/out" ||
	fail "documents: conflict verdicts"

# A rated document that is missing: named on stderr, the rest reported,
# exit 2.
cp "$fx/ratings.tsv" "$tmp/ratings.tsv"
printf 'gone.txt\t1\t1\t1\t\tmissing\n' >>"$tmp/ratings.tsv"
check_error missing-doc "^palint: $fx/corpus/gone.txt: " $PALINT eval \
	-r "$fx/rules.xml" -f csv --documents "$tmp/ratings.tsv" \
	--corpus "$fx/corpus"
grep -q '^overall,,,,,12,0.850' "$tmp/out" ||
	fail "missing-doc: the other documents were not reported"

# Bad input: path:line: message, exit 2, no report.
printf 'doc\tline\tlabels\tsentence\nx.txt\t1\tAA1.1\n' >"$tmp/short.tsv"
check_error short-row "^palint: $tmp/short.tsv:2: expected 4" \
	$PALINT eval -r "$fx/rules.xml" "$tmp/short.tsv"
[ ! -s "$tmp/out" ] || fail "short-row: a report was written"
printf 'doc\tline\tlabels\tsentence\nx.txt\t0\tnone\tA sentence.\n' \
	>"$tmp/line.tsv"
# A fifth column `split`: --split keeps the rows of one split, and the
# figures equal those of a file holding only those rows; without --split
# every row counts, as in the four-column file.
awk -F'\t' 'BEGIN { OFS = "\t" }
	NR == 1 { print $0, "split"; next }
	{ print $0, ($1 == "data.txt" || $1 == "rights.txt") ? "check" : "tune" }' \
	"$fx/labels.tsv" >"$tmp/split.tsv"
awk -F'\t' 'NR == 1 || $1 == "data.txt" || $1 == "rights.txt"' \
	"$fx/labels.tsv" >"$tmp/only-check.tsv"
run_ok split-whole $PALINT eval -r "$fx/rules.xml" -f csv "$tmp/split.tsv"
cp "$tmp/out" "$tmp/split-whole"
run_ok whole $PALINT eval -r "$fx/rules.xml" -f csv "$fx/labels.tsv"
cmp -s "$tmp/out" "$tmp/split-whole" || fail "split column: figures changed"
run_ok split-check $PALINT eval -r "$fx/rules.xml" -f csv --split check \
	"$tmp/split.tsv"
cp "$tmp/out" "$tmp/split-check"
run_ok only-check $PALINT eval -r "$fx/rules.xml" -f csv "$tmp/only-check.tsv"
cmp -s "$tmp/out" "$tmp/split-check" || fail "--split check: not the check rows"
grep -q '^area,micro,' "$tmp/split-check" || fail "--split check: no area row"
cmp -s "$tmp/split-check" "$tmp/split-whole" && fail "--split check: every row counted"
run_ok split-text $PALINT eval -r "$fx/rules.xml" --split tune "$tmp/split.tsv"
grep -q '^palint eval: .*: 6 sentences (split tune; 5 others left out)' \
	"$tmp/out" || fail "--split tune: header does not say what was kept"

check_error bad-line "^palint: $tmp/line.tsv:2: bad line number" \
	$PALINT eval -r "$fx/rules.xml" "$tmp/line.tsv"
printf 'doc\tline\tlabels\tsentence\nx.txt\t3\tAA1.1;;P1\tA sentence.\n' \
	>"$tmp/label.tsv"
check_error bad-label "^palint: $tmp/label.tsv:2: bad label" \
	$PALINT eval -r "$fx/rules.xml" "$tmp/label.tsv"
printf 'doc\tAA7\tP\nx.txt\t1\t2\n' >"$tmp/area.tsv"
check_error bad-area "^palint: $tmp/area.tsv:1: column 'AA7'" \
	$PALINT eval -r "$fx/rules.xml" --documents "$tmp/area.tsv" \
	--corpus "$fx/corpus"
check_error no-file "^palint: $tmp/nope.tsv: " \
	$PALINT eval -r "$fx/rules.xml" "$tmp/nope.tsv"
check_error no-corpus "needs --corpus" \
	$PALINT eval -r "$fx/rules.xml" --documents "$fx/ratings.tsv"
check_error split-no-column "has no split column" \
	$PALINT eval -r "$fx/rules.xml" --split tune "$fx/labels.tsv"
check_error split-none "no row has split 'other'" \
	$PALINT eval -r "$fx/rules.xml" --split other "$tmp/split.tsv"
check_error xml-format "text or csv" \
	$PALINT eval -r "$fx/rules.xml" -f xml "$fx/labels.tsv"
# A zip in the corpus reads as in a scan: its members are documents, rated
# as "archive.zip!member", with the scores of the files themselves.
mkdir "$tmp/zipped"
zip_dir "$fx/corpus" "$tmp/zipped/docs.zip"
awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 { $1 = "docs.zip!" $1 } { print }' \
	"$fx/ratings.tsv" >"$tmp/zipped.tsv"
run_ok zipped-documents $PALINT eval -r "$fx/rules.xml" -f csv \
	--documents "$tmp/zipped.tsv" --corpus "$tmp/zipped"
tail -n 4 "$tmp/out" | cmp -s "$tmp/rho" - || fail "zipped corpus: rho differs"
grep -q '^document,docs.zip!cables.txt,AA1,2,0.500,,$' "$tmp/out" ||
	fail "zipped corpus: score of docs.zip!cables.txt"
# The archive itself and a member it lacks are named, not scored.
printf 'docs.zip\t1\t1\t1\t\twhole\n' >>"$tmp/zipped.tsv"
printf 'docs.zip!gone.txt\t1\t1\t1\t\tmissing\n' >>"$tmp/zipped.tsv"
check_error zipped-whole "^palint: $tmp/zipped/docs.zip: is an archive" \
	$PALINT eval -r "$fx/rules.xml" -f csv --documents "$tmp/zipped.tsv" \
	--corpus "$tmp/zipped"
grep -q "^palint: $tmp/zipped/docs.zip!gone.txt: no such archive member" \
	"$tmp/err" || fail "zipped corpus: missing member not named"
grep -q '^overall,,,,,12,0.850' "$tmp/out" ||
	fail "zipped corpus: the other documents were not reported"

# Twelve missed sentences: the text report lists the ten worst, and every
# one with --all-errors.
{
	printf 'doc\tline\tlabels\tsentence\n'
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		printf 'miss.txt\t%s\tAA1.3\tThe harbour festival opens on day %s.\n' \
		    "$i" "$i"
	done
} >"$tmp/misses.tsv"
run_ok worst-ten $PALINT eval -r "$fx/rules.xml" "$tmp/misses.tsv"
grep -q '^Worst false negatives (10 of 12 sentences)$' "$tmp/out" ||
	fail "worst-ten: heading"
[ "$(grep -c '^  miss.txt:[0-9]*  predicted' "$tmp/out")" -eq 10 ] ||
	fail "worst-ten: not ten sentences listed"
run_ok all-errors $PALINT eval -r "$fx/rules.xml" --all-errors "$tmp/misses.tsv"
grep -q '^Worst false negatives (12 of 12 sentences)$' "$tmp/out" ||
	fail "all-errors: heading"
[ "$(grep -c '^  miss.txt:[0-9]*  predicted' "$tmp/out")" -eq 12 ] ||
	fail "all-errors: not every sentence listed"

exit 0
