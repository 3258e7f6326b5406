/*
 * term.h -- the <term> language, for analysts who do not write regex.
 *
 * A term is case-insensitive (the caller compiles it caselessly), matches
 * whole words only, lets any run of spaces, newlines and hyphens stand
 * between its words, accepts an optional plural "s"/"es" on the last word,
 * takes "*" as a word-suffix wildcard ("cyber*") and "[..]" as a character
 * class ("locali[sz]ation"); every other character is literal.
 *
 * term_to_regex() writes two translations, both owned by the caller:
 *   *regex      PCRE2 source (UTF + UCP) with exactly those semantics;
 *   *prefilter  a Hyperscan source that matches a superset of it, made of
 *               the term's literal words only, so that the one-pass
 *               prefilter stays fast; every regex match ends at or after
 *               the end of a prefilter match that lies inside it.  NULL
 *               when the term has non-ASCII letters or a negated class:
 *               the pattern is then always confirmed.
 * Returns 0, or -1 with *cause (owned by the caller) for an empty term, an
 * unclosed class or a misplaced "*".
 */
#ifndef PALINT_TERM_H
#define PALINT_TERM_H

int	term_to_regex(const char *term, char **regex, char **prefilter,
	    char **cause);

/*
 * Derive a prefilter source from a user's PCRE2 regex: the same pattern with
 * what Hyperscan cannot take exactly removed in a way that only widens it
 * (\B dropped; \b kept for prefilter.c, which keeps it only where its
 * byte-mode reading is the wider one).  NULL when no safe widening is
 * known; the pattern is then always confirmed by PCRE2 alone.
 */
char	*regex_to_prefilter(const char *regex);
/*
 * Length of a "[...]" class at p in a regex, honouring escapes, a leading
 * "]" or "^]", and POSIX "[:name:]" members; 0 when it never closes.
 */
size_t	 regex_class_len(const char *p);
/* The same source with every \b dropped too, for Hyperscan's UTF-8 mode,
   whose Unicode tables may disagree with PCRE2's on what a letter is. */
char	*prefilter_drop_boundaries(const char *src);

#endif
