/*
 * compile.h -- stage 2: patterns to PCRE2 JIT code.  The only module that
 * includes pcre2.h.
 *
 * Every pattern compiles with UTF + UCP (and CASELESS unless it is
 * case-sensitive).  A pattern is matched by the PCRE2 interpreter until it
 * has searched a few kilobytes, then by a JIT-compiled copy: a one-page
 * document never pays for compiling code it would run a handful of times,
 * a batch runs its hot patterns as machine code.  Both give the same
 * matches.  Matching is bounded: a match limit and a depth limit stop
 * pathological backtracking, and hitting one is an error naming the
 * pattern, never a hang (the interpreter and JIT count steps differently,
 * so a pattern that only just fits may fail in one and not the other;
 * such a pattern is broken either way).
 */
#ifndef PALINT_COMPILE_H
#define PALINT_COMPILE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "util.h"

/*
 * Compile every pattern of the ruleset; errors as "path:line: rule ID:
 * regex error at offset N: message".  Concepts of one vocabulary share
 * the code of the first (pattern->shared_code).  COMPILE_TERMS_ON_USE
 * leaves terms (and concepts made of terms), whose regexes term.c writes,
 * to be compiled when first matched: a scan of English text then never
 * compiles the French, Spanish and Portuguese terms.  COMPILE_ALL is for
 * checking a rule file.  Returns 0 or -1.
 */
enum compile_mode {
	COMPILE_ALL,
	COMPILE_TERMS_ON_USE
};
int	 compile_ruleset(struct ruleset *, enum compile_mode,
	    struct errlist *);
/* Compile one source alone, for term tests and `rules export`: 0 or -1 with
   *cause. */
int	 compile_check(const char *regex, int case_sensitive, char **cause);
/*
 * Which of the strings subjects[0, n) regex[0, len) matches at their
 * start, read as rules are (UTF, UCP): matched[i] is 0 or 1.  For the
 * prefilter's questions about a piece of a rule's regex (which white space
 * a class takes).  0, or -1 when PCRE2 refuses the regex.
 */
int	 compile_probe(const char *regex, size_t len,
	    const char *const *subjects, size_t n, int *matched);
/* A pattern's compiled code, p->matcher, is a struct matcher: opaque
   outside compile.c, freed (and p->matcher reset) by pattern_free_code. */
struct matcher;
void	 pattern_free_code(struct pattern *);

/* Per-thread match state: match data and limits. */
struct matchctx;
struct matchctx	*matchctx_new(uint32_t match_limit, uint32_t depth_limit);
void		 matchctx_free(struct matchctx *);

/*
 * Find the first match of p starting at or after start in the subject
 * text[base, end): ^ and $ match at base and end, and lookbehind sees
 * text from base on, never before it (base <= start).  Offsets in and
 * out are offsets in text.  Returns 1 and the span, 0 for no match, -1
 * with *cause when a limit was hit or a term left to compile on first
 * use does not compile.
 */
int	 pattern_find(const struct pattern *p, struct matchctx *,
	    const char *text, size_t base, size_t start, size_t end,
	    size_t *ms, size_t *me, char **cause);

#endif
