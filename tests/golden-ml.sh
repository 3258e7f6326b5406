#!/bin/sh
# Golden tests in French, Spanish and Portuguese: three short strategies
# written for the tests, each with one sentence that adopts a restrictive
# measure, scanned with the built-in rules.  Checked first for what they
# were written to show (their language, every hit in it, the one conflict
# sentence and the objective it contradicts, objectives found), then byte
# for byte against fixtures/golden-ml/expected (PALINT_UPDATE=1 rewrites
# those; review the diff).
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

g=$top_srcdir/fixtures/golden-ml
docs="strategie-fr.md estrategia-es.md estrategia-pt.md"
csvdump=$top_builddir/tests/csvdump

run() {
	name=$1
	shift
	set +e
	(cd "$g" && $PALINT --no-progress "$@" $docs) >"$tmp/$name" 2>"$tmp/$name.err"
	got=$?
	set -e
	# Exit 1: each fixture holds an error-level conflict.
	[ "$got" = 1 ] || { cat "$tmp/$name.err" >&2; fail "$name: exit $got, want 1"; }
}

run report.txt -f text
run report.csv -f csv -e "$tmp/evidence.csv"
run document.csv -f csv -l document
"$csvdump" "$tmp/evidence.csv" >"$tmp/ev.dump"
"$csvdump" "$tmp/document.csv" >"$tmp/doc.dump"

# doc LANG CONFLICT-OBJECTIVE
check_doc() {
	doc=$1 lang=$2 want=$3
	got=$(awk -F'\t' -v d="$doc" '$2 == d { print $12 }' "$tmp/doc.dump")
	[ "$got" = "$lang" ] || fail "$doc: language '$got', want $lang"
	# Every hit in the document's language.
	n=$(awk -F'\t' -v d="$doc" -v l="$lang" '$2 == d && $21 != l' "$tmp/ev.dump" | wc -l)
	[ "$n" = 0 ] || fail "$doc: $n hits not in $lang"
	# The conflicts all come from the one sentence written as one.
	lines=$(awk -F'\t' -v d="$doc" '$2 == d && $6 == "conflict" { print $8 }' \
	    "$tmp/ev.dump" | sort -u)
	[ "$(echo "$lines" | grep -c .)" = 1 ] ||
		fail "$doc: conflicts on lines '$lines', want one sentence"
	awk -F'\t' -v d="$doc" -v o="$want" \
	    '$2 == d && $6 == "conflict" && $4 == o { f = 1 } END { exit !f }' \
	    "$tmp/ev.dump" || fail "$doc: no conflict on $want"
	# Support found for many objectives, in the document's own words.
	n=$(awk -F'\t' -v d="$doc" '$2 == d && $6 == "support" { print $4 }' \
	    "$tmp/ev.dump" | sort -u | wc -l)
	[ "$n" -ge 10 ] || fail "$doc: support for $n objectives, want at least 10"
}
check_doc strategie-fr.md fr AA2.1
check_doc estrategia-es.md es AA2.5
check_doc estrategia-pt.md pt AA1.1

for f in report.txt report.csv evidence.csv; do
	if [ "${PALINT_UPDATE:-0}" = 1 ]; then
		mkdir -p "$g/expected"
		cp "$tmp/$f" "$g/expected/$f"
		continue
	fi
	cmp -s "$g/expected/$f" "$tmp/$f" || {
		diff -u "$g/expected/$f" "$tmp/$f" >&2 || true
		fail "$f differs from fixtures/golden-ml/expected/$f"
	}
done
exit 0
