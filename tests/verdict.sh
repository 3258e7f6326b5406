#!/bin/sh
# Exit status and scores under coverage model 2: a conflict stands beside
# coverage, so it never lowers a score; an error-level conflict makes the
# status 1 whatever the scores, a warning-level one never does, and
# --fail-under compares the score alone.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

# Two objectives of one action area, each with one support rule and a
# conflict rule, one at each severity.
cat >"$tmp/rules.xml" <<'RULES'
<?xml version="1.0" encoding="UTF-8"?>
<ruleset id="verdict" version="1" title="Verdict test rules">
  <modality>
    <binding><term>will</term><term>shall</term></binding>
    <hortatory><term>should</term></hortatory>
  </modality>
  <area id="AA1" kind="action-area" title="Area">
    <objective id="AA1.1" title="Cables" min-rules="1">
      <rule id="AA1.1.cable" title="Undersea cables">
        <description>For the exit status test.</description>
        <term>undersea cable</term>
        <example hit="yes">We protect undersea cables.</example>
        <example hit="no">Nothing here.</example>
      </rule>
      <rule id="AA1.1.cut" title="Cable cutting" kind="conflict" severity="error">
        <description>For the exit status test.</description>
        <term>cut the cables</term>
        <example hit="yes">They cut the cables.</example>
        <example hit="no">Nothing here.</example>
      </rule>
    </objective>
    <objective id="AA1.2" title="Data" min-rules="1">
      <rule id="AA1.2.flow" title="Data flows">
        <description>For the exit status test.</description>
        <term>data flows</term>
        <example hit="yes">We support data flows.</example>
        <example hit="no">Nothing here.</example>
      </rule>
      <rule id="AA1.2.store" title="Local storage" kind="conflict" severity="warning">
        <description>For the exit status test.</description>
        <term>store data locally</term>
        <example hit="yes">Firms store data locally.</example>
        <example hit="no">Nothing here.</example>
      </rule>
    </objective>
  </area>
</ruleset>
RULES

r="--no-progress -r $tmp/rules.xml -f csv --level document"
printf 'Norland will protect undersea cables.\nNorland will support data flows.\n' >"$tmp/clean.txt"
printf 'Norland will protect undersea cables.\nNorland will support data flows.\nBanks should store data locally.\n' >"$tmp/warning.txt"
printf 'Norland will protect undersea cables.\nNorland will support data flows.\nThe navy will cut the cables of rivals.\n' >"$tmp/error.txt"

# Overall is column 4: conflicts leave it at 100.0.
overall() { sed -n 2p "$tmp/out" | cut -d, -f4; }

expect_status 0 $PALINT $r "$tmp/clean.txt" >"$tmp/out"
[ "$(overall)" = 100.0 ] || fail "clean: overall $(overall)"
expect_status 0 $PALINT $r "$tmp/warning.txt" >"$tmp/out"
[ "$(overall)" = 100.0 ] || fail "warning conflict lowered the score"
expect_status 0 $PALINT $r --fail-under 100 "$tmp/warning.txt" >"$tmp/out"
expect_status 1 $PALINT $r "$tmp/error.txt" >"$tmp/out"
[ "$(overall)" = 100.0 ] || fail "error conflict lowered the score"
# The error conflict alone makes it 1, even with a score above the bar.
expect_status 1 $PALINT $r --fail-under 50 "$tmp/error.txt" >"$tmp/out"

# --fail-under takes the weighted score: a mention alone scores 80%.
printf 'Undersea cables exist. Data flows exist.\n' >"$tmp/mention.txt"
expect_status 0 $PALINT $r --fail-under 80 "$tmp/mention.txt" >"$tmp/out"
[ "$(overall)" = 80.0 ] || fail "mentions: overall $(overall), want 80.0"
expect_status 1 $PALINT $r --fail-under 80.1 "$tmp/mention.txt" >"$tmp/out"

