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
#include "outfile.h"
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
	rs = ruleload_rules(paths, n, COMPILE_ALL, o->quiet);
	free(paths);
	return rs;
}

/* What rule files changed in the rules before them, one per line. */
static void
list_overrides(const struct ruleset *rs)
{
	const struct override *ov;
	size_t i;

	/* files[0] asked for the built-in rules, loaded as files[1]. */
	if (rs->extends) {
		printf("the built-in rules, changed by %s", rs->files[0]);
		for (i = 2; i < rs->nfiles; i++)
			printf(", %s", rs->files[i]);
		printf("\n");
	}
	for (i = 0; i < rs->noverrides; i++) {
		ov = &rs->overrides[i];
		printf("override: %s %s (%s:%d)\n", ov->kind ==
		    OVERRIDE_DISABLED ? "disabled" : "replaced", ov->id,
		    ov->file, ov->line);
	}
}

/* The languages; the first is the default of a pattern without one. */
static void
list_languages(const struct ruleset *rs)
{
	size_t i;

	printf("languages:");
	for (i = 0; i < rs->nlanguages; i++)
		printf(" %s", rs->languages[i]);
	printf("\n");
}

/* -v: each rule of an objective, with the languages it has patterns in. */
static void
list_rules(const struct ruleset *rs, const struct objective *ob)
{
	const struct rule *r;
	size_t k;
	char *langs;

	for (k = 0; k < ob->nrules; k++) {
		r = &ob->rules[k];
		langs = rule_languages(rs, r);
		printf("    %s %s (%s) [%s]\n", r->id, r->title,
		    rule_kind_name(r->kind), langs);
		free(langs);
	}
}

