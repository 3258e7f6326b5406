#!/bin/sh
# Golden tests: the fixtures in fixtures/golden/ scanned with their own
# stable rule set, every report format compared byte for byte with the
# expected files.  PALINT_UPDATE=1 rewrites the expected files instead
# (make update-golden); review the diff before committing it.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

g=$top_srcdir/fixtures/golden
docs="partner-draft.md negation.txt utf16.txt cp1252.txt kinds.txt"
csvdump=$top_builddir/tests/csvdump

# name, exit status wanted, then palint's options; run inside $g so that
# the paths in the reports are short and stable.
run_case() {
	name=$1 want=$2
	shift 2
	set +e
	(cd "$g" && $PALINT --rules rules.xml --no-progress "$@" $docs) \
		>"$tmp/$name" 2>"$tmp/$name.err"
	got=$?
	set -e
	[ "$got" = "$want" ] || { cat "$tmp/$name.err" >&2; fail "$name: exit $got, want $want"; }
	if [ "${PALINT_UPDATE:-0}" = 1 ]; then
		cp "$tmp/$name" "$g/expected/$name"
		return
	fi
	cmp -s "$g/expected/$name" "$tmp/$name" || {
		diff -u "$g/expected/$name" "$tmp/$name" >&2 || true
		fail "$name differs from fixtures/golden/expected/$name"
	}
}

mkdir -p "$g/expected"
run_case report.txt 1 -f text
run_case report.csv 1 -f csv
run_case report-area.csv 1 -f csv --level area
run_case report-document.csv 1 -f csv --level document
run_case report.xml 1 -f xml
(cd "$g" && $PALINT --rules rules.xml -f csv -j 2 $docs) >"$tmp/report-j2.csv" || [ $? = 1 ] || fail "-j 2 run"
cmp -s "$tmp/report.csv" "$tmp/report-j2.csv" || fail "-j 2 report differs from -j 1"

# Evidence goes to its own file.
(cd "$g" && $PALINT --rules rules.xml -f csv -o "$tmp/ignored.csv" \
	--evidence "$tmp/evidence.csv" $docs) || [ $? = 1 ] || fail "evidence run"
if [ "${PALINT_UPDATE:-0}" = 1 ]; then
	cp "$tmp/evidence.csv" "$g/expected/evidence.csv"
	exit 0
fi
cmp -s "$g/expected/evidence.csv" "$tmp/evidence.csv" || fail "evidence.csv differs"
cmp -s "$tmp/ignored.csv" "$tmp/report.csv" || fail "-o output differs from stdout"

# Every XML report validates against the shipped schema.
validate_report "$tmp/report.xml"

# Every CSV re-read by libcsv's parser: same field count on every row, and
# the verdicts the fixtures were written to produce.
for f in report.csv report-area.csv report-document.csv evidence.csv; do
	"$csvdump" "$tmp/$f" >"$tmp/$f.dump" || fail "$f is not valid CSV"
	n=$(awk -F'\t' '{ print $NF }' "$tmp/$f.dump" | sort -u | wc -l)
	[ "$n" = 1 ] || fail "$f: rows with different field counts"
done
cell() { # file document objective column -> value
	awk -F'\t' -v d="$2" -v o="$3" -v c="$4" \
		'$2 == d && $5 == o { print $(c + 1) }' "$tmp/$1.dump"
}
# A conflict stands beside the status: AA2.1 keeps its (absent) coverage.
[ "$(cell report.csv partner-draft.md AA2.1 6)" = absent ] || fail "partner-draft AA2.1: conflict changed its status"
[ "$(cell report.csv partner-draft.md AA2.1 14)" = error ] || fail "partner-draft AA2.1: no error-level conflict"
[ "$(cell report.csv partner-draft.md AA2.1 15)" = 1 ] || fail "partner-draft AA2.1: conflicts not counted"
[ "$(cell report.csv kinds.txt AA2.1 6)" = covered ] || fail "kinds.txt AA2.1: conflict erased coverage"
[ "$(cell report.csv kinds.txt AA2.1 14)" = error ] || fail "kinds.txt AA2.1: conflict not reported"
[ "$(cell report.csv partner-draft.md AA1.1 6)" = covered ] || fail "partner-draft AA1.1 not covered"
[ "$(cell report.csv partner-draft.md AA3.6 6)" = covered ] || fail "partner-draft AA3.6 not covered"
[ "$(cell report.csv partner-draft.md AA1.3 6)" = absent ] || fail "partner-draft AA1.3 not absent"
[ "$(cell report.csv negation.txt AA1.3 6)" = partial ] || fail "negation.txt: excepted cable hit still counted"
[ "$(cell report.csv negation.txt AA2.1 6)" = absent ] || fail "negation.txt: rejected localisation counted"
[ "$(cell report.csv utf16.txt AA1.3 6)" = covered ] || fail "utf16.txt not decoded"
[ "$(cell report.csv cp1252.txt P1 8)" = 1 ] || fail "cp1252.txt not decoded"
[ "$(cell report.csv cp1252.txt P1 6)" = partial ] || fail "cp1252.txt P1: a mention alone should not cover"
# Titling, listing and defining sentences count little or nothing.
[ "$(cell report.csv kinds.txt AA1.3 6)" = partial ] || fail "kinds.txt AA1.3 not partial"
[ "$(cell report.csv kinds.txt AA1.3 16)" = 0.40 ] || fail "kinds.txt AA1.3: evidence not 0.40"
[ "$(cell report.csv kinds.txt P1 6)" = absent ] || fail "kinds.txt P1: a bullet term counted"
for k in contents heading definition terms acknowledgement statement; do
	awk -F'\t' -v k="$k" '$2 == "kinds.txt" && $15 == k' \
		"$tmp/evidence.csv.dump" | grep -q . ||
		fail "kinds.txt: no hit in a sentence of kind $k"
done
# The phrase split over a line break ("open radio access / network") matched.
grep -q 'AA1.1.open-ran' "$tmp/evidence.csv" || fail "phrase across a line break not matched"
# A curly apostrophe from UTF-16 and from Windows-1252 stays one character.
grep -q 'Norland’s' "$tmp/evidence.csv" || fail "apostrophe lost in decoding"
grep -q 'cp1252.txt: warning: ' "$tmp/report.txt" || fail "no warning for Windows-1252 input"
