/*
 * test_waivers.c -- waivers.c: a waivers file checked and applied to one
 * document's results.  Objective waivers mark gaps and conflicts, rule
 * waivers hits; scores stay, waived conflicts leave conflict_errors and
 * waived gaps count as covered in waivers_score().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "coverage.h"
#include "fixture.h"
#include "util.h"
#include "waivers.h"

/* 2023-11-14T22:13:20Z */
#define TODAY	((time_t)1700000000)

static const struct fx_area areas[] = {
	{ "AA1", AREA_ACTION, "Area one" },
	{ "AA2", AREA_ACTION, "Area two" }
};

static const struct fx_objective objectives[] = {
	{ "AA1", "AA1.1", "Networks", 2 },
	{ "AA1", "AA1.2", "Cables", 1 },
	{ "AA2", "AA2.1", "Data", 1 }
};

static const struct fx_rule rules[] = {
	{ "AA1.1", "AA1.1.a", "Vendors", RULE_SUPPORT, SEVERITY_WARNING },
	{ "AA1.1", "AA1.1.b", "Open RAN", RULE_SUPPORT, SEVERITY_WARNING },
	{ "AA1.2", "AA1.2.a", "Cables", RULE_SUPPORT, SEVERITY_WARNING },
	{ "AA2.1", "AA2.1.a", "Flows", RULE_SUPPORT, SEVERITY_WARNING },
	{ "AA2.1", "AA2.1.x", "Localisation", RULE_CONFLICT, SEVERITY_ERROR }
};

static char path[64];

static void
write_file(const char *text)
{
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL || fputs(text, fp) == EOF ||
	    fclose(fp) != 0)
		fatal("cannot write %s", path);
}

/* AA1.1 partial (one of two), AA1.2 absent, AA2.1 covered beside its
   conflict; without flows, AA2.1 absent beside its conflict. */
static struct docresult *
document(const struct ruleset *rs, const char *name, int flows)
{
	struct hit *h;
	size_t i, n = flows ? 4 : 3;

	/* Only the hits handed over are made: coverage_compute() owns them. */
	h = xcalloc(4, sizeof(*h));
	fx_hit(&h[0], rs, "AA1.1.a", 0, 1, 1, "v", "Trusted vendors.");
	fx_hit(&h[1], rs, "AA2.1.x", 20, 2, 1, "s", "Data stays here.");
	fx_hit(&h[2], rs, "AA2.1.x", 40, 3, 1, "s", "Data stays there.");
	if (flows)
		fx_hit(&h[3], rs, "AA2.1.a", 60, 4, 1, "f",
		    "Data flows freely.");
	for (i = 0; i < n; i++)
		h[i].modality = MODALITY_BINDING;
	return coverage_compute(rs, name, "", 100, h, n);
}

