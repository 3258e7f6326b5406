#!/usr/bin/env python3
"""make-fixtures.py -- build the format fixtures under fixtures/formats.

Usage: python3 tests/make-fixtures.py [OUTDIR]   (default: fixtures/formats
next to this script's parent).  Needs only the Python standard library.
Output is byte-for-byte reproducible: fixed timestamps, fixed PDF IDs.

Writes small DOCX, ODT and PDF documents with headings, a table and a
phrase split across a line break (good/doc.html and good/doc.xml, written
by hand, are only copied into OUTDIR and the archives); zip and tar.gz
archives of mixed formats, a nested zip; and a battery of broken inputs
(truncated zip, zip member "../x.txt", encrypted zip member and PDF,
malformed HTML and XML, entity bomb, external entity, deep nesting, 0-byte
file, binary .txt).
"""

import gzip
import hashlib
import io
import os
import struct
import sys
import tarfile
import zipfile
import zlib

EPOCH = (1980, 1, 1, 0, 0, 0)

# The HTML and XML documents are written by hand and committed; they are
# read from there, not from OUTDIR, so that their text stands in one place.
SOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                       "fixtures", "formats", "good")


def source(name):
    with open(os.path.join(SOURCES, name), "rb") as f:
        return f.read()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def wp(text, style=None, extra=""):
    ppr = ""
    if style is not None:
        ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style
    return '<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r>%s</w:p>' % (
        ppr, text, extra)


DOCX_BODY = "".join([
    wp("National Strategy", "Heading1"),
    '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
    '<w:r><w:t>We will protect undersea</w:t><w:br/><w:t>cables</w:t></w:r>'
    '<w:r><w:t xml:space="preserve"> from sabotage.</w:t></w:r>'
    '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>',
    wp("Second Pillar", "MyHead"),
    '<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr>'
    '<w:r><w:t>Third Pillar</w:t></w:r></w:p>',
    '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid><w:tr>'
    '<w:tc><w:tcPr/>%s</w:tc><w:tc>%s</w:tc></w:tr></w:tbl>'
    % (wp("Cell A"), wp("Cell B")),
    '<w:p><w:r><w:t>Col1</w:t><w:tab/><w:t>Col2</w:t></w:r></w:p>',
    '<w:p><w:r><w:t>Spl</w:t></w:r><w:r><w:t>it word</w:t></w:r>'
    '<w:del w:id="9"><w:r><w:delText>GONE</w:delText></w:r></w:del>'
    '<w:r><w:instrText> TOC \\o </w:instrText></w:r></w:p>',
])

DOCX_DOCUMENT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<w:document %s><w:body>%s<w:sectPr/></w:body></w:document>'
                 % (W, DOCX_BODY))

DOCX_STYLES = ('<?xml version="1.0" encoding="UTF-8"?>\n<w:styles %s>'
               '<w:style w:type="paragraph" w:styleId="Normal">'
               '<w:name w:val="Normal"/></w:style>'
               '<w:style w:type="paragraph" w:styleId="MyHead">'
               '<w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>'
               '</w:style></w:styles>' % W)

DOCX_FOOTNOTES = ('<?xml version="1.0" encoding="UTF-8"?>\n<w:footnotes %s>'
                  '<w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
                  '<w:separator/></w:r></w:p></w:footnote>'
                  '<w:footnote w:type="continuationSeparator" w:id="0"><w:p>'
                  '<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
                  '<w:footnote w:id="1">%s</w:footnote></w:footnotes>'
                  % (W, wp("A footnote about cables.")))

DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://'
              'schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/word/document.xml" ContentType="application/'
              'vnd.openxmlformats-officedocument.wordprocessingml.document.main'
              '+xml"/></Types>')

