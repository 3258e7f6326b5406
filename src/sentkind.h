/*
 * sentkind.h -- what each sentence of a segmented document is: a statement,
 * or a line that lists, titles or defines things (enum sentkind, model.h).
 *
 * Runs between segment.c and scan.c: once scan.c has a document's hits,
 * it asks for the kinds of their sentences and records each on its hit;
 * coverage.c weighs the hit by it.  Only those sentences, and the short
 * lines that may open or close a special section, are read in full.  The classifier is a
 * handful of surface tests on the sentence's first SENTKIND_WINDOW bytes,
 * tried in this order:
 *
 *   contents     dot leaders ("Scope ........ 4", "....", "…"), or two or
 *                more words without a verb or a final stop ending in a
 *                page number ("2.1 Cyber diplomacy 14"), or three numbered
 *                titles run together ("4 Laws 4.1 Telecoms Law 4.2 ..."),
 *                five with a finite verb, none of them stating an aim;
 *   (section)    every other sentence of a section whose bare heading is
 *                "Definitions", "Glossary", "Abbreviations", "Acronyms" or
 *                "Terminology" is a definition, of "References",
 *                "Bibliography", "Notes" or "Sources" a reference, of
 *                "Acknowledgements", "Contributors" or "Donors" an
 *                acknowledgement; the section ends at the next heading
 *                marked by a hint, number, '#' or capitals, at a sentence
 *                of ten words or more with a modal verb, or after 80
 *                sentences;
 *   heading      a line of its own, at most 14 words, no final ". ! ? ;",
 *                no finite verb, and marked as a heading: the extractor's
 *                heading hint (HTML, DOCX, ODT, Markdown), a Markdown "#",
 *                a number ("3.2", "IV.", "B.") or title case or capitals.
 *                A line numbered by a small letter or roman numeral ("ii.",
 *                "(a)", "b)") is a list item, read as a bullet item is;
 *                A heading that states an aim, a base-form verb with its
 *                object ("Goal 3: build a national forensics capability"),
 *                is a statement;
 *   definition   "X means ...", "X refers to ...", "X is defined as ...",
 *                or "X: a/an/the ..." where X is a short term;
 *   reference    two of: a URL, DOI or ISBN; a year in brackets or after a
 *                comma; "pp.", "Vol.", "Retrieved", "Available at",
 *                "Accessed", "Journal"; a "[12]" or "Surname, A." start;
 *   acknowledgement  thanks or funding words ("acknowledge", "grateful",
 *                "funded by", "with the support of", "donors") without a
 *                binding or hortatory verb;
 *   terms        no finite verb and no aim, and either three or more items
 *                of at most four words on average separated by commas or
 *                semicolons ("Threats: malware, phishing, ransomware"), or
 *                a bullet or list item of at most four words, not led by a
 *                gerund ("- Enhancing incident response");
 *   statement    everything else.
 *
 * Finite verbs are recognised from a short list (auxiliaries, modals and
 * the verbs policy prose uses most, in their -s and -ed forms), so an
 * unusual verb may go unseen; the tests err toward "statement", which
 * counts in full.
 */
#ifndef PALINT_SENTKIND_H
#define PALINT_SENTKIND_H

#include <stddef.h>

#include "model.h"

/* Bytes of a sentence the classifier reads; longer ones are prose unless
   their section or reference cues say otherwise. */
#define SENTKIND_WINDOW	600

/*
 * One kind per sentence of a segmented document, in sentence order, as an
 * array of enum sentkind values; caller frees.  NULL when there are no
 * sentences.  With wanted (one flag per sentence; NULL: all), only the
 * flagged sentences are sure to be classified: the others are read only
 * as far as following the special sections needs, and may be reported as
 * statements.
 */
unsigned char	*sentkind_document(const struct doctext *,
		    const unsigned char *wanted);
/* "statement", "heading", "contents", "definition", "reference",
   "acknowledgement" or "terms". */
const char	*sentkind_name(enum sentkind);

#endif
