/*
 * test_coverage.c -- coverage_compute against a ruleset built by hand:
 * every status, min-rules larger than the number of rules, conflicts at
 * both severities beside coverage, area means, overall against
 * principles, counts, hits per 10,000 words and first lines; then the
 * evidence weights of every sentence kind and modality, a rule's strength
 * as its best hit, the partial threshold and the man page's worked
 * example.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "coverage.h"
#include "fixture.h"
#include "util.h"

static const struct fx_area areas[] = {
	{ "P", AREA_PRINCIPLE, "Principles" },
	{ "AA1", AREA_ACTION, "Action area one" },
	{ "AA2", AREA_ACTION, "Action area two" },
	{ "AA3", AREA_ACTION, "Empty area" }
};

static const struct fx_objective objectives[] = {
	{ "P", "P1", "Principle one", 2 },
	{ "P", "P2", "Principle two", 2 },	/* one rule: 1 suffices */
	{ "AA1", "AA1.1", "Three needed", 3 },
	{ "AA1", "AA1.2", "Covered, with a conflict at error level", 2 },
	{ "AA1", "AA1.3", "One needed", 1 },
	{ "AA2", "AA2.1", "Absent", 2 },
	{ "AA2", "AA2.2", "Absent, with a conflict at warning level", 1 }
};

/* Each rule is named after its objective and titled by its own letter;
   most are support rules at warning severity. */
#define SUPPORT(obj, x)	{ obj, obj "." x, x, RULE_SUPPORT, SEVERITY_WARNING }
#define CONFLICT(obj, x, sev) { obj, obj "." x, x, RULE_CONFLICT, sev }

static const struct fx_rule rules[] = {
	SUPPORT("P1", "a"), SUPPORT("P1", "b"),
	SUPPORT("P2", "a"),
	SUPPORT("AA1.1", "a"), SUPPORT("AA1.1", "b"), SUPPORT("AA1.1", "c"),
	SUPPORT("AA1.2", "a"), SUPPORT("AA1.2", "b"),
	    CONFLICT("AA1.2", "x", SEVERITY_ERROR),
	SUPPORT("AA1.3", "a"),
	SUPPORT("AA2.1", "a"), SUPPORT("AA2.1", "b"),
	SUPPORT("AA2.2", "a"), CONFLICT("AA2.2", "y", SEVERITY_WARNING)
};

#define NEAR(a, b) (fabs((a) - (b)) < 1e-9)

static struct ruleset *
make_ruleset(void)
{
	return fx_ruleset(areas, nitems(areas), objectives, nitems(objectives),
	    rules, nitems(rules));
}

/* Hits out of text order, to check that coverage sorts them; all binding
   statements, so each fired rule counts 1. */
static struct hit *
make_hits(const struct ruleset *rs, size_t *n)
{
	struct hit *h;
	size_t i;

	*n = 11;
	h = xcalloc(*n, sizeof(*h));
	fx_hit(&h[0], rs, "P1.a", 500, 5, 1, "p", "p.");
	fx_hit(&h[1], rs, "P1.a", 300, 3, 4, "p", "p.");
	fx_hit(&h[2], rs, "P2.a", 700, 7, 1, "q", "q.");
	fx_hit(&h[3], rs, "AA1.1.a", 100, 1, 1, "a", "a.");
	fx_hit(&h[4], rs, "AA1.1.b", 900, 9, 1, "b", "b.");
	fx_hit(&h[5], rs, "AA1.2.a", 1000, 10, 1, "a", "a.");
	fx_hit(&h[6], rs, "AA1.2.b", 1100, 11, 1, "b", "b.");
	fx_hit(&h[7], rs, "AA1.2.x", 1200, 12, 1, "x", "x.");
	fx_hit(&h[8], rs, "AA1.2.x", 50, 1, 51, "x", "x.");
	fx_hit(&h[9], rs, "AA1.3.a", 1300, 13, 1, "c", "c.");
	fx_hit(&h[10], rs, "AA2.2.y", 1400, 14, 1, "y", "y.");
	for (i = 0; i < *n; i++)
		h[i].modality = MODALITY_BINDING;
	return h;
}

