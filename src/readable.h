/*
 * readable.h -- text that extraction produced but nobody can read.
 *
 * PDF extraction of multi-column or badly encoded files yields letter
 * soup: two columns interleaved letter by letter, words spaced out into
 * single letters, a font's private-use code points or runs of symbols in
 * place of letters, UTF-8 read as Latin-1 ("Ã©" for "é").  Rule words
 * still match inside such text, so evidence found there is not counted.
 *
 * Input: a segmented doctext.  Each paragraph is read in stretches: a line
 * of READABLE_STRETCH words or more stands alone, shorter lines are taken
 * together until they reach that many.  A stretch of fewer than
 * READABLE_MIN_WORDS words is too short to judge and counts as readable.
 * One pass over the bytes counts, per stretch: words, function words of
 * English, French, Spanish and Portuguese (paralang.h's list), words that
 * are a single letter, letter pairs rare in all four languages, words with
 * a capital inside them ("yIn"), characters that are no text (U+FFFD,
 * private use, control characters) and mojibake pairs.  A stretch is
 * unreadable when
 *
 *   - a fifth or more of its characters are no text (symbols);
 *   - it holds three or more mojibake pairs, one per twenty words or more;
 *   - half or more of its words are a single letter (spaced letters);
 *   - it is letter soup: of at least READABLE_MIN_PAIRS letter pairs, the
 *     share that is rare (at least READABLE_RARE_PCT%) plus half the
 *     share of words with a capital inside is READABLE_SOUP_PCT% or
 *     more, while under READABLE_FW_PCT%
 *     of its words are function words (prose has three times as many;
 *     tables, lists and references have few, but their letter pairs are
 *     those of real words).  Only words of letters count here, so that
 *     web addresses, codes and acronyms do not.
 *
 * Output: the unreadable spans of the text, and how many paragraphs and
 * bytes they cover.  A document whose unreadable bytes are
 * READABLE_DOC_PCT% of its paragraphs' bytes or more gets no verdict; one
 * with READABLE_WARN_PCT% or more is flagged, with a warning (less is
 * mostly page headers printed with spaced letters, and only counted).
 */
#ifndef PALINT_READABLE_H
#define PALINT_READABLE_H

#include <stddef.h>

#include "model.h"

#define READABLE_STRETCH	24	/* words: a stretch is closed */
#define READABLE_MIN_WORDS	8	/* words: fewer is not judged */
#define READABLE_MIN_PAIRS	40	/* letter pairs for the soup test */
#define READABLE_SOUP_PCT	10
#define READABLE_RARE_PCT	4
#define READABLE_FW_PCT		15
#define READABLE_DOC_PCT	50	/* of the text: no verdict */
#define READABLE_WARN_PCT	10	/* of the text: flagged */

/* Why a stretch is unreadable; READ_OK when it is not. */
enum readkind {
	READ_OK,
	READ_SYMBOLS,		/* private-use, replacement, control */
	READ_MOJIBAKE,		/* UTF-8 read as Latin-1 */
	READ_SPACED,		/* words cut into single letters */
	READ_SOUP		/* letters of interleaved text */
};

/* What one stretch of text holds; counts add up over stretches. */
struct readstat {
	unsigned	 words;		/* runs of non-space */
	unsigned	 fwords;	/* function words of en/fr/es/pt */
	unsigned	 singles;	/* words of one letter */
	unsigned	 letterwords;	/* words of letters only */
	unsigned	 switched;	/* of those, with a capital inside */
	unsigned	 pairs;		/* letter pairs inside those words */
	unsigned	 rare;		/* of those, rare in all four */
	unsigned	 chars;		/* characters but spaces */
	unsigned	 bad;		/* of those, no text */
	unsigned	 mojibake;	/* mojibake pairs */
};

/* The unreadable text of a document. */
struct readability {
	struct span	*spans;		/* ascending, disjoint; owned */
	size_t		 nspans;
	size_t		 paragraphs;	/* with an unreadable stretch */
	size_t		 bytes;		/* in the spans */
	size_t		 total;		/* bytes of every paragraph */
};

/* Adds what text[start, end) holds to *st (not zeroed first). */
void		 readable_count(const char *text, size_t start, size_t end,
		    struct readstat *st);
/* The verdict on one stretch. */
enum readkind	 readable_judge(const struct readstat *);
/* The verdict on a string, read as one stretch. */
enum readkind	 readable_string(const char *);
/* "letter soup" and the like, for messages. */
const char	*readkind_name(enum readkind);

/* The unreadable stretches of doc (segmented) into *r; free with
   readable_clear(). */
void		 readable_measure(const struct doctext *doc,
		    struct readability *r);
/* 1 when byte off lies in an unreadable span. */
int		 readable_at(const struct readability *, size_t off);
/* The share of the paragraphs' bytes that is unreadable, 0..1. */
double		 readable_share(const struct readability *);
void		 readable_clear(struct readability *);

#endif
