/*
 * cmd_explain.c -- `palint explain ID`: one rule, objective or area of the
 * ruleset in words: what a rule looks for, when an objective counts as
 * covered, which objectives an area holds.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "ruleload.h"
#include "rules.h"
#include "util.h"

static void
explain_patterns(const char *indent, const struct patlist *pl)
{
	const struct pattern *p;
	size_t i;

	for (i = 0; i < pl->n; i++) {
		p = &pl->v[i];
		if (p->is_concept)
			printf("%sconcept %s (vocabulary)\n", indent,
			    p->source);
		else
			printf("%s%s %s%s\n", indent, p->is_term ? "term " :
			    "regex", p->source, p->case_sensitive ?
			    "  (case-sensitive)" : "");
	}
}

static void
explain_rule(const struct rule *r)
{
	size_t i;

	printf("%s  %s%s\n  objective %s: %s\n", r->id, r->title,
	    r->kind == RULE_CONFLICT ? "  [conflict]" : "",
	    r->objective->id, r->objective->title);
	if (r->description != NULL)
		printf("  %s\n", r->description);
	printf("  looks for any of:\n");
	explain_patterns("    ", &r->pats);
	for (i = 0; i < r->ngroups; i++) {
		printf("    %s in one %s", r->groups[i].near ? "near, any order,"
		    : "all", scope_name(r->groups[i].scope));
		if (r->groups[i].within > 0)
			printf(", within %u words", r->groups[i].within);
		printf(":\n");
		explain_patterns("      ", &r->groups[i].pats);
	}
	for (i = 0; i < r->nunless; i++) {
		printf("  unless in the same %s:\n",
		    scope_name(r->unless[i].scope));
		explain_patterns("    ", &r->unless[i].pats);
	}
	for (i = 0; i < r->nexamples; i++)
		printf("  example (%s): %s\n", r->examples[i].hit ? "hit" :
		    "no hit", r->examples[i].text);
}

static void
explain_objective(const struct objective *ob)
{
	size_t i, need = ruleload_count(ob, RULE_SUPPORT);

	/* The same need as coverage.c: min-rules, or every support rule when
	   there are fewer; each rule adds at most 1, by its best hit. */
	if (ob->min_rules < need)
		need = ob->min_rules;
	printf("%s  %s%s\n  area %s: %s\n  covered when %zu support rule%s "
	    "fire%s in binding statements, or their evidence adds up to %zu "
	    "(palint(1), COVERAGE MODEL)\n", ob->id, ob->title,
	    ob->working_title ? "  (descriptive working title)" : "",
	    ob->area->id, ob->area->title, need, need == 1 ? "" : "s",
	    need == 1 ? "s" : "", need);
	if (ob->description != NULL)
		printf("  %s\n", ob->description);
	for (i = 0; i < ob->nrules; i++)
		printf("  %-40s %s%s\n", ob->rules[i].id, ob->rules[i].title,
		    ob->rules[i].kind == RULE_CONFLICT ? " [conflict]" : "");
}

/* A vocabulary: its parts, and how many concepts refer to it. */
static int
explain_vocabulary(const struct ruleset *rs, const char *id)
{
	const struct vocabulary *v;
	size_t i;

	for (i = 0; i < rs->nvocabularies; i++) {
		v = &rs->vocabularies[i];
		if (strcmp(v->id, id) != 0)
			continue;
		printf("%s  vocabulary (%s:%d), used by %u concept%s\n"
		    "  matches any of:\n", v->id, v->file, v->line, v->uses,
		    v->uses == 1 ? "" : "s");
		explain_patterns("    ", &v->pats);
		return 1;
	}
	return 0;
}

int
cmd_explain(const struct options *o)
{
	const struct rule *r;
	const struct objective *ob;
	const struct area *a;
	struct ruleset *rs;
	size_t i;

	if (o->nargs != 1) {
		log_warnx("explain wants one rule, objective or "
		    "area id");
		return EXIT_TROUBLE;
	}
	if ((rs = ruleload_rules(o->rules, o->nrules, o->quiet)) == NULL)
		return EXIT_TROUBLE;
	if ((r = ruleset_find_rule(rs, o->args[0])) != NULL)
		explain_rule(r);
	else if ((ob = ruleset_find_objective(rs, o->args[0])) != NULL)
		explain_objective(ob);
	else if ((a = ruleset_find_area(rs, o->args[0])) != NULL) {
		printf("%s  %s [%s]\n", a->id, a->title,
		    area_kind_name(a->kind));
		for (i = 0; i < a->nobjectives; i++)
			printf("  %-6s %s\n", a->objectives[i].id,
			    a->objectives[i].title);
	} else if (!explain_vocabulary(rs, o->args[0])) {
		log_warnx("%s: no such rule, objective, area or vocabulary",
		    o->args[0]);
		ruleset_free(rs);
		return EXIT_TROUBLE;
	}
	ruleset_free(rs);
	return EXIT_OK;
}
