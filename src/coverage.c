/*
 * coverage.c -- stage 5: one document's hits to verdicts.
 *
 * Input: the ruleset, the hits scan.c found in one document (ownership
 * passes to the result) and the document's word count.  Output: a struct
 * docresult with one objective_result per objective and one area_result per
 * area, in ruleset order, and the document's overall and principle scores.
 * The model is stated in coverage.h; reports print its version.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "util.h"

static const char *const status_names[] = {
	[STATUS_ABSENT] = "absent",
	[STATUS_PARTIAL] = "partial",
	[STATUS_COVERED] = "covered",
	[STATUS_CONTRADICTED] = "contradicted"
};

const char *
status_name(enum status st)
{
	if ((size_t)st >= nitems(status_names))
		return "unknown";
	return status_names[st];
}

double
hits_per_10k(unsigned hits, size_t words)
{
	if (words == 0)
		return 0;
	return (double)hits * 10000.0 / (double)words;
}

/* Hits in text order; equal starts by rule, so the order is total enough
   that reports do not depend on how scan.c happened to emit them. */
static int
hit_cmp(const void *va, const void *vb)
{
	const struct hit *a = va, *b = vb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->rule->index != b->rule->index)
		return a->rule->index < b->rule->index ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return 0;
}

static struct docresult *
docresult_new(const char *path, const char *sha256)
{
	struct docresult *dr;

	dr = xcalloc(1, sizeof(*dr));
	dr->path = xstrdup(path != NULL ? path : "");
	if (sha256 != NULL) {
		strncpy(dr->sha256, sha256, sizeof(dr->sha256) - 1);
		dr->sha256[sizeof(dr->sha256) - 1] = '\0';
	}
	return dr;
}

/* Support rules under an objective: the denominator of "covered". */
static unsigned
support_rules(const struct objective *o)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < o->nrules; i++)
		if (o->rules[i].kind == RULE_SUPPORT)
			n++;
	return n;
}

/* Counts hits and distinct fired rules per objective; fired[] is indexed
   by rule index and says whether a rule already counted. */
static void
tally_hits(struct docresult *dr, const struct ruleset *rs,
    unsigned char *fired)
{
	struct objective_result *or;
	const struct rule *r;
	size_t i;

	for (i = 0; i < dr->nhits; i++) {
		r = dr->hits[i].rule;
		if (r == NULL || r->objective == NULL ||
		    r->objective->index >= rs->nobjectives ||
		    r->index >= rs->nrules)
			fatal("hit with a rule outside the ruleset");
		or = &dr->objectives[r->objective->index];
		or->hits++;
		if (dr->hits[i].line > 0 && (or->first_line == 0 ||
		    dr->hits[i].line < or->first_line))
			or->first_line = dr->hits[i].line;
		if (fired[r->index])
			continue;
		fired[r->index] = 1;
		if (r->kind == RULE_SUPPORT)
			or->rules_fired++;
		else {
			or->conflicts_fired++;
			if (r->severity == SEVERITY_ERROR)
				dr->conflict_errors++;
		}
	}
}

static void
judge_objective(struct objective_result *or)
{
	unsigned need;

	need = or->objective->min_rules;
	if (need > or->rules_total)
		need = or->rules_total;
	if (or->conflicts_fired > 0) {
		or->status = STATUS_CONTRADICTED;
		or->score = 0;
	} else if (or->rules_fired == 0) {
		or->status = STATUS_ABSENT;
		or->score = 0;
	} else if (or->rules_fired >= need) {
		or->status = STATUS_COVERED;
		or->score = 1;
	} else {
		or->status = STATUS_PARTIAL;
		or->score = 0.5;
	}
}