DOCX_RELS = ('<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns='
             '"http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
             'officeDocument/2006/relationships/officeDocument" '
             'Target="word/document.xml"/></Relationships>')

ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'office:version="1.2"')

ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content %s>
<office:automatic-styles><text:p>not text</text:p></office:automatic-styles>
<office:body><office:text>
<text:sequence-decls><text:sequence-decl text:name="Table"/></text:sequence-decls>
<text:h text:outline-level="1">Strategy Overview</text:h>
<text:p>We will protect undersea<text:line-break/>cables<text:s text:c="2"/>now<text:note text:id="n1"><text:note-citation>1</text:note-citation><text:note-body><text:p>Note text here.</text:p></text:note-body></text:note>.</text:p>
<text:list><text:list-item><text:p>Item one</text:p></text:list-item><text:list-item><text:p>Item two</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>Cell X</text:p></table:table-cell><table:table-cell><text:p>Cell Y</text:p></table:table-cell></table:table-row></table:table>
<text:h text:outline-level="2">Second Heading</text:h>
<text:p>a<text:tab/>b</text:p>
</office:text></office:body></office:document-content>
""" % ODT_NS

ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""

TEXT = "Plain notes: we will map undersea cables.\n"


def zip_bytes(members, encrypt=None):
    """members: list of (name, bytes, stored?)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data, stored in members:
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = (zipfile.ZIP_STORED if stored
                                  else zipfile.ZIP_DEFLATED)
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    out = buf.getvalue()
    if encrypt is not None:
        out = zipcrypto(out, encrypt)
    return out


def docx():
    return zip_bytes([
        ("[Content_Types].xml", DOCX_TYPES.encode(), False),
        ("_rels/.rels", DOCX_RELS.encode(), False),
        ("word/document.xml", DOCX_DOCUMENT.encode(), False),
        ("word/styles.xml", DOCX_STYLES.encode(), False),
        ("word/footnotes.xml", DOCX_FOOTNOTES.encode(), False),
    ])


def odt():
    return zip_bytes([
        ("mimetype", b"application/vnd.oasis.opendocument.text", True),
        ("META-INF/manifest.xml", ODT_MANIFEST.encode(), False),
        ("content.xml", ODT_CONTENT.encode(), False),
    ])


# --- traditional PKWARE encryption, to make an encrypted zip member ---

def _crc_byte(crc, b):
    return (zlib.crc32(bytes([b]), crc ^ 0xffffffff) ^ 0xffffffff)


class _ZipCrypto:
    def __init__(self, password):
        self.k = [0x12345678, 0x23456789, 0x34567890]
        for c in password:
            self.update(c)

    def update(self, c):
        k = self.k
        k[0] = _crc_byte(k[0], c)
        k[1] = (k[1] + (k[0] & 0xff)) & 0xffffffff
        k[1] = (k[1] * 134775813 + 1) & 0xffffffff
        k[2] = _crc_byte(k[2], (k[1] >> 24) & 0xff)

    def encrypt(self, data):
        out = bytearray()
        for c in data:
            t = (self.k[2] | 2) & 0xffff
            out.append(c ^ (((t * (t ^ 1)) >> 8) & 0xff))
            self.update(c)
        return bytes(out)


def zipcrypto(plain_zip, password):
    """Re-encode every member of a stored/deflated zip as encrypted."""
    src = zipfile.ZipFile(io.BytesIO(plain_zip))
    out = io.BytesIO()
    central = []
    for info in src.infolist():
        raw_off = info.header_offset
        hdr = plain_zip[raw_off:raw_off + 30]
        nlen, xlen = struct.unpack("<HH", hdr[26:30])
        start = raw_off + 30 + nlen + xlen
        comp = plain_zip[start:start + info.compress_size]
        zc = _ZipCrypto(password.encode())
        head = bytes(range(11)) + bytes([(info.CRC >> 24) & 0xff])
        enc = zc.encrypt(head + comp)
        name = info.filename.encode()
        off = out.tell()
        dostime = (info.date_time[3] << 11) | (info.date_time[4] << 5)
        dosdate = ((info.date_time[0] - 1980) << 9) | \
            (info.date_time[1] << 5) | info.date_time[2]
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, 1,
                              info.compress_type, dostime, dosdate, info.CRC,
                              len(enc), info.file_size, len(name), 0) + name)
        out.write(enc)
        central.append(struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014b50, 20, 20, 1, info.compress_type,
            dostime, dosdate, info.CRC, len(enc), info.file_size, len(name),
            0, 0, 0, 0, info.external_attr, off) + name)
    cd = out.tell()
    for c in central:
        out.write(c)
    out.write(struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, len(central),
                          len(central), out.tell() - cd, cd, 0))
    return out.getvalue()


