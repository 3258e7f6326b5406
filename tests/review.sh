#!/bin/sh
# --waivers and --baseline: reviewed findings reported as waived in every
# format (never dropped) and out of the exit status; findings known from
# an earlier report left out.  Fixtures: fixtures/waivers, and the drafts
# of fixtures/diff (draft 2 has a data localisation conflict and gaps in
# AA1.1, AA1.3 and AA3.6).  SOURCE_DATE_EPOCH (tests/setup.sh) makes today
# 2023-11-14.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

rules=$top_srcdir/fixtures/golden/rules.xml
w=$top_srcdir/fixtures/waivers
draft=$top_srcdir/fixtures/diff/new/strategy.md
csvdump=$top_builddir/tests/csvdump
R="-r $rules"

# Without waivers the conflict makes the exit status 1.
expect_status 1 $PALINT $R -f text "$draft" >"$tmp/out" 2>"$tmp/err"

# Valid waivers: the conflict and the AA1.3 gap are waived, reported with
# justification and reviewer; exit 0; nothing on stderr.
expect_status 0 $PALINT $R -f text --waivers "$w/valid.csv" "$draft" >"$tmp/out" 2>"$tmp/err"
stderr_clean "$tmp/err" || { cat "$tmp/err" >&2; fail "valid: stderr"; }
grep -q "^$draft:17:40: waived conflict: AA2.1 Data localisation mandate \[AA2.1.localisation\]$" "$tmp/out" || { cat "$tmp/out" >&2; fail "text: waived conflict"; }
grep -qx "    waived by J. Doe ($w/valid.csv:2, until 2030-12-31): Transitional clause, reviewed with the ministry" "$tmp/out" || fail "text: waiver line"
grep -q "^$draft: AA1.3 Undersea cables — absent .*; waived$" "$tmp/out" || fail "text: waived gap"
grep -qx "    waived by A. Smith ($w/valid.csv:3): Cables are covered by the maritime strategy" "$tmp/out" || fail "text: waiver line of the gap"
grep -q "^$draft: AA1.1 Telecommunication networks — partial .*[0-9]$" "$tmp/out" || fail "text: the unwaived gap is gone"
# A waived support hit is marked where the verdict quotes it.
grep -q "^    best: line 13 \[AA1.1.trusted-vendor, .*\" \[waived by B. Lee: =HYPERLINK(\"x\")\]$" "$tmp/out" || fail "text: waived best hit"
# The objective's waiver is shown once, above its conflict hit.
[ "$(grep -c "waived by J. Doe" "$tmp/out")" = 1 ] || fail "text: waiver line repeated"
grep -q "^$draft: overall .*, 59 words, language en, 2 waived$" "$tmp/out" || fail "text: waived count"

# A spreadsheet's byte order mark before the header is accepted.  The
# waiver names the conflict rule: only the conflict is waived.
printf '\357\273\277id,document,justification,reviewer,expires\r\nAA2.1.localisation,*,Clause,J. Doe,\r\n' >"$tmp/bom.csv"
expect_status 0 $PALINT $R -f text --waivers "$tmp/bom.csv" "$draft" >"$tmp/out" 2>"$tmp/err"
grep -q "^$draft:17:40: waived conflict: " "$tmp/out" || fail "bom: not read"
grep -q "^$draft: AA2.1 .* — absent .*[0-9]$" "$tmp/out" || fail "bom: the AA2.1 gap waived with its conflict rule"

# Ids are found without regard to case, as by explain and -r overrides;
# the report spells them as the rules do.
printf 'id,document,justification,reviewer,expires\naa2.1.LOCALISATION,*,Clause,J. Doe,\n' >"$tmp/case.csv"
expect_status 0 $PALINT $R --waivers "$tmp/case.csv" "$draft" >"$tmp/out" 2>"$tmp/err"
grep -q "^$draft:17:40: waived conflict: AA2.1 Data localisation mandate \[AA2.1.localisation\]$" "$tmp/out" || fail "case: id not found"

# --fail-under: each waived gap counts as covered.  valid.csv waives the
# AA1.3 gap (absent, one of two objectives of one of three action areas:
# 16.7 points) and, by its objective, AA2.1, whose gap stands beside its
# conflict (the only objective of an area: 33.3 points).  With only the
# conflict waived (bom.csv) the score alone decides.
base=$($PALINT $R -f csv -l document "$draft" | awk -F, 'NR == 2 { print $4 }')
low=$(awk -v b="$base" 'BEGIN { print b + 45 }')
high=$(awk -v b="$base" 'BEGIN { print b + 55 }')
expect_status 1 $PALINT $R --fail-under "$low" --waivers "$tmp/bom.csv" "$draft" >/dev/null 2>&1
expect_status 0 $PALINT $R --fail-under "$low" --waivers "$w/valid.csv" "$draft" >/dev/null 2>&1
expect_status 1 $PALINT $R --fail-under "$high" --waivers "$w/valid.csv" "$draft" >/dev/null 2>&1

