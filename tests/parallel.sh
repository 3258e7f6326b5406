#!/bin/sh
# The README's "Scanning at scale" recipe, run locally: ../shared/corpus
# split into 3 shards, each scanned by its own palint under GNU parallel,
# the shard reports merged -- byte for byte the report of a single run.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

[ -d "$corpus" ] || skip "no corpus at $corpus (../shared/corpus beside the source tree)"
command -v parallel >/dev/null || skip "GNU parallel is not installed (apt-get install parallel)"

cd "$tmp"
find "$corpus" -type f ! -name 'SOURCES.md' | sort >list
split -n l/3 list shard.
[ "$(ls shard.* | wc -l)" = 3 ] || fail "split did not make 3 shards"

for f in csv xml; do
	# Exit status 1 (findings) is expected; 2 would be an error.
	parallel --will-cite -j 3 \
		"$PALINT -q -j 1 -f $f -o {}.$f --files-from {}; test \$? -le 1" ::: shard.a?
	$PALINT merge -o merged.$f shard.a?.$f
	set +e
	$PALINT -q -f $f -o single.$f --files-from list
	got=$?
	set -e
	[ "$got" -le 1 ] || fail "single run exited $got"
	cmp -s single.$f merged.$f || { diff single.$f merged.$f | head >&2; fail "merged $f differs from a single run"; }
done
validate_report merged.xml
