/*
 * cmd_explain.c -- `palint explain ID [DOCUMENT]`: one rule, objective or
 * area of the ruleset in words: what a rule looks for, when an objective
 * counts as covered, which objectives an area holds.
 *
 * With a document, the verdict behind one rule, objective or area in that
 * document instead: every hit grouped by rule (where, modality, the
 * sentence with the match between guillemets), then the rules that did
 * not fire and what they look for.  Document text is cleaned (safetext.h)
 * before it reaches the terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "coverage.h"
#include "document.h"
#include "prefilter.h"
#include "report.h"
#include "ruleload.h"
#include "rules.h"
#include "safetext.h"
#include "scan.h"
#include "utf8.h"
#include "util.h"

/* Patterns named for a rule that did not fire, and their longest. */
#define UNFIRED_PATTERNS	3
#define PATTERN_BRIEF		60
/* Guillemets around the match in a quoted sentence. */
#define MARK_OPEN	"\xc2\xab"
#define MARK_CLOSE	"\xc2\xbb"

static void
explain_patterns(const struct ruleset *rs, const char *indent,
    const struct patlist *pl)
{
	const struct pattern *p;
	size_t i;

	for (i = 0; i < pl->n; i++) {
		p = &pl->v[i];
		if (p->is_concept)
			printf("%sconcept %s (vocabulary)", indent,
			    p->source);
		else
			printf("%s%s %s%s", indent, p->is_term ? "term " :
			    "regex", p->source, p->case_sensitive ?
			    "  (case-sensitive)" : "");
		/* Patterns of the default language go unmarked. */
		if (p->lang > 0)
			printf("  [%s]", rs->languages[p->lang]);
		printf("\n");
	}
}

static void
explain_rule(const struct ruleset *rs, const struct rule *r)
{
	size_t i;

	printf("%s  %s%s\n  objective %s: %s\n", r->id, r->title,
	    r->kind == RULE_CONFLICT ? "  [conflict]" : "",
	    r->objective->id, r->objective->title);
	if (r->description != NULL)
		printf("  %s\n", r->description);
	printf("  looks for any of:\n");
	explain_patterns(rs, "    ", &r->pats);
	for (i = 0; i < r->ngroups; i++) {
		printf("    %s in one %s", r->groups[i].near ? "near, any order,"
		    : "all", scope_name(r->groups[i].scope));
		if (r->groups[i].within > 0)
			printf(", within %u words", r->groups[i].within);
		printf(":\n");
		explain_patterns(rs, "      ", &r->groups[i].pats);
	}
	for (i = 0; i < r->nunless; i++) {
		printf("  unless in the same %s:\n",
		    scope_name(r->unless[i].scope));
		explain_patterns(rs, "    ", &r->unless[i].pats);
	}
	for (i = 0; i < r->nexamples; i++)
		printf("  example (%s%s%s): %s\n", r->examples[i].hit ? "hit" :
		    "no hit", r->examples[i].lang > 0 ? ", " : "",
		    r->examples[i].lang > 0 ?
		    rs->languages[r->examples[i].lang] : "",
		    r->examples[i].text);
}

/* The same need as coverage.c: min-rules, or every support rule when
   there are fewer; each rule adds at most 1, by its best hit. */
static size_t
needed_rules(const struct objective *ob)
{
	size_t need = ruleload_count(ob, RULE_SUPPORT);

	return ob->min_rules < need ? ob->min_rules : need;
}

