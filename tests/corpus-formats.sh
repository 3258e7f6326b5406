#!/bin/sh
# Every document of ../shared/corpus, in every format there, reads with
# status ok (the French, Spanish and Portuguese ones, named *-fr, *-es,
# *-pt, too: the built-in rules declare those languages; the one whose
# text is mostly letter soup reads with status unreadable) and with a word
# count within 20% of what an independent
# extractor finds: pdftotext for PDF, the zip's XML parts plus a tag strip
# for DOCX and ODT (Python's zipfile, as unzip -p would), a tag strip for
# XML and HTML, the decoded bytes for text.  Words are counted as
# segment.c counts them (runs of letters and digits, each CJK
# ideograph a word), so only missing or invented text moves the figure.
# This catches silent truncation that a status column would not show.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

[ -d "$corpus" ] || skip "no corpus at $corpus (../shared/corpus beside the source tree)"
command -v python3 >/dev/null || skip "python3 is needed for the reference word counts"
command -v pdftotext >/dev/null || skip "pdftotext (poppler-utils) is needed for the PDF reference"

ls "$corpus" | grep -Ei '\.(pdf|docx|odt|xml|html?|txt|md)$' |
	grep -v '^SOURCES\.md$' | sed "s|^|$corpus/|" >"$tmp/list"
[ -s "$tmp/list" ] || skip "no documents in $corpus"
if ! grep -q 'HAVE_POPPLER 1' "$top_builddir/config.h" 2>/dev/null; then
	grep -v '\.pdf$' "$tmp/list" >"$tmp/list2" || true
	mv "$tmp/list2" "$tmp/list"
fi

set +e
$PALINT -f csv -l document --files-from "$tmp/list" >"$tmp/report.csv" 2>"$tmp/err"
got=$?
set -e
[ "$got" -le 1 ] || { cat "$tmp/err" >&2; fail "corpus scan exited $got"; }

# Reference word count of one document on stdout.  Text without a BOM
# that is not UTF-8 is read as GBK when it decodes to ideographs, else as
# Windows-1252.
cat >"$tmp/refcount.py" <<'EOF'
import html, re, subprocess, sys, zipfile

CJK = re.compile('[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff'
                 '\U00020000-\U0003ffff]')

def words(s):
    cjk = len(CJK.findall(s))
    return cjk + len(re.findall(r'[^\W_]+', CJK.sub(' ', s)))

def docx(s):
    s = re.sub(r'<(w:instrText|w:delText|mc:Fallback|wp:posOffset|'
               r'wp14:pctWidth|wp14:pctHeight)\b[^>]*>.*?</\1>', '', s,
               flags=re.S)
    s = re.sub(r'</w:p>|<w:(tab|br|cr)\b[^>]*/>', ' ', s)
    return html.unescape(re.sub(r'<[^>]*>', '', s))

def odt(s):
    s = re.sub(r'</text:(p|h)>|<text:(s|tab|line-break)\b[^>]*/>', ' ', s)
    return html.unescape(re.sub(r'<[^>]*>', '', s))

def markup(s, is_html):
    s = re.sub(r'<!--.*?-->', ' ', s, flags=re.S)
    s = re.sub(r'<!DOCTYPE[^>]*>|<\?[^>]*\?>', ' ', s)
    if is_html:
        s = re.sub(r'<(script|style|nav|noscript|head)\b.*?</\1>', ' ', s,
                   flags=re.S | re.I)
    return html.unescape(re.sub(r'<[^>]*>', ' ', s))

def text(b):
    if b[:2] in (b'\xff\xfe', b'\xfe\xff'):
        return b.decode('utf-16')
    try:
        return b.decode('utf-8-sig')
    except UnicodeDecodeError:
        pass
    try:
        s = b.decode('gb18030')
        high = [c for c in s if ord(c) > 0x7f]
        if high and sum(1 for c in high if 0x4e00 <= ord(c) <= 0x9fff) \
                > 0.8 * len(high):
            return s
    except UnicodeDecodeError:
        pass
    return b.decode('cp1252', errors='replace')

def reference(path):
    kind = path.rsplit('.', 1)[-1].lower()
    if kind == 'pdf':
        out = subprocess.run(['pdftotext', '-q', path, '-'],
                             stdout=subprocess.PIPE).stdout
        return out.decode('utf-8', errors='replace')
    if kind in ('docx', 'odt'):
        parts = (['word/document.xml', 'word/footnotes.xml',
                  'word/endnotes.xml'] if kind == 'docx' else ['content.xml'])
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            xml = ' '.join(z.read(p).decode('utf-8', errors='replace')
                           for p in parts if p in names)
        return docx(xml) if kind == 'docx' else odt(xml)
    with open(path, 'rb') as f:
        data = f.read()
    if kind in ('xml', 'html', 'htm'):
        return markup(data.decode('utf-8', errors='replace'), kind != 'xml')
    return text(data)

for line in sys.stdin:
    path = line.rstrip('\n')
    print('%d %s' % (words(reference(path)), path))
EOF

python3 "$tmp/refcount.py" <"$tmp/list" >"$tmp/ref"

# One awk joins the report with the references (documents have no commas
# in their names; the message, last, may).
awk -F, -v reffile="$tmp/ref" '
BEGIN {
	while ((getline line <reffile) > 0) {
		n = index(line, " ")
		ref[substr(line, n + 1)] = substr(line, 1, n - 1) + 0
	}
}
NR > 1 && !($1 in seen) {
	seen[$1] = 1
	status[$1] = $3
	words[$1] = $6 + 0
	msg[$1] = $10
}
END {
	bad = 0
	for (f in ref) {
		want = "ok"
		if (f ~ /ghana-national-cyber-security-policy-strategy-2015/)
			want = "unreadable"
		if (!(f in seen)) {
			print f ": no report row" >"/dev/stderr"
			bad = 1
		} else if (status[f] != want) {
			print f ": status " status[f] ": " msg[f] >"/dev/stderr"
			bad = 1
		} else if (words[f] < ref[f] - int(ref[f] / 5) ||
		    words[f] > ref[f] + int(ref[f] / 5)) {
			print f ": " words[f] " words, reference " ref[f] \
			    >"/dev/stderr"
			bad = 1
		}
	}
	exit bad
}' "$tmp/report.csv" || fail "corpus documents read wrong (see above)"
