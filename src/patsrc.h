/*
 * patsrc.h -- a pattern's PCRE2 and prefilter sources, made from what the
 * rule file says: a term translated by term.c in its language, a concept
 * as the alternation of its vocabulary's parts in its language.
 *
 * rules.c makes them as it loads a rule file.  A deferred pattern
 * (pattern->deferred: the built-in rules' terms, when a command only
 * scans) has none until compile.c needs its regex or prefilter_rewrite.c
 * its prefilter source; both then ask here and get exactly what rules.c
 * would have made, so that deferring changes when the work is done, never
 * what is matched.  The functions only read the ruleset: threads may call
 * them at once.  Returned strings belong to the caller.
 */
#ifndef PALINT_PATSRC_H
#define PALINT_PATSRC_H

#include "model.h"

/* The regex a <regex> source is matched as (a space written between words
   stands for any run of white space); a new string. */
char	*patsrc_regex(const char *written);
/* The offset in written of what is at offset off of patsrc_regex(written):
   where an error PCRE2 finds in the regex stands in the rule file. */
size_t	 patsrc_regex_offset(const char *written, size_t off);

/* The sources of pattern p of rs (a term, or a concept once resolved):
   0, or -1 with *cause for a term that does not translate.  *prefilter
   may be NULL: the pattern has none. */
int	 patsrc_make(const struct ruleset *rs, const struct pattern *p,
	    char **regex, char **prefilter, char **cause);

/* What j says of vocabulary v's parts in language lang, but its regex and
   prefilter, which stay NULL: their number, whether all are terms, all
   case-sensitive, and whether one of them is deferred. */
void	 patsrc_join_flags(const struct vocabulary *v, unsigned lang,
	    struct vocabjoin *j);
/* v's parts in language lang as one alternation, each part keeping its
   own case rule, and the alternation of their prefilter sources (NULL
   when one part has none); *regex NULL when v has no part in lang.
   0, or -1 with *cause when a deferred part does not translate. */
int	 patsrc_join(const struct ruleset *rs, const struct vocabulary *v,
	    unsigned lang, char **regex, char **prefilter, char **cause);

#endif
