#!/usr/bin/env python3
"""Cut the decoded sample texts into a benchmark corpus.

usage: mkcorpus.py SRCDIR OUTDIR MEGABYTES [ASCIIDIR]

SRCDIR holds the texts already decoded to UTF-8 (one *.txt each).  Their
concatenation, in sorted order, is read as a ring; files of 20-200 KB are
cut from it one after another, at line ends, until OUTDIR holds at least
MEGABYTES * 10^6 bytes.  Sizes come from a fixed linear congruential
generator, so the same inputs always give the same corpus.  With ASCIIDIR,
a second copy is written with every non-ASCII punctuation, space and symbol
character replaced by ASCII (letters are kept), for the no-cliff check.
"""

import os
import sys
import unicodedata

ASCII_FOR = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-",
    "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u2026": "...", "\u2022": "*", "\u00b7": "*", "\u25cf": "*",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
    "\u200b": "", "\ufeff": "", "\u00a9": "(c)", "\u00ae": "(R)",
    "\u2122": "(TM)", "\u00a7": "S", "\u00b0": "o", "\u20ac": "EUR",
    "\u00a3": "GBP", "\u00bd": "1/2", "\u00bc": "1/4", "\u00be": "3/4",
}


def to_ascii_punct(text):
    out = []
    for ch in text:
        if ch < "\x80":
            out.append(ch)
        elif ch in ASCII_FOR:
            out.append(ASCII_FOR[ch])
        elif unicodedata.category(ch)[0] in "PZSC":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def lcg(state):
    return (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)


def load_ring(srcdir):
    parts = []
    for name in sorted(os.listdir(srcdir)):
        if name.endswith(".txt"):
            with open(os.path.join(srcdir, name), "rb") as f:
                parts.append(f.read().rstrip(b"\n") + b"\n\n")
    return b"".join(parts)


def cut(ring, pos, size):
    """size bytes from pos (wrapping), extended to the next line end."""
    out = bytearray()
    while len(out) < size:
        take = min(size - len(out), len(ring) - pos)
        out += ring[pos:pos + take]
        pos = (pos + take) % len(ring)
    nl = ring.find(b"\n", pos)
    if nl < 0:
        out += ring[pos:]
        pos = 0
    else:
        out += ring[pos:nl + 1]
        pos = (nl + 1) % len(ring)
    return bytes(out), pos


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.strip().splitlines()[2])
    srcdir, outdir, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
    asciidir = sys.argv[4] if len(sys.argv) == 5 else None
    ring = load_ring(srcdir)
    if not ring:
        sys.exit("mkcorpus: no *.txt in " + srcdir)
    for d in (outdir, asciidir):
        if d:
            os.makedirs(d, exist_ok=True)
    state, pos, total, n = 42, 0, 0, 0
    while total < mb * 1e6:
        state = lcg(state)
        size = 20 * 1024 + (state >> 33) % (180 * 1024)
        data, pos = cut(ring, pos, size)
        name = "d%05d.txt" % n
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)
        if asciidir:
            text = to_ascii_punct(data.decode("utf-8"))
            with open(os.path.join(asciidir, name), "wb") as f:
                f.write(text.encode("utf-8"))
        total += len(data)
        n += 1
    print("%d files, %.1f MB" % (n, total / 1e6))


if __name__ == "__main__":
    main()
