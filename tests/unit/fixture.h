/*
 * fixture.h -- small rulesets and hits built by hand, for the unit tests of
 * the stages after rules.c (coverage, reports), so that they do not depend
 * on the rule loader.
 */
#ifndef PALINT_FIXTURE_H
#define PALINT_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util.h"

struct fx_area {
	const char	*id;
	enum area_kind	 kind;
	const char	*title;
};

struct fx_objective {
	const char	*area;
	const char	*id;
	const char	*title;
	unsigned	 min_rules;
};

struct fx_rule {
	const char	*objective;
	const char	*id;
	const char	*title;
	enum rule_kind	 kind;
	enum severity	 severity;
};

static void
fx_objective_rules(struct objective *o, const struct fx_rule *rd, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (strcmp(rd[i].objective, o->id) == 0)
			o->nrules++;
	o->rules = xcalloc(o->nrules + 1, sizeof(*o->rules));
	o->nrules = 0;
	for (i = 0; i < nr; i++) {
		struct rule *r;

		if (strcmp(rd[i].objective, o->id) != 0)
			continue;
		r = &o->rules[o->nrules++];
		r->id = xstrdup(rd[i].id);
		r->title = xstrdup(rd[i].title);
		r->kind = rd[i].kind;
		r->severity = rd[i].severity;
		r->objective = o;
	}
}

static void
fx_area_objectives(struct area *a, const struct fx_objective *od, size_t no,
    const struct fx_rule *rd, size_t nr)
{
	size_t i;

	for (i = 0; i < no; i++)
		if (strcmp(od[i].area, a->id) == 0)
			a->nobjectives++;
	a->objectives = xcalloc(a->nobjectives + 1, sizeof(*a->objectives));
	a->nobjectives = 0;
	for (i = 0; i < no; i++) {
		struct objective *o;

		if (strcmp(od[i].area, a->id) != 0)
			continue;
		o = &a->objectives[a->nobjectives++];
		o->id = xstrdup(od[i].id);
		o->title = xstrdup(od[i].title);
		o->min_rules = od[i].min_rules;
		o->area = a;
		fx_objective_rules(o, rd, nr);
	}
}

/* The flat indexes of the ruleset, in tree order, as rules.c builds them. */
static void
fx_index(struct ruleset *rs)
{
	size_t i, j, k;

	for (i = 0; i < rs->nareas; i++)
		for (j = 0; j < rs->areas[i].nobjectives; j++) {
			struct objective *o = &rs->areas[i].objectives[j];

			o->index = (unsigned)rs->nobjectives;
			rs->objectives = xreallocarray(rs->objectives,
			    rs->nobjectives + 1, sizeof(*rs->objectives));
			rs->objectives[rs->nobjectives++] = o;
			for (k = 0; k < o->nrules; k++) {
				o->rules[k].index = (unsigned)rs->nrules;
				rs->rules = xreallocarray(rs->rules,
				    rs->nrules + 1, sizeof(*rs->rules));
				rs->rules[rs->nrules++] = &o->rules[k];
			}
		}
}

static struct ruleset *
fx_ruleset(const struct fx_area *ad, size_t na, const struct fx_objective *od,
    size_t no, const struct fx_rule *rd, size_t nr)
{
	struct ruleset *rs;
	size_t i;

	rs = xcalloc(1, sizeof(*rs));
	rs->id = xstrdup("test-rules");
	rs->title = xstrdup("Test \"rules\" & <more>");
	rs->version = xstrdup("1.0");
	memset(rs->sha256, 'a', 64);
	rs->nareas = na;
	rs->areas = xcalloc(na + 1, sizeof(*rs->areas));
	for (i = 0; i < na; i++) {
		rs->areas[i].id = xstrdup(ad[i].id);
		rs->areas[i].kind = ad[i].kind;
		rs->areas[i].title = xstrdup(ad[i].title);
		fx_area_objectives(&rs->areas[i], od, no, rd, nr);
	}
	fx_index(rs);
	return rs;
}

static void
fx_ruleset_free(struct ruleset *rs)
{
	size_t i, j, k;

	for (i = 0; i < rs->nareas; i++) {
		struct area *a = &rs->areas[i];

		for (j = 0; j < a->nobjectives; j++) {
			struct objective *o = &a->objectives[j];

			for (k = 0; k < o->nrules; k++) {
				free(o->rules[k].id);
				free(o->rules[k].title);
			}
			free(o->rules);
			free(o->id);
			free(o->title);
		}
		free(a->objectives);
		free(a->id);
		free(a->title);
	}
	free(rs->areas);
	free(rs->objectives);
	free(rs->rules);
	free(rs->id);
	free(rs->title);
	free(rs->version);
	free(rs);
}

static const struct rule *
fx_rule(const struct ruleset *rs, const char *id)
{
	size_t i;

	for (i = 0; i < rs->nrules; i++)
		if (strcmp(rs->rules[i]->id, id) == 0)
			return rs->rules[i];
	fatal("fixture: no rule %s", id);
}

/* Sets hit *h of rule id at byte start on line:col of a sentence. */
static void
fx_hit(struct hit *h, const struct ruleset *rs, const char *id,
    size_t start, unsigned line, unsigned column, const char *match,
    const char *sentence)
{
	memset(h, 0, sizeof(*h));
	h->rule = fx_rule(rs, id);
	h->start = start;
	h->end = start + strlen(match);
	h->line = line;
	h->column = column;
	h->modality = MODALITY_MENTION;
	h->match = xstrdup(match);
	h->sentence = xstrdup(sentence);
}

#endif
