#!/bin/sh
# The scan copy of the built-in rules (src/embed -s): comments, examples
# and indentation go, every line break stays, and white space that is an
# element's whole text is kept.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

embed=$top_builddir/src/embed
[ -x "$embed" ] || skip "no src/embed"

cat >"$tmp/in.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment
     on two lines -->
<root a="x>y">
    <term>  </term>
    <term>a <!-- c --> b</term>
    <example hit="yes"><![CDATA[</example> is text here]]>
      and more</example>
    <examples>kept</examples>
    <regex>
</regex>
    <e/>
    <example hit="no"/>   <t>x</t>
</root>
XML
cat >"$tmp/want.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>


<root a="x>y">
<term>  </term>
<term>a  b</term>


<examples>kept</examples>
<regex>
</regex>
<e/>
<t>x</t>
</root>
XML
"$embed" -x "$tmp/in.xml" >"$tmp/got.xml" || fail "embed -x failed"
cmp -s "$tmp/got.xml" "$tmp/want.xml" || fail "scan copy: $(diff "$tmp/want.xml" "$tmp/got.xml")"

# Markup left open is refused rather than cut short.
printf '<root>\n<example>open\n' >"$tmp/open.xml"
expect_status 1 "$embed" -x "$tmp/open.xml" 2>"$tmp/err"
grep -q 'unterminated markup' "$tmp/err" || fail "open example: $(cat "$tmp/err")"

# The built-in rules: as many lines, every element on its line.
rules=$top_srcdir/rules/us-icdps-2024.xml
"$embed" -x "$rules" >"$tmp/scan.xml" || fail "embed -x on the built-in rules"
[ "$(wc -l <"$tmp/scan.xml")" = "$(wc -l <"$rules")" ] || fail "line counts differ"
[ "$(grep -c '<example' "$tmp/scan.xml" || true)" = 0 ] || fail "examples left in the scan copy"
[ "$(grep -c '<term' "$tmp/scan.xml")" = "$(grep -c '<term' "$rules")" ] || fail "terms lost"
exit 0
