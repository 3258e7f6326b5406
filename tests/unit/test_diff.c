/*
 * test_diff.c -- diff.c: two docresults of one document to its change list.
 * Evidence is matched by rule and normalised sentence, so moved text is no
 * change; conflicts and score drops make a document worse.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "coverage.h"
#include "diff.h"
#include "fixture.h"
#include "util.h"

static const struct fx_area areas[] = {
	{ "AA1", AREA_ACTION, "Area one" },
	{ "AA2", AREA_ACTION, "Area two" }
};

static const struct fx_objective objectives[] = {
	{ "AA1", "AA1.1", "Networks", 2 },
	{ "AA2", "AA2.1", "Data", 1 }
};

static const struct fx_rule rules[] = {
	{ "AA1.1", "AA1.1.a", "Vendors", RULE_SUPPORT, SEVERITY_WARNING },
	{ "AA1.1", "AA1.1.b", "Open RAN", RULE_SUPPORT, SEVERITY_WARNING },
	{ "AA2.1", "AA2.1.a", "Flows", RULE_SUPPORT, SEVERITY_WARNING },
	{ "AA2.1", "AA2.1.x", "Localisation", RULE_CONFLICT, SEVERITY_ERROR }
};

/* One hit to give doc(): a rule, where, and the sentence, a binding
   statement (weight 1, coverage.h). */
struct h {
	const char	*rule;
	size_t		 start;
	unsigned	 line;
	const char	*sentence;
};

static struct docresult *
doc(const struct ruleset *rs, const struct h *v, size_t n)
{
	struct hit *hits;
	size_t i;

	hits = xcalloc(n + 1, sizeof(*hits));
	for (i = 0; i < n; i++) {
		fx_hit(&hits[i], rs, v[i].rule, v[i].start, v[i].line, 1,
		    "m", v[i].sentence);
		hits[i].modality = MODALITY_BINDING;
	}
	return coverage_compute(rs, "d.txt", "", 100, hits, n);
}

/* The same evidence moved to other lines, in other case and spacing, with
   a hit repeated in one sentence: nothing changed. */
static void
test_moved(const struct ruleset *rs)
{
	static const struct h a[] = {
		{ "AA1.1.a", 10, 1, "Buy from trusted vendors." },
		{ "AA1.1.b", 50, 3, "Pilot Open RAN now." }
	};
	static const struct h b[] = {
		{ "AA1.1.b", 5, 1, "pilot  open RAN\nnow." },
		{ "AA1.1.a", 80, 9, "Buy from trusted vendors." },
		{ "AA1.1.a", 95, 9, "Buy from trusted vendors." }
	};
	struct docresult *old = doc(rs, a, nitems(a)), *new = doc(rs, b,
	    nitems(b));
	struct diff_document *dd;

	dd = diff_documents("d.txt", old, new);
	CHECK_INT(dd->kind, DIFF_SAME);
	CHECK_INT(dd->nobjectives, 0);
	CHECK_INT(dd->worse, 0);
	diff_document_free(dd);
	docresult_free(old);
	docresult_free(new);
}

/* Evidence lost: the status and score drop, the document is worse. */
static void
test_lost(const struct ruleset *rs)
{
	static const struct h a[] = {
		{ "AA1.1.a", 10, 1, "Buy from trusted vendors." },
		{ "AA1.1.b", 50, 3, "Pilot Open RAN now." }
	};
	static const struct h b[] = {
		{ "AA1.1.a", 10, 1, "Buy from trusted vendors." },
		{ "AA2.1.a", 70, 5, "Data flows freely." }
	};
	struct docresult *old = doc(rs, a, nitems(a)), *new = doc(rs, b,
	    nitems(b));
	struct diff_document *dd;
	struct diff_objective *o;

	dd = diff_documents("d.txt", old, new);
	CHECK_INT(dd->kind, DIFF_CHANGED);
	CHECK_INT(dd->nobjectives, 2);
	CHECK_INT(dd->worse, 0);	/* overall 50% -> 75% */
	o = &dd->objectives[0];
	CHECK_STR(o->objective->id, "AA1.1");
	CHECK_INT(o->before, STATUS_COVERED);
	CHECK_INT(o->after, STATUS_PARTIAL);
	CHECK_INT(o->nlost, 1);
	CHECK_INT(o->ngained, 0);
	CHECK_STR(o->lost[0].rule->id, "AA1.1.b");
	CHECK_STR(o->lost[0].sentence, "Pilot Open RAN now.");
	CHECK_INT(o->lost[0].line, 3);
	o = &dd->objectives[1];
	CHECK_STR(o->objective->id, "AA2.1");
	CHECK_INT(o->ngained, 1);
	CHECK_INT(o->gained[0].line, 5);
	CHECK(diff_status_worse(STATUS_COVERED, STATUS_PARTIAL));
	CHECK(!diff_status_worse(STATUS_PARTIAL, STATUS_COVERED));
	CHECK(diff_status_worse(STATUS_PARTIAL, STATUS_ABSENT));
	diff_document_free(dd);
	/* The other way round, the document loses score: worse. */
	dd = diff_documents("d.txt", new, old);
	CHECK_INT(dd->worse, 1);
	CHECK_INT(dd->kind, DIFF_CHANGED);
	diff_document_free(dd);
	docresult_free(old);
	docresult_free(new);
}

