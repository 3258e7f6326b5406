/*
 * paralang.h -- the language of each paragraph of a document, so that a
 * quotation in another language is read in its own.
 *
 * Input: a segmented document, its language (detected on the whole text,
 * or "und") and the detector.  Each paragraph long enough to judge is
 * detected on its own (langdetect_spans); one too short takes the
 * language of its neighbours, or the document's.  A paragraph whose
 * function words plainly say it is in the document's language is not
 * sent to the detector at all: most paragraphs of most documents, which
 * keeps the cost near that of one detection per document, and keeps a
 * list of names or figures in an English text from being read as some
 * other language.
 *
 * Output: codes[i] for paragraph i (LANG_CODE_SIZE bytes each, as
 * langdetect.h), and each language's share of the paragraphs' bytes.
 */
#ifndef PALINT_PARALANG_H
#define PALINT_PARALANG_H

#include <stddef.h>

#include "langdetect.h"
#include "model.h"

/* The language of every paragraph of doc into codes (doc->nparagraphs
   entries); never "und" unless doclang is.  Without a detector (NULL),
   a paragraph the function words do not settle reads as its
   neighbours. */
void	 paralang_detect(const struct langdetect *, const struct doctext *doc,
	    const char *doclang, char (*codes)[LANG_CODE_SIZE]);

/* Each language's share of the paragraphs' bytes, largest first (ties in
   code order); *n entries, caller owns. */
struct langshare *paralang_mix(const struct doctext *doc,
	    char (*codes)[LANG_CODE_SIZE], size_t *n);

/* Nonzero when w (len bytes, ASCII letters of any case) is one of the
   function words read above, of any of the four languages; readable.c
   counts them too. */
int	 paralang_function_word(const char *w, size_t len);

#endif