# CSV at every level and evidence, re-read by an independent parser: three
# more columns, the formula in a justification neutralised.
if [ -x "$csvdump" ]; then
	for level in objective area document; do
		$PALINT $R -f csv -l $level --waivers "$w/valid.csv" -e "$tmp/ev.csv" "$draft" >"$tmp/$level.csv" 2>/dev/null
		"$csvdump" "$tmp/$level.csv" >"$tmp/$level.dump" || fail "$level: CSV does not parse"
		head -1 "$tmp/$level.dump" | grep -q "	waived	justification	reviewer	#[0-9]*$" || fail "$level: header"
	done
	# Waiver columns after the conflict, conflicts and evidence columns;
	# in the evidence file after the section, status, language, flags and
	# lang; after language and flags otherwise (status too at the area
	# level; languages too at the document level).
	grep -q "	AA2.1	Trusted flow of data	[a-z]*	.*; conflict: AA2.1.localisation	error	1	0.00	en		yes	Transitional clause, reviewed with the ministry	J. Doe	#21$" "$tmp/objective.dump" || fail "objective: waived row"
	grep -q "	AA1.1	Telecommunication networks	partial	.*	evidence 1.00 of 2 needed; 1 of 2 rules fired		0	1.00	en					#21$" "$tmp/objective.dump" || fail "objective: unwaived row"
	grep -q "	AA1	action-area	.*	ok	en		1	AA1.3: Cables are covered by the maritime strategy	A. Smith	#17$" "$tmp/area.dump" || fail "area: waived count"
	grep -q "	ok	.*	en		en 100%	2	AA1.3: Cables are covered by the maritime strategy; AA2.1: Transitional clause, reviewed with the ministry	A. Smith; J. Doe	#16$" "$tmp/document.dump" || fail "document: waived list"
	"$csvdump" "$tmp/ev.csv" >"$tmp/ev.dump" || fail "evidence: CSV does not parse"
	grep -q "	AA1.1.trusted-vendor	.*	statement	1.00	Republic of Norland: National Cyber Strategy, draft 2 > 3. Networks	ok	en		en	yes	'=HYPERLINK(\"x\")	B. Lee	#23$" "$tmp/ev.dump" || fail "evidence: waived hit, neutralised"
	grep -q "	AA2.1.localisation	.*	statement	1.00	Republic of Norland: National Cyber Strategy, draft 2 > 4. Data	ok	en		en	yes	Transitional clause, reviewed with the ministry	J. Doe	#23$" "$tmp/ev.dump" || fail "evidence: waived conflict hit"
fi

# XML, schema-valid at every level and as evidence, with the waivers.
for level in objective area document; do
	$PALINT $R -f xml -l $level --waivers "$w/valid.csv" -e "$tmp/ev.xml" "$draft" >"$tmp/r.xml" 2>/dev/null
	validate_report "$tmp/r.xml"
	validate_report "$tmp/ev.xml"
done
[ "$("$XMLLINT" --xpath 'string(/evidence/document/hit[@rule="AA2.1.localisation"]/waiver/@reviewer)' "$tmp/ev.xml")" = "J. Doe" ] || fail "xml: evidence waiver"
# The last report is at document level: its waivers listed by objective.
[ "$("$XMLLINT" --xpath 'string(/report/document/waiver[@objective="AA1.3"]/@reviewer)' "$tmp/r.xml")" = "A. Smith" ] || fail "xml: document-level waiver"
$PALINT $R -f xml --waivers "$w/valid.csv" "$draft" >"$tmp/r.xml" 2>/dev/null
[ "$("$XMLLINT" --xpath 'count(//objective/waiver)' "$tmp/r.xml")" = 2 ] || fail "xml: waived objectives"
[ "$("$XMLLINT" --xpath 'string(//objective[@id="AA1.3"]/waiver)' "$tmp/r.xml")" = "Cables are covered by the maritime strategy" ] || fail "xml: justification"
[ "$("$XMLLINT" --xpath 'string(/report/document/@waived)' "$tmp/r.xml")" = 2 ] || fail "xml: document count"

# Expired: warned with file:line, not applied (the conflict counts again);
# one that expires today still applies.
expect_status 1 $PALINT $R -f text --waivers "$w/expired.csv" "$draft" >"$tmp/out" 2>"$tmp/err"
grep -qx "palint: $w/expired.csv:2: waiver for AA2.1 expired on 2023-01-01; not applied" "$tmp/err" || { cat "$tmp/err" >&2; fail "expired: no warning"; }
grep -q "^$draft:17:40: conflict: " "$tmp/out" || fail "expired: still applied"
grep -q "^$draft: AA1.3 .*; waived$" "$tmp/out" || fail "expires today: not applied"

