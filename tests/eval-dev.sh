#!/bin/sh
# The built-in rules measured on ../shared/eval: a regression guard on the
# held-out `check` split of dev-sentences.tsv, skipped with a message when
# the set is absent.  Figures of the `tune` split and of dev-stance.tsv are
# printed beside them; only `check` is guarded, because rules are written
# from `tune` and its figures say nothing about generalisation.  The
# French, Spanish and Portuguese set dev-sentences-ml.tsv is measured and
# guarded the same way.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

# Micro-F1 of the default rules on the `check` split when the floors were
# last set; the test fails when a change loses more than 0.02 of either.
# Raise them as the rules improve.
FLOOR_CHECK_AREA=0.781
FLOOR_CHECK_OBJECTIVE=0.752
FLOOR_CHECK_CONFLICT=0.690
FLOOR_CHECK_CONFLICT_PRECISION=0.833
# The same for the French, Spanish and Portuguese set.
FLOOR_ML_CHECK_AREA=0.769
FLOOR_ML_CHECK_OBJECTIVE=0.769
# Objectives of Spain's 2013 strategy with the same status in its English
# and Spanish texts.
FLOOR_SPAIN_SAME=24

dev=$eval_dir/dev-sentences.tsv
[ -f "$dev" ] || skip "$dev not found; development-set check not run"

# micro LEVEL FILE [COLUMN]: the micro-F1 (or precision, recall) of LEVEL
# (area, objective, conflict) in the CSV report FILE.
micro() {
	awk -F, -v l="$1" -v c="${3:-f1}" '
	    BEGIN { col = c == "precision" ? 6 : c == "recall" ? 7 : 8 }
	    $1 == l && $2 == "micro" { print $col }' "$2"
}

# measure NAME ARGS...: run palint eval -f csv ARGS into $tmp/NAME.
measure() {
	name=$1
	shift
	$PALINT eval -f csv "$@" >"$tmp/$name.raw" ||
		fail "palint eval $* failed"
	tr -d '\r' <"$tmp/$name.raw" >"$tmp/$name"
	[ -n "$(micro area "$tmp/$name")" ] || fail "$name: no area micro row"
}

measure tune --split tune "$dev"
measure check --split check "$dev"
for s in tune check; do
	echo "dev set, $s: area micro-F1 $(micro area "$tmp/$s")," \
	    "objective $(micro objective "$tmp/$s")," \
	    "conflict $(micro conflict "$tmp/$s")" >&2
done
# Conflicts: the check split has few, so they are measured on the check
# rows of dev-sentences.tsv and dev-stance.tsv together (sentences that
# adopt a restrictive measure, and sentences that only mention, condemn,
# reject or attribute one).
stance=$eval_dir/dev-stance.tsv
if [ -f "$stance" ]; then
	for s in tune check; do
		{
			head -n 1 "$dev"
			awk -F'\t' -v s=$s 'FNR > 1 && $5 == s' "$dev" "$stance"
		} >"$tmp/conflicts-$s.tsv"
		measure conflicts-$s "$tmp/conflicts-$s.tsv"
		f=$tmp/conflicts-$s
		echo "conflicts, $s (with dev-stance.tsv): micro-F1" \
		    "$(micro conflict "$f"), precision" \
		    "$(micro conflict "$f" precision), recall" \
		    "$(micro conflict "$f" recall)" >&2
	done
fi

# guard LEVEL FLOOR [REPORT [COLUMN]]: the check figure of LEVEL (micro-F1,
# or COLUMN: precision, recall) within 0.02 of FLOOR.
guard() {
	f1=$(micro "$1" "$tmp/${3:-check}" "${4:-f1}")
	awk -v f1="$f1" -v floor="$2" 'BEGIN { exit !(f1 + 0.02 + 1e-9 >= floor) }' ||
		fail "dev set, check: $1 micro-${4:-F1} $f1 is more than 0.02 below $2"
}
guard area $FLOOR_CHECK_AREA
guard objective $FLOOR_CHECK_OBJECTIVE
if [ -f "$stance" ]; then
	guard conflict $FLOOR_CHECK_CONFLICT conflicts-check
	guard conflict $FLOOR_CHECK_CONFLICT_PRECISION conflicts-check precision
fi

# French, Spanish and Portuguese: each row read in its document's language.
ml=$eval_dir/dev-sentences-ml.tsv
if [ -f "$ml" ]; then
	for s in tune check; do
		measure ml-$s --split $s "$ml"
		echo "multilingual set, $s: area micro-F1 $(micro area "$tmp/ml-$s")," \
		    "objective $(micro objective "$tmp/ml-$s")" >&2
	done
	guard area $FLOOR_ML_CHECK_AREA ml-check
	guard objective $FLOOR_ML_CHECK_OBJECTIVE ml-check
fi

# The 2013 strategy of Spain in English and in Spanish: the objectives
# whose status is the same in both.
en=$corpus/spain-national-cyber-security-strategy-2013.txt
es=$corpus/spain-estrategia-ciberseguridad-nacional-2013-es.txt
if [ -f "$en" ] && [ -f "$es" ]; then
	for f in en es; do
		eval "doc=\$$f"
		$PALINT -q --no-progress -f csv "$doc" >"$tmp/spain-$f.csv" ||
		    [ $? = 1 ] || fail "palint on $doc failed"
		"$top_builddir/tests/csvdump" "$tmp/spain-$f.csv" |
		    awk -F'\t' 'NR > 1 { print $5, $7 }' | sort >"$tmp/spain-$f"
	done
	total=$(wc -l <"$tmp/spain-en")
	same=$(comm -12 "$tmp/spain-en" "$tmp/spain-es" | wc -l)
	echo "Spain 2013, English and Spanish: same status for $same of" \
	    "$total objectives" >&2
	[ "$total" -gt 0 ] && [ "$same" -ge $FLOOR_SPAIN_SAME ] ||
		fail "Spain 2013: same status for $same of $total objectives, want $FLOOR_SPAIN_SAME"
fi
exit 0
