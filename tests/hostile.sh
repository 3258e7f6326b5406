#!/bin/sh
# Hostile inputs: every one ends in bounded time and memory, with a one-line
# error naming the file, and the rest of the batch still reported.  Each
# case scans the hostile file together with a good document and checks the
# exit status, the hostile file's error row and the good document's row.
# Big inputs are generated here, in $tmp, never kept in the tree.
# PALINT_HOSTILE_MB sets the size of the long-line document (default 200;
# 20 under valgrind).
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

rules=$top_srcdir/fixtures/golden/rules.xml
good=$top_srcdir/fixtures/golden/partner-draft.md
formats=$top_srcdir/fixtures/formats
mkzip=$top_builddir/tests/mkzip
[ -x "$mkzip" ] || skip "tests/mkzip not built"

bin=${palint_bin:-$PALINT}
if [ "${PALINT_VALGRIND:-0}" = 1 ]; then
	big_mb=${PALINT_HOSTILE_MB:-20}
	time_limit=600
else
	big_mb=${PALINT_HOSTILE_MB:-200}
	time_limit=120
fi
# A ceiling on address space, except where a sanitizer or valgrind
# reserves its own huge mappings.
memlimit=
if [ "${PALINT_VALGRIND:-0}" != 1 ] && ! grep -q __asan_init "$bin"; then
	memlimit=3000000
fi
# strace proves that nothing is opened or fetched, where ptrace works.
have_strace=0
if command -v strace >/dev/null 2>&1 &&
    strace -f -o /dev/null true >/dev/null 2>&1; then
	have_strace=1
fi

# run ARG...: palint with the time and memory ceilings; sets $st.
run() {
	set +e
	(
		[ -z "$memlimit" ] || ulimit -v "$memlimit"
		exec timeout "$time_limit" $PALINT "$@"
	) >"$tmp/out" 2>"$tmp/err"
	st=$?
	set -e
	# CSV rows end in CRLF; the checks below want plain lines.
	tr -d '\r' <"$tmp/out" >"$tmp/out.lf"
	mv "$tmp/out.lf" "$tmp/out"
	[ "$st" != 124 ] || fail "timed out after ${time_limit}s: $*"
	[ "$st" -lt 128 ] || { cat "$tmp/err" >&2; fail "killed by a signal ($st): $*"; }
	[ "$st" != 99 ] || { cat "$tmp/err" >&2; fail "valgrind errors: $*"; }
}

# good_row: the good document has its full row.
good_row() {
	grep -q "^$good,[0-9a-f]\{64\},ok," "$tmp/out" ||
	    { cat "$tmp/out" >&2; fail "$1: the good document was lost"; }
}

# hostile NAME FILE PATTERN [OPTION...]: scan FILE and the good document;
# exit 2, an error row for FILE (or a member "FILE!...") whose message
# matches PATTERN, one stderr line naming it, and the good document's row.
hostile() {
	name=$1 file=$2 pattern=$3
	shift 3
	run -f csv -l document -j 2 --rules "$rules" "$@" "$file" "$good"
	[ "$st" = 2 ] || { cat "$tmp/err" >&2; fail "$name: exit $st, want 2"; }
	grep -q "^$file[,!].*,error,.*$pattern" "$tmp/out" ||
	    { cat "$tmp/out" >&2; fail "$name: no error row matching /$pattern/"; }
	grep -q "^palint: $file[:!].*$pattern" "$tmp/err" ||
	    { cat "$tmp/err" >&2; fail "$name: no error line naming the file"; }
	[ "$(grep "^palint: $file" "$tmp/err" | grep -vc ": skipped: ")" = 1 ] ||
	    { cat "$tmp/err" >&2; fail "$name: want one error line"; }
	good_row "$name"
}

# benign NAME FILE [OPTION...]: a strange but readable file gives a row
# with status ok next to the good document (exit 1: the good document has
# an error-level conflict with the golden rules).
benign() {
	name=$1 file=$2
	shift 2
	run -f csv -l document -j 2 --rules "$rules" "$@" "$file" "$good"
	[ "$st" = 1 ] || { cat "$tmp/err" >&2; fail "$name: exit $st, want 1"; }
	grep -q "^$file,[0-9a-f]\{64\},ok," "$tmp/out" ||
	    { cat "$tmp/out" >&2; fail "$name: no ok row"; }
	good_row "$name"
}

