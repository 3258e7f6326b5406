/*
 * diff.c -- two docresults of one document to the list of what changed
 * between them (diff.h states what is compared and how).
 *
 * Evidence is compared as two sorted sets of (rule, normalised sentence)
 * keys, merged in one pass; conflicts as the sets of conflict rules that
 * fired.  Only objectives with a change are kept.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "util.h"

/* Scores closer than this are equal: they are means of small fractions. */
#define SCORE_EPSILON	1e-9

static const char *const kind_names[] = {
	[DIFF_SAME] = "same",
	[DIFF_CHANGED] = "changed",
	[DIFF_ADDED] = "added",
	[DIFF_REMOVED] = "removed",
	[DIFF_ERROR] = "error"
};

const char *
diff_kind_name(enum diff_kind k)
{
	return (size_t)k < nitems(kind_names) ? kind_names[k] : "unknown";
}

/* Rank of a status, higher is better. */
static int
status_rank(enum status s)
{
	switch (s) {
	case STATUS_COVERED:
		return 2;
	case STATUS_PARTIAL:
		return 1;
	default:
		return 0;
	}
}

int
diff_status_worse(enum status a, enum status b)
{
	return status_rank(b) < status_rank(a);
}

/* One piece of evidence of one draft, for sorting. */
struct evkey {
	const struct hit *hit;
	char		*norm;
};

/* ASCII case folded, white space runs to one space, trimmed. */
static char *
normalise(const char *s)
{
	struct strbuf sb = { NULL, 0, 0 };
	int space = 0;

	strbuf_adds(&sb, "");
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		    *s == '\f' || *s == '\v') {
			space = sb.len > 0;
			continue;
		}
		if (space)
			strbuf_addc(&sb, ' ');
		space = 0;
		strbuf_addc(&sb, *s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
	}
	return strbuf_take(&sb);
}

static int
evkey_cmp(const void *va, const void *vb)
{
	const struct evkey *a = va, *b = vb;

	if (a->hit->rule->index != b->hit->rule->index)
		return a->hit->rule->index < b->hit->rule->index ? -1 : 1;
	return strcmp(a->norm, b->norm);
}

/* The evidence of dr, sorted, one key per (rule, sentence); *n set. */
static struct evkey *
evidence_keys(const struct docresult *dr, size_t *n)
{
	struct evkey *v;
	size_t i, k = 0;

	v = xcalloc(dr->nhits + 1, sizeof(*v));
	for (i = 0; i < dr->nhits; i++) {
		v[i].hit = &dr->hits[i];
		v[i].norm = normalise(dr->hits[i].sentence != NULL ?
		    dr->hits[i].sentence : "");
	}
	/* Hits are in text order, and qsort is not stable: the first hit of
	   a key is found again below by its line. */
	if (dr->nhits > 1)
		qsort(v, dr->nhits, sizeof(*v), evkey_cmp);
	for (i = 0; i < dr->nhits; i++) {
		if (k > 0 && evkey_cmp(&v[k - 1], &v[i]) == 0) {
			if (v[i].hit->start < v[k - 1].hit->start)
				v[k - 1].hit = v[i].hit;
			free(v[i].norm);
			continue;
		}
		v[k++] = v[i];
	}
	*n = k;
	return v;
}

static void
evkeys_free(struct evkey *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].norm);
	free(v);
}

static void
evidence_add(struct diff_evidence **v, size_t *n, const struct hit *h)
{
	struct diff_evidence *e;

	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	e = &(*v)[(*n)++];
	e->rule = h->rule;
	e->sentence = xstrdup(h->sentence != NULL ? h->sentence : "");
	e->line = h->line;
}

/* Merge the two sorted key sets; all[] is indexed by objective index. */
static void
diff_evidence(struct diff_objective *all, const struct docresult *old,
    const struct docresult *new)
{
	struct evkey *a, *b;
	size_t na, nb, i = 0, j = 0;
	struct diff_objective *d;
	int c;

	a = evidence_keys(old, &na);
	b = evidence_keys(new, &nb);
	while (i < na || j < nb) {
		if (i == na)
			c = 1;
		else if (j == nb)
			c = -1;
		else
			c = evkey_cmp(&a[i], &b[j]);
		if (c == 0) {
			i++, j++;
			continue;
		}
		if (c < 0) {
			d = &all[a[i].hit->rule->objective->index];
			evidence_add(&d->lost, &d->nlost, a[i++].hit);
		} else {
			d = &all[b[j].hit->rule->objective->index];
			evidence_add(&d->gained, &d->ngained, b[j++].hit);
		}
	}
	evkeys_free(a, na);
	evkeys_free(b, nb);
}

/* How many rules the docresult's ruleset has: every rule is under one
   objective, and rule indexes count them all. */
static size_t
rule_count(const struct docresult *dr)
{
	size_t i, n = 0;

	for (i = 0; i < dr->nobjectives; i++)
		n += dr->objectives[i].objective->nrules;
	return n;
}

/* fired[rule->index] for the hits of dr (NULL: none fired): 1 when all
   its hits are waived, 2 when one is not. */
static unsigned char *
fired_rules(const struct docresult *dr, size_t nrules)
{
	unsigned char *fired;
	const struct hit *h;
	size_t i;

	fired = xcalloc(nrules + 1, 1);
	for (i = 0; dr != NULL && i < dr->nhits; i++) {
		h = &dr->hits[i];
		if (h->rule->index >= nrules)
			continue;
		if (h->waiver == NULL)
			fired[h->rule->index] = 2;
		else if (fired[h->rule->index] == 0)
			fired[h->rule->index] = 1;
	}
	return fired;
}

