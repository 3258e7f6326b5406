#!/bin/sh
# The built-in rules measured on ../shared/eval/dev-sentences.tsv: a
# regression guard, skipped with a message when the set is absent.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

# Area-level micro-F1 of the default rules on ../shared/eval/dev-sentences.tsv
# when the floor was last set; the test fails when a change of the rules
# loses more than 0.02 of it.  Raise it as the rules improve.
FLOOR_AREA_MICRO_F1=0.807

# The development set, with the default rules: a regression guard.
dev=$eval_dir/dev-sentences.tsv
[ -f "$dev" ] || skip "$dev not found; development-set check not run"
$PALINT eval -f csv "$dev" >"$tmp/out.raw" || fail "palint eval on the dev set failed"
tr -d '\r' <"$tmp/out.raw" >"$tmp/out"
f1=$(awk -F, '$1 == "area" && $2 == "micro" { print $8 }' "$tmp/out")
[ -n "$f1" ] || fail "dev-set: no area micro row"
echo "dev set: area-level micro-F1 $f1 (floor $FLOOR_AREA_MICRO_F1)" >&2
awk -v f1="$f1" -v floor="$FLOOR_AREA_MICRO_F1" \
	'BEGIN { exit !(f1 + 0.02 + 1e-9 >= floor) }' ||
	fail "dev-set: area-level micro-F1 $f1 is more than 0.02 below $FLOOR_AREA_MICRO_F1"
exit 0