/* A conflict appears: introduced, and the document is worse, though the
   objective keeps its status and score (conflicts stand beside coverage);
   removed the other way round, and not worse. */
static void
test_conflict(const struct ruleset *rs)
{
	static const struct h a[] = {
		{ "AA2.1.a", 10, 1, "Data flows freely." }
	};
	static const struct h b[] = {
		{ "AA2.1.a", 10, 1, "Data flows freely." },
		{ "AA2.1.x", 40, 2, "Data shall stay here." }
	};
	struct docresult *old = doc(rs, a, nitems(a)), *new = doc(rs, b,
	    nitems(b));
	struct docresult *empty, *lone;
	struct waiver waiver;
	struct diff_document *dd;

	memset(&waiver, 0, sizeof(waiver));
	dd = diff_documents("d.txt", old, new);
	CHECK_INT(dd->worse, 1);
	CHECK_INT(dd->nobjectives, 1);
	CHECK_INT(dd->objectives[0].nintroduced, 1);
	CHECK_STR(dd->objectives[0].introduced[0]->id, "AA2.1.x");
	CHECK_INT(dd->objectives[0].nremoved, 0);
	CHECK_INT(dd->objectives[0].ngained, 1);
	CHECK_INT(dd->objectives[0].before, STATUS_COVERED);
	CHECK_INT(dd->objectives[0].after, STATUS_COVERED);
	CHECK(dd->objectives[0].score_after == dd->objectives[0].score_before);
	CHECK(dd->overall_after == dd->overall_before);
	diff_document_free(dd);
	dd = diff_documents("d.txt", new, old);
	CHECK_INT(dd->worse, 0);
	CHECK_INT(dd->objectives[0].nremoved, 1);
	CHECK_INT(dd->objectives[0].nlost, 1);
	diff_document_free(dd);
	/* In a document that says nothing else, its hit waived: still
	   introduced, with its waiver, but the document is not worse (the
	   objective was absent, so no score drops either). */
	empty = doc(rs, NULL, 0);
	lone = doc(rs, &b[1], 1);
	lone->hits[0].waiver = &waiver;
	dd = diff_documents("d.txt", empty, lone);
	CHECK_INT(dd->worse, 0);
	CHECK_INT(dd->objectives[0].nintroduced, 1);
	CHECK(dd->objectives[0].waived[0] == &waiver);
	diff_document_free(dd);
	lone->hits[0].waiver = NULL;
	dd = diff_documents("d.txt", empty, lone);
	CHECK_INT(dd->worse, 1);
	CHECK(dd->objectives[0].waived[0] == NULL);
	diff_document_free(dd);
	docresult_free(empty);
	docresult_free(lone);
	/* Added with a conflict: worse, its conflict introduced. */
	dd = diff_documents("n.txt", NULL, new);
	CHECK_INT(dd->kind, DIFF_ADDED);
	CHECK_INT(dd->worse, 1);
	CHECK_INT(dd->nobjectives, 1);
	CHECK_INT(dd->objectives[0].ngained, 0);
	diff_document_free(dd);
	/* Removed: nothing listed, not worse. */
	dd = diff_documents("o.txt", new, NULL);
	CHECK_INT(dd->kind, DIFF_REMOVED);
	CHECK_INT(dd->worse, 0);
	CHECK_INT(dd->nobjectives, 0);
	diff_document_free(dd);
	docresult_free(old);
	docresult_free(new);
}

/* A score drop alone makes a document worse. */
static void
test_drop(const struct ruleset *rs)
{
	static const struct h a[] = {
		{ "AA2.1.a", 10, 1, "Data flows freely." }
	};
	struct docresult *old = doc(rs, a, nitems(a)), *new = doc(rs, NULL,
	    0);
	struct docresult *bad = coverage_error("d.txt", "", "unreadable");
	struct diff_document *dd;

	dd = diff_documents("d.txt", old, new);
	CHECK_INT(dd->worse, 1);
	CHECK_INT(dd->objectives[0].after, STATUS_ABSENT);
	CHECK_INT(dd->objectives[0].nlost, 1);
	diff_document_free(dd);
	dd = diff_documents("d.txt", old, bad);
	CHECK_INT(dd->kind, DIFF_ERROR);
	CHECK_STR(dd->error, "unreadable");
	CHECK_STR(diff_kind_name(dd->kind), "error");
	diff_document_free(dd);
	docresult_free(old);
	docresult_free(new);
	docresult_free(bad);
}

int
main(void)
{
	struct ruleset *rs;

	rs = fx_ruleset(areas, nitems(areas), objectives, nitems(objectives),
	    rules, nitems(rules));
	test_moved(rs);
	test_lost(rs);
	test_conflict(rs);
	test_drop(rs);
	fx_ruleset_free(rs);
	return CHECK_DONE();
}
