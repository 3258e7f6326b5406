/*
 * cmd_rules.c -- `palint rules list|check|test|export`: a ruleset looked at
 * rather than documents.  list prints its areas and objectives; check and
 * test run every rule's examples through the scanner (check also lints a
 * --corpus); export prints the anchor patterns for other tools.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "extract.h"
#include "lint.h"
#include "prefilter.h"
#include "ruleload.h"
#include "rules.h"
#include "scan.h"
#include "util.h"
#include "wordedge.h"

/* Rule files for the rules commands: --rules and the operands alike. */
static struct ruleset *
load_for_rules(const struct options *o)
{
	const char **paths;
	struct ruleset *rs;
	size_t i, n = 0;

	paths = xcalloc(o->nrules + o->nargs + 1, sizeof(*paths));
	for (i = 0; i < o->nrules; i++)
		paths[n++] = o->rules[i];
	for (i = 0; i < o->nargs; i++)
		paths[n++] = o->args[i];
	rs = ruleload_rules(paths, n, o->quiet);
	free(paths);
	return rs;
}

int
cmd_rules_list(const struct options *o)
{
	const struct area *a;
	const struct objective *ob;
	struct ruleset *rs;
	size_t i, j;

	if ((rs = load_for_rules(o)) == NULL)
		return EXIT_TROUBLE;
	printf("%s %s: %s (%zu objectives, %zu rules)\n", rs->id,
	    rs->version, rs->title, rs->nobjectives, rs->nrules);
	for (i = 0; i < rs->nareas; i++) {
		a = &rs->areas[i];
		printf("%-6s %s [%s]\n", a->id, a->title,
		    area_kind_name(a->kind));
		for (j = 0; j < a->nobjectives; j++) {
			ob = &a->objectives[j];
			printf("  %-6s %s%s (%zu support, %zu conflict)\n",
			    ob->id, ob->working_title ? "\xe2\x80\xa0 " : "",
			    ob->title, ruleload_count(ob, RULE_SUPPORT),
			    ruleload_count(ob, RULE_CONFLICT));
		}
	}
	for (i = 0; i < rs->nvocabularies; i++)
		printf("%s%s%s", i == 0 ? "vocabularies: " : ", ",
		    rs->vocabularies[i].id, i + 1 == rs->nvocabularies ?
		    "\n" : "");
	ruleset_free(rs);
	return EXIT_OK;
}

/* Whether rule r fires on text; -1 with *cause when the scan failed. */
static int
example_fires(struct scanner *sc, const struct rule *r, const char *text,
    char **cause)
{
	struct doctext *doc;
	struct hit *hits;
	size_t n, i;
	int fired = 0;

	doc = doctext_from_string(text, strlen(text));
	if (scan_document(sc, doc, &hits, &n, cause) != 0) {
		doctext_free(doc);
		return -1;
	}
	for (i = 0; i < n; i++)
		fired |= hits[i].rule == r;
	hits_free(hits, n);
	doctext_free(doc);
	return fired;
}

/* Run every example; print failures; return the number that failed. */
static size_t
run_examples(const struct ruleset *rs, struct scanner *sc, size_t *passed)
{
	const struct rule *r;
	const struct example *ex;
	size_t i, j, failed = 0;
	char *cause = NULL;
	int fired;

	*passed = 0;
	for (i = 0; i < rs->nrules; i++) {
		r = rs->rules[i];
		for (j = 0; j < r->nexamples; j++) {
			ex = &r->examples[j];
			fired = example_fires(sc, r, ex->text, &cause);
			if (fired == ex->hit) {
				(*passed)++;
				continue;
			}
			failed++;
			if (fired < 0) {
				fprintf(stderr, "%s:%d: rule %s: example: %s\n",
				    r->file, ex->line, r->id, cause);
				free(cause);
				cause = NULL;
			} else
				fprintf(stderr, "%s:%d: rule %s: example %s\n",
				    r->file, ex->line, r->id, ex->hit ?
				    "should match but does not" :
				    "should not match but does");
		}
	}
	return failed;
}

