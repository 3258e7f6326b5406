#!/usr/bin/env python3
"""pngcolours.py -- test tool: reads an 8-bit RGB or RGBA PNG with zlib
alone (no imaging library) and prints how many distinct colours its pixels
hold, then, for each RRGGBB given, how many pixels have that colour.
Exits 1 when the file is not such a PNG."""
import struct
import sys
import zlib


def chunks(data):
    pos = 8
    while pos + 8 <= len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        yield kind, data[pos + 8:pos + 8 + n]
        pos += 12 + n


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def unfilter(kind, line, prev, bpp):
    if kind == 0:
        return line
    out = bytearray(line)
    for i in range(len(out)):
        a = out[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if kind == 1:
            out[i] = (out[i] + a) & 255
        elif kind == 2:
            out[i] = (out[i] + b) & 255
        elif kind == 3:
            out[i] = (out[i] + (a + b) // 2) & 255
        elif kind == 4:
            out[i] = (out[i] + paeth(a, b, c)) & 255
    return bytes(out)


def pixels(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    idat = b""
    for kind, body in chunks(data):
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(
                ">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    if depth != 8 or ctype not in (2, 6) or interlace != 0:
        raise ValueError("not 8-bit RGB(A), non-interlaced")
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytes(stride)
    for y in range(h):
        row = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        prev = unfilter(row[0], row[1:], prev, bpp)
        for x in range(0, stride, bpp):
            yield prev[x:x + 3]


def main(argv):
    try:
        counts = {}
        for p in pixels(argv[1]):
            counts[p] = counts.get(p, 0) + 1
    except (OSError, ValueError, zlib.error, struct.error,
            UnboundLocalError) as e:
        print("%s: %s" % (argv[1], e), file=sys.stderr)
        return 1
    print(len(counts))
    for rgb in argv[2:]:
        print(counts.get(bytes.fromhex(rgb), 0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