static const struct objective_result *
result(const struct docresult *dr, const char *id)
{
	size_t i;

	for (i = 0; i < dr->nobjectives; i++)
		if (strcmp(dr->objectives[i].objective->id, id) == 0)
			return &dr->objectives[i];
	fatal("no result for %s", id);
}

static void
test_objectives(const struct docresult *dr)
{
	const struct objective_result *o;

	o = result(dr, "P1");
	CHECK_INT(o->status, STATUS_PARTIAL);
	CHECK(NEAR(o->score, 0.5));
	CHECK(NEAR(o->evidence, 1));	/* two hits of one rule: once */
	CHECK_INT(o->needed, 2);
	CHECK_INT(o->rules_fired, 1);
	CHECK_INT(o->rules_total, 2);
	CHECK_INT(o->hits, 2);
	CHECK_INT(o->first_line, 3);
	CHECK_INT(o->conflict, 0);

	o = result(dr, "P2");		/* min-rules 2, but one rule */
	CHECK_INT(o->status, STATUS_COVERED);
	CHECK(NEAR(o->score, 1));
	CHECK_INT(o->needed, 1);

	o = result(dr, "AA1.1");	/* 2 of 3 */
	CHECK_INT(o->status, STATUS_PARTIAL);
	CHECK(NEAR(o->score, 2.0 / 3));
	CHECK_INT(o->rules_fired, 2);
	CHECK_INT(o->rules_total, 3);
	CHECK_INT(o->first_line, 1);

	/* A conflict stands beside coverage: still covered, scored 1. */
	o = result(dr, "AA1.2");
	CHECK_INT(o->status, STATUS_COVERED);
	CHECK(NEAR(o->score, 1));
	CHECK_INT(o->rules_fired, 2);
	CHECK_INT(o->rules_total, 2);
	CHECK_INT(o->conflicts_fired, 1);
	CHECK_INT(o->conflict, 1 + SEVERITY_ERROR);
	CHECK_STR(conflict_name(o), "error");
	CHECK_INT(o->hits, 4);
	CHECK_INT(o->first_line, 1);

	o = result(dr, "AA1.3");
	CHECK_INT(o->status, STATUS_COVERED);
	CHECK_INT(o->first_line, 13);
	CHECK_STR(conflict_name(o), "");

	o = result(dr, "AA2.1");
	CHECK_INT(o->status, STATUS_ABSENT);
	CHECK(NEAR(o->evidence, 0));
	CHECK_INT(o->hits, 0);
	CHECK_INT(o->first_line, 0);

	o = result(dr, "AA2.2");
	CHECK_INT(o->status, STATUS_ABSENT);
	CHECK(NEAR(o->score, 0));
	CHECK_INT(o->rules_fired, 0);
	CHECK_INT(o->conflicts_fired, 1);
	CHECK_STR(conflict_name(o), "warning");
}

static void
test_document(void)
{
	struct ruleset *rs = make_ruleset();
	struct docresult *dr;
	struct hit *hits;
	size_t n, i;

	hits = make_hits(rs, &n);
	dr = coverage_compute(rs, "doc.txt", "", 2000, hits, n);
	CHECK(dr->ok);
	CHECK_STR(dr->path, "doc.txt");
	CHECK_INT(dr->nhits, 11);
	for (i = 1; i < dr->nhits; i++)
		CHECK(dr->hits[i - 1].start <= dr->hits[i].start);
	CHECK_INT(dr->hits[0].start, 50);
	CHECK_INT(dr->nobjectives, 7);
	for (i = 0; i < dr->nobjectives; i++)
		CHECK(dr->objectives[i].objective == rs->objectives[i]);
	test_objectives(dr);

	CHECK_INT(dr->nareas, 4);
	CHECK(dr->areas[0].area == &rs->areas[0]);
	CHECK(NEAR(dr->areas[0].score, 0.75));
	/* (2/3 + 1 + 1) / 3 */
	CHECK(NEAR(dr->areas[1].score, 8.0 / 9));
	CHECK_INT(dr->areas[1].covered, 2);
	CHECK_INT(dr->areas[1].partial, 1);
	CHECK_INT(dr->areas[1].contradicted, 1);
	CHECK_INT(dr->areas[1].absent, 0);
	CHECK(NEAR(dr->areas[2].score, 0));
	CHECK_INT(dr->areas[2].absent, 2);
	CHECK_INT(dr->areas[2].contradicted, 1);
	CHECK(NEAR(dr->areas[3].score, 0));	/* no objectives */
	/* (8/9 + 0 + 0) / 3 action areas; principles apart. */
	CHECK(NEAR(dr->overall, 8.0 / 27));
	CHECK(NEAR(dr->principles, 0.75));
	CHECK_INT(dr->conflicts, 2);
	CHECK_INT(dr->gaps, 4);
	CHECK_INT(dr->conflict_errors, 1);	/* x twice counts once */
	docresult_free(dr);
	fx_ruleset_free(rs);
}

