#!/bin/sh
# boundaries.sh -- the module graph of the built library has no cycle, and
# each external library is reached only through the module that wraps it
# (tests/boundaries.py says which).  The checker first proves on a made-up
# graph that it catches a cycle, a stray call and a stray include.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

command -v python3 >/dev/null || skip "python3 not found"
command -v nm >/dev/null || skip "nm not found"
python3 "$top_srcdir/tests/boundaries.py" --self-test ||
	fail "the boundary checker misses what it should catch"
python3 "$top_srcdir/tests/boundaries.py" "$top_builddir/src/libpalint.a" \
	"$top_srcdir/src" >/dev/null || fail "module boundaries broken"
exit 0
