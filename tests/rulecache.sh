#!/bin/sh
# The built-in rules in compiled form in the cache directory: written by
# the first scan, read by the next with the same report; a damaged or
# truncated file is refused, the rules parsed again and the file written
# anew; rule files given with -r and --cache-dir '' leave no such file.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

doc=$top_srcdir/fixtures/examples/valdoria-cyber-strategy-draft.md
[ -f "$doc" ] || skip "$doc not found"
cache=$tmp/cache

# scan NAME [OPTION...]: the CSV report and evidence of doc, as NAME.
scan() {
	name=$1
	shift
	$PALINT -q --no-prefilter --cache-dir "$cache" -f csv \
	    --evidence "$tmp/$name.ev.csv" "$@" "$doc" >"$tmp/$name.csv" ||
	    [ $? = 1 ] || fail "palint $* failed"
}

# same NAME: NAME's report and evidence are those of the first scan.
same() {
	cmp -s "$tmp/cold.csv" "$tmp/$1.csv" || fail "$1: report differs"
	cmp -s "$tmp/cold.ev.csv" "$tmp/$1.ev.csv" ||
	    fail "$1: evidence differs"
}

scan cold
set -- "$cache"/*.rules
[ $# = 1 ] && [ -s "$1" ] || fail "no compiled rules in $cache"
file=$1
cp "$file" "$tmp/saved"
[ "$(wc -l <"$tmp/cold.ev.csv")" -gt 1 ] || fail "no evidence to compare"

scan warm
same warm
cmp -s "$file" "$tmp/saved" || fail "a good file was rewritten"

# Damaged in the middle: refused, the rules parsed, the file written
# again, byte for byte as before.
size=$(wc -c <"$tmp/saved")
printf 'XXXX' | dd of="$file" bs=1 seek=$((size / 2)) conv=notrunc \
    2>/dev/null
cmp -s "$file" "$tmp/saved" && fail "the file was not damaged"
scan damaged
same damaged
cmp -s "$file" "$tmp/saved" || fail "a damaged file was not replaced"

# Truncated, or empty.
head -c $((size / 3)) "$tmp/saved" >"$file"
scan truncated
same truncated
cmp -s "$file" "$tmp/saved" || fail "a truncated file was not replaced"
: >"$file"
scan empty
same empty
cmp -s "$file" "$tmp/saved" || fail "an empty file was not replaced"

# Another file's bytes under this name (a foreign key): refused too.
rm -f "$file"
cp "$tmp/saved" "$cache/0000.rules"
printf 'x' >>"$cache/0000.rules"
scan foreign
same foreign
cmp -s "$file" "$tmp/saved" || fail "the file was not written again"
rm -f "$cache/0000.rules"

# Rule files given with -r are parsed, and leave no compiled file.
rm -f "$file"
scan own -r "$top_srcdir/rules/us-icdps-2024.xml"
set -- "$cache"/*.rules
[ -e "$1" ] && fail "-r rules left a compiled file: $1"

# No cache: nothing written anywhere.
XDG_CACHE_HOME=$tmp/xdg $PALINT -q --no-prefilter --cache-dir '' -f csv \
    "$doc" >"$tmp/nocache.csv" || [ $? = 1 ] || fail "palint failed"
cmp -s "$tmp/cold.csv" "$tmp/nocache.csv" || fail "nocache: report differs"
[ ! -e "$tmp/xdg" ] || fail "--cache-dir '' wrote to $tmp/xdg"
exit 0