# no_secrets NAME: nothing of /etc/passwd reached the output.
no_secrets() {
	! grep -q "root:" "$tmp/out" "$tmp/err" || fail "$1: /etc/passwd was read"
}

# traced NAME ARG...: run palint under strace; fail if it opened
# /etc/passwd or made a network connection.
traced() {
	name=$1
	shift
	[ "$have_strace" = 1 ] || return 0
	set +e
	timeout "$time_limit" strace -f -e trace=open,openat,connect \
	    -o "$tmp/strace" "$bin" "$@" >/dev/null 2>&1
	set -e
	! grep -q '/etc/passwd' "$tmp/strace" || fail "$name: /etc/passwd opened"
	! grep -q 'connect(' "$tmp/strace" || fail "$name: network connection"
}

# ---- Entities in rule files: refused before any expansion or fetch ----

bad=$top_srcdir/fixtures/rules-bad
cat >"$tmp/xxe-http.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE ruleset [<!ENTITY remote SYSTEM "http://127.0.0.1:9/rules">]>
<ruleset id="bad" version="1" title="Remote entity">
  <description>&remote;</description>
</ruleset>
EOF
for f in "$bad/entity.xml" "$bad/xxe.xml" "$tmp/xxe-http.xml"; do
	run rules check "$f"
	[ "$st" = 2 ] || fail "rules $f: exit $st, want 2"
	grep -q "^$f:[0-9]*: DOCTYPE" "$tmp/err" || { cat "$tmp/err" >&2; fail "rules $f: no error"; }
	no_secrets "rules $f"
	traced "rules $f" rules check "$f"
	run -f csv --rules "$f" "$good"
	[ "$st" = 2 ] && [ ! -s "$tmp/out" ] || fail "scan --rules $f: exit $st"
done

# An empty rule file is an error, not a crash.
: >"$tmp/empty.xml"
run rules check "$tmp/empty.xml"
[ "$st" = 2 ] && grep -q "^$tmp/empty.xml: empty file" "$tmp/err" ||
    { cat "$tmp/err" >&2; fail "empty rule file: exit $st"; }

# ---- Entities in documents ----

laughs='<!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
<!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">'
printf '<?xml version="1.0"?>\n<!DOCTYPE doc [\n%s\n]>\n<doc><p>&i;</p></doc>\n' \
    "$laughs" >"$tmp/laughs.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE doc [<!ENTITY s SYSTEM "file:///etc/passwd">]>\n<doc><p>start &s; end</p></doc>\n' \
    >"$tmp/xxe-file.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE doc [<!ENTITY s SYSTEM "http://127.0.0.1:9/x">]>\n<doc><p>start &s; end</p></doc>\n' \
    >"$tmp/xxe-http.xml"
printf '<!DOCTYPE html [\n%s\n<!ENTITY s SYSTEM "file:///etc/passwd">\n]>\n<html><body><p>&i; &s;</p></body></html>\n' \
    "$laughs" >"$tmp/laughs.html"

# The bomb is an error (the parser's loop detector); external entities are
# left out of the text, unread.
hostile xml-laughs "$tmp/laughs.xml" "entity"
traced xml-laughs -f csv --rules "$rules" "$tmp/laughs.xml"
for f in "$tmp/xxe-file.xml" "$tmp/xxe-http.xml" "$tmp/laughs.html"; do
	run -f csv -l document -j 2 --rules "$rules" "$f" "$good"
	case $st in 1|2) ;; *) fail "$f: exit $st" ;; esac
	no_secrets "$f"
	! grep -q "aaaaaaaaaaaaaaaaaaaa" "$tmp/out" || fail "$f: entity expanded"
	# Whatever the verdict, the words counted are the few written (the HTML
	# parser reads a DOCTYPE subset as text, unexpanded).
	awk -F, -v f="$f" '$1 == f && $3 == "ok" && $6 > 1000 { exit 1 }' \
	    "$tmp/out" || fail "$f: entity text reached the document"
	good_row "$f"
	traced "$f" -f csv --rules "$rules" "$f"
done

# The same documents as a DOCX's word/document.xml.
docx_with() {
	"$mkzip" "$2" '[Content_Types].xml:<Types/>' "word/document.xml=$1"
}
w='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
printf '<?xml version="1.0"?>\n<!DOCTYPE w:document [\n%s\n]>\n<w:document %s><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>\n' \
    "$laughs" "$w" >"$tmp/laughs-doc.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY s SYSTEM "file:///etc/passwd"><!ENTITY h SYSTEM "http://127.0.0.1:9/x">]>\n<w:document %s><w:body><w:p><w:r><w:t>start &s; &h; end</w:t></w:r></w:p></w:body></w:document>\n' \
    "$w" >"$tmp/xxe-doc.xml"
