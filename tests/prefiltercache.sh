#!/bin/sh
# The prefilter's cache file: a damaged database in it is found when a
# document first needs it.  The run then reads every document without
# the prefilter, with the same report and evidence, warns once naming
# the file, and removes it; the next run writes it anew and is quiet.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

rules=$top_srcdir/fixtures/rules-lang/multilingual.xml
fx=$top_srcdir/fixtures/language
set -- "$fx/policy.txt" "$fx/politique.txt" "$fx/estrategia.txt" \
    "$fx/melange.txt"
cache=$tmp/cache

# scan NAME [OPTION...] DOCUMENT...: the report and evidence of the documents as NAME, and the
# warnings in NAME.err.
scan() {
	name=$1
	shift
	st=0
	$PALINT -r "$rules" --cache-dir "$cache" -f csv \
	    --evidence "$tmp/$name.ev.csv" "$@" >"$tmp/$name.csv" \
	    2>"$tmp/$name.err" || st=$?
	[ "$st" = 0 ] || [ "$st" = 1 ] || fail "$name: palint exited $st"
	echo "$st" >"$tmp/$name.status"
}

# same NAME: NAME's report, evidence and status are those of the first.
same() {
	cmp -s "$tmp/cold.csv" "$tmp/$1.csv" || fail "$1: report differs"
	cmp -s "$tmp/cold.ev.csv" "$tmp/$1.ev.csv" ||
	    fail "$1: evidence differs"
	cmp -s "$tmp/cold.status" "$tmp/$1.status" || fail "$1: status differs"
}

# flip OFFSET: change one byte of the cache file.
flip() {
	b=$(od -An -tu1 -j "$1" -N1 "$file" | tr -d ' ')
	printf "\\$(printf '%03o' $(((b + 1) % 256)))" |
	    dd of="$file" bs=1 seek="$1" conv=notrunc 2>/dev/null
}

docs="$*"
set -- cold $docs; scan "$@"
grep -q "$hs_notice" "$tmp/cold.err" && skip "built without Hyperscan"
[ -s "$tmp/cold.err" ] && fail "cold run warned: $(cat "$tmp/cold.err")"
[ "$(wc -l <"$tmp/cold.ev.csv")" -gt 3 ] || fail "no evidence to compare"
set -- "$cache"/*.hsdb
[ $# = 1 ] && [ -s "$1" ] || fail "no prefilter cache file in $cache"
file=$1

set -- plain --no-prefilter $docs; scan "$@"
same plain

# After the magic, the head's checksum and its length in hex comes the
# head, then the databases: English first.  One byte inside the English
# database, one at the end of the last (Spanish).
headlen=$(dd if="$file" bs=1 skip=24 count=16 2>/dev/null)
tail=$((40 + 0x$headlen))
size=$(wc -c <"$file")
[ "$tail" -lt "$((size - 300))" ] || fail "no databases after the head"
flip $((tail + 200))
flip $((size - 1))
set -- damaged $docs; scan "$@"
same damaged
[ "$(wc -l <"$tmp/damaged.err")" = 1 ] ||
    fail "damaged: not one warning: $(cat "$tmp/damaged.err")"
grep -q "^palint: prefilter: cache file $file is damaged: documents were scanned without it" \
    "$tmp/damaged.err" || fail "damaged: $(cat "$tmp/damaged.err")"
[ -e "$file" ] && fail "the damaged file was not removed"

set -- rebuilt $docs; scan "$@"
same rebuilt
[ -s "$tmp/rebuilt.err" ] && fail "rebuilt run warned: $(cat "$tmp/rebuilt.err")"
[ -s "$file" ] || fail "the cache file was not written again"
set -- warm $docs; scan "$@"
same warm
[ -s "$tmp/warm.err" ] && fail "warm run warned: $(cat "$tmp/warm.err")"
exit 0
