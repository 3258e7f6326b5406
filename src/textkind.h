/*
 * textkind.h -- is a document policy text at all?
 *
 * Some inputs are not policy but scan as if they were: a software README,
 * a template whose substance is still placeholders, filler text.  Their
 * scores mean little, so the document is scored as usual but flagged
 * (DOCFLAG_NOT_POLICY, model.h) with a warning saying why.  The heuristic
 * counts surface signs in the first 8 KB of the extracted text (the
 * cost does not grow with the document; a README says how to build near
 * its top, a template shows its blanks from its title on), and flags a
 * document when
 *
 *   - it holds "lorem ipsum" (filler text) at all;
 *   - it holds three or more {{...}} template variables;
 *   - it holds three or more instruction placeholders ("[Insert ...]",
 *     "<Describe ...>", "[Enter ...]", ... in square or angle brackets,
 *     and the words TBD, TBC, TBA, "to be determined"), at least one per
 *     hundred words: a name left to fill in ("<organization name>") is
 *     not an instruction, and a handful in a long text is a form to sign,
 *     not a missing substance;
 *   - it reads like software documentation: four or more signs among
 *     fenced code blocks, command lines ("$ make", "git clone", "pip
 *     install", ...), headings such as Installation, Usage or Building,
 *     and badges ("[!["), two of them code blocks or command lines.
 */
#ifndef PALINT_TEXTKIND_H
#define PALINT_TEXTKIND_H

#include "model.h"

/* How the warning of a flagged document begins. */
#define TEXTKIND_WARNING	"not policy text: "

/*
 * DOCFLAG_* for doc (segmented, so words is known); when a flag is set,
 * *why is a one-line warning saying what was seen (caller owns; it may
 * quote document text, to be cleaned before display like any).
 */
unsigned	textkind_check(const struct doctext *doc, char **why);

#endif