docx_with "$tmp/laughs-doc.xml" "$tmp/laughs.docx"
docx_with "$tmp/xxe-doc.xml" "$tmp/xxe.docx"
hostile docx-laughs "$tmp/laughs.docx" "entity"
run -f csv -l document --rules "$rules" "$tmp/xxe.docx" "$good"
case $st in 1|2) ;; *) fail "xxe.docx: exit $st" ;; esac
no_secrets xxe.docx
good_row xxe.docx
traced xxe.docx -f csv --rules "$rules" "$tmp/xxe.docx"

# ---- Archives ----

# A zip bomb: 200 MB of zeros (a sparse file) squeezed into 200 KB.
if command -v zip >/dev/null 2>&1; then
	truncate -s 200M "$tmp/zeros"
	(cd "$tmp" && zip -q bomb.zip zeros)
	rm -f "$tmp/zeros"
	hostile zip-bomb-ratio "$tmp/bomb.zip" "ratio above"
	hostile zip-bomb-total "$tmp/bomb.zip" "more than 104857600 bytes" \
	    --max-ratio 0 --max-total-size 100M
	hostile max-ratio "$tmp/bomb.zip" "ratio above 10" --max-ratio 10
fi
# Headers can lie: the same bomb as a tar.gz declares nothing up front.
truncate -s 200M "$tmp/zeros"
(cd "$tmp" && tar cf - zeros | gzip -1 >bomb.tar.gz)
rm -f "$tmp/zeros"
hostile tar-bomb "$tmp/bomb.tar.gz" "ratio above"

"$mkzip" "$tmp/many.zip" -n 100000
hostile many-members "$tmp/many.zip" "more than 10000 members"
hostile max-members "$tmp/many.zip" "more than 10 members" --max-members 10

"$mkzip" "$tmp/names.zip" "ok.txt=$good" '../../x:We will protect undersea cables.' \
    'link@/etc/passwd'
hostile traversal "$tmp/names.zip" "unsafe member name"
grep -q "^$tmp/names.zip!ok.txt,[0-9a-f]*,ok," "$tmp/out" || fail "traversal: member lost"
! grep -q "names.zip!link,.*,ok," "$tmp/out" || fail "symlink member was read"
grep -q "^palint: $tmp/names.zip!link: skipped: symbolic link" "$tmp/err" ||
    fail "symlink member: no notice"
no_secrets symlink
[ ! -e "$tmp/x" ] && [ ! -e "$top_builddir/x" ] || fail "traversal: a file was written"

# Nested ten deep: one level of nesting is read, the next is an error row.
cp "$good" "$tmp/n0.md"
prev=n0.md
for i in 1 2 3 4 5 6 7 8 9 10; do
	"$mkzip" "$tmp/n$i.zip" "$prev=$tmp/$prev"
	prev=n$i.zip
done
hostile nested "$tmp/n10.zip" "nested archive not read"

# ---- Structure ----

awk 'BEGIN { for (i = 0; i < 10000; i++) printf "<div>"; printf "deep";
    for (i = 0; i < 10000; i++) printf "</div>"; print "" }' >"$tmp/deep.body"
{ printf '<?xml version="1.0"?>\n'; cat "$tmp/deep.body"; } >"$tmp/deep.xml"
{ printf '<html><body>'; cat "$tmp/deep.body"; printf '</body></html>\n'; } >"$tmp/deep.html"
printf '<w:document %s><w:body>' "$w" >"$tmp/deep-doc.xml"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "<w:sdt>"; printf "<w:p><w:r><w:t>deep</w:t></w:r></w:p>";
    for (i = 0; i < 10000; i++) printf "</w:sdt>"; print "</w:body></w:document>" }' >>"$tmp/deep-doc.xml"
docx_with "$tmp/deep-doc.xml" "$tmp/deep.docx"
hostile deep-xml "$tmp/deep.xml" "depth\|deeper"
hostile deep-html "$tmp/deep.html" "deeper"
hostile deep-docx "$tmp/deep.docx" "depth\|deeper"
# 100,000 paragraph styles, each based on the next: read in a second.
awk -v w="$w" 'BEGIN { printf "<w:styles %s>", w; for (i = 0; i < 100000; i++)
    printf "<w:style w:type=\"paragraph\" w:styleId=\"s%d\"><w:basedOn w:val=\"s%d\"/></w:style>", i, i + 1;
    print "</w:styles>" }' >"$tmp/styles.xml"