# Matching nothing: warned with file:line after the run.
expect_status 0 $PALINT $R -f text --waivers "$w/unmatched.csv" "$draft" >"$tmp/out" 2>"$tmp/err"
grep -qx "palint: $w/unmatched.csv:3: waiver for AA3.6 on '\*no-such-document\*' waived nothing" "$tmp/err" || { cat "$tmp/err" >&2; fail "unmatched: glob"; }
grep -qx "palint: $w/unmatched.csv:4: waiver for P1 on '\*' waived nothing" "$tmp/err" || fail "unmatched: nothing to waive"
[ "$(grep -c "waived nothing" "$tmp/err")" = 2 ] || fail "unmatched: the used waiver warned about"

# Malformed files: exit 2 before any report, every error with file:line.
check_error bad-date "^palint: $w/bad-date.csv:2: expires: '2030-02-30' is not a date" $PALINT $R --waivers "$w/bad-date.csv" "$draft"
grep -q "^palint: $w/bad-date.csv:3: expires: '31/12/2030' is not a date" "$tmp/err" || fail "bad-date: second error"
[ ! -s "$tmp/out" ] || fail "bad-date: a report was written"
check_error bad-id "^palint: $w/bad-id.csv:3: unknown objective or rule id 'AA9.9'" $PALINT $R --waivers "$w/bad-id.csv" "$draft"
check_error bad-header "^palint: $w/bad-header.csv:1: the header must be id,document,justification,reviewer,expires" $PALINT $R --waivers "$w/bad-header.csv" "$draft"
check_error bad-row "^palint: $w/bad-row.csv:4: malformed CSV" $PALINT $R --waivers "$w/bad-row.csv" "$draft"
printf 'id,document,justification,reviewer,expires\nAA2.1,*,Clause,J. Doe\nAA1.3,*,,A. Smith,\n' >"$tmp/rows.csv"
check_error bad-fields "^palint: $tmp/rows.csv:2: expected 5 fields, found 4" $PALINT $R --waivers "$tmp/rows.csv" "$draft"
grep -q "^palint: $tmp/rows.csv:3: empty justification" "$tmp/err" || fail "bad-fields: empty justification"
: >"$tmp/empty.csv"
check_error empty "^palint: $tmp/empty.csv:1: no header" $PALINT $R --waivers "$tmp/empty.csv" "$draft"
check_error missing "^palint: $tmp/none.csv: " $PALINT $R --waivers "$tmp/none.csv" "$draft"

# Waivers in palint diff: draft 1 plus the localisation clause.  The
# conflict that appears makes the exit status 1, unless it is waived.
old=$top_srcdir/fixtures/diff/old/strategy.md
mkdir -p "$tmp/plus"
{ cat "$old"; echo; echo "All personal data shall be stored within the territory of Norland."; } >"$tmp/plus/strategy.md"
expect_status 1 $PALINT diff $R "$old" "$tmp/plus/strategy.md" >"$tmp/out" 2>"$tmp/err"
grep -qx "    introduced conflict: AA2.1.localisation Data localisation mandate" "$tmp/out" || fail "diff: conflict not introduced"
expect_status 0 $PALINT diff $R --waivers "$w/valid.csv" "$old" "$tmp/plus/strategy.md" >"$tmp/out" 2>"$tmp/err"
grep -qx "    waived introduced conflict: AA2.1.localisation Data localisation mandate" "$tmp/out" || { cat "$tmp/out" >&2; fail "diff: conflict not waived"; }
grep -qx "      waived by J. Doe: Transitional clause, reviewed with the ministry" "$tmp/out" || fail "diff: waiver not shown"
$PALINT diff $R -f xml --waivers "$w/valid.csv" "$old" "$tmp/plus/strategy.md" >"$tmp/d.xml" 2>/dev/null
"$XMLLINT" --noout --relaxng "$top_srcdir/rules/palint-diff.rng" "$tmp/d.xml" 2>/dev/null || fail "diff: xml with waivers does not validate"
[ "$("$XMLLINT" --xpath 'string(//conflict-introduced/@waived-by)' "$tmp/d.xml")" = "J. Doe" ] || fail "diff: xml waiver"