static void
test_empty(void)
{
	struct ruleset *rs = make_ruleset();
	struct docresult *dr;
	size_t i;

	dr = coverage_compute(rs, "empty.txt", NULL, 0, NULL, 0);
	CHECK(dr->ok);
	CHECK_STR(dr->sha256, "");
	for (i = 0; i < dr->nobjectives; i++)
		CHECK_INT(dr->objectives[i].status, STATUS_ABSENT);
	CHECK(NEAR(dr->overall, 0));
	CHECK(NEAR(dr->principles, 0));
	CHECK_INT(dr->gaps, 7);
	CHECK_INT(dr->conflicts, 0);
	CHECK_INT(dr->conflict_errors, 0);
	docresult_add_warning(dr, "read as Windows-1252");
	CHECK_INT(dr->nwarnings, 1);
	CHECK_STR(dr->warnings[0], "read as Windows-1252");
	docresult_free(dr);
	fx_ruleset_free(rs);
}

/* Only principles: overall is 0, not a division by zero. */
static void
test_no_action_areas(void)
{
	struct ruleset *rs;
	struct docresult *dr;
	struct hit *h;

	rs = fx_ruleset(areas, 1, objectives, 2, rules, 3);
	h = xcalloc(1, sizeof(*h));
	fx_hit(h, rs, "P2.a", 0, 1, 1, "q", "q.");
	h->modality = MODALITY_BINDING;
	dr = coverage_compute(rs, "p.txt", NULL, 10, h, 1);
	CHECK(NEAR(dr->overall, 0));
	CHECK(NEAR(dr->principles, 0.5));
	CHECK(isfinite(dr->overall));
	docresult_free(dr);
	fx_ruleset_free(rs);
}

static void
test_error(void)
{
	struct docresult *dr;
	char sha[65];

	memset(sha, 'b', 64);
	sha[64] = '\0';
	dr = coverage_error("bad.pdf", sha, "bad.pdf: not a PDF");
	CHECK(!dr->ok);
	CHECK_STR(dr->path, "bad.pdf");
	CHECK_STR(dr->sha256, sha);
	CHECK_STR(dr->error, "bad.pdf: not a PDF");
	CHECK_INT(dr->nobjectives, 0);
	CHECK_INT(dr->nareas, 0);
	CHECK_INT(dr->nhits, 0);
	docresult_free(dr);
	docresult_free(NULL);
}

static void
test_helpers(void)
{
	CHECK(NEAR(hits_per_10k(3, 2000), 15));
	CHECK(NEAR(hits_per_10k(1, 3), 10000.0 / 3));
	CHECK(NEAR(hits_per_10k(5, 0), 0));
	CHECK_STR(status_name(STATUS_ABSENT), "absent");
	CHECK_STR(status_name(STATUS_PARTIAL), "partial");
	CHECK_STR(status_name(STATUS_COVERED), "covered");
	CHECK_STR(status_name((enum status)3), "unknown");
}

