#!/usr/bin/env python3
"""Rewrite `palint rules export --patterns` output for other tools.

usage: patterns.py rg-ascii|rg-unicode|grep < EXPORTED > PATTERNS

palint's term patterns mark whole words with lookarounds such as
(?<![\\p{L}\\p{M}\\p{N}_]) ... (?![\\p{L}\\p{M}\\p{N}_]), which ripgrep's
automaton cannot run.  For ripgrep each one-class lookaround, and every \\b,
becomes a word boundary: ASCII (?-u:\\b) for rg-ascii, the fast
configuration, or Unicode \\b for rg-unicode, which shows the slow path
ripgrep takes on non-ASCII text.  Patterns with any other lookaround or a
backreference are dropped, with a count on stderr.  For grep, which runs
PCRE2 itself but takes only one -P pattern, the lines are joined into one
alternation of (?:...) groups.
"""

import re
import sys

LOOKAROUND = re.compile(r"\(\?<?!\[(?:\\.|[^\]\\])*\]\)")
OTHER_LOOK = re.compile(r"\(\?<?[=!]")
BACKREF = re.compile(r"\\[1-9gk]")
# \b outside a class: not preceded by an odd number of backslashes.
BOUNDARY = re.compile(r"(?<!\\)((?:\\\\)*)\\b")
# ripgrep's parser rejects escaped punctuation that is not a metacharacter
# (palint writes "\," for a literal comma); such escapes become the bare
# character.
NEEDLESS = re.compile(r"\\([^0-9A-Za-z\s.+*?()|\[\]{}^$#&\-~\\])")


def for_rg(line, boundary):
    line = BOUNDARY.sub(lambda m: m.group(1) + boundary, line)
    line = NEEDLESS.sub(lambda m: m.group(1), line)
    line = LOOKAROUND.sub(lambda m: boundary, line)
    if OTHER_LOOK.search(line) or BACKREF.search(line):
        return None
    # ripgrep joins the lines with "|": a group keeps inline flags such as
    # (?-i) from reaching the next pattern.
    return "(?:%s)" % line


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ("rg-ascii", "rg-unicode",
                                                 "grep"):
        sys.exit(__doc__.strip().splitlines()[2])
    mode = sys.argv[1]
    lines = [l.rstrip("\n") for l in sys.stdin if l.strip()]
    if mode == "grep":
        sys.stdout.write("|".join("(?:%s)" % l for l in lines) + "\n")
        return
    boundary = r"(?-u:\b)" if mode == "rg-ascii" else r"\b"
    out, dropped = [], 0
    for l in lines:
        r = for_rg(l, boundary)
        if r is None:
            dropped += 1
        else:
            out.append(r)
    if dropped:
        sys.stderr.write("patterns.py: %d of %d patterns have lookarounds "
                         "ripgrep cannot run; left out\n"
                         % (dropped, len(lines)))
    sys.stdout.write("".join(l + "\n" for l in out))


if __name__ == "__main__":
    main()