printf '<w:document %s><w:body><w:p><w:pPr><w:pStyle w:val="s7"/></w:pPr><w:r><w:t>We will protect undersea cables.</w:t></w:r></w:p></w:body></w:document>\n' \
    "$w" >"$tmp/styled.xml"
"$mkzip" "$tmp/styles.docx" '[Content_Types].xml:<Types/>' \
    "word/document.xml=$tmp/styled.xml" "word/styles.xml=$tmp/styles.xml"
benign many-styles "$tmp/styles.docx"

# --max-xml-depth: a document within libxml2's limit but over ours.
awk 'BEGIN { printf "<?xml version=\"1.0\"?>"; for (i = 0; i < 50; i++) printf "<div>";
    printf "text"; for (i = 0; i < 50; i++) printf "</div>"; print "" }' >"$tmp/d50.xml"
hostile max-xml-depth "$tmp/d50.xml" "deeper than 20 levels" --max-xml-depth 20

# One line of $big_mb MB, no line break anywhere.
head -c "$((big_mb * 1024 * 1024))" /dev/zero | tr '\0' 'a' >"$tmp/line.txt"
benign long-line "$tmp/line.txt"
hostile max-file-size "$tmp/line.txt" "file too large" --max-file-size 1M
rm -f "$tmp/line.txt"

# NUL bytes: a few inside text are read around; a file of them is binary.
{ printf 'We will protect the undersea\000 cables.\n\nTrusted\000 vendors only.\n\n'; cat "$good"; } >"$tmp/nul.txt"
benign nul-text "$tmp/nul.txt"
# The two sentences around the NULs add two hits to the good text's nine.
grep -q "nul.txt,[0-9a-f]*,ok,.*,11,2 NUL bytes read as spaces,en,,en 100%$" "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "nul-text: text around the NULs not scanned"; }
head -c 10000 /dev/zero >"$tmp/nul.bin"
hostile nul-binary "$tmp/nul.bin" "binary"

# Truncated files.
size=$(wc -c <"$formats/good/doc.pdf")
head -c "$((size / 2))" "$formats/good/doc.pdf" >"$tmp/cut.pdf"
hostile truncated-pdf "$tmp/cut.pdf" "PDF"
size=$(wc -c <"$formats/good/doc.docx")
head -c "$((size / 2))" "$formats/good/doc.docx" >"$tmp/cut.docx"
hostile truncated-docx "$tmp/cut.docx" "."
size=$(wc -c <"$formats/good/mixed.tar.gz")
head -c "$((size / 2))" "$formats/good/mixed.tar.gz" >"$tmp/cut.tar.gz"
hostile truncated-gzip "$tmp/cut.tar.gz" "."

# A file that grows while it is read: the writer outruns any limit.
: >"$tmp/growing.txt"
yes "We will protect undersea cables." >>"$tmp/growing.txt" &
writer=$!
sleep 1
hostile growing "$tmp/growing.txt" "file too large" --max-file-size 20M
kill "$writer"
wait "$writer" 2>/dev/null || true
# A FIFO named with --devices=read, fed slowly, then closed: read to its
# end (tests/specials.sh has the FIFOs that are not read).
mkfifo "$tmp/fifo.txt"
(printf 'We will protect undersea cables.\n'; sleep 1; printf 'Trusted vendors only.\n') >"$tmp/fifo.txt" &
writer=$!
benign fifo "$tmp/fifo.txt" --devices=read
wait "$writer" 2>/dev/null || true

# ---- Rules ----

# rule_file ID PATTERN-ELEMENT: one rule around one pattern.
rule_file() {
	cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<ruleset id="hostile" version="1" title="Hostile rules">
  <area id="A" kind="action-area" title="Area">
    <objective id="A.1" title="Objective">
      <rule id="A.1.$1" title="Rule">
        <description>A hostile pattern.</description>
        $2
        <example hit="yes">aaa</example>
        <example hit="no">b c d</example>
      </rule>
      <rule id="A.1.cable" title="Cables">
        <description>Cables.</description>
        <term>undersea cable</term>
        <example hit="yes">undersea cables</example>
        <example hit="no">cable television</example>
      </rule>
    </objective>
  </area>
</ruleset>
EOF
}

