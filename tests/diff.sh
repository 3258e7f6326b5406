#!/bin/sh
# palint diff: two drafts, or two folders of drafts, compared with the same
# rules.  The drafts (fixtures/diff) differ in a few sentences: draft 2
# moves two paragraphs, drops the Open RAN and cable sentences and adds a
# data localisation clause, a conflict.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

rules=$top_srcdir/fixtures/golden/rules.xml
d=$top_srcdir/fixtures/diff
csvdump=$top_builddir/tests/csvdump

# The scores and statuses diff reports are those a scan gives, whatever
# the coverage model: take them from palint's own CSV.
# overall DOC: the overall score; cell DOC OBJECTIVE: "status score".
overall() {
	$PALINT -r "$rules" -f csv -l document "$1" | awk -F, 'NR == 2 { print $4 }'
}
cell() {
	$PALINT -r "$rules" -f csv "$1" | awk -F, -v o="$2" '$4 == o { print $6 " " $7 }'
}
o=$(overall "$d/old/strategy.md")
n=$(overall "$d/new/strategy.md")
[ -n "$o" ] && [ -n "$n" ] || fail "cannot score the drafts"
o13=$(cell "$d/old/strategy.md" AA1.3)
n13=$(cell "$d/new/strategy.md" AA1.3)
o21=$(cell "$d/old/strategy.md" AA2.1)
n21=$(cell "$d/new/strategy.md" AA2.1)

# diff_run STATUS ARGS...: palint diff, exit STATUS, output in $tmp/out,
# nothing on stderr.
diff_run() {
	want=$1
	shift
	expect_status "$want" $PALINT diff -r "$rules" "$@" >"$tmp/out" 2>"$tmp/err"
	stderr_clean "$tmp/err" || { cat "$tmp/err" >&2; fail "stderr: $*"; }
}

# Two drafts: text by default even into a pipe; exit 1 (score dropped,
# conflict appeared).
diff_run 1 "$d/old/strategy.md" "$d/new/strategy.md"
grep -qx "$d/new/strategy.md: overall $o% -> $n% (worse)" "$tmp/out" || { cat "$tmp/out" >&2; fail "text: overall line"; }
grep -qx "$d/new/strategy.md: AA2.1 Trusted flow of data: $o21% -> $n21% (worse)" "$tmp/out" || fail "text: objective line"
grep -qx "    introduced conflict: AA2.1.localisation Data localisation mandate" "$tmp/out" || fail "text: conflict introduced"
grep -qx "    + AA2.1.localisation, line 17: All personal data of citizens shall be stored within the territory of Norland." "$tmp/out" || fail "text: evidence gained"
grep -qx "    - AA1.1.open-ran, line 10: Norland will pilot an open radio access network in two regions." "$tmp/out" || fail "text: evidence lost"
# Moved paragraphs are not changes: P1 and AA3.6 kept their sentences.
! grep -q "P1\|AA3.6" "$tmp/out" || { cat "$tmp/out" >&2; fail "text: moved text reported as changed"; }
grep -qx "total: 1 document, 1 changed, 1 worse, 0 added, 0 removed, 0 errors" "$tmp/out" || fail "text: total"

# The other way round: better, conflict removed, exit 0.
diff_run 0 "$d/new/strategy.md" "$d/old/strategy.md"
grep -qx "    removed conflict: AA2.1.localisation Data localisation mandate" "$tmp/out" || fail "reverse: conflict removed"
! grep -q "(worse)" "$tmp/out" || fail "reverse: something worse"
# Identical drafts: unchanged, exit 0.
diff_run 0 "$d/old/same.md" "$d/new/same.md"
grep -qx "$d/new/same.md: unchanged, overall $o%" "$tmp/out" || fail "same: not unchanged"

# CSV, re-read by an independent parser: one row per document, changed
# objective, conflict and piece of evidence.
diff_run 1 -f csv -o "$tmp/diff.csv" "$d/old/strategy.md" "$d/new/strategy.md"
[ ! -s "$tmp/out" ] || fail "csv: -o wrote to stdout"
if [ -x "$csvdump" ]; then
	"$csvdump" "$tmp/diff.csv" >"$tmp/dump.raw" || fail "csv: does not parse"
	# Each record of ten fields, as "fields, tab-separated".
	! grep -qv '	#10$' "$tmp/dump.raw" || fail "csv: ragged rows"
	sed 's/^	//; s/	#10$//' "$tmp/dump.raw" >"$tmp/dump"
	head -1 "$tmp/dump" | grep -q "^document	objective	change	status_before	status_after	score_before	score_after	rule	line	text$" || fail "csv: header"
	grep -q "^$d/new/strategy.md		worse			$o	$n			$" "$tmp/dump" || fail "csv: document row"
	grep -q "^$d/new/strategy.md	AA1.3	worse	${o13% *}	${n13% *}	${o13#* }	${n13#* }			Undersea cables$" "$tmp/dump" || fail "csv: objective row"
	grep -q "^$d/new/strategy.md	AA2.1	conflict-introduced					AA2.1.localisation		Data localisation mandate$" "$tmp/dump" || fail "csv: conflict row"
	grep -q "^$d/new/strategy.md	AA1.3	lost					AA1.3.subsea-cable	14	Norland will protect" "$tmp/dump" || fail "csv: lost row"
	[ "$(grep -c "	gained	" "$tmp/dump")" = 1 ] || fail "csv: gained rows"
