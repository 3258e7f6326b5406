#!/usr/bin/env python3
r"""Rewrite `palint rules export --patterns` output for other tools.

usage: patterns.py rg-ascii|rg-unicode|rg-allascii|grep-P|grep-E < EXPORTED > PATTERNS

palint's term patterns mark whole words with lookarounds such as
(?<![\\p{L}\\p{M}\\p{N}_]) ... (?![\\p{L}\\p{M}\\p{N}_]), which ripgrep's
automaton cannot run.  For ripgrep each one-class lookaround, and every \\b,
becomes a word boundary: ASCII (?-u:\\b) for rg-ascii, the fast
configuration, or Unicode \\b for rg-unicode, which shows the slow path
ripgrep takes on non-ASCII text.  rg-allascii goes further, to show that
ripgrep's speed on these patterns is not a matter of Unicode: the whole
pattern runs with Unicode off, so \w, \s and \d are ASCII, \p{L} and
\p{N} become a-zA-Z and 0-9, and non-ASCII class members are left out.
Patterns with any other lookaround or a backreference are dropped, with a
count on stderr.

GNU grep -P takes a single pattern: grep-P joins the lines into one
alternation of (?:...) groups (PCRE2 may find it too large).  grep-E writes
POSIX extended regexes, one per line, for grep -E -f in a UTF-8 locale:
the rg-ascii form with non-capturing groups made plain, inline flags
dropped (grep -i applies to all), \s and \d and Unicode properties as
POSIX classes, \x{...} as the character itself, lazy quantifiers greedy.
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


ERE_SPECIAL = set(".[]()*+?{}|^$\\")
CLASS_FOR = {"s": "[:space:]", "d": "[:digit:]", "w": "[:alnum:]_"}
PROP_FOR = {"L": "[:alpha:]", "N": "[:digit:]", "M": ""}


def ere_class(line, i):
    """The bracket expression at line[i] in ERE form; returns (text, end)."""
    i += 1
    neg = line[i] == "^"
    if neg:
        i += 1
    members, dash, bracket = [], False, False
    while line[i] != "]":
        c = line[i]
        if c == "\\":
            e = line[i + 1]
            if e in CLASS_FOR:
                members.append(CLASS_FOR[e])
                i += 2
            elif e == "p":
                j = line.index("}", i)
                members.append(PROP_FOR.get(line[i + 3:j], "[:alpha:]"))
                i = j + 1
            elif e == "x" and line[i + 2] == "{":
                j = line.index("}", i)
                members.append(chr(int(line[i + 3:j], 16)))
                i = j + 1
            else:
                if e == "-":
                    dash = True
                elif e == "]":
                    bracket = True
                else:
                    members.append(e)
                i += 2
        else:
            members.append(c)
            i += 1
    body = ("]" if bracket else "") + "".join(members) + ("-" if dash else "")
    return "[" + ("^" if neg else "") + body + "]", i + 1


def to_ere(line):
    out, i = [], 0
    while i < len(line):
        if line.startswith("(?-u:\\b)", i):
            out.append("\\b")
            i += len("(?-u:\\b)")
        elif line.startswith("(?:", i):
            out.append("(")
            i += 3
        elif re.match(r"\(\?-?i\)", line[i:]):
            i = line.index(")", i) + 1
        elif re.match(r"\(\?-?i:", line[i:]):
            out.append("(")
            i = line.index(":", i) + 1
        elif line[i] == "[":
            text, i = ere_class(line, i)
            out.append(text)
        elif line[i] == "\\":
            e = line[i + 1]
            if e in "sd":
                out.append("[" + CLASS_FOR[e] + "]")
                i += 2
            elif e in "SD":
                out.append("[^" + CLASS_FOR[e.lower()] + "]")
                i += 2
            elif e == "x" and line[i + 2] == "{":
                j = line.index("}", i)
                out.append(chr(int(line[i + 3:j], 16)))
                i = j + 1
            elif e in "wWbB" or e in ERE_SPECIAL:
                out.append(line[i:i + 2])
                i += 2
            else:
                out.append(e)
                i += 2
        elif line[i] == "?" and i > 0 and line[i - 1] in "*+?}":
            i += 1
        else:
            out.append(line[i])
            i += 1
    return "".join(out)


PROP_ASCII = {"L": "a-zA-Z", "N": "0-9", "M": ""}
NONASCII_ESC = re.compile(r"\\x\{([0-9A-Fa-f]+)\}")


def ascii_class(m):
    """A bracket expression with Unicode members made ASCII or dropped."""
    body = re.sub(r"\\p\{(\w+)\}",
                  lambda p: PROP_ASCII.get(p.group(1), "a-zA-Z"), m.group(0))
    body = NONASCII_ESC.sub(
        lambda e: e.group(0) if int(e.group(1), 16) < 0x80 else "", body)
    return "".join(c for c in body if ord(c) < 0x80)


def all_ascii(line):
    line = re.sub(r"\[(?:\\.|[^\]\\])*\]", ascii_class, line)
    line = re.sub(r"\\p\{(\w+)\}",
                  lambda p: "[%s]" % PROP_ASCII.get(p.group(1), "a-zA-Z"), line)
    return "(?-u:%s)" % line


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ("rg-ascii", "rg-unicode",
                                                 "rg-allascii", "grep-P",
                                                 "grep-E"):
        sys.exit(__doc__.strip().splitlines()[2])
    mode = sys.argv[1]
    lines = [l.rstrip("\n") for l in sys.stdin if l.strip()]
    if mode == "grep-P":
        sys.stdout.write("|".join("(?:%s)" % l for l in lines) + "\n")
        return
    boundary = r"\b" if mode == "rg-unicode" else r"(?-u:\b)"
    out, dropped = [], 0
    for l in lines:
        r = for_rg(l, boundary)
        if r is None:
            dropped += 1
        else:
            if mode == "grep-E":
                r = to_ere(r)
            elif mode == "rg-allascii":
                r = all_ascii(r)
            out.append(r)
    if dropped:
        sys.stderr.write("patterns.py: %d of %d patterns have lookarounds "
                         "ripgrep cannot run; left out\n"
                         % (dropped, len(lines)))
    sys.stdout.write("".join(l + "\n" for l in out))


if __name__ == "__main__":
    main()
