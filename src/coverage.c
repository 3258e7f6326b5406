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
	[STATUS_COVERED] = "covered"
};

#define EVIDENCE_SLACK	1e-9

/* Evidence weights, stated in coverage.h. */
static const double kind_weight[] = {
	[SENTKIND_STATEMENT] = 1,
	[SENTKIND_HEADING] = 0,
	[SENTKIND_CONTENTS] = 0,
	[SENTKIND_DEFINITION] = 0.25,
	[SENTKIND_REFERENCE] = 0,
	[SENTKIND_ACKNOWLEDGEMENT] = 0,
	[SENTKIND_TERMS] = 0.25
};

static const double modality_weight[] = {
	[MODALITY_MENTION] = 0.8,
	[MODALITY_HORTATORY] = 0.9,
	[MODALITY_BINDING] = 1
};

const char *
status_name(enum status st)
{
	if ((size_t)st >= nitems(status_names))
		return "unknown";
	return status_names[st];
}

double
coverage_hit_weight(const struct hit *h)
{
	if ((size_t)h->kind >= nitems(kind_weight) ||
	    (size_t)h->modality >= nitems(modality_weight))
		fatal("hit of an unknown kind or modality");
	return kind_weight[h->kind] * modality_weight[h->modality];
}

const char *
conflict_name(const struct objective_result *or)
{
	if (or->conflict == 0)
		return "";
	return or->conflict - 1 == SEVERITY_ERROR ? "error" : "warning";
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

/* Counts hits and distinct fired rules per objective and keeps each
   rule's strength, the best weight of its hits (-1: it did not fire). */
static void
tally_hits(struct docresult *dr, const struct ruleset *rs, double *strength)
{
	struct objective_result *or;
	const struct rule *r;
	double w;
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
		w = coverage_hit_weight(&dr->hits[i]);
		if (strength[r->index] >= 0) {
			if (w > strength[r->index])
				strength[r->index] = w;
			continue;
		}
		strength[r->index] = w;
		if (r->kind == RULE_SUPPORT)
			or->rules_fired++;
		else {
			or->conflicts_fired++;
			if (or->conflict < (int)r->severity + 1)
				or->conflict = (int)r->severity + 1;
			if (r->severity == SEVERITY_ERROR)
				dr->conflict_errors++;
		}
	}
}

/* Coverage from the support rules' strengths; conflicts do not touch it. */
static void
judge_objective(struct objective_result *or, const double *strength)
{
	const struct objective *o = or->objective;
	size_t i;

	for (i = 0; i < o->nrules; i++)
		if (o->rules[i].kind == RULE_SUPPORT &&
		    strength[o->rules[i].index] > 0)
			or->evidence += strength[o->rules[i].index];
	or->needed = o->min_rules < or->rules_total ? o->min_rules :
	    or->rules_total;
	/* Weights such as 0.9 are not exact in binary: compare with slack. */
	if (or->needed > 0 && or->evidence + EVIDENCE_SLACK >= or->needed) {
		or->status = STATUS_COVERED;
		or->score = 1;
	} else if (or->needed > 0 &&
	    or->evidence + EVIDENCE_SLACK >= PARTIAL_EVIDENCE) {
		or->status = STATUS_PARTIAL;
		or->score = or->evidence / or->needed;
	} else {
		or->status = STATUS_ABSENT;
		or->score = 0;
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
		}
		if (or->conflict > 0)
			ar->contradicted++;
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
		if (dr->objectives[i].conflict > 0)
			dr->conflicts++;
		if (dr->objectives[i].status != STATUS_COVERED)
			dr->gaps++;
	}
}

struct docresult *
coverage_compute(const struct ruleset *rs, const char *path,
    const char *sha256, size_t words, struct hit *hits, size_t nhits)
{
	struct docresult *dr;
	struct objective_result *or;
	double *strength;
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
	strength = xreallocarray(NULL, rs->nrules > 0 ? rs->nrules : 1,
	    sizeof(*strength));
	for (i = 0; i < rs->nrules; i++)
		strength[i] = -1;
	tally_hits(dr, rs, strength);
	for (i = 0; i < dr->nobjectives; i++)
		judge_objective(&dr->objectives[i], strength);
	free(strength);
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

struct docresult *
coverage_no_verdict(const char *path, const char *sha256, size_t words,
    const char *why)
{
	struct docresult *dr;

	dr = docresult_new(path, sha256);
	dr->ok = 1;
	dr->words = words;
	dr->no_verdict = xstrdup(why);
	return dr;
}

const char *
docresult_status(const struct docresult *dr)
{
	if (!dr->ok)
		return "error";
	if (dr->no_verdict == NULL)
		return "ok";
	return dr->unreadable ? "unreadable" : "unsupported-language";
}

const char *
docresult_language(const struct docresult *dr)
{
	if (dr->language[0] != '\0' || !dr->ok)
		return dr->language;
	return "und";
}

const char *
docresult_mix(const struct docresult *dr, struct strbuf *sb)
{
	size_t i;
	double pc;

	strbuf_adds(sb, "");
	for (i = 0; i < dr->nmix; i++) {
		pc = 100.0 * dr->mix[i].share;
		strbuf_addf(sb, "%s%s ", i > 0 ? ", " : "", dr->mix[i].code);
		/* A sliver is not "0%". */
		if (pc < 0.5)
			strbuf_adds(sb, "<1%");
		else
			strbuf_addf(sb, "%.0f%%", pc);
	}
	return sb->s;
}

int
docresult_hit_lang_shown(const struct docresult *dr, const struct hit *h)
{
	const char *doc = docresult_language(dr);

	return h->lang[0] != '\0' && (dr->nmix > 1 ||
	    (strcmp(doc, "und") != 0 && strcmp(h->lang, doc) != 0));
}

const char *
docflags_name(unsigned flags)
{
	switch (flags & (DOCFLAG_NOT_POLICY | DOCFLAG_UNREADABLE)) {
	case DOCFLAG_NOT_POLICY:
		return "not-policy-text";
	case DOCFLAG_UNREADABLE:
		return "partly-unreadable";
	case DOCFLAG_NOT_POLICY | DOCFLAG_UNREADABLE:
		return "not-policy-text partly-unreadable";
	}
	return "";
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
	free(dr->no_verdict);
	free(dr->mix);
	free(dr->path);
	free(dr);
}
