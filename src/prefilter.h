/*
 * prefilter.h -- one pass over a document for all rules at once.
 *
 * Hyperscan block-mode databases built from every pattern's prefilter
 * source, one per language of the rules, report candidate end offsets;
 * scan.c confirms each candidate with the pattern's PCRE2 code inside the
 * sentence that holds it.  Patterns
 * without a prefilter source are reported by prefilter_covers() as not
 * covered and are always confirmed.  Built without Hyperscan, or on a CPU it
 * does not support, prefilter_build() returns NULL with a notice and the
 * scanner falls back to plain PCRE2: correct, only slower.
 *
 * The compiled databases and the maps between expressions and patterns
 * are cached under $XDG_CACHE_HOME/palint/ (or ~/.cache/palint/), keyed
 * by the ruleset's sha256, the build of palint, the Hyperscan version and
 * the platform; an unwritable or corrupt cache is ignored.
 */
#ifndef PALINT_PREFILTER_H
#define PALINT_PREFILTER_H

#include <stddef.h>

#include "model.h"

struct prefilter;
struct prefilter_scratch;

/* cache_dir NULL: the default; "" disables the cache. */
struct prefilter *prefilter_build(const struct ruleset *, const char *cache_dir,
		    char **notice);
void		 prefilter_free(struct prefilter *);
int		 prefilter_covers(const struct prefilter *, unsigned pattern);

struct prefilter_scratch *prefilter_scratch_new(const struct prefilter *);
void		 prefilter_scratch_free(struct prefilter_scratch *);

/*
 * The database holds expressions, not patterns: each pattern's source is
 * cut at its top-level "|" and equal alternatives of different patterns
 * are one expression (context words such as "cyber\w*" recur in dozens of
 * rules).  A pattern is covered when every expression it has is in the
 * database; then each of its matches holds the end of a candidate of one
 * of them.
 */
size_t		 prefilter_nexprs(const struct prefilter *);
/* The patterns (indexes in ruleset->patterns) an expression stands for,
   and the leading part of that list that are anchors. */
const unsigned	*prefilter_patterns_of(const struct prefilter *, unsigned expr,
		    size_t *n);
const unsigned	*prefilter_anchors_of(const struct prefilter *, unsigned expr,
		    size_t *n);
/* The expressions of a pattern. */
const unsigned	*prefilter_exprs_of(const struct prefilter *, unsigned pattern,
		    size_t *n);

/*
 * Each expression is a leading part of its patterns' sources: "a|b" is cut
 * into its alternatives, and what follows the first repeat of a pattern,
 * or a trailing quantified part, may be dropped, never what a match starts
 * with (term.c writes a term's prefilter from its first word on).  So a
 * match of a covered pattern that starts at offset s holds a candidate of
 * one of its expressions ending in (s, s + reach], where reach is what
 * prefilter_reach() returns for that expression: the most bytes one of
 * its matches spans.  The scanner uses it to start a confirming search
 * near the candidates rather than at the start of the unit.
 * PREFILTER_UNBOUNDED: no bound is known (a repeat without a maximum, a
 * lookaround, the marker of a folded letter).
 */
#define PREFILTER_UNBOUNDED	((size_t)-1)
size_t		 prefilter_reach(const struct prefilter *, unsigned expr);

/*
 * Calls cb for each candidate in text[start, end), a stretch of language
 * lang (an index in ruleset->languages): an expression id and the end
 * offset in text of a superset match.  Only that language's expressions
 * are looked for, in the text folded first when its terms' sources are
 * written for folded text (term_lang.h); the ends are given in the text
 * as it is, and a folded expression's reach counts bytes of it.  Returns
 * 0, -1 with *cause, or PREFILTER_LOST when the language's database, read
 * from the cache, proves damaged on first use: no candidate can be
 * trusted, so the caller reads the text without the prefilter.
 */
#define PREFILTER_LOST	(-2)
typedef void	 prefilter_cb(unsigned expr, size_t end, void *arg);
int		 prefilter_scan(const struct prefilter *,
		    struct prefilter_scratch *, unsigned lang,
		    const char *text, size_t start, size_t end,
		    prefilter_cb *, void *arg, char **cause);

/*
 * For `rules check`: whether pattern p of rs gets expressions in the
 * database, derived as prefilter_build() derives them.  PREFILTER_WEAK
 * sets *expr (the caller frees it) to the first expression below
 * PREFILTER_MIN_FIXED.  Hyperscan may still refuse an expression that
 * fits; prefilter_covers() has the last word.  Without Hyperscan every
 * pattern fits: there is no prefilter to fall out of.
 */
enum prefilter_fit {
	PREFILTER_FITS,
	PREFILTER_NO_SOURCE,	/* no safe superset is known */
	PREFILTER_WEAK		/* too little fixed text */
};
enum prefilter_fit prefilter_pattern_fit(const struct ruleset *,
		    const struct pattern *, char **expr);

/* After a run: the cache file a database of which proved damaged
   (prefilter_scan() returned PREFILTER_LOST; the file is removed), or
   NULL.  Belongs to pf. */
const char	*prefilter_lost(const struct prefilter *);

/* What prefilter_build() did, for tests and verbose output. */
struct prefilter_info {
	size_t		 covered;	/* patterns in the database */
	size_t		 dropped;	/* sources Hyperscan refused, or that
					   match the empty string */
	int		 cache_loaded;	/* read from the cache, not compiled */
	int		 cache_written;
};
void		 prefilter_get_info(const struct prefilter *,
		    struct prefilter_info *);
/* Tests: the largest block given to Hyperscan at once (default 4 GiB - 1);
   a longer text is cut at empty lines. */
void		 prefilter_set_block(struct prefilter *, size_t);

/*
 * Prefilter sources, built with or without Hyperscan (prefilter_source.c).
 * regex_to_prefilter() derives one from a user's PCRE2 regex: the same
 * pattern with what Hyperscan cannot take exactly removed in a way that
 * only widens it (\B dropped; \b kept for prefilter_rewrite.c, which keeps
 * it only where its byte-mode reading is the wider one).  NULL when no
 * safe widening is known; the pattern is then always confirmed by PCRE2
 * alone.  Returned strings belong to the caller.
 */
char		*regex_to_prefilter(const char *regex);
/* Length of a "[...]" class at p in a regex, honouring escapes, a leading
   "]" or "^]", and POSIX "[:name:]" members; 0 when it never closes. */
size_t		 regex_class_len(const char *p);
/* The quantifier at q ("?", "*", "+", "{n}", "{n,}", "{n,m}", with a lazy
   or possessive mark): its length, and its bounds in lo and hi (ULONG_MAX
   for none); 0 when q holds none. */
size_t		 regex_quant(const char *q, unsigned long *lo,
		    unsigned long *hi);

/*
 * The fewest bytes of fixed text every match of a prefilter expression
 * holds (a literal byte, or a class of at most four plain members, counts
 * one; "\w", ".", a repeat that may be absent count nothing).  Below
 * PREFILTER_MIN_FIXED an expression matches so often that its candidates
 * cost more than they save: prefilter_rewrite.c leaves its pattern out,
 * and `rules check` warns about it.
 */
#define PREFILTER_MIN_FIXED	2
size_t		 prefilter_fixed_bytes(const char *expr);

#endif
