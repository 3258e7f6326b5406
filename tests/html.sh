#!/bin/sh
# html.sh -- the HTML report read back by libxml2's HTML parser (xmllint
# --html): every document and objective is on the page; each document's
# count of covered, partial, absent and contradicted objectives equals the
# CSV report's; its evidence rows (rule, position, marked words) equal the
# rows of -e evidence.csv, one for one and in order; every <mark> holds a
# hit's match.  A document and a file name full of markup, event handlers
# and javascript: URLs show up as text only: one script (palint's), no
# handler, no outside link.  The same run with -j 1 and -j 3 gives the
# same bytes, and the page is written atomically with -o.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

csvdump=$top_builddir/tests/csvdump
[ -x "$csvdump" ] || skip "tests/csvdump not built"
command -v "$XMLLINT" >/dev/null 2>&1 || skip "xmllint not installed"

docs=$tmp/docs
mkdir "$docs"
hostile='<img src=x onerror=alert(0)> "q" &amp;.txt'
cat >"$docs/$hostile" <<'EOF'
<script>alert(1)</script> critical infrastructure must adopt cybersecurity standards.

An <img src=x onerror=alert(2)> and "onerror=alert(3) x: critical infrastructure must adopt cybersecurity standards.

Open javascript:alert(4) then <a href="javascript:alert(5)">critical infrastructure</a> must adopt cybersecurity standards.
EOF
cp "$top_srcdir/fixtures/examples/valdoria-cyber-strategy-draft.md" \
    "$top_srcdir/fixtures/golden/partner-draft.md" \
    "$top_srcdir/fixtures/golden/cp1252.txt" "$docs/"
if grep -q 'HAVE_POPPLER 1' "$top_builddir/config.h" 2>/dev/null; then
	cp "$top_srcdir/fixtures/formats/good/doc.pdf" "$docs/"
fi

# run OUT ARG...: palint on the documents and one unreadable name; exit
# status 2 for that one.
run() {
	out=$1
	shift
	(cd "$docs" && expect_status 2 $PALINT -q "$@" -- * missing.txt) \
	    >"$out" 2>"$tmp/err"
}

run "$tmp/page.html" -f html -j 1 -e "$tmp/ev.csv"
run "$tmp/cov.csv" -f csv -j 1
(cd "$docs" && expect_status 2 $PALINT -q -f html -j 3 -o "$tmp/j3.html" \
    -- * missing.txt) 2>"$tmp/err"
cmp "$tmp/page.html" "$tmp/j3.html" || fail "-j 3 gives other bytes than -j 1"
ls "$tmp" | grep -v '^\(docs\|cache\|page.html\|j3.html\)$' |
    grep -v '^\(ev.csv\|cov.csv\|err\)$' && fail "-o left a temporary file"

# x EXPR: the value of an XPath expression on the page.
x() {
	"$XMLLINT" --html --xpath "$1" "$tmp/page.html" 2>/dev/null || true
}

# Unescapes what xmllint escapes when it prints text nodes.
unescape() {
	sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&amp;/\&/g'
}