static void
test_apply(const struct ruleset *rs)
{
	struct errlist errs = { NULL, 0, 0 }, warns = { NULL, 0, 0 };
	struct waivers *ws;
	struct docresult *dr, *other;
	double before;

	write_file("id,document,justification,reviewer,expires\n"
	    "aa1.2,*/drafts/*,Elsewhere,A. Smith,2023-11-14\n"
	    "AA2.1.X,*,Transitional,J. Doe,\n"
	    "AA1.1.a,nothing*,Never,C. Ng,\n"
	    "AA1.1,*,Expired,D. Old,2023-11-13\n");
	ws = waivers_load(path, rs, TODAY, &errs, &warns);
	CHECK(ws != NULL);
	CHECK_INT(errs.n, 0);
	CHECK_INT(warns.n, 1);
	if (warns.n == 1)
		CHECK(strstr(warns.v[0], ":5: waiver for AA1.1 expired on "
		    "2023-11-13") != NULL);
	dr = document(rs, "x/drafts/a.txt", 1);
	CHECK_INT(dr->objectives[2].status, STATUS_COVERED);
	CHECK_INT(dr->conflict_errors, 1);
	before = dr->overall;
	waivers_apply(ws, dr);
	CHECK_INT(dr->conflict_errors, 0);
	CHECK(dr->objectives[0].waiver == NULL);	/* expired */
	CHECK(dr->objectives[1].waiver != NULL);
	CHECK_STR(dr->objectives[1].waiver->reviewer, "A. Smith");
	CHECK(dr->objectives[2].waiver != NULL);	/* by its rule */
	CHECK(dr->hits[0].waiver == NULL);
	CHECK(dr->hits[1].waiver != NULL && dr->hits[2].waiver != NULL);
	CHECK_INT(dr->objectives[2].conflicts_fired, 1);
	CHECK(dr->overall == before);
	/* AA1: (0.5 + 0) / 2 -> (0.5 + 1) / 2; overall over two areas. */
	CHECK(waivers_score(dr) > before + 0.25 - 1e-9 &&
	    waivers_score(dr) < before + 0.25 + 1e-9);
	/* Another path: only the rule waiver with "*" applies.  AA2.1 is
	   absent there: its conflict is waived, its gap is not, so the
	   objective is not waived and earns nothing in waivers_score(). */
	other = document(rs, "b.txt", 0);
	waivers_apply(ws, other);
	CHECK(other->objectives[1].waiver == NULL);
	CHECK_INT(other->objectives[2].status, STATUS_ABSENT);
	CHECK(other->objectives[2].waiver == NULL);
	CHECK(other->hits[1].waiver != NULL && other->hits[2].waiver != NULL);
	CHECK_INT(other->conflict_errors, 0);
	CHECK(waivers_score(other) == other->overall);
	waivers_unused(ws, &warns);
	CHECK_INT(warns.n, 2);
	if (warns.n == 2)
		CHECK(strstr(warns.v[1], ":4: waiver for AA1.1.a on "
		    "'nothing*' waived nothing") != NULL);
	docresult_free(dr);
	docresult_free(other);
	waivers_free(ws);
	errlist_free(&errs);
	errlist_free(&warns);
}

/* Every bad row is reported, each with its line, and nothing loads. */
static void
test_errors(const struct ruleset *rs)
{
	struct errlist errs = { NULL, 0, 0 }, warns = { NULL, 0, 0 };

	write_file("id,document,justification,reviewer,expires\n"
	    "AA9,*,x,y,\n"
	    "AA2.1,*,x,y,2023-02-29\n"
	    "AA2.1,*,,y,\n"
	    "AA2.1,*,x,y\n"
	    "AA2.1,*,x,y,2024-02-29\n");
	CHECK(waivers_load(path, rs, TODAY, &errs, &warns) == NULL);
	CHECK_INT(errs.n, 4);
	if (errs.n == 4) {
		CHECK(strstr(errs.v[0], ":2: unknown objective or rule id "
		    "'AA9'") != NULL);
		CHECK(strstr(errs.v[1], ":3: expires: '2023-02-29' is not a "
		    "date") != NULL);
		CHECK(strstr(errs.v[2], ":4: empty justification") != NULL);
		CHECK(strstr(errs.v[3], ":5: expected 5 fields, found 4") !=
		    NULL);
	}
	errlist_free(&errs);
	write_file("id,glob,justification,reviewer,expires\n");
	CHECK(waivers_load(path, rs, TODAY, &errs, &warns) == NULL);
	CHECK_INT(errs.n, 1);
	if (errs.n == 1)
		CHECK(strstr(errs.v[0], ":1: the header must be") != NULL);
	errlist_free(&errs);
	errlist_free(&warns);
}

int
main(void)
{
	struct ruleset *rs;

	snprintf(path, sizeof(path), "/tmp/test_waivers.XXXXXX");
	if (close(mkstemp(path)) != 0)
		fatal("mkstemp failed");
	rs = fx_ruleset(areas, nitems(areas), objectives, nitems(objectives),
	    rules, nitems(rules));
	test_apply(rs);
	test_errors(rs);
	fx_ruleset_free(rs);
	unlink(path);
	return CHECK_DONE();
}