static void
judge_area(struct docresult *dr, struct area_result *ar)
{
	const struct objective_result *or;
	double sum = 0;
	size_t i;

	for (i = 0; i < ar->area->nobjectives; i++) {
		or = &dr->objectives[ar->area->objectives[i].index];
		sum += or->score;
		switch (or->status) {
		case STATUS_COVERED:
			ar->covered++;
			break;
		case STATUS_PARTIAL:
			ar->partial++;
			break;
		case STATUS_ABSENT:
			ar->absent++;
			break;
		case STATUS_CONTRADICTED:
			ar->contradicted++;
			break;
		}
	}
	ar->score = ar->area->nobjectives > 0 ?
	    sum / (double)ar->area->nobjectives : 0;
}

/* Area scores, then the two document means and the counts. */
static void
judge_document(struct docresult *dr, const struct ruleset *rs)
{
	double sum[2] = { 0, 0 };
	unsigned n[2] = { 0, 0 };
	size_t i;
	int k;

	dr->nareas = rs->nareas;
	dr->areas = xcalloc(rs->nareas, sizeof(*dr->areas));
	for (i = 0; i < rs->nareas; i++) {
		dr->areas[i].area = &rs->areas[i];
		judge_area(dr, &dr->areas[i]);
		k = rs->areas[i].kind == AREA_ACTION;
		sum[k] += dr->areas[i].score;
		n[k]++;
	}
	dr->overall = n[1] > 0 ? sum[1] / n[1] : 0;
	dr->principles = n[0] > 0 ? sum[0] / n[0] : 0;
	for (i = 0; i < dr->nobjectives; i++) {
		if (dr->objectives[i].status == STATUS_CONTRADICTED)
			dr->conflicts++;
		else if (dr->objectives[i].status != STATUS_COVERED)
			dr->gaps++;
	}
}

struct docresult *
coverage_compute(const struct ruleset *rs, const char *path,
    const char *sha256, size_t words, struct hit *hits, size_t nhits)
{
	struct docresult *dr;
	struct objective_result *or;
	unsigned char *fired;
	size_t i;

	dr = docresult_new(path, sha256);
	dr->ok = 1;
	dr->words = words;
	dr->hits = hits;
	dr->nhits = hits != NULL ? nhits : 0;
	if (dr->nhits > 1)
		qsort(dr->hits, dr->nhits, sizeof(*dr->hits), hit_cmp);

	dr->nobjectives = rs->nobjectives;
	dr->objectives = xcalloc(rs->nobjectives, sizeof(*dr->objectives));
	for (i = 0; i < rs->nobjectives; i++) {
		or = &dr->objectives[i];
		or->objective = rs->objectives[i];
		or->rules_total = support_rules(or->objective);
	}
	fired = xcalloc(rs->nrules > 0 ? rs->nrules : 1, 1);
	tally_hits(dr, rs, fired);
	free(fired);
	for (i = 0; i < dr->nobjectives; i++)
		judge_objective(&dr->objectives[i]);
	judge_document(dr, rs);
	return dr;
}

struct docresult *
coverage_error(const char *path, const char *sha256, const char *error)
{
	struct docresult *dr;

	dr = docresult_new(path, sha256);
	dr->ok = 0;
	dr->error = xstrdup(error != NULL ? error : "unknown error");
	return dr;
}

void
docresult_add_warning(struct docresult *dr, const char *warning)
{
	dr->warnings = xreallocarray(dr->warnings, dr->nwarnings + 1,
	    sizeof(*dr->warnings));
	dr->warnings[dr->nwarnings++] = xstrdup(warning);
}

void
docresult_free(struct docresult *dr)
{
	size_t i;

	if (dr == NULL)
		return;
	for (i = 0; i < dr->nhits; i++) {
		free(dr->hits[i].match);
		free(dr->hits[i].sentence);
		free(dr->hits[i].section);
	}
	free(dr->hits);
	for (i = 0; i < dr->nwarnings; i++)
		free(dr->warnings[i]);
	free(dr->warnings);
	free(dr->objectives);
	free(dr->areas);
	free(dr->error);
	free(dr->path);
	free(dr);
}
