/*
 * term.h -- the <term> language, for analysts who do not write regex.
 *
 * A term is case-insensitive (the caller compiles it caselessly), matches
 * whole words only, lets any run of spaces, newlines and hyphens stand
 * between its words, accepts an optional plural "s"/"es" on the last word,
 * takes "*" as a word-suffix wildcard ("cyber*") and "[..]" as a character
 * class ("locali[sz]ation"); every other character is literal.
 *
 * Two word-level forms:
 *   "~" ending a word of three or more letters whose last is an ASCII
 *       letter takes the regular inflections of an English verb or noun:
 *       -s, -es, -ed, -ing, -ion, -ions, -ive, -er, -ers, -ment, -ments;
 *       a final "e" is dropped before -ing, -ion(s), -ive and takes -s,
 *       -d, -r(s), -ment(s); a final consonant + "y" becomes -ies, -ied,
 *       -ier(s) or takes -ing.  It is a fixed suffix list, not a stemmer:
 *       "protect~" does not match "protector", "stop~" not "stopped".
 *   "*" standing alone as a word is a gap: at most one word of letters,
 *       digits or "_" may stand there ("critical * infrastructure");
 *       up to three in a row; never first or last.
 *
 * term_to_regex() writes two translations, both owned by the caller:
 *   *regex      PCRE2 source (UTF + UCP) with exactly those semantics;
 *   *prefilter  a Hyperscan source that matches a superset of it, made of
 *               the term's literal words only, so that the one-pass
 *               prefilter stays fast; every regex match ends at or after
 *               the end of a prefilter match that lies inside it and
 *               starts where it starts (the scanner looks for a match no
 *               further back from a candidate than the prefilter match
 *               can span: prefilter_reach() in prefilter.h).  NULL
 *               when the term has non-ASCII letters or a negated class:
 *               the pattern is then always confirmed.
 * Returns 0, or -1 with *cause (owned by the caller) for an empty term, an
 * unclosed class, a misplaced "*" or "~", more than three gaps, more than
 * 24 words or a word longer than 48 bytes.
 */
#ifndef PALINT_TERM_H
#define PALINT_TERM_H

/* Its counterpart for a <regex>, regex_to_prefilter(), is in prefilter.h. */
int	term_to_regex(const char *term, char **regex, char **prefilter,
	    char **cause);

/*
 * The same for a term in language lang, an ISO 639-1 code.  NULL, "en" and
 * every language without morphology rules give term_to_regex()'s English
 * translation exactly.  "fr", "es" and "pt" (any case) get that
 * language's semantics, described in term_lang.h; their prefilter is never
 * NULL, and is a superset of the regex in the text as term_fold_text()
 * folds it (its letters have no accent classes), not in the text itself.
 */
int	term_to_regex_lang(const char *term, const char *lang, char **regex,
	    char **prefilter, char **cause);

#endif