# Catastrophic backtracking: stopped by the PCRE2 limits, reported for the
# rule and the document; the good document is still scanned.
rule_file backtrack '<regex>(a+)+$</regex>' >"$tmp/backtrack.xml"
awk 'BEGIN { for (i = 0; i < 20; i++) { for (j = 0; j < 5000; j++)
    printf "a"; printf "b " } print "" }' >"$tmp/aaa.txt"
for pf in "" --no-prefilter; do
	rules=$tmp/backtrack.xml
	hostile "backtrack$pf" "$tmp/aaa.txt" "rule A.1.backtrack: .*limit" $pf
	rules=$top_srcdir/fixtures/golden/rules.xml
done

# 10,000 rules: loaded, compiled and run, or refused cleanly.
awk 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<ruleset id=\"many\" version=\"1\" title=\"Many rules\">"
	print "<area id=\"A\" kind=\"action-area\" title=\"Area\">"
	print "<objective id=\"A.1\" title=\"Objective\">"
	for (i = 0; i < 10000; i++) {
		printf "<rule id=\"A.1.r%d\" title=\"Rule %d\">", i, i
		printf "<description>Word %d.</description>", i
		printf "<term>word%dx</term>", i
		printf "<example hit=\"yes\">a word%dx here</example>", i
		print "<example hit=\"no\">nothing here</example></rule>"
	}
	print "</objective></area></ruleset>"
}' >"$tmp/many.xml"
printf 'Some word17x and word9999x.\n' >"$tmp/many.txt"
run -f csv -l document --rules "$tmp/many.xml" "$tmp/many.txt"
[ "$st" = 0 ] || { cat "$tmp/err" >&2; fail "10000 rules: exit $st"; }
grep -q "many.txt,[0-9a-f]*,ok,.*,2,,und,,und 100%$" "$tmp/out" || { cat "$tmp/out" >&2; fail "10000 rules: want 2 hits"; }

# A 100 KB pattern: compiled, or a clear regex error.
alt=$(awk 'BEGIN { for (i = 0; i < 12000; i++) printf "%sw%06d", (i ? "|" : ""), i }')
rule_file big "<regex>aaa|$alt</regex>" >"$tmp/bigpat.xml"
run rules check "$tmp/bigpat.xml"
case $st in
0) ;;
2) grep -q "^$tmp/bigpat.xml:[0-9]*: rule A.1.big: regex error" "$tmp/err" ||
    { cat "$tmp/err" >&2; fail "100 KB pattern: unclear error"; } ;;
*) fail "100 KB pattern: exit $st" ;;
esac
rule_file bigterm "<term>aaa $(awk 'BEGIN { for (i = 0; i < 12000; i++) printf "w%06d ", i }')</term>" \
    >"$tmp/bigterm.xml"
run rules check "$tmp/bigterm.xml"
case $st in 0|2) ;; *) fail "100 KB term: exit $st" ;; esac

# ---- Signals: a stop removes the temporary file and keeps the old report ----

# stopped SIG WANT: scan a FIFO that never ends (--devices=read), with -o
# over an old report.
stopped() {
	rm -f "$tmp/stall"
	mkfifo "$tmp/stall"
	sleep 300 >"$tmp/stall" &
	holder=$!
	echo "previous report" >"$tmp/report.csv"
	set +e
	$PALINT -f csv --rules "$rules" -o "$tmp/report.csv" --devices=read \
	    "$good" "$tmp/stall" 2>"$tmp/err" &
	pid=$!
	# The temporary report exists once the signal handlers are in place.
	i=0
	while ! ls "$tmp"/report.csv.tmp.* >/dev/null 2>&1 &&
	    [ "$i" -lt "$((time_limit * 10))" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 1
	kill "-$1" "$pid"
	i=0
	while kill -0 "$pid" 2>/dev/null && [ "$i" -lt "$time_limit" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" "$holder"
		fail "SIG$1: palint did not stop"
	fi
	wait "$pid"
	got=$?
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
	set -e
	[ "$got" = "$2" ] || { cat "$tmp/err" >&2; fail "SIG$1: exit $got, want $2"; }
	[ "$(cat "$tmp/report.csv")" = "previous report" ] || fail "SIG$1: old report replaced"
	! ls "$tmp"/report.csv.tmp.* >/dev/null 2>&1 || fail "SIG$1: temporary file left"
}
stopped INT 130
stopped TERM 143

exit 0
