/*
 * segment.h -- lines, sentences, paragraphs, sections and word count.
 *
 * Sentences end at ".", "!" or "?" (with closing quotes or brackets) before
 * whitespace and an upper-case letter, digit or opening quote, at a line
 * that starts a list item (a bullet, "3.", "iv.", "2)", "(b)"), at a
 * Markdown heading line and at a paragraph end.
 * Abbreviations ("e.g.", "i.e.", "U.S.", "No. 3", "Art. 4", "Mr.", initials)
 * do not end a sentence.  A blank line ends a paragraph.  Sections start at
 * the extractor's heading offsets and at Markdown "#" headings; a document
 * without headings is one section.  Every unit is trimmed of surrounding
 * whitespace and none is empty.  Soft hyphens are taken out of the text
 * before anything else (softhyphen.h).
 */
#ifndef PALINT_SEGMENT_H
#define PALINT_SEGMENT_H

#include <stddef.h>

#include "model.h"

void	 segment_document(struct doctext *);

/* Index of the unit containing byte off, or of the last one starting
   before it; 0 when off precedes every unit; n when there is none
   (n == 0). */
size_t	 segment_find(const struct span *, size_t n, size_t off);
/* The units of a scope as an array.  SCOPE_DOCUMENT has none: its one unit
   is the whole text, [0, len), and this returns NULL with *n = 0. */
const struct span *segment_units(const struct doctext *, enum scope,
	    size_t *n);
/*
 * The clause around byte off: the part of its sentence between clause
 * boundaries, trimmed of white space.  Boundaries are ";", ":" followed by
 * white space or ending the sentence, "(" and ")", a dash ("-", en or em
 * dash) with white space on both sides, and the comma of ", but",
 * ", while", ", whereas", ", which" and ", although" (the conjunction
 * starts the next clause), and the first comma of a sentence that opens
 * with a phrase of purpose or reason ("To ...,", "Because ...,").  A clause reaches at most 4096 bytes either
 * side of off.  An off outside every sentence gets the nearest sentence.
 */
struct span segment_clause(const struct doctext *, size_t off);
/* The number of words that start in [start, end), counted as the
   document's word count is. */
size_t	 segment_words(const struct doctext *, size_t start, size_t end);
/* 1-based line and character column of a byte offset, and its page; line
   and column as in the text before soft hyphens were taken out
   (softhyphen.h), which segment_document() does first. */
void	 segment_position(const struct doctext *, size_t off, unsigned *line,
	    unsigned *column, unsigned *page);

#endif
