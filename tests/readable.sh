#!/bin/sh
# Text nobody can read: a document made of clean paragraphs and one of
# letter soup (two paragraphs interleaved a letter at a time, with a rule
# phrase left intact inside, as PDF extraction leaves them) is scored, but
# the match in the soup counts toward nothing, and the report says how
# much was unreadable; a document mostly of soup gets status unreadable
# and no verdict in every format, with a warning on stderr, and fails
# --fail-under like a document in a language the rules do not read.
# The fixtures are written by tests/make-readable-fixtures.py.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

fx=$top_srcdir/fixtures/readable
partly=$fx/partly.txt
mostly=$fx/mostly.txt

# --- The soup's phrase matches the rules when it stands in clean text,
# so its absence below is the measure's doing, not the rules'.
sed -n 5p "$partly" | grep -q "critical infrastructure" ||
    fail "fixture: no intact phrase in the soup paragraph"
printf 'We will protect critical infrastructure.\n' >"$tmp/clean.txt"
run_want 0 -f csv -e "$tmp/clean.csv" "$tmp/clean.txt"
grep -q ',AA3.5.critical-infrastructure,' "$tmp/clean.csv" ||
    fail "the phrase alone does not match"

# --- Partly unreadable: scored, flagged, warned, the soup's match out.
run_want 0 -f csv -e "$tmp/ev.csv" "$partly"
grep -q '^document,rule,' "$tmp/ev.csv" || fail "evidence: no header"
grep -q ',AA4.3.evidence-forensics,' "$tmp/ev.csv" ||
    fail "evidence: clean paragraphs lost their hits"
awk -F, 'NR > 1 && $7 == 5' "$tmp/ev.csv" | grep -q . &&
    fail "evidence: a hit from the unreadable paragraph (line 5)"
grep -q ',partly-unreadable$' "$tmp/out" || fail "csv: no partly-unreadable flag"
stderr_clean "$tmp/err" || { cat "$tmp/err" >&2; fail "stderr not empty for a partly unreadable document"; }
run_want 0 -f csv -l document "$partly"
grep -q 'unreadable text: 1 paragraph ([0-9]* bytes, [0-9]*% of the text); 1 match there not counted' "$tmp/out" ||
    fail "csv: no unreadable warning in the message"
stderr_clean "$tmp/err" || { cat "$tmp/err" >&2; fail "stderr not empty for a partly unreadable document"; }

run_want 0 -f xml -o "$tmp/partly.xml" "$partly"
validate_report "$tmp/partly.xml"
n=$("$XMLLINT" --xpath "count(//document[@status='ok'][@flags='partly-unreadable'][@unreadable-paragraphs='1'][@unreadable-hits='1'])" "$tmp/partly.xml")
[ "$n" = 1 ] || fail "xml: partly unreadable document not marked"

run_want 0 -f text "$partly"
grep -q "language en (partly-unreadable), unreadable text in 1 paragraph ([0-9.]*%)$" "$tmp/out" ||
    fail "text: no flag"
grep -q ": warning: unreadable text: 1 paragraph " "$tmp/out" || fail "text: no warning"

# --- Mostly unreadable: no verdict in every format, a warning on stderr.
run_want 0 -f text "$mostly"
grep -q "^$mostly: unreadable: text mostly unreadable .*; no verdict, [0-9]* words$" "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "text: no unreadable line"; }
grep -q ": gap: " "$tmp/out" && fail "text: gaps listed for a document without verdict"
grep -q '^total: 1 document, 0 errors, 1 without verdict (unreadable), mean overall -$' "$tmp/out" ||
    fail "text: total does not count the unreadable document"
grep -q "^palint: $mostly: text mostly unreadable" "$tmp/err" ||
    fail "stderr: no warning naming the file"

run_want 0 -f csv -l document "$mostly"
grep -q "^$mostly,[0-9a-f]\{64\},unreadable,,,[0-9]*,,,,\"text mostly unreadable" "$tmp/out" ||
    fail "csv: no unreadable status"
run_want 0 -f csv "$mostly"
[ "$(wc -l <"$tmp/out")" = 2 ] || fail "csv: objectives listed for a document without verdict"

run_want 0 -f xml -o "$tmp/mostly.xml" -e "$tmp/mostly-ev.xml" "$mostly"
validate_report "$tmp/mostly.xml"
validate_report "$tmp/mostly-ev.xml"
n=$("$XMLLINT" --xpath "count(//document[@status='unreadable'][@unreadable-paragraphs='3'][message][not(area)])" "$tmp/mostly.xml")
[ "$n" = 1 ] || fail "xml: no unreadable document"
n=$("$XMLLINT" --xpath "count(//hit)" "$tmp/mostly-ev.xml")
[ "$n" = 0 ] || fail "xml evidence: $n hits for a document without verdict"

run_want 0 -f html -o "$tmp/mostly.html" "$mostly"
grep -q "No verdict</strong> (unreadable): text mostly unreadable" "$tmp/mostly.html" ||
    fail "html: no unreadable status"

# --- --fail-under: a document without verdict fails it.
run_want 1 --fail-under 1 "$mostly"
run_want 0 --fail-under 1 "$partly"