# The objective rows say covered, with the conflict beside.
expect_status 1 $PALINT --no-progress -r "$tmp/rules.xml" -f csv "$tmp/error.txt" >"$tmp/obj.csv"
grep -q ',AA1.1,Cables,covered,100.0,.*,error,1,1.00' "$tmp/obj.csv" ||
	fail "error conflict: objective not covered with the conflict beside"
expect_status 0 $PALINT --no-progress -r "$tmp/rules.xml" -f csv "$tmp/warning.txt" >"$tmp/obj.csv"
grep -q ',AA1.2,Data,covered,100.0,.*,warning,1,1.00' "$tmp/obj.csv" ||
	fail "warning conflict: objective not covered with the conflict beside"

# The text report quotes the conflicting sentence under its objective.
expect_status 1 $PALINT --no-progress -r "$tmp/rules.xml" -f text "$tmp/error.txt" >"$tmp/out.txt"
grep -q ': AA1.1 Cables .* covered 100.0%: 1 of 1 required rule fired' "$tmp/out.txt" ||
	fail "text: verdict line"
grep -q ':3:15: conflict: AA1.1 Cable cutting \[AA1.1.cut\]$' "$tmp/out.txt" ||
	fail "text: conflict line"
grep -q '^    "The navy will cut the cables of rivals."$' "$tmp/out.txt" ||
	fail "text: conflicting sentence"

# One polarity per sentence: where a conflict rule of an objective fires,
# its support rules' hits in the same sentence do not count, and elsewhere
# they do.  The sentence that adopts the measure is evidence against the
# objective only.
printf 'Norland will cut the cables of any undersea cable operator it dislikes.\n' >"$tmp/against.txt"
expect_status 1 $PALINT --no-progress -r "$tmp/rules.xml" -f csv -e "$tmp/ev.csv" -o "$tmp/obj.csv" "$tmp/against.txt"
grep -q ',AA1.1.cut,AA1.1,AA1,conflict,' "$tmp/ev.csv" || fail "polarity: conflict hit missing"
if grep -q ',AA1.1.cable,' "$tmp/ev.csv"; then fail "polarity: support hit kept in the conflict's sentence"; fi
grep -q ',AA1.1,Cables,absent,0.0,' "$tmp/obj.csv" || fail "polarity: AA1.1 not absent"
printf 'Norland will cut the cables of rivals. It will protect every undersea cable.\n' >"$tmp/both.txt"
expect_status 1 $PALINT --no-progress -r "$tmp/rules.xml" -f csv -e "$tmp/ev.csv" -o "$tmp/obj.csv" "$tmp/both.txt"
grep -q ',AA1.1.cable,AA1.1,AA1,support,warning,1,62,' "$tmp/ev.csv" || fail "polarity: support hit in its own sentence lost"
# Only the same objective: a conflict of AA1.2 leaves AA1.1's support.
printf 'Banks should store data locally near each undersea cable.\n' >"$tmp/other.txt"
expect_status 0 $PALINT --no-progress -r "$tmp/rules.xml" -f csv -e "$tmp/ev.csv" -o "$tmp/obj.csv" "$tmp/other.txt"
grep -q ',AA1.1.cable,AA1.1,AA1,support,' "$tmp/ev.csv" || fail "polarity: another objective's conflict dropped support"
# palint eval reads the sentence the same way: !AA1.1 only.
printf 'doc\tline\tlabels\tsentence\nd\t1\t!AA1.1\tNorland will cut the cables of any undersea cable operator it dislikes.\n' >"$tmp/one.tsv"
$PALINT eval -r "$tmp/rules.xml" -f csv "$tmp/one.tsv" >"$tmp/eval.csv" || fail "polarity: eval failed"
grep -q '^objective,micro,0,0,0,' "$tmp/eval.csv" || fail "polarity: eval predicted support for AA1.1"
grep -q '^conflict,micro,1,0,0,' "$tmp/eval.csv" || fail "polarity: eval missed the conflict"
exit 0
