#!/usr/bin/env python3
"""Write a stress rule set of plausible term rules to stdout.

usage: gen-rules.py [NRULES]    (default 1000)

Rules are spread over 10 areas of 10 objectives.  Each rule has one to three
terms built from policy vocabulary: two- and three-word phrases, some with a
"*" suffix wildcard or a [..] class, as analysts write them.  Output is
deterministic (fixed seed) and valid against rules/palint-rules.rng.
"""

import random
import sys
from xml.sax.saxutils import escape

MODIFIERS = """
critical digital cyber* undersea submarine national international
cross-border open secure trusted resilient public private regional global
civil military democratic sovereign interoperable emerging commercial
financial federal municipal allied multilateral bilateral voluntary
mandatory malicious state-sponsored ransomware quantum-resistant encrypted
authoritarian inclusive sustainable rural mobile wireless satellite
industrial medical electoral academic judicial legislative forensic
offensive defensive collective coordinated transparent accountable
""".split()

NOUNS = """
infrastructure cable network norm* capacity supply chain data flow*
workforce standard* telecommunication* broadband cloud identity
privacy incident response deterrence attribution sanction* diplomacy
cooperation partnership* alliance* treaty resilience governance
regulation* certification vulnerabilit* disclosure exercise* training
awareness research innovation procurement investment* export control*
surveillance censorship shutdown* disinformation election* platform*
encryption authentication semiconductor* spectrum satellite* hub*
exchange* framework* strateg* institution* agenc* authorit* registr*
""".split()

TAILS = """
programme program initiative* centre center capability capabilities
mechanism* protection security management assessment* roadmap*
""".split()

CLASSED = ["s[eu]bmarine cable", "locali[sz]ation", "organi[sz]ation*",
           "cybercrime unit*", "defen[cs]e posture", "harmoni[sz]ed rules",
           "prioriti[sz]ation", "moderni[sz]ation", "speciali[sz]ed unit"]


def instance(term):
    """A phrase the term matches, for the rule's hit="yes" example."""
    out, i = [], 0
    while i < len(term):
        c = term[i]
        if c == "[":
            j = term.index("]", i)
            out.append(term[i + 1])
            i = j + 1
            continue
        if c != "*":
            out.append(c)
        i += 1
    return "".join(out)


def make_term(rng):
    r = rng.random()
    if r < 0.05:
        return rng.choice(CLASSED)
    words = [rng.choice(MODIFIERS), rng.choice(NOUNS)]
    if r < 0.25:
        words.append(rng.choice(TAILS))
    # A wildcard may end only the last word.
    return " ".join(w.rstrip("*") for w in words[:-1]) + " " + words[-1]


def rule_xml(rid, rng, seen):
    terms, want = [], rng.choice((1, 1, 2, 2, 3))
    while len(terms) < want:
        t = make_term(rng)
        if t not in seen:
            seen.add(t)
            terms.append(t)
    lines = ['      <rule id="%s" title="Stress rule %s">' % (rid, rid),
             "        <description>Detects %s.</description>"
             % escape(instance(terms[0]))]
    lines += ["        <term>%s</term>" % escape(t) for t in terms]
    lines.append('        <example hit="yes">We will strengthen the %s.'
                 "</example>" % escape(instance(terms[0])))
    lines.append('        <example hit="no">Nothing to see.</example>')
    lines.append("      </rule>")
    return lines


def main():
    nrules = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(20240506)
    seen = set()
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<ruleset id="bench-stress" version="1" '
           'title="Generated stress rule set (%d rules)">' % nrules,
           "  <modality>",
           "    <binding><term>shall</term><term>will</term><term>must</term>"
           "<term>commit* to</term></binding>",
           "    <hortatory><term>may</term><term>should</term>"
           "<term>encourage*</term></hortatory>",
           "  </modality>"]
    per_obj = max(1, (nrules + 99) // 100)
    n = 0
    for a in range(1, 11):
        out.append('  <area id="S%d" kind="action-area" title="Stress area '
                   '%d">' % (a, a))
        for o in range(1, 11):
            oid = "S%d.%d" % (a, o)
            out.append('    <objective id="%s" title="Stress objective %s">'
                       % (oid, oid))
            for r in range(per_obj):
                if n < nrules:
                    out += rule_xml("%s.r%02d" % (oid, r + 1), rng, seen)
                    n += 1
            out.append("    </objective>")
        out.append("  </area>")
    out.append("</ruleset>")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