/*
 * A hit-making regex that can start or end inside a word ("restrict\w*
 * access" inside "unrestricted access"): an error for a conflict rule,
 * whose false hits accuse, a warning for a support rule.  Returns 1 for
 * an error.
 */
static int
edge_check(const struct rule *r, const struct pattern *p)
{
	int open;

	if (p->is_term || (open = regex_word_edges(p->regex)) == 0)
		return 0;
	fprintf(stderr, "%s:%d: rule %s: %s: %s \"%.60s%s\" can match %s "
	    "inside a word; add \\b or a lookaround\n", p->file, p->line,
	    r->id, r->kind == RULE_CONFLICT ? "error" : "warning",
	    p->is_concept ? "concept" : "regex", p->source,
	    strlen(p->source) > 60 ? "..." : "",
	    open == (WORDEDGE_START | WORDEDGE_END) ? "starting and ending" :
	    open == WORDEDGE_START ? "starting" : "ending");
	return r->kind == RULE_CONFLICT;
}

/* Word edges of every pattern that makes hits; unused vocabularies.
   Returns the number of errors. */
static size_t
check_patterns(const struct ruleset *rs)
{
	const struct rule *r;
	const struct vocabulary *v;
	size_t i, j, k, errors = 0;

	for (i = 0; i < rs->nrules; i++) {
		r = rs->rules[i];
		for (j = 0; j < r->pats.n; j++)
			errors += edge_check(r, &r->pats.v[j]);
		for (j = 0; j < r->ngroups; j++)
			for (k = 0; k < r->groups[j].pats.n; k++)
				errors += edge_check(r,
				    &r->groups[j].pats.v[k]);
	}
	for (i = 0; i < rs->nvocabularies; i++) {
		v = &rs->vocabularies[i];
		if (v->uses == 0)
			fprintf(stderr, "%s:%d: vocabulary %s: warning: not "
			    "used by any rule or list\n", v->file, v->line,
			    v->id);
	}
	return errors;
}

static int
rules_examples(const struct options *o, int summary)
{
	struct ruleset *rs;
	struct prefilter *pf;
	struct scanner *sc;
	size_t passed, failed;
	int lint = 0;

	if ((rs = load_for_rules(o)) == NULL)
		return EXIT_TROUBLE;
	pf = ruleload_prefilter(o, rs);
	sc = scanner_new(rs, pf);
	failed = run_examples(rs, sc, &passed);
	if (!summary)
		failed += check_patterns(rs);
	if (failed == 0 && !summary && o->corpus != NULL)
		lint = lint_corpus(rs, sc, o);
	if (summary)
		printf("%zu passed, %zu failed\n", passed, failed);
	else if (failed == 0)
		printf("%s %s: %zu areas, %zu objectives, %zu rules, "
		    "%zu examples: ok\n", rs->id, rs->version, rs->nareas,
		    rs->nobjectives, rs->nrules, passed);
	scanner_free(sc);
	prefilter_free(pf);
	ruleset_free(rs);
	if (failed > 0 || lint < 0)
		return EXIT_TROUBLE;
	return lint > 0 ? EXIT_FINDINGS : EXIT_OK;
}

int
cmd_rules_check(const struct options *o)
{
	return rules_examples(o, 0);
}

int
cmd_rules_test(const struct options *o)
{
	return rules_examples(o, 1);
}

/* One line per anchor pattern, with its case flag inline, so that other
   tools (grep -P, ripgrep) can run the same search. */
int
cmd_rules_export(const struct options *o)
{
	struct ruleset *rs;
	const struct pattern *p;
	size_t i;

	if ((rs = load_for_rules(o)) == NULL)
		return EXIT_TROUBLE;
	for (i = 0; i < rs->npatterns; i++) {
		p = rs->patterns[i];
		if (p->anchor)
			printf("%s%s\n", p->case_sensitive ? "(?-i)" : "(?i)",
			    p->regex);
	}
	ruleset_free(rs);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_TROUBLE;
}