# --baseline: the earlier report of the same path (XML or CSV) hides what
# it knew; a report of the new draft hides everything and exits 0.
mkdir -p "$tmp/b"
cp "$old" "$tmp/b/s.md"
$PALINT $R -f xml "$tmp/b/s.md" >"$tmp/base.xml"
$PALINT $R -f csv "$tmp/b/s.md" >"$tmp/base.csv"
cp "$draft" "$tmp/b/s.md"
cp "$old" "$tmp/b/renamed.md"
for base in "$tmp/base.xml" "$tmp/base.csv"; do
	expect_status 1 $PALINT $R -f text --baseline "$base" "$tmp/b/s.md" "$tmp/b/renamed.md" >"$tmp/out" 2>"$tmp/err"
	stderr_clean "$tmp/err" || { cat "$tmp/err" >&2; fail "baseline: stderr"; }
	grep -q "^$tmp/b/s.md:17:40: conflict: AA2.1 " "$tmp/out" || fail "baseline $base: new conflict hidden"
	grep -q "^$tmp/b/s.md: AA1.3 .* — absent " "$tmp/out" || fail "baseline $base: worse objective hidden"
	grep -q "^$tmp/b/s.md: AA1.1 .* — partial " "$tmp/out" || fail "baseline $base: new gap hidden"
	! grep -q ": AA3.6 " "$tmp/out" || fail "baseline $base: known gap shown"
	! grep -q ": P1 " "$tmp/out" || fail "baseline $base: objective without a finding shown"
	grep -q "^$tmp/b/s.md: overall .*, 1 known$" "$tmp/out" || fail "baseline $base: known count"
	grep -q "^$tmp/b/renamed.md: overall .*, 2 known$" "$tmp/out" || fail "baseline $base: renamed known count"
	# renamed.md matched by sha256: nothing new.
	[ "$(grep -c "^$tmp/b/renamed.md" "$tmp/out")" = 1 ] || fail "baseline $base: renamed document has findings"
	expect_status 1 $PALINT $R -f xml --baseline "$base" "$tmp/b/s.md" >"$tmp/r.xml"
	validate_report "$tmp/r.xml"
	[ "$("$XMLLINT" --xpath 'count(//objective)' "$tmp/r.xml")" = 3 ] || fail "baseline $base: xml objectives"
	expect_status 1 $PALINT $R -f csv --baseline "$base" "$tmp/b/s.md" >"$tmp/r.csv"
	[ "$(grep -c "^$tmp/b/s.md," "$tmp/r.csv")" = 3 ] || fail "baseline $base: csv rows"
done
expect_status 1 $PALINT $R -f xml "$tmp/b/s.md" >"$tmp/now.xml"
expect_status 0 $PALINT $R -f text --baseline "$tmp/now.xml" "$tmp/b/s.md" >"$tmp/out"
[ "$(wc -l <"$tmp/out")" = 2 ] || { cat "$tmp/out" >&2; fail "baseline: known findings shown"; }
# The same from CSV, whose message names the conflict rule after the
# reason for the gap of its objective (AA2.1 is absent beside it).
expect_status 1 $PALINT $R -f csv "$tmp/b/s.md" >"$tmp/now.csv"
grep -q '; conflict: AA2.1.localisation,error,1,' "$tmp/now.csv" || fail "baseline: csv conflict columns"
expect_status 0 $PALINT $R -f text --baseline "$tmp/now.csv" "$tmp/b/s.md" >"$tmp/out"
[ "$(wc -l <"$tmp/out")" = 2 ] || { cat "$tmp/out" >&2; fail "baseline: csv known conflict shown"; }
# An objective whose status got worse is shown in full; its conflict,
# which the baseline had beside coverage, is marked known and leaves the
# exit status.
{ cat "$draft"; echo; echo "Norland shall support cross-border data flows."; } >"$tmp/b/s.md"
$PALINT $R -f xml "$tmp/b/s.md" >"$tmp/flows.xml" 2>/dev/null || :
cp "$draft" "$tmp/b/s.md"
expect_status 0 $PALINT $R -f text --baseline "$tmp/flows.xml" "$tmp/b/s.md" >"$tmp/out"
grep -q "^$tmp/b/s.md: AA2.1 Trusted flow of data — absent " "$tmp/out" || fail "baseline: worse objective with a known conflict hidden"
grep -q "^$tmp/b/s.md:17:40: known conflict: AA2.1 Data localisation mandate \[AA2.1.localisation\]$" "$tmp/out" || { cat "$tmp/out" >&2; fail "baseline: known conflict not marked"; }
expect_status 1 $PALINT $R -f xml -l area "$tmp/b/s.md" >"$tmp/area.xml"
check_error baseline-level "^palint: $tmp/area.xml: not an objective-level palint report" $PALINT $R --baseline "$tmp/area.xml" "$draft"
check_error baseline-missing "^palint: $tmp/nope.xml: " $PALINT $R --baseline "$tmp/nope.xml" "$draft"
exit 0
