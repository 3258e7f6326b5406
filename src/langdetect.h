/*
 * langdetect.h -- the language a text is written in, from character
 * n-gram profiles (libexttextcat, wrapped here and nowhere else).
 *
 * Languages are named by ISO 639-1 codes ("en", "fr", "es", "pt", "de"),
 * or by the ISO 639-3 code of a language that has no two-letter code
 * ("haw").  A text too short to judge, or one whose best candidates are
 * different languages scoring alike, is "und" (undetermined): the detector
 * says so rather than guess.
 *
 * A detector holds the language profiles, read once from the data files
 * of libexttextcat-data, and is read-only afterwards: threads share one.
 * Codes are written into caller buffers of LANG_CODE_SIZE bytes.
 */
#ifndef PALINT_LANGDETECT_H
#define PALINT_LANGDETECT_H

#include <stddef.h>

#include "model.h"

#define LANG_CODE_SIZE	8
#define LANG_UNDETERMINED "und"

struct langdetect;

/* Load the profiles; NULL with *cause (one line, caller owns) when the
   data files cannot be read. */
struct langdetect *langdetect_open(char **cause);
void		 langdetect_free(struct langdetect *);
/*
 * The detector of the whole process, loaded on first use by whichever
 * thread asks first and kept until exit; NULL with *cause (a static
 * string) when it cannot be loaded.
 */
const struct langdetect *langdetect_shared(const char **cause);
/*
 * Start loading that detector on a thread of its own, so that it is ready
 * by the time the first document is read (reading the profiles costs as
 * much as reading a page); the first langdetect_shared() waits for it.
 * Without the thread (it could not be started) the load happens on first
 * use, as before.
 */
void		 langdetect_preload(void);

/*
 * The language of a whole document.  A long text is judged on a bounded
 * sample (a few kilobytes taken at evenly spaced places), so the cost does
 * not grow with the document and one opening page in another language does
 * not decide for the rest.
 */
void		 langdetect_document(const struct langdetect *,
		    const char *text, size_t len, char code[LANG_CODE_SIZE]);
/* The language of each span of text (paragraphs, say), judged one by one:
   codes[i] for spans[i]. */
void		 langdetect_spans(const struct langdetect *, const char *text,
		    const struct span *spans, size_t n,
		    char (*codes)[LANG_CODE_SIZE]);

/* "French" for "fr"; the code itself for a language without a name here. */
const char	*langdetect_name(const char *code);
/* 1 when s looks like a language code (two or three lowercase ASCII
   letters), as --language and rule files must give one. */
int		 langdetect_valid_code(const char *s);

#endif
