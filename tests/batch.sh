#!/bin/sh
# Batch behaviour: folder walks (sorted, globs, hidden files, symlink loops,
# --files-from), standard input, -j determinism, progress, atomic -o, and
# `palint merge` giving exactly the report of one run (CSV and XML), also
# through the GNU parallel recipe of the README.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

g=$top_srcdir/fixtures/golden
rules="--rules $g/rules.xml"

# A folder with subfolders, a hidden file, an excluded file, a symlink loop.
d=$tmp/in
mkdir -p "$d/b/sub" "$d/a" "$d/.hidden"
cp "$g/partner-draft.md" "$d/b/sub/draft.md"
cp "$g/negation.txt" "$d/a/neg.txt"
cp "$g/utf16.txt" "$d/a/u16.txt"
cp "$g/cp1252.txt" "$d/.hidden/w.txt"
cp "$g/negation.txt" "$d/a/skip.log"
ln -s .. "$d/b/sub/loop"

set +e
$PALINT $rules -f csv --level document --exclude '*.log' "$d" >"$tmp/walk.csv" 2>"$tmp/walk.err"
got=$?
set -e
[ "$got" = 2 ] || fail "walk with a symlink loop: exit $got, want 2"
cut -d, -f1,3 "$tmp/walk.csv" >"$tmp/walk.cols"
cat >"$tmp/walk.want" <<EOW
document,status
$d/a/neg.txt,ok
$d/a/u16.txt,ok
$d/b/sub/draft.md,ok
$d/b/sub/loop,error
EOW
diff -u "$tmp/walk.want" "$tmp/walk.cols" >&2 || fail "walk order, globs, hidden files or loop detection"
grep -q "^palint: $d/b/sub/loop: symbolic link loop" "$tmp/walk.err" || fail "loop not reported on stderr"

# --hidden and --include.
$PALINT $rules -f csv --level document --hidden --include '*.txt' "$d/a" "$d/.hidden" >"$tmp/inc.csv" || [ $? = 1 ]
[ "$(cut -d, -f1 "$tmp/inc.csv" | tail -n +2 | tr '\n' ' ')" = "$d/.hidden/w.txt $d/a/neg.txt $d/a/u16.txt " ] ||
	fail "--hidden/--include: $(cut -d, -f1 "$tmp/inc.csv" | tr '\n' ' ')"

# --files-from - and standard input with --stdin-name.
printf '%s\n' "$d/a/neg.txt" "$d/a/u16.txt" | $PALINT $rules -f csv --level document --files-from - >"$tmp/ff.csv" || [ $? = 1 ]
[ "$(wc -l <"$tmp/ff.csv")" = 3 ] || fail "--files-from -"
$PALINT $rules -f csv --stdin-name from-stdin.md - <"$g/partner-draft.md" >"$tmp/stdin.csv" || [ $? = 1 ]
grep -q '^from-stdin.md,.*,AA2.1,.*,absent,.*,error,1,0\.00' "$tmp/stdin.csv" || fail "stdin with --stdin-name"

# -j 1 and -j 4 give byte-identical reports over many documents.
m=$tmp/many
mkdir -p "$m"
i=0
while [ $i -lt 40 ]; do
	cp "$g/partner-draft.md" "$m/d$i.md"
	cp "$g/negation.txt" "$m/n$i.txt"
	i=$((i + 1))
done
$PALINT $rules -f xml -j 1 "$m" >"$tmp/j1.xml" || [ $? = 1 ]
$PALINT $rules -f xml -j 4 "$m" >"$tmp/j4.xml" || [ $? = 1 ]
cmp -s "$tmp/j1.xml" "$tmp/j4.xml" || fail "-j 4 differs from -j 1"

# Progress goes to stderr only when asked (stderr is not a terminal here).
$PALINT $rules -f csv --progress "$m" >/dev/null 2>"$tmp/progress" || [ $? = 1 ]
grep -q '80/80 documents' "$tmp/progress" || fail "--progress shows no count"
$PALINT $rules -f csv "$m" >/dev/null 2>"$tmp/quiet" || [ $? = 1 ]
stderr_clean "$tmp/quiet" || fail "stderr not empty on a clean run"

# -o replaces a report only when the new one is complete.
echo previous >"$tmp/out.csv"
$PALINT $rules -f csv -o "$tmp/out.csv" "$d/a/neg.txt" || [ $? = 1 ]
grep -q '^document,' "$tmp/out.csv" || fail "-o did not write the report"
ls "$tmp" | grep -q 'out.csv.tmp' && fail "-o left a temporary file"
# A device cannot be renamed over: -o /dev/null writes to it directly.
$PALINT $rules -f csv -o /dev/null "$d/a/neg.txt" || [ $? = 1 ] || fail "-o /dev/null"

# merge: shards of a run combine into exactly the single run's report.
for f in csv xml; do
	$PALINT $rules -f $f -e "$tmp/ev-all.$f" "$m" "$d/a" >"$tmp/all.$f" 2>/dev/null || [ $? = 1 ]
	$PALINT $rules -f $f -e "$tmp/ev-1.$f" "$d/a" "$m/d1.md" "$m/n7.txt" >"$tmp/s1.$f" 2>/dev/null || [ $? = 1 ]
	ls "$m"/* | grep -v -e '/d1.md$' -e '/n7.txt$' >"$tmp/rest"
	$PALINT $rules -f $f -e "$tmp/ev-2.$f" --files-from "$tmp/rest" >"$tmp/s2.$f" 2>/dev/null || [ $? = 1 ]
	$PALINT merge -o "$tmp/merged.$f" "$tmp/s2.$f" "$tmp/s1.$f"
	cmp -s "$tmp/all.$f" "$tmp/merged.$f" || { diff "$tmp/all.$f" "$tmp/merged.$f" | head >&2; fail "merged $f differs from one run"; }
	$PALINT merge -o "$tmp/merged-ev.$f" "$tmp/ev-1.$f" "$tmp/ev-2.$f"
	cmp -s "$tmp/ev-all.$f" "$tmp/merged-ev.$f" || fail "merged $f evidence differs from one run"
done
validate_report "$tmp/merged.xml"
expect_status 2 $PALINT merge "$tmp/s1.csv" "$tmp/s1.csv" 2>/dev/null

# One pipeline for every input: the files of a folder and the same files in
# a zip give the same rows, "same/x" becoming "same.zip!x", evidence too.
mkdir -p "$tmp/same/sub"
cp "$g/partner-draft.md" "$g/negation.txt" "$g/cp1252.txt" "$tmp/same/"
cp "$g/utf16.txt" "$tmp/same/sub/"
zip_dir "$tmp/same" "$tmp/same.zip"
for x in same same.zip; do
	(cd "$tmp" && $PALINT $rules -q -f csv -l objective \
		--evidence "$tmp/$x.ev.csv" -o "$tmp/$x.csv" "$x") ||
		[ $? = 1 ] || fail "scan of $x"
done
for r in csv ev.csv; do
	sed 's|^same/|same.zip!|' "$tmp/same.$r" >"$tmp/want.$r"
	cmp -s "$tmp/want.$r" "$tmp/same.zip.$r" ||
		{ diff "$tmp/want.$r" "$tmp/same.zip.$r" >&2; fail "zip and folder: $r rows differ"; }
done