fi

# XML, valid against its schema, with XPath counts.
diff_run 1 -f xml "$d/old/strategy.md" "$d/new/strategy.md"
"$XMLLINT" --noout --relaxng "$top_srcdir/rules/palint-diff.rng" "$tmp/out" 2>"$tmp/xmllint.err" || { cat "$tmp/xmllint.err" >&2; fail "xml: does not validate"; }
[ "$("$XMLLINT" --xpath 'count(//objective)' "$tmp/out")" = 3 ] || fail "xml: objectives"
[ "$("$XMLLINT" --xpath 'count(//conflict-introduced[@rule="AA2.1.localisation"])' "$tmp/out")" = 1 ] || fail "xml: conflict"
[ "$("$XMLLINT" --xpath 'count(//lost)' "$tmp/out")" = 3 ] || fail "xml: lost"
[ "$("$XMLLINT" --xpath 'string(/diff/document/@worse)' "$tmp/out")" = yes ] || fail "xml: worse"

# Folders, matched by relative path: added, removed, same, changed.
diff_run 1 "$d/old" "$d/new"
grep -qx "added.md: added, overall $n% (worse)" "$tmp/out" || { cat "$tmp/out" >&2; fail "folders: added"; }
grep -qx "removed.md: removed, overall was $o%" "$tmp/out" || fail "folders: removed"
grep -qx "same.md: unchanged, overall $o%" "$tmp/out" || fail "folders: same"
grep -qx "strategy.md: overall $o% -> $n% (worse)" "$tmp/out" || fail "folders: changed"
grep -qx "total: 4 documents, 1 changed, 2 worse, 1 added, 1 removed, 0 errors" "$tmp/out" || fail "folders: total"
diff_run 1 -f xml "$d/old" "$d/new"
"$XMLLINT" --noout --relaxng "$top_srcdir/rules/palint-diff.rng" "$tmp/out" || fail "folders: xml does not validate"
[ "$("$XMLLINT" --xpath 'count(//document[@change="added"]/objective/conflict-introduced)' "$tmp/out")" = 1 ] || fail "folders: xml added"

# Folders holding only documents that did not get worse: exit 0.
mkdir -p "$tmp/a" "$tmp/b"
cp "$d/old/same.md" "$tmp/a/x.md"
cp "$d/old/same.md" "$tmp/b/x.md"
cp "$d/old/strategy.md" "$tmp/b/y.md"
diff_run 0 "$tmp/a" "$tmp/b"
grep -qx "y.md: added, overall $o%" "$tmp/out" || fail "clean folders: added"

# A document that cannot be read on one side: error row, exit 2.
printf 'PK\003\004garbage' >"$tmp/b/z.docx"
cp "$tmp/b/z.docx" "$tmp/a/z.docx"
expect_status 2 $PALINT diff -r "$rules" "$tmp/a" "$tmp/b" >"$tmp/out" 2>"$tmp/err"
grep -q "^z.docx: error: " "$tmp/out" || { cat "$tmp/out" >&2; fail "error: no error line"; }
grep -q "^palint: $tmp/a/z.docx: " "$tmp/err" || { cat "$tmp/err" >&2; fail "error: not on stderr"; }

# Untrusted text: a sentence that a spreadsheet would run, and escape
# sequences, come out neutralised in CSV and cleaned in text.
mkdir -p "$tmp/h1" "$tmp/h2"
printf 'Nothing here.\n' >"$tmp/h1/@doc.md"
printf '=HYPERLINK("x") will protect submarine cables.\n\n\033]0;pwned\007We will pilot open RAN.\n' >"$tmp/h2/@doc.md"
expect_status 0 $PALINT diff -r "$rules" -f csv "$tmp/h1" "$tmp/h2" >"$tmp/out" 2>"$tmp/err"
grep -q "^'@doc.md,AA1.3,gained,,,,,AA1.3.subsea-cable,1,\"'=HYPERLINK(\"\"x\"\") will protect submarine cables.\"" "$tmp/out" || { cat "$tmp/out" >&2; fail "hostile: CSV not neutralised"; }
expect_status 0 $PALINT diff -r "$rules" "$tmp/h1" "$tmp/h2" >"$tmp/out" 2>"$tmp/err"
! grep -q "$(printf '\033')" "$tmp/out" || fail "hostile: escape sequence in text"

# Misuse: exit 2, a one-line message.
check_error one-operand "diff wants two operands" $PALINT diff "$d/old/strategy.md"
check_error three-operands "diff wants two operands" $PALINT diff "$d/old" "$d/new" "$d/new"
check_error folder-and-file "compare two folders or two documents" $PALINT diff "$d/old" "$d/new/strategy.md"
check_error missing "^palint: $tmp/nope.md: No such file" $PALINT diff "$tmp/nope.md" "$d/new/strategy.md"
exit 0
