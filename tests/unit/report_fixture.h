/*
 * report_fixture.h -- the documents every report test writes: one scored
 * document whose strings need quoting and escaping, one that could not be
 * read, and one with a control character in its path and no hits.
 */
#ifndef PALINT_REPORT_FIXTURE_H
#define PALINT_REPORT_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "fixture.h"
#include "report.h"
#include "util.h"

#define RF_NDOCS	4
#define RF_PATH1	"dir/a,b \"q\".txt"
#define RF_PATH3	"ctl\001name.txt"
#define RF_PATH4	"fr.txt"
#define RF_NOVERDICT	\
	"language fr (French) is not covered by the rules (en); no verdict"
#define RF_ERROR	"missing.pdf: No such file or directory"
#define RF_WARNING	" leading space warning, with comma"
#define RF_MATCH1	" Z\xc3\xbcrich \xe2\x80\x94 caf\xc3\xa9 "
#define RF_SECTION2	"2 Goals > 2.3 Cooperation"
#define RF_SENTENCE2	\
	"We will require data, \"localisation\"\nof all records."
#define RF_SHA		\
	"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
#define RF_EPOCH	"1714953600"
#define RF_WHEN		"2024-05-06T00:00:00Z"

static const struct fx_area rf_areas[] = {
	{ "P", AREA_PRINCIPLE, "Principles" },
	{ "AA1", AREA_ACTION, "Build & protect" },
	{ "AA2", AREA_ACTION, "Align rights" }
};

static const struct fx_objective rf_objectives[] = {
	{ "P", "P1", "Principle one", 2 },
	{ "AA1", "AA1.1", "Free flow of data", 1 },
	{ "AA1", "AA1.2", "Many \"rules\", one objective", 2 },
	{ "AA2", "AA2.1", "Rights online", 2 }
};

static const struct fx_rule rf_rules[] = {
	{ "P1", "P1.a", "P1 a", RULE_SUPPORT, SEVERITY_WARNING },
	{ "P1", "P1.b", "P1 b", RULE_SUPPORT, SEVERITY_WARNING },
	{ "AA1.1", "AA1.1.a", "Data flows", RULE_SUPPORT, SEVERITY_WARNING },
	{ "AA1.1", "AA1.1.x", "Data localisation mandate", RULE_CONFLICT,
	  SEVERITY_ERROR },
	{ "AA1.2", "AA1.2.r1", "R1", RULE_SUPPORT, SEVERITY_WARNING },
	{ "AA1.2", "AA1.2.r2", "R2", RULE_SUPPORT, SEVERITY_WARNING },
	{ "AA1.2", "AA1.2.r3", "R3", RULE_SUPPORT, SEVERITY_WARNING },
	{ "AA1.2", "AA1.2.r4", "R4", RULE_SUPPORT, SEVERITY_WARNING },
	{ "AA2.1", "AA2.1.a", "Rights a", RULE_SUPPORT, SEVERITY_WARNING },
	{ "AA2.1", "AA2.1.b", "Rights b", RULE_SUPPORT, SEVERITY_WARNING }
};

static struct ruleset *
rf_ruleset(void)
{
	return fx_ruleset(rf_areas, nitems(rf_areas), rf_objectives,
	    nitems(rf_objectives), rf_rules, nitems(rf_rules));
}

static struct docresult *
rf_scored(const struct ruleset *rs)
{
	struct docresult *dr;
	struct hit *h;

	h = xcalloc(4, sizeof(*h));
	fx_hit(&h[0], rs, "P1.a", 0, 1, 1, RF_MATCH1,
	    "In" RF_MATCH1 "we meet.");
	h[0].page = 3;
	h[0].modality = MODALITY_BINDING;
	fx_hit(&h[1], rs, "AA1.1.x", 40, 2, 5, "data, \"localisation\"",
	    RF_SENTENCE2);
	h[1].section = xstrdup(RF_SECTION2);
	fx_hit(&h[2], rs, "AA2.1.a", 90, 3, 1, "rights\v", "rights\v here.");
	h[2].modality = MODALITY_HORTATORY;
	fx_hit(&h[3], rs, "AA2.1.b", 95, 3, 6, "b", "b.");
	h[3].kind = SENTKIND_TERMS;
	/* Read in English but for one French paragraph. */
	strcpy(h[0].lang, "en");
	strcpy(h[1].lang, "en");
	strcpy(h[2].lang, "fr");
	strcpy(h[3].lang, "en");
	dr = coverage_compute(rs, RF_PATH1, RF_SHA, 4321, h, 4);
	docresult_add_warning(dr, RF_WARNING);
	strcpy(dr->language, "en");
	dr->mix = xcalloc(2, sizeof(*dr->mix));
	dr->nmix = 2;
	strcpy(dr->mix[0].code, "en");
	dr->mix[0].share = 0.8;
	strcpy(dr->mix[1].code, "fr");
	dr->mix[1].share = 0.2;
	dr->flags = DOCFLAG_NOT_POLICY;
	return dr;
}

static void
rf_docs(const struct ruleset *rs, struct docresult *docs[RF_NDOCS])
{
	docs[0] = rf_scored(rs);
	docs[1] = coverage_error("missing.pdf", "", RF_ERROR);
	docs[2] = coverage_compute(rs, RF_PATH3, "", 0, NULL, 0);
	strcpy(docs[2]->language, "und");
	docs[3] = coverage_no_verdict(RF_PATH4, RF_SHA, 120, RF_NOVERDICT);
	strcpy(docs[3]->language, "fr");
}

static void
rf_docs_free(struct docresult *docs[RF_NDOCS])
{
	size_t i;

	for (i = 0; i < RF_NDOCS; i++)
		docresult_free(docs[i]);
}

/* The report of the fixture documents, written to memory. */
static char *
rf_render(enum report_format format, const struct ruleset *rs,
    enum report_level level, int evidence, size_t *len)
{
	struct docresult *docs[RF_NDOCS];
	struct report_info info;
	struct report *r;
	char *buf = NULL;
	FILE *fp;
	size_t i;

	if ((fp = open_memstream(&buf, len)) == NULL)
		fatal("open_memstream failed");
	setenv("SOURCE_DATE_EPOCH", RF_EPOCH, 1);
	memset(&info, 0, sizeof(info));
	info.ruleset = rs;
	info.generated = report_timestamp();
	info.level = level;
	info.evidence = evidence;
	rf_docs(rs, docs);
	r = report_open(format, fp, &info);
	for (i = 0; i < RF_NDOCS; i++)
		report_document(r, docs[i]);
	if (report_close(r) != 0)
		fatal("report_close failed");
	fclose(fp);
	rf_docs_free(docs);
	return buf;
}

/* The objective-level report rendered twice: 1 when both are the same
   bytes, as a report must be.  The first rendering in *buf (caller frees)
   and *len. */
static int
rf_render_twice(enum report_format format, const struct ruleset *rs,
    char **buf, size_t *len)
{
	char *again;
	size_t n;
	int same;

	*buf = rf_render(format, rs, LEVEL_OBJECTIVE, 0, len);
	again = rf_render(format, rs, LEVEL_OBJECTIVE, 0, &n);
	same = *len == n && memcmp(*buf, again, n) == 0;
	free(again);
	return same;
}

#endif
