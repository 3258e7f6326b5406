#!/bin/sh
# Replays every fuzz target's seeds and regressions (inputs that once
# crashed or hung palint) through the replay programs, built with the
# ordinary compiler; a crash, a failed invariant or a sanitizer report
# fails the test.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/setup.sh"

fuzz=$top_srcdir/tests/fuzz
for t in rules decode markup office merge term prefilter; do
	bin=$top_builddir/tests/fuzz/replay_$t
	[ -x "$bin" ] || fail "$bin not built"
	for d in "$fuzz/seeds/$t" "$fuzz/regressions/$t"; do
		[ -d "$d" ] || continue
		set +e
		TMPDIR=$tmp timeout 300 "$bin" "$d" >"$tmp/out" 2>"$tmp/err"
		st=$?
		set -e
		[ "$st" = 0 ] || { tail -20 "$tmp/err" >&2; fail "replay_$t $d: exit $st"; }
	done
done
exit 0
