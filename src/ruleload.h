/*
 * ruleload.h -- the ruleset and prefilter every command starts from.
 *
 * Input: rule paths (none: the built-in rules) and the options.  Output: a
 * compiled ruleset and, unless --no-prefilter, its Hyperscan prefilter.
 * Rule errors are printed here, all of them, as "file:line: message", so
 * that a command only has to turn NULL into its exit status.  Both results
 * belong to the caller (ruleset_free, prefilter_free).
 */
#ifndef PALINT_RULELOAD_H
#define PALINT_RULELOAD_H

#include <stddef.h>

#include "compile.h"
#include "model.h"
#include "options.h"
#include "prefilter.h"

/* The rules in paths, or the built-in ones when n is 0, compiled as mode
   says (compile.h); NULL after printing every rule error. */
struct ruleset	*ruleload_rules(const char *const *paths, size_t n,
		    enum compile_mode mode,
		    int quiet);
/* The same with COMPILE_TERMS_ON_USE, for commands that read no rule's
   examples: the built-in rules are parsed from their scan copy, a fifth
   less XML (rules_load_scan), or with a warm cache under cache_dir (NULL:
   the default, "": none) read from their compiled form (rulecache.h). */
struct ruleset	*ruleload_scan_rules(const char *const *paths, size_t n,
		    const char *cache_dir, int quiet);
/* NULL with --no-prefilter, or when none can be built (after a notice
   unless -q); scanning without one is slower but finds the same. */
struct prefilter *ruleload_prefilter(const struct options *,
		    const struct ruleset *);
/* Frees the prefilter, after warning (even under -q: the run was slower
   than it should have been) when a cached database in it proved damaged
   during the run. */
void		 ruleload_prefilter_free(struct prefilter *);
/* How many of an objective's rules are of one kind. */
size_t		 ruleload_count(const struct objective *, enum rule_kind);

#endif