/* Every kind and modality, and their product. */
static void
test_weights(void)
{
	static const struct {
		enum sentkind	 kind;
		enum modality	 modality;
		double		 want;
	} t[] = {
		{ SENTKIND_STATEMENT, MODALITY_BINDING, 1 },
		{ SENTKIND_STATEMENT, MODALITY_HORTATORY, 0.9 },
		{ SENTKIND_STATEMENT, MODALITY_MENTION, 0.8 },
		{ SENTKIND_DEFINITION, MODALITY_BINDING, 0.25 },
		{ SENTKIND_TERMS, MODALITY_MENTION, 0.2 },
		{ SENTKIND_HEADING, MODALITY_BINDING, 0 },
		{ SENTKIND_CONTENTS, MODALITY_BINDING, 0 },
		{ SENTKIND_REFERENCE, MODALITY_HORTATORY, 0 },
		{ SENTKIND_ACKNOWLEDGEMENT, MODALITY_BINDING, 0 }
	};
	struct hit h;
	size_t i;

	memset(&h, 0, sizeof(h));
	for (i = 0; i < nitems(t); i++) {
		h.kind = t[i].kind;
		h.modality = t[i].modality;
		CHECK(NEAR(coverage_hit_weight(&h), t[i].want));
	}
}

/* One objective, min-rules 2, three support rules and a conflict. */
static const struct fx_area ex_areas[] = {
	{ "AA1", AREA_ACTION, "Area" }
};
static const struct fx_objective ex_objectives[] = {
	{ "AA1", "AA1.1", "Example", 2 }
};
static const struct fx_rule ex_rules[] = {
	SUPPORT("AA1.1", "a"), SUPPORT("AA1.1", "b"), SUPPORT("AA1.1", "c"),
	CONFLICT("AA1.1", "x", SEVERITY_ERROR)
};

/* A hit of rule id (a, b, c or x) in a sentence of the kind and modality. */
static void
ex_hit(struct hit *h, const struct ruleset *rs, const char *id,
    size_t start, enum sentkind kind, enum modality modality)
{
	fx_hit(h, rs, id, start, 1, 1, "m", "m.");
	h->kind = kind;
	h->modality = modality;
}

static struct docresult *
ex_run(const struct ruleset *rs, struct hit *h, size_t n)
{
	return coverage_compute(rs, "ex.txt", "", 100, h, n);
}

/* The man page's example: A 1 (its heading hit adds nothing), B 0.9,
   C 0.2 from a list of terms; 2.1 covers, 1.9 without C does not. */
static void
test_worked_example(void)
{
	struct ruleset *rs;
	struct docresult *dr;
	struct hit *h;

	rs = fx_ruleset(ex_areas, 1, ex_objectives, 1, ex_rules,
	    nitems(ex_rules));
	h = xcalloc(4, sizeof(*h));
	ex_hit(&h[0], rs, "AA1.1.a", 0, SENTKIND_STATEMENT, MODALITY_BINDING);
	ex_hit(&h[1], rs, "AA1.1.a", 10, SENTKIND_HEADING, MODALITY_BINDING);
	ex_hit(&h[2], rs, "AA1.1.b", 20, SENTKIND_STATEMENT,
	    MODALITY_HORTATORY);
	ex_hit(&h[3], rs, "AA1.1.c", 30, SENTKIND_TERMS, MODALITY_MENTION);
	dr = ex_run(rs, h, 4);
	CHECK(NEAR(dr->objectives[0].evidence, 2.1));
	CHECK_INT(dr->objectives[0].status, STATUS_COVERED);
	CHECK(NEAR(dr->objectives[0].score, 1));
	docresult_free(dr);

	h = xcalloc(3, sizeof(*h));
	ex_hit(&h[0], rs, "AA1.1.a", 0, SENTKIND_STATEMENT, MODALITY_BINDING);
	ex_hit(&h[1], rs, "AA1.1.a", 10, SENTKIND_HEADING, MODALITY_BINDING);
	ex_hit(&h[2], rs, "AA1.1.b", 20, SENTKIND_STATEMENT,
	    MODALITY_HORTATORY);
	dr = ex_run(rs, h, 3);
	CHECK(NEAR(dr->objectives[0].evidence, 1.9));
	CHECK_INT(dr->objectives[0].status, STATUS_PARTIAL);
	CHECK(NEAR(dr->objectives[0].score, 0.95));
	CHECK(NEAR(dr->overall, 0.95));
	docresult_free(dr);
	fx_ruleset_free(rs);
}