/* The waiver of the hits of r in dr, all waived. */
static const struct waiver *
rule_waiver(const struct docresult *dr, const struct rule *r)
{
	size_t i;

	for (i = 0; i < dr->nhits; i++)
		if (dr->hits[i].rule == r)
			return dr->hits[i].waiver;
	return NULL;
}

static void
rule_add(const struct rule ***v, size_t *n, const struct rule *r)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = r;
}

/* Conflict rules fired on one side only, objective by objective. */
static void
diff_conflicts(struct diff_objective *all, size_t nobj,
    const unsigned char *before, const unsigned char *after,
    const struct docresult *new)
{
	struct diff_objective *d;
	const struct objective *o;
	const struct rule *r;
	size_t i, k;

	for (i = 0; i < nobj; i++) {
		o = all[i].objective;
		for (k = 0; k < o->nrules; k++) {
			r = &o->rules[k];
			d = &all[i];
			if (r->kind != RULE_CONFLICT ||
			    (before[r->index] != 0) == (after[r->index] != 0))
				continue;
			if (after[r->index]) {
				d->waived = xreallocarray(d->waived,
				    d->nintroduced + 1, sizeof(*d->waived));
				d->waived[d->nintroduced] = after[r->index] ==
				    1 ? rule_waiver(new, r) : NULL;
				rule_add(&d->introduced, &d->nintroduced, r);
			} else
				rule_add(&all[i].removed, &all[i].nremoved,
				    r);
		}
	}
}

static int
objective_changed(const struct diff_objective *d)
{
	return d->before != d->after || d->ngained > 0 || d->nlost > 0 ||
	    d->nintroduced > 0 || d->nremoved > 0 ||
	    d->score_after < d->score_before - SCORE_EPSILON ||
	    d->score_after > d->score_before + SCORE_EPSILON;
}

static void
objective_free(struct diff_objective *d)
{
	size_t i;

	for (i = 0; i < d->ngained; i++)
		free(d->gained[i].sentence);
	for (i = 0; i < d->nlost; i++)
		free(d->lost[i].sentence);
	free(d->gained);
	free(d->lost);
	free(d->introduced);
	free(d->waived);
	free(d->removed);
}

/* Keep the changed objectives of all[] in dd; all[] is freed. */
static void
keep_changed(struct diff_document *dd, struct diff_objective *all, size_t n)
{
	size_t i, k;

	dd->objectives = xcalloc(n + 1, sizeof(*dd->objectives));
	for (i = 0; i < n; i++) {
		if (!objective_changed(&all[i])) {
			objective_free(&all[i]);
			continue;
		}
		dd->objectives[dd->nobjectives++] = all[i];
		for (k = 0; k < all[i].nintroduced; k++)
			if (all[i].waived[k] == NULL)
				dd->worse = 1;
	}
	free(all);
}

/* Both drafts read: everything compared.  old NULL: an added document,
   compared with one that says nothing, but without its evidence. */
static void
diff_both(struct diff_document *dd, const struct docresult *old,
    const struct docresult *new)
{
	struct diff_objective *all;
	unsigned char *before, *after;
	size_t i, n = new->nobjectives, nrules = rule_count(new);

	if (old != NULL && old->nobjectives != n)
		fatal("diff: drafts judged with different rulesets");
	all = xcalloc(n + 1, sizeof(*all));
	for (i = 0; i < n; i++) {
		all[i].objective = new->objectives[i].objective;
		all[i].after = new->objectives[i].status;
		all[i].score_after = new->objectives[i].score;
		all[i].before = old != NULL ? old->objectives[i].status :
		    new->objectives[i].status;
		all[i].score_before = old != NULL ? old->objectives[i].score :
		    new->objectives[i].score;
	}
	if (old != NULL)
		diff_evidence(all, old, new);
	before = fired_rules(old, nrules);
	after = fired_rules(new, nrules);
	diff_conflicts(all, n, before, after, new);
	free(before);
	free(after);
	keep_changed(dd, all, n);
}

struct diff_document *
diff_documents(const char *path, const struct docresult *old,
    const struct docresult *new)
{
	struct diff_document *dd;

	if (old == NULL && new == NULL)
		fatal("diff: a document with neither draft");
	dd = xcalloc(1, sizeof(*dd));
	dd->path = xstrdup(path);
	if ((old != NULL && !old->ok) || (new != NULL && !new->ok)) {
		dd->kind = DIFF_ERROR;
		dd->error = xstrdup(old != NULL && !old->ok ? old->error :
		    new->error);
		return dd;
	}
	if (old != NULL)
		dd->overall_before = old->overall;
	if (new != NULL)
		dd->overall_after = new->overall;
	if (new == NULL) {
		dd->kind = DIFF_REMOVED;
		return dd;
	}
	diff_both(dd, old, new);
	if (old == NULL)
		dd->kind = DIFF_ADDED;
	else {
		if (dd->overall_after < dd->overall_before - SCORE_EPSILON)
			dd->worse = 1;
		dd->kind = dd->nobjectives > 0 || dd->overall_after >
		    dd->overall_before + SCORE_EPSILON || dd->worse ?
		    DIFF_CHANGED : DIFF_SAME;
	}
	return dd;
}

void
diff_document_free(struct diff_document *dd)
{
	size_t i;

	if (dd == NULL)
		return;
	for (i = 0; i < dd->nobjectives; i++)
		objective_free(&dd->objectives[i]);
	free(dd->objectives);
	free(dd->error);
	free(dd->path);
	free(dd);
}