static void
explain_objective(const struct objective *ob)
{
	size_t i, need = needed_rules(ob);

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

/* What explain is about: one rule, or every rule of an objective or of
   an area. */
struct subject {
	const struct rule	*rule;
	const struct objective	*objective;
	const struct area	*area;
};

static int
subject_has(const struct subject *sj, const struct rule *r)
{
	if (sj->rule != NULL)
		return r == sj->rule;
	if (sj->objective != NULL)
		return r->objective == sj->objective;
	return r->objective->area == sj->area;
}

/*
 * The sentence, cleaned onto one line, with the first occurrence of the
 * match between guillemets.  Sentences have their white space folded, so
 * the match is folded the same way before it is looked for; a match not
 * found (it spans a sentence end) leaves the sentence unmarked.
 */
static void
add_marked(struct strbuf *sb, const char *sentence, const char *match)
{
	struct strbuf sent = { NULL, 0, 0 }, m = { NULL, 0, 0 };
	const char *p;
	char *r, *w;
	size_t n;

	safe_str(&sent, sentence, SAFE_ONELINE);
	safe_str(&m, match, SAFE_ONELINE);
	strbuf_adds(&sent, "");
	strbuf_adds(&m, "");
	/* Fold runs of spaces in the match as the sentence has them. */
	for (r = w = m.s; *r != '\0'; r++)
		if (*r != ' ' || (w > m.s && w[-1] != ' '))
			*w++ = *r;
	while (w > m.s && w[-1] == ' ')
		w--;
	*w = '\0';
	n = (size_t)(w - m.s);
	if (n > 0 && (p = strstr(sent.s, m.s)) != NULL) {
		strbuf_add(sb, sent.s, (size_t)(p - sent.s));
		strbuf_adds(sb, MARK_OPEN);
		strbuf_add(sb, p, n);
		strbuf_adds(sb, MARK_CLOSE);
		strbuf_adds(sb, p + n);
	} else
		strbuf_adds(sb, sent.s);
	strbuf_free(&sent);
	strbuf_free(&m);
}

/* "  12:5  binding  «...»" or "  page 3  binding  «...»". */
static void
print_hit(const struct docresult *dr, const struct hit *h)
{
	struct strbuf sb = { NULL, 0, 0 }, tmp = { NULL, 0, 0 };

	if (h->page > 0)
		strbuf_addf(&sb, "    page %u", h->page);
	else
		strbuf_addf(&sb, "    %u:%u", h->line, h->column);
	strbuf_addf(&sb, "  %s  ", modality_name(h->modality));
	/* The language it was read in, where that is news. */
	if (docresult_hit_lang_shown(dr, h))
		strbuf_addf(&sb, "%s  ", h->lang);
	add_marked(&sb, h->sentence != NULL ? h->sentence : "",
	    h->match != NULL ? h->match : "");
	if (h->section != NULL && h->section[0] != '\0') {
		strbuf_adds(&sb, "\n      in ");
		strbuf_adds(&sb, safe_str(&tmp, h->section, SAFE_ONELINE));
	}
	printf("%s\n", sb.s);
	strbuf_free(&sb);
	strbuf_free(&tmp);
}

static void
print_rule_head(const struct rule *r)
{
	printf("  %s  %s%s\n", r->id, r->title, r->kind == RULE_CONFLICT ?
	    "  [conflict]" : "");
}

/* A pattern in quotes, cut short when long (regexes can run to hundreds
   of bytes). */
static void
print_brief(const char *sep, const char *source)
{
	size_t n = strlen(source);

	if (n <= PATTERN_BRIEF)
		printf("%s\"%s\"", sep, source);
	else
		printf("%s\"%.*s...\"", sep,
		    (int)utf8_floor(source, PATTERN_BRIEF), source);
}

/* What a rule that did not fire looks for, in a few of its patterns: its
   own, or those of its first <all> group when it has none. */
static void
print_unfired(const struct rule *r)
{
	const struct patlist *pl = &r->pats;
	size_t i, total = r->pats.n;

	for (i = 0; i < r->ngroups; i++)
		total += r->groups[i].pats.n;
	printf("  %s  %s%s\n    looks for ", r->id, r->title,
	    r->kind == RULE_CONFLICT ? "  [conflict]" : "");
	if (r->pats.n == 0 && r->ngroups > 0) {
		pl = &r->groups[0].pats;
		printf("all in one %s of ", scope_name(r->groups[0].scope));
	}
	for (i = 0; i < pl->n && i < UNFIRED_PATTERNS; i++)
		print_brief(i > 0 ? ", " : "", pl->v[i].source);
	if (total > i)
		printf(" and %zu more", total - i);
	printf("\n");
}

/* The objective line of the verdict: status, rules fired, hits. */
static void
print_objective_verdict(const struct docresult *dr,
    const struct objective *ob)
{
	const struct objective_result *or = &dr->objectives[ob->index];

	char pct[16];

	report_percent(or->score, pct);
	printf("%s  %s\n  %s (score %s%%): %u of %zu support rules fired "
	    "(%zu needed), %u conflict rule%s, %u hit%s\n", ob->id, ob->title,
	    status_name(or->status), pct, or->rules_fired,
	    ruleload_count(ob, RULE_SUPPORT), needed_rules(ob),
	    or->conflicts_fired, or->conflicts_fired == 1 ? "" : "s",
	    or->hits, or->hits == 1 ? "" : "s");
}

/* Every hit of the subject in one document, grouped by rule in ruleset
   order, then the subject's rules without a hit. */
static void
explain_in_document(const struct ruleset *rs, const struct subject *sj,
    const struct docresult *dr)
{
	struct strbuf path = { NULL, 0, 0 };
	const struct rule *r;
	size_t i, j, nunfired = 0;
	unsigned char *fired;

	printf("%s\n", safe_str(&path, dr->path, SAFE_ONELINE));
	strbuf_free(&path);
	if (dr->nmix > 1)
		printf("  languages: %s\n", docresult_mix(dr, &path));
	strbuf_free(&path);
	if (sj->rule != NULL)
		print_objective_verdict(dr, sj->rule->objective);
	else if (sj->objective != NULL)
		print_objective_verdict(dr, sj->objective);
	else
		printf("%s  %s\n", sj->area->id, sj->area->title);
	fired = xcalloc(rs->nrules + 1, 1);
	for (i = 0; i < rs->nrules; i++) {
		r = rs->rules[i];
		if (!subject_has(sj, r))
			continue;
		for (j = 0; j < dr->nhits; j++) {
			if (dr->hits[j].rule != r)
				continue;
			if (!fired[i])
				print_rule_head(r);
			fired[i] = 1;
			print_hit(dr, &dr->hits[j]);
		}
		nunfired += !fired[i];
	}
	if (nunfired > 0)
		printf("not fired:\n");
	for (i = 0; i < rs->nrules; i++)
		if (subject_has(sj, rs->rules[i]) && !fired[i])
			print_unfired(rs->rules[i]);
	free(fired);
}

/* Scan the document (every member of an archive) and explain the subject
   in each; exit status 2 when a document could not be read. */
static int
explain_document(const struct options *o, const struct ruleset *rs,
    const struct subject *sj, const char *path)
{
	struct docresults res;
	struct prefilter *pf;
	struct scanner *sc;
	struct input in;
	struct strbuf sb = { NULL, 0, 0 };
	size_t i;
	int rc = EXIT_OK;

	memset(&res, 0, sizeof(res));
	memset(&in, 0, sizeof(in));
	in.is_stdin = strcmp(path, "-") == 0;
	in.path = xstrdup(in.is_stdin && o->stdin_name != NULL ?
	    o->stdin_name : path);
	in.read_any = o->read_devices;
	pf = ruleload_prefilter(o, rs);
	sc = scanner_new(rs, pf);
	document_run(rs, sc, &in, &o->limits, &res);
	if (!o->quiet)
		errlist_warn(&res.skipped);
	for (i = 0; i < res.n; i++) {
		if (i > 0)
			printf("\n");
		if (!res.v[i]->ok) {
			log_warnx("%s: %s", safe_str(&sb, res.v[i]->path,
			    SAFE_ONELINE), res.v[i]->error);
			rc = EXIT_TROUBLE;
			continue;
		}
		/* Not judged: there are no objectives to explain, and an
		   empty verdict would read as absent. */
		if (res.v[i]->no_verdict != NULL) {
			printf("%s\n", safe_str(&sb, res.v[i]->path,
			    SAFE_ONELINE));
			printf("  %s: %s\n", docresult_status(res.v[i]),
			    res.v[i]->no_verdict);
			continue;
		}
		explain_in_document(rs, sj, res.v[i]);
	}
	strbuf_free(&sb);
	docresults_free(&res);
	scanner_free(sc);
	ruleload_prefilter_free(pf);
	free(in.path);
	return rc;
}

/* A vocabulary: its parts, and how many concepts refer to it. */
static int
explain_vocabulary(const struct ruleset *rs, const char *id)
{
	const struct vocabulary *v;
	size_t i;

	for (i = 0; i < rs->nvocabularies; i++) {
		v = &rs->vocabularies[i];
		if (strcasecmp(v->id, id) != 0)
			continue;
		printf("%s  vocabulary (%s:%d), used by %u concept%s\n"
		    "  matches any of:\n", v->id, v->file, v->line, v->uses,
		    v->uses == 1 ? "" : "s");
		explain_patterns(rs, "    ", &v->pats);
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
	struct subject sj;
	size_t i;
	int rc;

	if (o->nargs != 1 && o->nargs != 2) {
		log_warnx("explain wants a rule, objective or area id, and "
		    "optionally one document");
		return EXIT_TROUBLE;
	}
	if ((rs = ruleload_rules(o->rules, o->nrules,
	    COMPILE_TERMS_ON_USE, o->quiet)) == NULL)
		return EXIT_TROUBLE;
	if (o->nargs == 2) {
		memset(&sj, 0, sizeof(sj));
		if ((sj.rule = ruleset_find_rule(rs, o->args[0])) == NULL &&
		    (sj.objective = ruleset_find_objective(rs,
		    o->args[0])) == NULL &&
		    (sj.area = ruleset_find_area(rs, o->args[0])) == NULL) {
			log_warnx("%s: no such rule, objective or area",
			    o->args[0]);
			ruleset_free(rs);
			return EXIT_TROUBLE;
		}
		rc = explain_document(o, rs, &sj, o->args[1]);
		ruleset_free(rs);
		return fflush(stdout) == 0 ? rc : EXIT_TROUBLE;
	}
	if ((r = ruleset_find_rule(rs, o->args[0])) != NULL)
		explain_rule(rs, r);
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
