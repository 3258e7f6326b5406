#!/usr/bin/env python3
"""Module boundaries of palint, checked from the built library.

Usage: boundaries.py LIBPALINT.a SRCDIR      check the build; print the graph
       boundaries.py --self-test             check that the checks can fail

Each object of the library is a module.  `nm` gives what each one defines
and what it calls; a call from one module into another is an edge.  The
check fails when

  - the edges form a cycle (modules that call each other, directly or
    through a chain): a stage must only call stages below it;
  - an external library is reached from outside the module that wraps it
    (by symbol, from nm, and by #include, from the sources).

With --graph it prints the module graph ("module -> callee ...") to
standard output, so the shape can be compared before and after a change.
"""

import fnmatch
import os
import re
import subprocess
import sys

# Which modules (object names, globs) may call into a library, by symbol
# prefix or exact name.  The libxml2 parser set-up is one module's job;
# walking trees, writing XML and RELAX NG validation are not set-up.
SYMBOL_RULES = [
    ("PCRE2", re.compile(r"^pcre2_"), ["compile"]),
    ("Hyperscan", re.compile(r"^hs_"), ["prefilter*"]),
    ("the libxml2 parser set-up",
     re.compile(r"^(xml|html)(ReadMemory|ReadDoc|ReadFile|CtxtRead\w*|"
                r"CreateMemoryParserCtxt|CreatePushParserCtxt|"
                r"NewParserCtxt|CtxtUseOptions|ParseDocument|"
                r"ParseChunk|SAXUserParse\w*|SubstituteEntitiesDefault|"
                r"LoadExtDtdDefaultValue|ReaderFor\w*|ReaderNew\w*)$"),
     ["xmlparse"]),
    ("libarchive", re.compile(r"^archive_(read|entry)_"),
     ["archives", "sniff"]),
    ("libcsv", re.compile(r"^csv_"),
     ["csvout", "csvread", "eval_tsv", "merge*"]),
    ("uchardet", re.compile(r"^uchardet_"), ["decode"]),
    ("nettle", re.compile(r"^nettle_"), ["sha256"]),
    ("xxhash", re.compile(r"^XXH"), ["sha256"]),
    ("libexttextcat", re.compile(r"^(special_)?textcat_|^fp_"),
     ["langdetect"]),
]

# Which source files may include a library's headers.
INCLUDE_RULES = [
    ("pcre2.h", re.compile(r"#\s*include\s*<pcre2\.h>"), ["compile.c"]),
    ("hs.h", re.compile(r"#\s*include\s*<hs(/hs)?\.h>"), ["prefilter*.c"]),
    ("csv.h", re.compile(r"#\s*include\s*<csv\.h>"),
     ["csvout.c", "csvread.c", "eval_tsv.c", "merge*.c"]),
    ("archive.h", re.compile(r"#\s*include\s*<archive(_entry)?\.h>"),
     ["archives.c", "sniff.c"]),
    ("uchardet.h", re.compile(r"#\s*include\s*<uchardet"), ["decode.c"]),
    ("poppler", re.compile(r"#\s*include\s*<(poppler|glib)"),
     ["extract_pdf.c"]),
    ("textcat.h", re.compile(r"#\s*include\s*<(libexttextcat/)?"
                             r"(textcat|fingerprint)\.h>"),
     ["langdetect.c"]),
    ("nettle", re.compile(r"#\s*include\s*<nettle/"), ["sha256.c"]),
    ("xxhash.h", re.compile(r"#\s*include\s*<xxhash\.h>"), ["sha256.c"]),
]


def parse_nm(text):
    """nm -A output of an archive -> (defs: sym -> module, uses: module ->
    set of syms, modules)."""
    defs, uses, modules = {}, {}, set()
    for line in text.splitlines():
        m = re.match(r"^[^:]*:([^:]+)\.o:\s*(?:[0-9a-fA-F]+)?\s+(\w)\s+(\S+)$",
                     line)
        if m is None:
            continue
        mod, kind, sym = m.groups()
        modules.add(mod)
        if kind == "U":
            uses.setdefault(mod, set()).add(sym)
        elif kind in "TDBRCVW":
            defs[sym] = mod
    return defs, uses, modules


def edges_of(defs, uses):
    graph = {}
    for mod, syms in uses.items():
        for s in syms:
            to = defs.get(s)
            if to is not None and to != mod:
                graph.setdefault(mod, set()).add(to)
    return graph


def cycles(graph):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(100000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def allowed(name, globs):
    return any(fnmatch.fnmatch(name, g) for g in globs)


def symbol_violations(defs, uses):
    bad = []
    for mod in sorted(uses):
        for sym in sorted(uses[mod]):
            if sym in defs:
                continue
            for what, pat, owners in SYMBOL_RULES:
                if pat.match(sym) and not allowed(mod, owners):
                    bad.append("%s.o calls %s (%s belongs to %s)" %
                               (mod, sym, what, ", ".join(owners)))
    return bad


def include_violations(sources):
    """sources: name -> text."""
    bad = []
    for name in sorted(sources):
        for what, pat, owners in INCLUDE_RULES:
            if pat.search(sources[name]) and not allowed(name, owners):
                bad.append("%s includes %s (only %s may)" %
                           (name, what, ", ".join(owners)))
    return bad


def check(nm_text, sources, show_graph=False):
    defs, uses, modules = parse_nm(nm_text)
    graph = edges_of(defs, uses)
    problems = []
    for comp in cycles(graph):
        problems.append("cycle: " + " <-> ".join(comp))
    problems += symbol_violations(defs, uses)
    problems += include_violations(sources)
    if show_graph:
        for mod in sorted(modules):
            print("%s -> %s" % (mod, " ".join(sorted(graph.get(mod, ())))))
    return problems, modules


def self_test():
    """The checks must catch a cycle, a stray library call and a stray
    include, and pass a clean graph."""
    fake = "\n".join([
        "lib.a:a.o:0000000000000000 T a_fn",
        "lib.a:a.o:                 U b_fn",
        "lib.a:b.o:0000000000000000 T b_fn",
        "lib.a:b.o:                 U c_fn",
        "lib.a:c.o:0000000000000000 T c_fn",
        "lib.a:c.o:                 U a_fn",
        "lib.a:c.o:                 U pcre2_match_8",
        "lib.a:d.o:                 U c_fn",
    ])
    problems, _ = check(fake, {"scan.c": "#include <pcre2.h>\n"})
    want = ["cycle: a <-> b <-> c",
            "c.o calls pcre2_match_8 (PCRE2 belongs to compile)",
            "scan.c includes pcre2.h (only compile.c may)"]
    if problems != want:
        print("self-test: got %r, want %r" % (problems, want))
        return 1
    clean = "\n".join(fake.splitlines()[:4] + fake.splitlines()[7:])
    problems, _ = check(clean, {"compile.c": "#include <pcre2.h>\n"})
    if problems:
        print("self-test: clean graph reported %r" % problems)
        return 1
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    show = "--graph" in argv
    args = [a for a in argv[1:] if a != "--graph"]
    if len(args) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    lib, srcdir = args
    nm_text = subprocess.run(["nm", "-A", lib], capture_output=True,
                             text=True, check=True).stdout
    sources = {}
    for name in os.listdir(srcdir):
        if name.endswith((".c", ".h")):
            with open(os.path.join(srcdir, name), encoding="utf-8") as f:
                sources[name] = f.read()
    problems, modules = check(nm_text, sources, show)
    for p in problems:
        print("boundaries: " + p, file=sys.stderr)
    if not modules:
        print("boundaries: no objects in " + lib, file=sys.stderr)
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
