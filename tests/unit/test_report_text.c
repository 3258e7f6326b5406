/*
 * test_report_text.c -- the text writer byte for byte, the shortening of
 * long quotes between words, -v, the helpers every writer shares (percentages, the time
 * stamp from SOURCE_DATE_EPOCH) and write errors reaching report_close.
 */
#include "config.h"

#include <libxml/xmlstring.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "report_fixture.h"
#include "report_int.h"

#define FFFD "\xef\xbf\xbd"
#define DASH "\xe2\x80\x94"

static const char expected_text[] =
    RF_PATH1 ": overall 27.5% (AA1 0.0%, AA2 55.0%; principles 50.0%), "
	"1 conflict, 4 gaps, 4,321 words, language en (en 80%, fr 20%) "
	"(not-policy-text)\n"
    RF_PATH1 ": warning: " RF_WARNING "\n"
    RF_PATH1 ": P1 Principle one " DASH " partial 50.0%: 1 of 2 required "
	"rules fired in 1 sentence: 1 binding; evidence 1.00 of 2\n"
    "    best: p. 3 [P1.a, binding statement, en] \"In" RF_MATCH1
	"we meet.\"\n"
    "    needs all 2 of its rules; none of: P1 b\n"
    RF_PATH1 ": AA1.1 Free flow of data " DASH " absent 0.0%: 0 of 1 "
	"required rule fired; evidence 0.00 of 1\n"
    "    needs its one rule; none of: Data flows\n"
    RF_PATH1 ":2:5: conflict: AA1.1 Data localisation mandate [AA1.1.x]\n"
    "    \"We will require data, \"localisation\" of all records.\"\n"
    RF_PATH1 ": AA1.2 Many \"rules\", one objective " DASH " absent 0.0%: "
	"0 of 2 required rules fired; evidence 0.00 of 2\n"
    "    needs 2 of its 4 rules; none of: R1; R2; R3; R4\n"
    RF_PATH1 ": AA2.1 Rights online " DASH " partial 55.0%: 2 of 2 "
	"required rules fired in 2 sentences: 1 hortatory; 1 terms; "
	"evidence 1.10 of 2\n"
    "    best: line 3 [AA2.1.a, hortatory statement, fr] \"rights" FFFD
	" here.\"\n"
    "    needs all 2 of its rules; only weak evidence for: Rights a "
	"(hortatory statement); Rights b (mention terms)\n"
    "missing.pdf: error: " RF_ERROR "\n"
    "ctl" FFFD "name.txt: overall 0.0% (AA1 0.0%, AA2 0.0%; "
	"principles 0.0%), 0 conflicts, 4 gaps, 0 words, language und\n"
    "ctl" FFFD "name.txt: P1 Principle one " DASH " absent 0.0%: 0 of 2 "
	"required rules fired; evidence 0.00 of 2\n"
    "    needs all 2 of its rules; none of: P1 a; P1 b\n"
    "ctl" FFFD "name.txt: AA1.1 Free flow of data " DASH " absent 0.0%: "
	"0 of 1 required rule fired; evidence 0.00 of 1\n"
    "    needs its one rule; none of: Data flows\n"
    "ctl" FFFD "name.txt: AA1.2 Many \"rules\", one objective " DASH
	" absent 0.0%: 0 of 2 required rules fired; evidence 0.00 of 2\n"
    "    needs 2 of its 4 rules; none of: R1; R2; R3; R4\n"
    "ctl" FFFD "name.txt: AA2.1 Rights online " DASH " absent 0.0%: "
	"0 of 2 required rules fired; evidence 0.00 of 2\n"
    "    needs all 2 of its rules; none of: Rights a; Rights b\n"
    RF_PATH4 ": unsupported-language: " RF_NOVERDICT ", 120 words\n"
    "total: 4 documents, 1 error, 1 without verdict (language), "
	"mean overall 13.8%\n";

static void
test_text(const struct ruleset *rs)
{
	char *a;
	size_t alen;

	CHECK(rf_render_twice(FORMAT_TEXT, rs, &a, &alen));
	CHECK_STR(a, expected_text);
	CHECK_INT(alen, strlen(expected_text));
	free(a);

	/* The document level keeps the summaries, errors and warnings. */
	a = rf_render(FORMAT_TEXT, rs, LEVEL_DOCUMENT, 0, &alen);
	CHECK(strstr(a, " absent 0.0%") == NULL);
	CHECK(strstr(a, "    best: ") == NULL);
	CHECK(strstr(a, "missing.pdf: error: ") != NULL);
	CHECK(strstr(a, "4,321 words, language en (en 80%, fr 20%) "
	    "(not-policy-text)\n") != NULL);
	CHECK(strstr(a, RF_PATH4 ": unsupported-language: ") != NULL);
	free(a);
}