/* A rule counts its best hit once; listing kinds alone stay absent; an
   error-level conflict leaves the score alone. */
static void
test_strength(void)
{
	struct ruleset *rs;
	struct docresult *dr;
	struct hit *h;
	size_t i;

	rs = fx_ruleset(ex_areas, 1, ex_objectives, 1, ex_rules,
	    nitems(ex_rules));
	h = xcalloc(5, sizeof(*h));
	for (i = 0; i < 4; i++)
		ex_hit(&h[i], rs, "AA1.1.a", i * 10, SENTKIND_STATEMENT,
		    MODALITY_MENTION);
	ex_hit(&h[4], rs, "AA1.1.x", 50, SENTKIND_STATEMENT,
	    MODALITY_BINDING);
	dr = ex_run(rs, h, 5);
	CHECK(NEAR(dr->objectives[0].evidence, 0.8));	/* not 3.2 */
	CHECK_INT(dr->objectives[0].status, STATUS_PARTIAL);
	CHECK(NEAR(dr->objectives[0].score, 0.4));
	CHECK_INT(dr->objectives[0].conflicts_fired, 1);
	CHECK_INT(dr->conflicts, 1);
	CHECK_INT(dr->conflict_errors, 1);
	CHECK(NEAR(dr->overall, 0.4));
	docresult_free(dr);

	/* Headings, contents and terms: fired, but below the threshold. */
	h = xcalloc(3, sizeof(*h));
	ex_hit(&h[0], rs, "AA1.1.a", 0, SENTKIND_HEADING, MODALITY_BINDING);
	ex_hit(&h[1], rs, "AA1.1.b", 10, SENTKIND_CONTENTS, MODALITY_BINDING);
	ex_hit(&h[2], rs, "AA1.1.c", 20, SENTKIND_TERMS, MODALITY_MENTION);
	dr = ex_run(rs, h, 3);
	CHECK_INT(dr->objectives[0].rules_fired, 3);
	CHECK(NEAR(dr->objectives[0].evidence, 0.2));
	CHECK_INT(dr->objectives[0].status, STATUS_ABSENT);
	CHECK(NEAR(dr->objectives[0].score, 0));
	docresult_free(dr);

	/* A binding definition reaches the partial threshold exactly. */
	h = xcalloc(1, sizeof(*h));
	ex_hit(&h[0], rs, "AA1.1.a", 0, SENTKIND_DEFINITION,
	    MODALITY_BINDING);
	dr = ex_run(rs, h, 1);
	CHECK_INT(dr->objectives[0].status, STATUS_PARTIAL);
	CHECK(NEAR(dr->objectives[0].score, 0.125));
	docresult_free(dr);

	/* Mentions add up: three rules at 0.8 cover min-rules 2. */
	h = xcalloc(3, sizeof(*h));
	ex_hit(&h[0], rs, "AA1.1.a", 0, SENTKIND_STATEMENT, MODALITY_MENTION);
	ex_hit(&h[1], rs, "AA1.1.b", 10, SENTKIND_STATEMENT,
	    MODALITY_MENTION);
	ex_hit(&h[2], rs, "AA1.1.c", 20, SENTKIND_STATEMENT,
	    MODALITY_MENTION);
	dr = ex_run(rs, h, 3);
	CHECK_INT(dr->objectives[0].status, STATUS_COVERED);
	docresult_free(dr);
	fx_ruleset_free(rs);
}

int
main(void)
{
	test_document();
	test_empty();
	test_no_action_areas();
	test_error();
	test_helpers();
	test_weights();
	test_worked_example();
	test_strength();
	return CHECK_DONE();
}
