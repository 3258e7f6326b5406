#!/bin/sh
# FIFOs, sockets and devices: a walk never opens one, so a stray special
# file cannot stall a batch.  Each gets an error row "skipped: not a
# regular file (KIND)" and a notice, next to the regular documents.  One
# named on the command line is read only with --devices=read, and then
# still within --max-file-size.  Every run is under a timeout: on a palint
# that opens them, these cases hang instead of failing slowly.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

rules=$top_srcdir/fixtures/golden/rules.xml
limit=20

# run ARG...: palint on the golden rules, CSV per document, under the
# timeout; sets $st, leaves $tmp/out (LF line ends) and $tmp/err.
run() {
	set +e
	timeout "$limit" $PALINT -f csv -l document -j 2 --rules "$rules" "$@" \
	    >"$tmp/out" 2>"$tmp/err"
	st=$?
	set -e
	tr -d '\r' <"$tmp/out" >"$tmp/out.lf"
	mv "$tmp/out.lf" "$tmp/out"
	[ "$st" != 124 ] || fail "timed out after ${limit}s: $*"
}

# want_status NAME WANT: the last run exited WANT.
want_status() {
	[ "$st" = "$2" ] ||
	    { cat "$tmp/err" >&2; fail "$1: exit $st, want $2"; }
}

# ok_row NAME PATH: PATH has a row with status ok, at least one hit, no
# message, a language and no flag.
ok_row() {
	grep -q "^$2,[0-9a-f]\{64\},ok,.*,[1-9][0-9]*,,[a-z]\{2,3\},,[a-z]\{2,3\} 100%$" "$tmp/out" ||
	    { cat "$tmp/out" >&2; fail "$1: no ok row with hits for $2"; }
}

# skipped_row NAME PATH KIND: PATH has an error row saying it was skipped
# as a KIND, and stderr one notice naming it.
skipped_row() {
	grep -q "^$2,,error,.*,skipped: not a regular file ($3)" "$tmp/out" ||
	    { cat "$tmp/out" >&2; fail "$1: no skipped row for $2"; }
	[ "$(grep -c "^palint: $2: skipped: not a regular file ($3)" \
	    "$tmp/err")" = 1 ] ||
	    { cat "$tmp/err" >&2; fail "$1: want one notice for $2"; }
}

# A folder with two documents, a FIFO nobody writes to, a UNIX socket
# (when python3 can make one) and a symbolic link to /dev/zero.
d=$tmp/share
mkdir "$d"
printf 'We will protect undersea cables.\n' >"$d/a.txt"
printf '# Networks\n\nTrusted vendors only.\n' >"$d/b.md"
mkfifo "$d/fifo"
ln -s /dev/zero "$d/zero"
nspecial=2
if command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])' "$d/sock"; then
	nspecial=3
fi

# walked SOURCE: the folder's documents are judged, its special files
# skipped, and the run exits 2 (a document was not read).
walked() {
	want_status "$1" 2
	ok_row "$1" "$d/a.txt"
	ok_row "$1" "$d/b.md"
	skipped_row "$1" "$d/fifo" FIFO
	skipped_row "$1" "$d/zero" "character device"
	[ "$nspecial" = 2 ] || skipped_row "$1" "$d/sock" socket
	[ "$(grep -c "^$d/" "$tmp/out")" = "$((nspecial + 2))" ] ||
	    { cat "$tmp/out" >&2; fail "$1: want one row per entry"; }
	[ "$(grep -vc '^palint: built without Hyperscan' "$tmp/err")" = \
	    "$nspecial" ] ||
	    { cat "$tmp/err" >&2; fail "$1: want $nspecial notices"; }
}
run "$d"
walked folder
cp "$tmp/out" "$tmp/folder.csv"
# --devices=read is for operands: inside a folder nothing special is read.
run --devices=read "$d"
walked "folder, --devices=read"
cmp -s "$tmp/out" "$tmp/folder.csv" || fail "--devices=read changed a walk"

# A --files-from list naming each entry: the same rows.
(cd "$d" && ls) | sed "s|^|$d/|" >"$tmp/list"
run --files-from "$tmp/list"
walked files-from
cmp -s "$tmp/out" "$tmp/folder.csv" ||
    fail "--files-from: not the folder's report"
