/*
 * test_eval.c -- the arithmetic of `palint eval`: precision, recall and F1
 * on hand-made counts (including the zero denominators), micro and macro
 * averages, average ranks, Spearman's rho against values worked out by
 * hand, and the shortening of sentences for the listings.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "eval.h"

#define NEAR(a, b)	(fabs((a) - (b)) < 1e-9)

static void
test_score(void)
{
	struct eval_counts c = { 6, 2, 4 };
	struct eval_scores s;

	eval_score(&c, &s);
	CHECK(NEAR(s.precision, 0.75));
	CHECK(NEAR(s.recall, 0.6));
	/* 2PR/(P+R) = 0.9/1.35 = 2/3 = 12/18 from the counts. */
	CHECK(NEAR(s.f1, 2.0 / 3.0));
	CHECK_INT(s.support, 10);
}

static void
test_score_zero(void)
{
	struct eval_counts none = { 0, 0, 0 }, onlyfp = { 0, 3, 0 },
	    onlyfn = { 0, 0, 5 }, perfect = { 4, 0, 0 };
	struct eval_scores s;

	eval_score(&none, &s);
	CHECK(s.precision == 0 && s.recall == 0 && s.f1 == 0);
	CHECK_INT(s.support, 0);
	eval_score(&onlyfp, &s);
	CHECK(s.precision == 0 && s.recall == 0 && s.f1 == 0);
	CHECK_INT(s.support, 0);
	eval_score(&onlyfn, &s);
	CHECK(s.precision == 0 && s.recall == 0 && s.f1 == 0);
	CHECK_INT(s.support, 5);
	eval_score(&perfect, &s);
	CHECK(s.precision == 1 && s.recall == 1 && s.f1 == 1);
}

static void
test_micro_macro(void)
{
	/* A: P 1/2 R 1/2 F 1/2; B: P 1 R 1/4 F 2/5; C: no support, 2 fp;
	   D: nothing at all. */
	struct eval_counts v[] = { { 1, 1, 1 }, { 1, 0, 3 }, { 0, 2, 0 },
	    { 0, 0, 0 } };
	struct eval_counts sum;
	struct eval_scores s;

	eval_micro(v, 4, &s, &sum);
	CHECK_INT(sum.tp, 2);
	CHECK_INT(sum.fp, 3);
	CHECK_INT(sum.fn, 4);
	CHECK(NEAR(s.precision, 2.0 / 5.0));
	CHECK(NEAR(s.recall, 2.0 / 6.0));
	CHECK(NEAR(s.f1, 4.0 / 11.0));
	CHECK_INT(s.support, 6);
	/* Macro over A and B only: C and D have no support. */
	CHECK_INT(eval_macro(v, 4, &s), 2);
	CHECK(NEAR(s.precision, 0.75));
	CHECK(NEAR(s.recall, 0.375));
	CHECK(NEAR(s.f1, 0.45));
	CHECK_INT(s.support, 6);
	CHECK_INT(eval_macro(&v[2], 2, &s), 0);
	CHECK(s.precision == 0 && s.recall == 0 && s.f1 == 0);
	eval_micro(v, 0, &s, NULL);
	CHECK(s.f1 == 0);
}

static void
test_ranks(void)
{
	double v[] = { 7, 3, 3, 9, 3, 1 }, r[6];

	eval_ranks(v, 6, r);
	/* 1 -> 1; the three 3s share ranks 2, 3, 4 -> 3; 7 -> 5; 9 -> 6. */
	CHECK(NEAR(r[0], 5) && NEAR(r[1], 3) && NEAR(r[2], 3));
	CHECK(NEAR(r[3], 6) && NEAR(r[4], 3) && NEAR(r[5], 1));
}

static void
test_spearman(void)
{
	/* IQ against hours of television, ten people, no ties:
	   sum d^2 = 194, rho = 1 - 6 * 194 / 990 = -29/165. */
	double iq[] = { 106, 100, 86, 101, 99, 103, 97, 113, 112, 110 };
	double tv[] = { 7, 27, 2, 50, 28, 29, 20, 12, 6, 17 };
	/* Ties in y: ranks 1 2 3.5 5 3.5; rho = 8 / sqrt(10 * 9.5). */
	double x[] = { 1, 2, 3, 4, 5 }, y[] = { 5, 6, 7, 8, 7 };
	/* Ties in both: ranks 1.5 1.5 3 4 and 3 1.5 1.5 4; rho = 0.5. */
	double a[] = { 0, 0, 1, 2 }, b[] = { 1, 0, 0, 3 };
	double y2[] = { 25, 36, 49, 64, 49 };
	double down[] = { 5, 4, 3, 2, 1 }, flat[] = { 2, 2, 2, 2, 2 };

	CHECK(NEAR(eval_spearman(iq, tv, 10), -29.0 / 165.0));
	CHECK(NEAR(eval_spearman(x, y, 5), 8.0 / sqrt(95.0)));
	CHECK(NEAR(eval_spearman(a, b, 4), 0.5));
	CHECK(NEAR(eval_spearman(x, x, 5), 1.0));
	CHECK(NEAR(eval_spearman(x, down, 5), -1.0));
	/* Only the order counts: squaring y changes nothing. */
	CHECK(NEAR(eval_spearman(x, y2, 5), 8.0 / sqrt(95.0)));
	CHECK(isnan(eval_spearman(x, flat, 5)));
	CHECK(isnan(eval_spearman(x, y, 1)));
	CHECK(isnan(eval_spearman(x, y, 0)));
}

static void
test_shorten(void)
{
	char *s;

	s = eval_shorten("short enough", 20);
	CHECK_STR(s, "short enough");
	free(s);
	s = eval_shorten("one two three four five six", 16);
	CHECK_STR(s, "one two three...");
	free(s);
	/* "caf\xc3\xa9" cut at byte 4 would split the e-acute. */
	s = eval_shorten("abcdefghijklmnopqrstuvwxyzcaf\xc3\xa9s", 30);
	CHECK_STR(s, "abcdefghijklmnopqrstuvwxyzcaf...");
	free(s);
}

int
main(void)
{
	test_score();
	test_score_zero();
	test_micro_macro();
	test_ranks();
	test_spearman();
	test_shorten();
	return CHECK_DONE();
}