# --- PDF, written object by object with a computed xref ---

PAD = bytes([0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E,
             0x56, 0xFF, 0xFA, 0x01, 0x08, 0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68,
             0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A])


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xff
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for c in data:
        i = (i + 1) & 0xff
        j = (j + s[i]) & 0xff
        s[i], s[j] = s[j], s[i]
        out.append(c ^ s[(s[i] + s[j]) & 0xff])
    return bytes(out)


def pdf_escape(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf(pages, user_password=None):
    """pages: list of lists of text lines.  Standard security handler
    revision 2 (40-bit RC4) when user_password is given."""
    fileid = hashlib.md5(("palint" + repr(pages)).encode()).digest()
    key = None
    encrypt_dict = None
    if user_password is not None:
        upad = (user_password.encode() + PAD)[:32]
        opad = (b"owner" + PAD)[:32]
        okey = hashlib.md5(opad).digest()[:5]
        o_val = rc4(okey, upad)
        perms = struct.pack("<i", -4)
        key = hashlib.md5(upad + o_val + perms + fileid).digest()[:5]
        u_val = rc4(key, PAD)
        encrypt_dict = ("<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> "
                        "/P -4 >>" % (o_val.hex(), u_val.hex())).encode()

    objs = []          # (number, bytes) in order

    def add(body):
        objs.append(body)
        return len(objs)

    def stream(num, data):
        if key is not None:
            okey = hashlib.md5(key + struct.pack("<I", num)[:3] +
                               b"\0\0").digest()[:10]
            data = rc4(okey, data)
        return b"<< /Length %d >>\nstream\n" % len(data) + data + \
            b"\nendstream"

    catalog = add(None)
    pages_obj = add(None)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        ops = ["BT /F1 12 Tf 72 720 Td 16 TL"]
        for line in lines:
            ops.append("(%s) Tj T*" % pdf_escape(line))
        ops.append("ET")
        content_num = len(objs) + 1
        content = add(stream(content_num, "\n".join(ops).encode("cp1252")))
        kids.append(add(("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 "
                         "792] /Resources << /Font << /F1 %d 0 R >> >> "
                         "/Contents %d 0 R >>" % (pages_obj, font, content)
                         ).encode()))
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objs[pages_obj - 1] = ("<< /Type /Pages /Kids [%s] /Count %d >>" % (
        " ".join("%d 0 R" % k for k in kids), len(kids))).encode()
    enc_num = add(encrypt_dict) if encrypt_dict is not None else None

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    trailer = "<< /Size %d /Root %d 0 R /ID [<%s> <%s>]" % (
        len(objs) + 1, catalog, fileid.hex(), fileid.hex())
    if enc_num is not None:
        trailer += " /Encrypt %d 0 R" % enc_num
    out.write(("trailer\n%s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
               ).encode())
    return out.getvalue()


PDF_PAGES = [["Page one says we will protect undersea", "cables and more."],
             ["Page two covers landing stations."]]


def tar_gz(members, symlinks=()):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            info.mode = 0o644
            t.addfile(info, io.BytesIO(data))
        for name, target in symlinks:
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            info.mtime = 0
            t.addfile(info)
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as g:
        g.write(raw.getvalue())
    return out.getvalue()


def deep_xml(levels):
    return ("<?xml version=\"1.0\"?>\n" + "<d>" * levels + "deep" +
            "</d>" * levels + "\n").encode()


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz><p>before</p><p>&lol9;</p><p>after</p></lolz>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE doc [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<doc><p>start</p><p>&secret;</p><p>end</p></doc>
"""

MALFORMED_XML = """<?xml version="1.0"?>
<doc>
<p>fine</p>
<p>broken</q>
</doc>
"""

MALFORMED_HTML = """<html><body><p>Unclosed <b>bold <i>text</p></div></span>
&bogus; <<< <td>stray cell<p>after &amp; more
"""


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[1] if len(sys.argv) > 1 else \
        os.path.join(here, "..", "fixtures", "formats")
    good = os.path.join(outdir, "good")
    bad = os.path.join(outdir, "bad")
    for d in (good, bad):
        os.makedirs(d, exist_ok=True)

    docs = {
        "doc.html": source("doc.html"),
        "doc.xml": source("doc.xml"),
        "doc.docx": docx(),
        "doc.odt": odt(),
        "doc.pdf": pdf(PDF_PAGES),
        "notes.txt": TEXT.encode(),
    }
    files = dict(("good/" + k, v) for k, v in docs.items())

    mixed = [(name, data, False) for name, data in [
        ("notes.txt", docs["notes.txt"]), ("sub/doc.odt", docs["doc.odt"]),
        ("doc.html", docs["doc.html"]), ("doc.docx", docs["doc.docx"]),
        ("doc.xml", docs["doc.xml"]), ("doc.pdf", docs["doc.pdf"])]]
    files["good/mixed.zip"] = zip_bytes(mixed)
    files["good/mixed.tar.gz"] = tar_gz(
        [("./b/doc.xml", docs["doc.xml"]), ("./a/doc.html", docs["doc.html"]),
         ("./a/doc.docx", docs["doc.docx"])],
        symlinks=[("./a/link.txt", "../b/doc.xml")])
    inner = zip_bytes([("inner.txt", TEXT.encode(), False)])
    innermost = zip_bytes([("deep.zip", inner, False)])
    files["good/nested.zip"] = zip_bytes([
        ("top.txt", TEXT.encode(), False), ("inner.zip", inner, False),
        ("twice.zip", innermost, False),
        ("in.tar.gz", tar_gz([("t.html", docs["doc.html"])]), False)])

    files["bad/truncated.zip"] = files["good/mixed.zip"][:3000]
    files["bad/traversal.zip"] = zip_bytes([
        ("../x.txt", TEXT.encode(), False), ("/abs.txt", TEXT.encode(), False),
        ("ok.txt", TEXT.encode(), False)])
    files["bad/encrypted-member.zip"] = zip_bytes(
        [("secret.txt", TEXT.encode(), False)], encrypt="pass")
    files["bad/encrypted.pdf"] = pdf(PDF_PAGES, user_password="secret")
    files["bad/truncated.pdf"] = docs["doc.pdf"][:200]
    files["bad/truncated.docx"] = docs["doc.docx"][:700]
    files["bad/no-document.docx"] = zip_bytes(
        [("[Content_Types].xml", DOCX_TYPES.encode(), False)])
    files["bad/malformed-part.docx"] = zip_bytes(
        [("word/document.xml", b"<w:document><w:body></w:document>", False)])
    files["bad/ole.docx"] = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" +
                             bytes(504))
    files["bad/malformed.xml"] = MALFORMED_XML.encode()
    files["bad/malformed.html"] = MALFORMED_HTML.encode()
    files["bad/bomb.xml"] = BOMB.encode()
    files["bad/xxe.xml"] = XXE.encode()
    files["bad/deep.xml"] = deep_xml(200)
    files["bad/zeros.zip"] = zip_bytes([("zeros.txt", bytes(2 << 20),
                                         False)])
    files["bad/empty.txt"] = b""
    files["bad/binary.txt"] = bytes((i * 7919) & 0xff for i in range(512))

    for name, data in sorted(files.items()):
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
