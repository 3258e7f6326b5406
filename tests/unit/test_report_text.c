/*
 * test_report_text.c -- the text writer byte for byte, the shortening of
 * long quotes, the helpers every writer shares (percentages, the time
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
    RF_PATH1 ": overall 50.0% (AA1 0.0%, AA2 100.0%; principles 50.0%), "
	"1 conflict, 2 gaps, 4,321 words\n"
    RF_PATH1 ": warning: " RF_WARNING "\n"
    RF_PATH1 ":2:5: conflict: AA1.1 Data localisation mandate [AA1.1.x]\n"
    "    We will require data, \"localisation\" of all records.\n"
    RF_PATH1 ": gap: P1 Principle one " DASH " partial (1 of 2 rules); "
	"also: P1 b\n"
    RF_PATH1 ": gap: AA1.2 Many \"rules\", one objective " DASH " absent; "
	"would be satisfied by: R1; R2; R3 and 1 more\n"
    "missing.pdf: error: " RF_ERROR "\n"
    "ctl" FFFD "name.txt: overall 0.0% (AA1 0.0%, AA2 0.0%; "
	"principles 0.0%), 0 conflicts, 4 gaps, 0 words\n"
    "ctl" FFFD "name.txt: gap: P1 Principle one " DASH " absent; "
	"would be satisfied by: P1 a; P1 b\n"
    "ctl" FFFD "name.txt: gap: AA1.1 Free flow of data " DASH " absent; "
	"would be satisfied by: Data flows\n"
    "ctl" FFFD "name.txt: gap: AA1.2 Many \"rules\", one objective " DASH
	" absent; would be satisfied by: R1; R2; R3 and 1 more\n"
    "ctl" FFFD "name.txt: gap: AA2.1 Rights online " DASH " absent; "
	"would be satisfied by: Rights a; Rights b\n"
    "total: 3 documents, 1 error, mean overall 25.0%\n";

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
	CHECK(strstr(a, ": gap: ") == NULL);
	CHECK(strstr(a, "missing.pdf: error: ") != NULL);
	CHECK(strstr(a, "4,321 words\n") != NULL);
	free(a);
}

/* A long sentence is cut around the match, on character boundaries. */
static void
test_quote(const struct ruleset *rs)
{
	struct report_info info;
	struct docresult *dr;
	struct strbuf sb = { NULL, 0, 0 };
	struct report *r;
	struct hit *h;
	char *buf = NULL, *q, *eol, *line;
	size_t len, i;
	FILE *fp;

	for (i = 0; i < 40; i++)
		strbuf_adds(&sb, "\xc3\xa9t\xc3\xa9 ");
	strbuf_adds(&sb, "we mandate data localisation now ");
	for (i = 0; i < 40; i++)
		strbuf_adds(&sb, "\xc3\xa9t\xc3\xa9 ");
	h = xcalloc(1, sizeof(*h));
	fx_hit(h, rs, "AA1.1.x", 300, 1, 201, "data\nlocalisation", sb.s);
	dr = coverage_compute(rs, "long.txt", "", 200, h, 1);
	memset(&info, 0, sizeof(info));
	info.ruleset = rs;
	fp = open_memstream(&buf, &len);
	r = report_open(FORMAT_TEXT, fp, &info);
	report_document(r, dr);
	CHECK_INT(report_close(r), 0);
	fclose(fp);
	q = strstr(buf, "\n    ...");
	CHECK(q != NULL);
	if (q != NULL) {
		q += 5;
		eol = strchr(q, '\n');
		CHECK(eol != NULL && eol - q <= 130 && eol - q >= 100);
		CHECK(eol != NULL && strncmp(eol - 3, "...", 3) == 0);
		CHECK(strstr(q, "we mandate data localisation now") < eol);
		/* Cut between characters: still valid UTF-8. */
		line = xstrndup(q, eol != NULL ? (size_t)(eol - q) : 0);
		CHECK(xmlCheckUTF8((const xmlChar *)line));
		free(line);
	}
	free(buf);
	strbuf_free(&sb);
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
	test_percent();
	test_timestamp();
	test_write_error(rs);
	fx_ruleset_free(rs);
	return CHECK_DONE();
}
