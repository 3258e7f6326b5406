#!/bin/sh
# The format fixtures through the command: every good document and archive
# member reads with status ok; every broken input becomes an error row with
# its reason while the run goes on (exit status 2), and none is lost.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

fix=$top_srcdir/fixtures/formats
have_pdf=no
grep -q 'HAVE_POPPLER 1' "$top_builddir/config.h" 2>/dev/null && have_pdf=yes

# row DOC: the document-level CSV row of DOC, or fail.
row() {
	r=$(grep -F "$1," "$tmp/report.csv" | head -n 1)
	[ -n "$r" ] || fail "$1: no report row"
	echo "$r"
}

# status DOC WANT [TEXT]: its status is WANT and its row contains TEXT.
status() {
	r=$(row "$1")
	got=$(echo "$r" | cut -d, -f3)
	[ "$got" = "$2" ] || fail "$1: status $got, want $2: $r"
	[ $# -lt 3 ] || case $r in
	*"$3"*) ;;
	*) fail "$1: \"$3\" not in: $r" ;;
	esac
}

cd "$fix"
set +e
$PALINT -f csv -l document good >"$tmp/report.csv" 2>"$tmp/err"
got=$?
set -e
[ "$got" = 2 ] || { cat "$tmp/err" >&2; fail "good fixtures: exit $got, want 2 (one nested archive too deep)"; }
for d in doc.docx doc.html doc.odt doc.xml notes.txt \
    mixed.zip!doc.docx mixed.zip!doc.html mixed.zip!doc.xml \
    mixed.zip!notes.txt mixed.zip!sub/doc.odt \
    mixed.tar.gz!a/doc.docx mixed.tar.gz!a/doc.html mixed.tar.gz!b/doc.xml \
    nested.zip!in.tar.gz!t.html nested.zip!inner.zip!inner.txt \
    nested.zip!top.txt; do
	status "good/$d" ok
done
if [ $have_pdf = yes ]; then
	status good/doc.pdf ok
	status good/mixed.zip!doc.pdf ok
else
	status good/doc.pdf error "PDF support was not built"
fi
status good/nested.zip!twice.zip!deep.zip error "one level of nesting"
# Members come right after their archive, in name order.
grep -o '^good/mixed.zip![^,]*' "$tmp/report.csv" >"$tmp/members"
printf '%s\n' good/mixed.zip!doc.docx good/mixed.zip!doc.html \
    good/mixed.zip!doc.pdf good/mixed.zip!doc.xml good/mixed.zip!notes.txt \
    good/mixed.zip!sub/doc.odt >"$tmp/want"
cmp -s "$tmp/members" "$tmp/want" || { diff "$tmp/want" "$tmp/members" >&2; fail "mixed.zip members out of order"; }

set +e
$PALINT -f csv -l document bad >"$tmp/report.csv" 2>"$tmp/err"
got=$?
set -e
[ "$got" = 2 ] || { cat "$tmp/err" >&2; fail "bad fixtures: exit $got, want 2"; }
status bad/binary.txt error
status bad/bomb.xml error "malformed XML"
status bad/deep.xml ok
status bad/empty.txt error "empty"
status bad/encrypted-member.zip!secret.txt error "encrypted"
status bad/malformed-part.docx error "word/document.xml: malformed XML at line 1"
status bad/malformed.html ok
status bad/malformed.xml error "malformed XML at line 4"
status bad/no-document.docx error "no word/document.xml"
status bad/ole.docx error
status bad/traversal.zip!../x.txt error "unsafe member name"
status bad/traversal.zip!/abs.txt error "unsafe member name"
status bad/traversal.zip!ok.txt ok
status bad/truncated.docx error
status bad/truncated.zip error
status bad/xxe.xml ok
status bad/zeros.zip error "compression ratio"
if [ $have_pdf = yes ]; then
	status bad/encrypted.pdf error "encrypted PDF"
	status bad/truncated.pdf error "unreadable PDF"
fi
grep -q 'root:' "$tmp/report.csv" && fail "an external entity was read"
exit 0
