#!/bin/sh
# Error tests: every kind of bad rule file and bad invocation exits 2 with a
# one-line "path:line: message" (or a usage message) on stderr and nothing
# on stdout that could be mistaken for a report.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

bad=$top_srcdir/fixtures/rules-bad
doc=$top_srcdir/fixtures/golden/partner-draft.md

# check_error (tests/setup.sh) plus: nothing at all on stdout.
check_quiet_error() {
	check_error "$@"
	[ ! -s "$tmp/out" ] || { cat "$tmp/out" >&2; fail "$1: output on stdout"; }
}

check_quiet_error malformed "^$bad/malformed.xml:[0-9]+: " $PALINT rules check "$bad/malformed.xml"
check_quiet_error schema "^$bad/schema.xml:[0-9]+: " $PALINT rules check "$bad/schema.xml"
check_quiet_error badregex "^$bad/badregex.xml:[0-9]+: rule [^ ]+: regex error at offset [0-9]+" $PALINT rules check "$bad/badregex.xml"
check_quiet_error dupid "^$bad/dupid.xml:[0-9]+: rule [^ ]+: already defined at $bad/dupid.xml:[0-9]+" $PALINT rules check "$bad/dupid.xml"
check_quiet_error badterm "^$bad/badterm.xml:[0-9]+: " $PALINT rules check "$bad/badterm.xml"
check_quiet_error noexample "^$bad/noexample.xml:[0-9]+: " $PALINT rules check "$bad/noexample.xml"
check_quiet_error entity "^$bad/entity.xml:[0-9]+: " $PALINT rules check "$bad/entity.xml"
check_quiet_error xxe "^$bad/xxe.xml:[0-9]+: " $PALINT rules check "$bad/xxe.xml"
grep -q root: "$tmp/err" && fail "xxe: /etc/passwd was read"

# The same errors stop a scan before any report is written.
check_quiet_error scan-badregex "^$bad/badregex.xml:[0-9]+: " $PALINT -f csv --rules "$bad/badregex.xml" "$doc"
check_quiet_error rules-dir "^$tmp/empty: " sh -c "mkdir -p '$tmp/empty' && $PALINT -f csv --rules '$tmp/empty' '$doc'"
check_quiet_error missing-rules "^$tmp/nope.xml: " $PALINT -f csv --rules "$tmp/nope.xml" "$doc"
check_quiet_error unknown-option "usage: palint" $PALINT --no-such-option "$doc"
check_quiet_error bad-format "unknown format" $PALINT -f pdf "$doc"
check_quiet_error no-operand "no document" $PALINT -f csv
check_quiet_error bad-fail-under "fail-under" $PALINT --fail-under 120 "$doc"

# Every error is reported, not just the first: a file with two problems
# gives two lines.
if [ -f "$bad/two-errors.xml" ]; then
	check_quiet_error two-errors "two-errors.xml" $PALINT rules check "$bad/two-errors.xml"
	[ "$(wc -l <"$tmp/err")" -ge 2 ] || fail "two-errors: only one error reported"
fi

# An unreadable document is a report row with status error, exit 2, and
# the other documents are still reported.
set +e
$PALINT -f csv --rules "$top_srcdir/fixtures/golden/rules.xml" "$tmp/missing.txt" "$doc" >"$tmp/out" 2>"$tmp/err"
got=$?
set -e
[ "$got" = 2 ] || fail "missing document: exit $got, want 2"
grep -q "^$tmp/missing.txt,,,,,error,.*No such file" "$tmp/out" || { cat "$tmp/out" >&2; fail "missing document: no error row"; }
grep -q "partner-draft.md,.*,AA2.1," "$tmp/out" || fail "missing document: the other document was lost"

# --help and --version go to stdout with status 0.
$PALINT --help | grep -q "usage: palint" || fail "--help"
$PALINT --version | grep -q "^palint [0-9]" || fail "--version"