int
cmd_rules_list(const struct options *o)
{
	const struct area *a;
	const struct objective *ob;
	struct ruleset *rs;
	size_t i, j;
	int working = 0;

	if ((rs = load_for_rules(o)) == NULL)
		return EXIT_TROUBLE;
	printf("%s %s: %s (%zu objectives, %zu rules)\n", rs->id,
	    rs->version, rs->title, rs->nobjectives, rs->nrules);
	list_languages(rs);
	list_overrides(rs);
	for (i = 0; i < rs->nareas; i++) {
		a = &rs->areas[i];
		printf("%-6s %s [%s]\n", a->id, a->title,
		    area_kind_name(a->kind));
		for (j = 0; j < a->nobjectives; j++) {
			ob = &a->objectives[j];
			working |= ob->working_title;
			printf("  %-6s %s%s (%zu support, %zu conflict, "
			    "min-rules %u)\n", ob->id, ob->working_title ?
			    "\xe2\x80\xa0 " : "", ob->title,
			    ruleload_count(ob, RULE_SUPPORT),
			    ruleload_count(ob, RULE_CONFLICT), ob->min_rules);
			if (o->verbose)
				list_rules(rs, ob);
		}
	}
	/* The legend, then the vocabularies on the last line. */
	printf("\nmin-rules: distinct support rules that must fire for an "
	    "objective to be covered\n(all of them when it has fewer)\n");
	if (working)
		printf("\xe2\x80\xa0 working title: a descriptive title, not "
		    "one the Strategy gives\n");
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
    const char *lang, char **cause)
{
	struct doctext *doc;
	struct hit *hits;
	size_t n, i;
	int fired = 0;

	doc = doctext_from_string(text, strlen(text));
	snprintf(doc->lang, sizeof(doc->lang), "%s", lang);
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
			fired = example_fires(sc, r, ex->text,
			    rs->languages[ex->lang], &cause);
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

/* One pattern the prefilter does not take, as a warning. */
static void
prefilter_warn(const struct pattern *p, enum prefilter_fit fit,
    const char *expr)
{
	fprintf(stderr, "%s:%d: %s%s%swarning: %s \"%.60s%s\" ", p->file,
	    p->line, p->rule != NULL ? "rule " : "",
	    p->rule != NULL ? p->rule->id : "", p->rule != NULL ? ": " : "",
	    p->is_concept ? "concept" : p->is_term ? "term" : "regex",
	    p->source, strlen(p->source) > 60 ? "..." : "");
	if (fit == PREFILTER_WEAK)
		fprintf(stderr, "has a prefilter expression with fewer than "
		    "%d fixed bytes (\"%.40s%s\")", PREFILTER_MIN_FIXED, expr,
		    strlen(expr) > 40 ? "..." : "");
	else if (fit == PREFILTER_NO_SOURCE)
		fprintf(stderr, "has no prefilter expression");
	else
		fprintf(stderr, "was refused by Hyperscan");
	fprintf(stderr, "; PCRE2 alone searches for it\n");
}

/*
 * Patterns that the one-pass prefilter does not take: no safe superset of
 * the regex is known, or the superset holds too little fixed text to be
 * worth a candidate.  PCRE2 then searches every unit their rule looks at:
 * correct, but slow on large inputs.  A concept is reported once for its
 * vocabulary and language, at its first use.
 */
static void
check_prefilter(const struct ruleset *rs, const struct prefilter *pf)
{
	const struct pattern *p;
	unsigned char *seen;
	enum prefilter_fit fit;
	size_t i, k;
	char *expr;

	seen = xcalloc(rs->nvocabularies * rs->nlanguages + 1, 1);
	for (i = 0; i < rs->npatterns; i++) {
		p = rs->patterns[i];
		if (p->is_concept && p->vocab != NULL) {
			k = (size_t)(p->vocab - rs->vocabularies) *
			    rs->nlanguages + p->lang;
			if (seen[k]++)
				continue;
		}
		fit = prefilter_pattern_fit(rs, p, &expr);
		if (fit != PREFILTER_FITS || (pf != NULL &&
		    !prefilter_covers(pf, p->index)))
			prefilter_warn(p, fit, expr);
		free(expr);
	}
	free(seen);
}

/*
 * With more than one language: how many rules have patterns in each, and
 * (-v) the languages of every rule, so that a rule missing a variant is
 * seen.
 */
static void
check_languages(const struct ruleset *rs, int verbose)
{
	size_t i, l, n;
	char *langs;

	if (rs->nlanguages < 2 && !verbose)
		return;
	printf("languages:");
	for (l = 0; l < rs->nlanguages; l++) {
		for (i = n = 0; i < rs->nrules; i++)
			n += rule_has_language(rs->rules[i], (unsigned)l);
		printf("%s %s %zu of %zu rules", l > 0 ? "," : "",
		    rs->languages[l], n, rs->nrules);
	}
	printf("\n");
	for (i = 0; verbose && i < rs->nrules; i++) {
		langs = rule_languages(rs, rs->rules[i]);
		printf("%s: %s\n", rs->rules[i]->id, langs);
		free(langs);
	}
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
	if (!summary) {
		failed += check_patterns(rs);
		check_prefilter(rs, pf);
	}
	if (failed == 0 && !summary && o->corpus != NULL)
		lint = lint_corpus(rs, sc, o);
	if (summary)
		printf("%zu passed, %zu failed\n", passed, failed);
	else if (failed == 0) {
		printf("%s %s: %zu areas, %zu objectives, %zu rules, "
		    "%zu examples: ok\n", rs->id, rs->version, rs->nareas,
		    rs->nobjectives, rs->nrules, passed);
		check_languages(rs, o->verbose);
	}
	scanner_free(sc);
	ruleload_prefilter_free(pf);
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

/* The built-in rule file, byte for byte, to -o or standard output: the
   starting point of a rule file of one's own. */
static int
export_builtin(const struct options *o)
{
	struct rule_source src;
	struct outfile out;
	char *cause = NULL;

	if (o->nrules > 0 || o->nargs > 0) {
		log_warnx("rules export writes the built-in rules; -r and "
		    "rule files go with --patterns");
		return EXIT_TROUBLE;
	}
	rules_default_source(&src);
	if (outfile_open(&out, o->output, &cause) != 0)
		goto fail;
	if (fwrite(src.data, 1, src.len, out.fp) != src.len) {
		outfile_abort(&out);
		log_warnx("%s: cannot write the rules", o->output != NULL ?
		    o->output : "standard output");
		return EXIT_TROUBLE;
	}
	if (outfile_commit(&out, &cause) == 0)
		return EXIT_OK;
fail:
	log_warnx("%s", cause);
	free(cause);
	return EXIT_TROUBLE;
}

/* With --patterns, one line per anchor pattern, with its case flag
   inline, so that other tools (grep -P, ripgrep) can run the same
   search; with --language, only the patterns of that language. */
int
cmd_rules_export(const struct options *o)
{
	struct ruleset *rs;
	const struct pattern *p;
	const char *lang = o->limits.language;
	size_t i;

	if (!o->patterns)
		return export_builtin(o);
	if ((rs = load_for_rules(o)) == NULL)
		return EXIT_TROUBLE;
	for (i = 0; lang != NULL && i < rs->nlanguages; i++)
		if (strcmp(rs->languages[i], lang) == 0)
			break;
	if (lang != NULL && i == rs->nlanguages) {
		log_warnx("rules export: the rules have no language %s", lang);
		ruleset_free(rs);
		return EXIT_TROUBLE;
	}
	for (i = 0; i < rs->npatterns; i++) {
		p = rs->patterns[i];
		if (p->anchor && (lang == NULL ||
		    strcmp(rs->languages[p->lang], lang) == 0))
			printf("%s%s\n", p->case_sensitive ? "(?-i)" : "(?i)",
			    p->regex);
	}
	ruleset_free(rs);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_TROUBLE;
}