/* One document with one hit of rule id in sentence, as text with info. */
static char *
render_one(const struct ruleset *rs, const char *id, const char *match,
    const char *sentence, int verbose)
{
	struct report_info info;
	struct docresult *dr;
	struct report *r;
	struct hit *h;
	char *buf = NULL;
	size_t len;
	FILE *fp;

	h = xcalloc(1, sizeof(*h));
	fx_hit(h, rs, id, 300, 1, 201, match, sentence);
	dr = coverage_compute(rs, "long.txt", "", 200, h, 1);
	memset(&info, 0, sizeof(info));
	info.ruleset = rs;
	info.verbose = verbose;
	fp = open_memstream(&buf, &len);
	r = report_open(FORMAT_TEXT, fp, &info);
	report_document(r, dr);
	CHECK_INT(report_close(r), 0);
	fclose(fp);
	docresult_free(dr);
	return buf;
}

/* The quoted part of the line after the one starting with prefix, up to
   its closing quote; caller frees. */
static char *
quote_after(const char *buf, const char *prefix)
{
	const char *q, *eol;

	if ((q = strstr(buf, prefix)) == NULL ||
	    (q = strchr(q, '\n')) == NULL || (q = strchr(q, '"')) == NULL)
		return NULL;
	q++;
	if ((eol = strchr(q, '\n')) == NULL || eol - q < 1)
		return NULL;
	return xstrndup(q, (size_t)(eol - q - 1));
}

/* A long sentence is cut around the match between words, never inside
   one, and the result is valid UTF-8. */
static void
test_quote(const struct ruleset *rs)
{
	struct strbuf sb = { NULL, 0, 0 };
	char *buf, *q;
	size_t i, n;

	for (i = 0; i < 40; i++)
		strbuf_adds(&sb, "\xc3\xa9t\xc3\xa9 ");
	strbuf_adds(&sb, "we mandate data localisation now ");
	for (i = 0; i < 40; i++)
		strbuf_adds(&sb, "\xc3\xa9t\xc3\xa9 ");
	buf = render_one(rs, "AA1.1.x", "data\nlocalisation", sb.s, 0);
	q = quote_after(buf, ": conflict: ");
	CHECK(q != NULL);
	if (q != NULL) {
		n = strlen(q);
		CHECK(n <= 130 && n >= 90);
		/* Whole words at both cuts: "...été ... été..." */
		CHECK(strncmp(q, "...\xc3\xa9t\xc3\xa9 ", 9) == 0);
		CHECK(n > 9 && strcmp(q + n - 9, " \xc3\xa9t\xc3\xa9...") == 0);
		CHECK(strstr(q, "we mandate data localisation now") != NULL);
		CHECK(xmlCheckUTF8((const xmlChar *)q));
	}
	free(q);
	free(buf);

	/* No space to cut at: between characters, still valid UTF-8. */
	sb.len = 0;
	for (i = 0; i < 100; i++)
		strbuf_adds(&sb, "\xc3\xa9");
	strbuf_adds(&sb, "localisation");
	for (i = 0; i < 100; i++)
		strbuf_adds(&sb, "\xc3\xa9");
	buf = render_one(rs, "AA1.1.x", "localisation", sb.s, 0);
	q = quote_after(buf, ": conflict: ");
	CHECK(q != NULL && strstr(q, "localisation") != NULL);
	CHECK(q != NULL && xmlCheckUTF8((const xmlChar *)q));
	free(q);
	free(buf);
	strbuf_free(&sb);
}

/* -v lists every support hit with its weight; the default only the best. */
static void
test_verbose(const struct ruleset *rs)
{
	char *buf;

	buf = render_one(rs, "P1.a", "rights", "We respect rights.", 1);
	CHECK(strstr(buf, "\n    best: line 1 [P1.a, mention statement] "
	    "\"We respect rights.\"\n") != NULL);
	CHECK(strstr(buf, "\n    hit: line 1 [P1.a, mention statement, "
	    "weight 0.80] \"We respect rights.\"\n") != NULL);
	CHECK(strstr(buf, "partial 40.0%: 1 of 2 required rules fired in 1 "
	    "sentence: 1 mention; evidence 0.80 of 2\n") != NULL);
	free(buf);
	buf = render_one(rs, "P1.a", "rights", "We respect rights.", 0);
	CHECK(strstr(buf, "    hit: ") == NULL);
	CHECK(strstr(buf, "    best: ") != NULL);
	free(buf);
}

