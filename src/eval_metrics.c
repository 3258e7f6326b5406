/*
 * eval_metrics.c -- the arithmetic of `palint eval`.
 *
 * Input: agreement counts per label, or two series of numbers.  Output:
 * precision, recall, F1 and their micro and macro averages; average ranks
 * and Spearman's rank correlation.  No I/O and no ruleset here.
 *
 * A ratio whose denominator is 0 is 0, not NaN: a label that was never
 * predicted has precision 0, as in the usual tools, so an average over
 * labels never turns into NaN.  Spearman's rho is the exception: for a
 * constant series it is undefined and the caller must say so.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "utf8.h"
#include "util.h"

static double
ratio(unsigned num, unsigned den)
{
	if (den == 0)
		return 0;
	return (double)num / (double)den;
}

void
eval_score(const struct eval_counts *c, struct eval_scores *s)
{
	s->precision = ratio(c->tp, c->tp + c->fp);
	s->recall = ratio(c->tp, c->tp + c->fn);
	/* From the counts, equal to the harmonic mean of P and R when both
	   are defined, and 0 rather than 0/0 when there is no true hit. */
	s->f1 = ratio(2 * c->tp, 2 * c->tp + c->fp + c->fn);
	s->support = c->tp + c->fn;
}

void
eval_micro(const struct eval_counts *v, size_t n, struct eval_scores *s,
    struct eval_counts *sum)
{
	struct eval_counts t = { 0, 0, 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		t.tp += v[i].tp;
		t.fp += v[i].fp;
		t.fn += v[i].fn;
	}
	eval_score(&t, s);
	if (sum != NULL)
		*sum = t;
}

size_t
eval_macro(const struct eval_counts *v, size_t n, struct eval_scores *s)
{
	struct eval_scores one;
	size_t i, used = 0;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < n; i++) {
		eval_score(&v[i], &one);
		if (one.support == 0)
			continue;
		s->precision += one.precision;
		s->recall += one.recall;
		s->f1 += one.f1;
		s->support += one.support;
		used++;
	}
	if (used > 0) {
		s->precision /= (double)used;
		s->recall /= (double)used;
		s->f1 /= (double)used;
	}
	return used;
}

struct ranked {
	double		 v;
	size_t		 i;
};

static int
ranked_cmp(const void *va, const void *vb)
{
	const struct ranked *a = va, *b = vb;

	if (a->v != b->v)
		return a->v < b->v ? -1 : 1;
	/* Keep equal values in input order so that the sort is stable. */
	return a->i < b->i ? -1 : a->i > b->i;
}

void
eval_ranks(const double *v, size_t n, double *ranks)
{
	struct ranked *r;
	size_t i, j, k;

	if (n == 0)
		return;
	r = xcalloc(n, sizeof(*r));
	for (i = 0; i < n; i++) {
		r[i].v = v[i];
		r[i].i = i;
	}
	qsort(r, n, sizeof(*r), ranked_cmp);
	for (i = 0; i < n; i = j) {
		/* Positions i..j-1 hold one value: ranks i+1..j, mean. */
		for (j = i + 1; j < n && r[j].v == r[i].v; j++)
			continue;
		for (k = i; k < j; k++)
			ranks[r[k].i] = (double)(i + 1 + j) / 2.0;
	}
	free(r);
}

/* Pearson's r of two series; NaN when either has no variance. */
static double
pearson(const double *x, const double *y, size_t n)
{
	double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	for (i = 0; i < n; i++) {
		sxy += (x[i] - mx) * (y[i] - my);
		sxx += (x[i] - mx) * (x[i] - mx);
		syy += (y[i] - my) * (y[i] - my);
	}
	if (sxx == 0 || syy == 0)
		return NAN;
	return sxy / sqrt(sxx * syy);
}

/*
 * With ties the shortcut 1 - 6 sum d^2 / (n (n^2 - 1)) is wrong, so rho is
 * computed as Pearson's r of the average ranks, which is exact either way.
 */
double
eval_spearman(const double *x, const double *y, size_t n)
{
	double *rx, *ry, rho;

	if (n < 2)
		return NAN;
	rx = xcalloc(n, sizeof(*rx));
	ry = xcalloc(n, sizeof(*ry));
	eval_ranks(x, n, rx);
	eval_ranks(y, n, ry);
	rho = pearson(rx, ry, n);
	free(rx);
	free(ry);
	return rho;
}

char *
eval_shorten(const char *s, size_t max)
{
	size_t len = strlen(s), cut, i;

	if (len <= max)
		return xstrdup(s);
	/* Back to the start of a UTF-8 sequence: never split a character. */
	cut = utf8_floor(s, max);
	/* Prefer ending at a space if there is one in the last fifth. */
	for (i = cut; i > 0 && i + cut / 5 >= cut; i--)
		if (s[i] == ' ') {
			cut = i;
			break;
		}
	while (cut > 0 && s[cut - 1] == ' ')
		cut--;
	return xasprintf("%.*s...", (int)cut, s);
}
