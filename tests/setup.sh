# tests/setup.sh -- sourced by every shell test.
#
# Gives: strict mode, the C locale, $PALINT (the binary under test, run
# under valgrind when PALINT_VALGRIND=1), $top_srcdir, a private temporary
# directory $tmp removed on exit, $corpus (../shared/corpus when present),
# and skip / fail helpers.  Exit 77 tells automake the test was skipped.
set -eu
LC_ALL=C
export LC_ALL
unset SOURCE_DATE_EPOCH XDG_CACHE_HOME || true
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${PALINT:=$top_builddir/src/palint}"
: "${XMLLINT:=xmllint}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/palint-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# One prefilter cache for the whole suite: compiling the built-in rules
# takes seconds to minutes, and a database is found by the hash of what
# it was compiled from, so sharing it changes no result.
XDG_CACHE_HOME=${PALINT_TEST_CACHE:-$(cd "$top_builddir" && pwd)/tests/cache}
mkdir -p "$XDG_CACHE_HOME"
export XDG_CACHE_HOME

if [ "${PALINT_VALGRIND:-0}" = 1 ]; then
	palint_bin=$PALINT
	PALINT="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite $palint_bin"
fi

corpus=$top_srcdir/../shared/corpus
eval_dir=$top_srcdir/../shared/eval

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_status WANT CMD...: run CMD, require exit status WANT.
expect_status() {
	want=$1
	shift
	set +e
	"$@"
	got=$?
	set -e
	[ "$got" = "$want" ] || fail "exit status $got, want $want: $*"
}

# validate_report FILE: the XML report must match the shipped schema.
validate_report() {
	"$XMLLINT" --noout --relaxng "$top_srcdir/rules/palint-report.rng" "$1" \
		2>"$tmp/xmllint.err" || { cat "$tmp/xmllint.err" >&2; fail "$1 does not validate"; }
}

# stderr_clean FILE: FILE holds nothing but, at most, the one-line notice
# of a build without Hyperscan, which the PCRE2 fallback must print.
hs_notice='^palint: built without Hyperscan; scanning with PCRE2 only$'
stderr_clean() {
	! grep -qv "$hs_notice" "$1"
}

# check_error NAME PATTERN CMD...: CMD must exit 2 with stderr matching the
# extended regular expression PATTERN; its output is left in $tmp/out and
# $tmp/err.
check_error() {
	name=$1 pattern=$2
	shift 2
	set +e
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	set -e
	[ "$got" = 2 ] || { cat "$tmp/err" >&2; fail "$name: exit $got, want 2"; }
	grep -Eq "$pattern" "$tmp/err" ||
		{ cat "$tmp/err" >&2; fail "$name: stderr does not match /$pattern/"; }
}

# zip_dir DIR OUT: a zip (stored, by tests/mkzip) of the files under DIR,
# each member named by its path below DIR, so that DIR and OUT hold the
# same documents.  OUT must be an absolute path.
zip_dir() {
	zd_out=$2
	[ -x "$top_builddir/tests/mkzip" ] || skip "tests/mkzip not built"
	(cd "$1" && find . -type f | sed 's|^\./||' | sort | {
		set --
		while IFS= read -r f; do
			set -- "$@" "$f=$f"
		done
		"$top_builddir/tests/mkzip" "$zd_out" "$@"
	})
}

# run_want WANT ARGS...: palint ARGS must exit WANT; its output is left in
# $tmp/out (CSV line ends made LF, so that $ anchors a pattern), stderr in
# $tmp/err.
run_want() {
	want=$1
	shift
	set +e
	$PALINT --no-progress "$@" >"$tmp/out.crlf" 2>"$tmp/err"
	got=$?
	set -e
	tr -d '\r' <"$tmp/out.crlf" >"$tmp/out"
	[ "$got" = "$want" ] ||
	    { cat "$tmp/err" >&2; fail "exit $got, want $want: palint $*"; }
}