/* More rules fired than needed: said so, not "3 of 2". */
static void
test_more_than_needed(const struct ruleset *rs)
{
	struct report_info info;
	struct docresult *dr;
	struct report *r;
	struct hit *h;
	char *buf = NULL;
	size_t len;
	FILE *fp;

	h = xcalloc(3, sizeof(*h));
	fx_hit(&h[0], rs, "AA1.2.r1", 0, 1, 1, "a", "a b.");
	fx_hit(&h[1], rs, "AA1.2.r2", 2, 1, 3, "b", "a b.");
	fx_hit(&h[2], rs, "AA1.2.r3", 10, 2, 1, "c", "c.");
	dr = coverage_compute(rs, "m.txt", "", 10, h, 3);
	memset(&info, 0, sizeof(info));
	info.ruleset = rs;
	fp = open_memstream(&buf, &len);
	r = report_open(FORMAT_TEXT, fp, &info);
	report_document(r, dr);
	CHECK_INT(report_close(r), 0);
	fclose(fp);
	CHECK(strstr(buf, " covered 100.0%: 3 rules fired (2 required) in 2 "
	    "sentences: 2 mention; evidence 2.40 of 2\n") != NULL);
	free(buf);
	docresult_free(dr);
}

static void
test_percent(void)
{
	static const struct {
		double		 v;
		const char	*want;
	} t[] = {
		{ 0.425, "42.5" }, { 1, "100.0" }, { 0, "0.0" },
		{ 0.5, "50.0" }, { 2.0 / 3, "66.7" }, { 1.0 / 3, "33.3" },
		{ 0.0005, "0.1" }, { 0.00049, "0.0" }, { -0.425, "-42.5" },
		{ 0.9995, "100.0" }, { 0.9994, "99.9" }, { 0.125, "12.5" },
		{ 0.3125, "31.3" }, { 0.1 + 0.2, "30.0" }, { -0.0001, "0.0" },
		/* Exact halves that binary floating point stores below. */
		{ 23.0 / 80, "28.8" }, { 41.0 / 80, "51.3" },
		{ 29.0 / 400, "7.3" }
	};
	char buf[16];
	size_t i;

	for (i = 0; i < nitems(t); i++) {
		report_percent(t[i].v, buf);
		CHECK_STR(buf, t[i].want);
	}
}

static void
test_timestamp(void)
{
	static const char *const bad[] = {
		"", "12x", "-5", " 5", "1.5", "0x10",
		"99999999999999999999999999"
	};
	time_t now;
	size_t i;
	char buf[32];

	setenv("SOURCE_DATE_EPOCH", RF_EPOCH, 1);
	CHECK_INT(report_timestamp(), 1714953600);
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	CHECK_INT(report_timestamp(), 0);
	for (i = 0; i < nitems(bad); i++) {
		setenv("SOURCE_DATE_EPOCH", bad[i], 1);
		now = time(NULL);
		CHECK(report_timestamp() >= now);
	}
	unsetenv("SOURCE_DATE_EPOCH");
	now = time(NULL);
	CHECK(report_timestamp() >= now);
	report_iso8601(1714953600, buf);
	CHECK_STR(buf, RF_WHEN);
}

/* A full disk must turn into report_close() == -1, for every writer. */
static void
test_write_error(const struct ruleset *rs)
{
	static const enum report_format formats[] = {
		FORMAT_TEXT, FORMAT_CSV, FORMAT_XML
	};
	struct docresult *docs[RF_NDOCS];
	struct report_info info;
	struct report *r;
	FILE *fp;
	size_t i, j;

	memset(&info, 0, sizeof(info));
	info.ruleset = rs;
	for (i = 0; i < nitems(formats); i++) {
		if ((fp = fopen("/dev/full", "w")) == NULL)
			return;
		rf_docs(rs, docs);
		r = report_open(formats[i], fp, &info);
		for (j = 0; j < RF_NDOCS; j++)
			report_document(r, docs[j]);
		CHECK_INT(report_close(r), -1);
		fclose(fp);
		rf_docs_free(docs);
	}
}

int
main(void)
{
	struct ruleset *rs = rf_ruleset();

	test_text(rs);
	test_quote(rs);
	test_verbose(rs);
	test_more_than_needed(rs);
	test_percent();
	test_timestamp();
	test_write_error(rs);
	fx_ruleset_free(rs);
	return CHECK_DONE();
}
