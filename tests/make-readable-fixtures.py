#!/usr/bin/env python3
"""Write fixtures/readable/{partly,mostly}.txt, the documents of readable.sh.

Clean paragraphs of policy prose, and paragraphs of letter soup made the way
PDF extraction makes them: two paragraphs interleaved a letter at a time, as
two columns read straight across, with one rule phrase left intact inside,
so that rule words still match in the soup.

Usage: make-readable-fixtures.py DIR
"""

import os
import sys

CLEAN = [
    "The ministry will publish a yearly report on the state of network "
    "defence and will ask operators of essential services to share what "
    "they learn from every serious incident with the national response "
    "team.",
    "Universities and training colleges will offer short courses for public "
    "servants, so that every department has staff who can recognise a "
    "phishing message and knows whom to call when an account is taken over.",
    "Procurement rules will require suppliers of software to the public "
    "sector to disclose known weaknesses and to provide security updates for "
    "the whole period of a contract, at no extra charge.",
    "The national team will run an exercise with banks, hospitals and "
    "telecommunication companies each year, and will publish what went well "
    "and what must change before the next one.",
    "Judges and prosecutors will receive guidance on digital evidence, and "
    "the police unit for online fraud will be given the staff and the "
    "laboratory it needs to handle seized devices.",
    "Schools will teach children how to keep their passwords private, how to "
    "spot a fake website and why they should tell a teacher about messages "
    "that frighten them.",
]


def interleave(a, b):
    out = []
    for i in range(max(len(a), len(b))):
        if i < len(a):
            out.append(a[i])
        if i < len(b):
            out.append(b[i])
    return "".join(out)


def soup(i, j, phrase):
    s = interleave(CLEAN[i], CLEAN[j])
    k = s.index(" ", len(s) // 2)
    return s[:k] + " " + phrase + " " + s[k + 1:]


def main():
    d = sys.argv[1]
    partly = [CLEAN[0], CLEAN[1], soup(2, 3, "critical infrastructure"),
              CLEAN[4], CLEAN[5]]
    mostly = [CLEAN[0], soup(1, 2, "critical infrastructure"),
              soup(3, 4, "state actors"), soup(5, 0, "cyber attacks")]
    for name, paras in (("partly.txt", partly), ("mostly.txt", mostly)):
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write("\n\n".join(paras) + "\n")


if __name__ == "__main__":
    main()
