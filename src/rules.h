/*
 * rules.h -- stage 1: rule files (XML) to a struct ruleset.
 *
 * Input: rule files or folders of them (every *.xml inside, sorted), or the
 * ruleset embedded in the binary.  Each file is parsed by libxml2 without
 * network access, DTD loading or entity expansion, validated against the
 * RELAX NG schema rules/palint-rules.rng (embedded), then turned into the
 * model of model.h.  Several files combine: a later file may add objectives
 * to an area, or rules to an objective, by repeating its id; it may remove
 * a rule, objective or area defined before it (<disable ref="ID"/>) or
 * put a new definition in its place (replace="yes" on a <rule> or
 * <objective>).  A first file with extends="builtin" on its <ruleset> is
 * loaded after the built-in rules, which then name the ruleset.  Ids are
 * compared without regard to ASCII case, in the finders below too.
 *
 * Output: a ruleset the caller owns (ruleset_free), with every pattern's
 * regex (terms translated by term.c) but no compiled code yet: compile.c
 * does that.  On error NULL is returned and every problem found has been
 * appended to the errlist as "path:line: message".
 */
#ifndef PALINT_RULES_H
#define PALINT_RULES_H

#include <stddef.h>

#include "model.h"
#include "util.h"

struct rule_source {
	const char	*name;		/* shown in messages: a path */
	const char	*data;
	size_t		 len;
};

struct ruleset	*rules_load_paths(const char *const *paths, size_t n,
		    struct errlist *);
struct ruleset	*rules_load_default(struct errlist *);
/*
 * For commands that scan: the rules in paths, or the built-in ones when n
 * is 0, with the built-in rules' terms left untranslated (deferred, see
 * patsrc.h) until a document needs them.  Rule files from paths are
 * translated, and so checked, as they load.
 */
struct ruleset	*rules_load_deferred(const char *const *paths, size_t n,
		    struct errlist *);
/*
 * The same for commands that read no example: the built-in rules are
 * parsed from their scan copy (embedded.h), which leaves the examples and
 * comments out but keeps every line number, and is named by the digest
 * of the full file.  The rules in paths load as with rules_load_deferred.
 */
struct ruleset	*rules_load_scan(const char *const *paths, size_t n,
		    struct errlist *);
/* The built-in rule file, embedded in the binary: its bytes are those of
   rules/us-icdps-2024.xml. */
void		 rules_default_source(struct rule_source *);
/* Its scan copy, as rules_load_scan() reads it. */
void		 rules_scan_source(struct rule_source *);
struct ruleset	*rules_load_sources(const struct rule_source *, size_t n,
		    struct errlist *);
void		 ruleset_free(struct ruleset *);
/* The back pointers and flat indexes of a ruleset whose tree is complete
   and no longer moves (rs->rules, objectives, patterns, each index): for a
   ruleset made otherwise than by loading rule files (rulecache.h). */
void		 ruleset_link(struct ruleset *);

const struct rule	*ruleset_find_rule(const struct ruleset *, const char *);
const struct objective	*ruleset_find_objective(const struct ruleset *,
			    const char *);
const struct area	*ruleset_find_area(const struct ruleset *, const char *);

/* 1 when the rule has a hit-making pattern (direct, or an <all> or
   <near>) in the language of this ruleset index. */
int		 rule_has_language(const struct rule *, unsigned lang);
/* The languages of a rule's hit-making patterns, ruleset order, as "en fr"
   (caller owns). */
char		*rule_languages(const struct ruleset *, const struct rule *);

const char	*scope_name(enum scope);
const char	*modality_name(enum modality);
const char	*area_kind_name(enum area_kind);
const char	*rule_kind_name(enum rule_kind);

#endif