[ "$(x 'string(/html/@lang)')" = en ] || fail "no lang attribute"
csp='//meta[@http-equiv="Content-Security-Policy"]/@content'
[ "$(x "count($csp[starts-with(., \"default-src 'none';\")])")" = 1 ] ||
	fail "no strict Content-Security-Policy"

# Every objective of the rules has its column.
src_objectives=$($PALINT rules list | awk '/^  [^ ]/ { print $1 }' | sort)
page_objectives=$(x '//table[@id="heatmap"]/thead/tr[2]/th/abbr/text()' |
    sort)
[ -n "$src_objectives" ] || fail "rules list names no objective"
[ "$src_objectives" = "$page_objectives" ] ||
	fail "heatmap columns are not the objectives of the rules"

# One row per document, in the CSV's order, and its verdicts the same.
"$csvdump" "$tmp/cov.csv" | awk -F'\t' 'NR > 1 && !seen[$2]++ { print $2 }' \
    >"$tmp/csv.docs"
rows=$(x 'count(//table[@id="heatmap"]/tbody/tr)')
[ "$rows" = "$(wc -l <"$tmp/csv.docs")" ] || fail "$rows heatmap rows"
[ "$rows" -ge 5 ] || fail "too few documents on the page"
: >"$tmp/html.counts"
: >"$tmp/csv.counts"
i=0
while IFS= read -r doc; do
	i=$((i + 1))
	name=$(x "//tr[@id='row-$i']/th/a/text()" | unescape)
	[ "$name" = "$doc" ] || fail "row $i is '$name', want '$doc'"
	[ "$(x "count(//article[@id='doc-$i'])")" = 1 ] ||
		fail "$doc: no section"
	for s in covered partial absent; do
		n=$(x "count(//tr[@id='row-$i']/td[@class='$s'])")
		m=$("$csvdump" "$tmp/cov.csv" | awk -F'\t' -v d="$doc" \
		    -v s="$s" '$2 == d && $7 == s { n++ } END { print n + 0 }')
		echo "$doc $s $n" >>"$tmp/html.counts"
		echo "$doc $s $m" >>"$tmp/csv.counts"
	done
	# Contradicted: a conflict beside the verdict (CSV column conflict).
	n=$(x "count(//tr[@id='row-$i']/td[@data-conflict])")
	m=$("$csvdump" "$tmp/cov.csv" | awk -F'\t' -v d="$doc" \
	    '$2 == d && $15 != "" { n++ } END { print n + 0 }')
	echo "$doc contradicted $n" >>"$tmp/html.counts"
	echo "$doc contradicted $m" >>"$tmp/csv.counts"

	# Evidence: rule, position and marked words, row for row.
	ev="//article[@id='doc-$i']//table[@class='evidence']/tbody/tr"
	x "$ev/td[2]/code/text()" >"$tmp/rules.h"
	x "$ev/td[1]/text()" >"$tmp/where.h"
	x "$ev/td[@class='sentence']/mark/text()" | unescape >"$tmp/marks.h"
	paste -d '|' "$tmp/rules.h" "$tmp/where.h" "$tmp/marks.h" |
	    sed '/^||$/d' >"$tmp/ev.html"
	"$csvdump" "$tmp/ev.csv" | awk -F'\t' -v d="$doc" '$2 == d {
		m = $12
		gsub(/\\[ntr]/, " ", m)
		gsub(/  +/, " ", m)
		sub(/^ /, "", m)
		sub(/ $/, "", m)
		w = $10 != "" ? "page " $10 : "line " $8 ", col. " $9
		print $3 "|" w "|" m
	}' >"$tmp/ev.want"
	diff "$tmp/ev.want" "$tmp/ev.html" >&2 ||
		fail "$doc: evidence on the page differs from evidence.csv"
done <"$tmp/csv.docs"
diff "$tmp/csv.counts" "$tmp/html.counts" >&2 ||
	fail "verdict counts differ from the CSV report"
grep -q ' contradicted [1-9]' "$tmp/html.counts" ||
	fail "no contradicted objective: the fixtures lost their conflict"
[ "$(x 'count(//td[@class="sentence"]/mark)')" -gt 20 ] ||
	fail "too few marks"
[ "$(x 'count(//tr/td[@class="error"])')" = 1 ] ||
	fail "the unreadable document has no error row"

# Hostile text is text.
[ "$(x 'count(//script)')" = 1 ] || fail "a document added a script"
[ "$(x 'count(//script[@src])')" = 0 ] || fail "an outside script"
[ "$(x 'count(//@*[starts-with(name(), "on")])')" = 0 ] ||
	fail "an event handler attribute"
[ "$(x 'count(//img|//iframe|//object|//embed|//link|//base|//form)')" = 0 ] ||
	fail "an element from a document"
[ "$(x 'count(//@href[not(starts-with(., "#"))])')" = 0 ] ||
	fail "a link that leaves the page"
[ "$(x 'count(//@*[contains(., "javascript:")])')" = 0 ] ||
	fail "javascript: inside an attribute"
sentence='//td[@class="sentence"]'
[ "$(x "count($sentence[contains(., '<script>alert(1)</script>')])")" -ge 1 ] ||
	fail "the hostile sentence is not shown as text"
link='<a href="javascript:alert(5)">'
[ "$(x "count($sentence[contains(., '$link')])")" -ge 1 ] ||
	fail "the hostile link is not shown as text"
[ "$(x "count(//tr/th/a[. = '$hostile'])")" = 1 ] ||
	fail "the hostile file name is not shown as text"
[ "$(grep -c '<script' "$tmp/page.html")" = 1 ] ||
	fail "'<script' appears unescaped"
stderr_clean "$tmp/err" || { cat "$tmp/err" >&2; fail "stderr not clean"; }
exit 0