run --devices=read --files-from - <"$tmp/list"
walked "files-from -, --devices=read"

# Named on the command line: refused at once, with a hint, unless asked.
for f in fifo zero; do
	run "$d/$f"
	want_status "operand $f" 2
	want="skipped: not a regular file (.*); --devices=read reads it"
	[ "$(grep -cv "$hs_notice" "$tmp/err")" = 1 ] &&
	    grep -q "^palint: $d/$f: $want\$" "$tmp/err" ||
	    { cat "$tmp/err" >&2; fail "operand $f: unclear error"; }
	grep -q "^$d/$f,,error," "$tmp/out" || fail "operand $f: no error row"
done
run --devices=skip "$d/fifo"
want_status "--devices=skip" 2
grep -q "^palint: $d/fifo: skipped: not a regular file (FIFO)" "$tmp/err" ||
    { cat "$tmp/err" >&2; fail "--devices=skip: FIFO not skipped"; }
set +e
timeout "$limit" $PALINT extract "$d/fifo" >"$tmp/out" 2>"$tmp/err"
st=$?
set -e
want_status "extract fifo" 2
grep -q "^palint: $d/fifo: skipped: not a regular file (FIFO)$" "$tmp/err" ||
    { cat "$tmp/err" >&2; fail "extract fifo: unclear error"; }
expect_status 2 $PALINT --devices=all "$d/a.txt" 2>/dev/null

# --devices=read: a FIFO with a writer is read to its end and scanned.
printf 'We will protect undersea cables.\n' >"$d/fifo" &
writer=$!
run --devices=read "$d/fifo" "$d/a.txt"
kill "$writer" 2>/dev/null || true
wait "$writer" 2>/dev/null || true
want_status "--devices=read fifo" 0
ok_row "--devices=read fifo" "$d/fifo"
ok_row "--devices=read fifo" "$d/a.txt"
# Named and also met in its folder: one row, read.
printf 'We will protect undersea cables.\n' >"$d/fifo" &
writer=$!
run --devices=read "$d" "$d/fifo"
kill "$writer" 2>/dev/null || true
wait "$writer" 2>/dev/null || true
ok_row "fifo named and walked" "$d/fifo"
[ "$(grep -c "^$d/fifo," "$tmp/out")" = 1 ] ||
    { cat "$tmp/out" >&2; fail "fifo named and walked: want one row"; }
# ... and an endless device stops at --max-file-size, with a clear error.
run --devices=read --max-file-size 1M /dev/zero "$d/a.txt"
want_status "--devices=read /dev/zero" 2
grep -q "^/dev/zero,,error,.*file too large (more than 1048576 " "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "/dev/zero: no size error row"; }
grep -q "^palint: /dev/zero: file too large" "$tmp/err" ||
    { cat "$tmp/err" >&2; fail "/dev/zero: no size error"; }
ok_row "--devices=read /dev/zero" "$d/a.txt"

# Standard input is read whatever it is, a FIFO included.
mkfifo "$tmp/pipe"
printf 'We will protect undersea cables.\n' >"$tmp/pipe" &
writer=$!
run --stdin-name piped.txt - "$d/a.txt" <"$tmp/pipe"
wait "$writer" 2>/dev/null || true
want_status stdin 0
ok_row stdin piped.txt

# Archive members that are not regular files are skipped with a notice,
# never read (tar can store a FIFO; zip cannot).
if tar -cf "$tmp/share.tar" -C "$d" a.txt fifo 2>/dev/null &&
    tar -tvf "$tmp/share.tar" | grep -q '^p'; then
	run "$tmp/share.tar"
	want_status "tar with a FIFO" 0
	ok_row "tar with a FIFO" "$tmp/share.tar!a.txt"
	! grep -q "share.tar!fifo" "$tmp/out" || fail "tar: FIFO member read"
	grep -q "^palint: $tmp/share.tar!fifo: skipped: " "$tmp/err" ||
	    { cat "$tmp/err" >&2; fail "tar: no notice for the FIFO member"; }
fi
exit 0
