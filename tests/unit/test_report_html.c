/*
 * test_report_html.c -- the HTML writer: the fixture documents' page is
 * parsed by libxml2's HTML parser and checked with XPath (lang, a strict
 * Content-Security-Policy whose hashes are those of the inline style and
 * script, one row and one section per document, the verdicts of the
 * heatmap, <mark> around each match, table headers with a scope, headings
 * in order); documents whose path, sentence and match are markup, event
 * handlers and javascript: URLs must appear as text only; the bytes do not
 * depend on the level nor on the run, and a failed write is reported.
 */
#include "config.h"

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report_fixture.h"

#define FFFD "\xef\xbf\xbd"
#define EVIL_PATH "<script>alert(1)</script>\"onerror=alert(2).txt"
#define EVIL_SENTENCE \
	"Click <a href=\"javascript:alert(3)\" onclick=\"x()\">here</a> " \
	"for data flows <img src=x onerror=alert(4)>."
#define EVIL_MATCH "<a href=\"javascript:alert(3)\""

static htmlDocPtr
parse(const char *buf, size_t len)
{
	return htmlReadMemory(buf, (int)len, "report.html", "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
}

/* The string value of an XPath expression. */
static char *
xpath(htmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr obj;
	xmlChar *s;
	char *r;

	ctx = xmlXPathNewContext(doc);
	obj = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	s = obj != NULL ? xmlXPathCastToString(obj) : NULL;
	r = xstrdup(s != NULL ? (const char *)s : "(error)");
	xmlFree(s);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	return r;
}

#define CHECK_XPATH(doc, expr, want) do {				\
	char *xp_ = xpath((doc), (expr));				\
	CHECK_STR(xp_, (want));						\
	free(xp_);							\
} while (0)

/* "'sha256-BASE64'" of s, as a CSP source. */
static char *
csp_source(const char *s)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct strbuf sb = { NULL, 0, 0 };
	unsigned char d[33] = { 0 };
	char hex[65];
	unsigned v, i;

	sha256_hex(s, strlen(s), hex);
	for (i = 0; i < 32; i++) {
		sscanf(hex + 2 * i, "%2x", &v);
		d[i] = (unsigned char)v;
	}
	strbuf_adds(&sb, "'sha256-");
	for (i = 0; i < 33; i += 3) {
		v = (unsigned)d[i] << 16 | (unsigned)d[i + 1] << 8 | d[i + 2];
		strbuf_addc(&sb, b64[v >> 18 & 63]);
		strbuf_addc(&sb, b64[v >> 12 & 63]);
		strbuf_addc(&sb, b64[v >> 6 & 63]);
		strbuf_addc(&sb, i == 30 ? '=' : b64[v & 63]);
	}
	strbuf_addc(&sb, '\'');
	return strbuf_take(&sb);
}

static void
test_csp(htmlDocPtr doc)
{
	char *policy, *style, *script, *hs, *hj;

	policy = xpath(doc,
	    "//meta[@http-equiv='Content-Security-Policy']/@content");
	style = xpath(doc, "/html/head/style");
	script = xpath(doc, "//script");
	hs = csp_source(style);
	hj = csp_source(script);
	CHECK(strncmp(policy, "default-src 'none'; ", 20) == 0);
	CHECK(strstr(policy, "style-src ") != NULL &&
	    strstr(strstr(policy, "style-src "), hs) != NULL);
	CHECK(strstr(policy, "script-src ") != NULL &&
	    strstr(strstr(policy, "script-src "), hj) != NULL);
	CHECK(strstr(policy, "unsafe") == NULL);
	CHECK(strstr(policy, "base-uri 'none'") != NULL);
	CHECK(strlen(style) > 1000 && strstr(style, "@media print") != NULL);
	CHECK(strstr(style, "print-color-adjust:exact") != NULL);
	CHECK(strstr(style, ".doc+.doc{break-before:page}") != NULL);
	CHECK(strstr(style, "position:static") != NULL);
	CHECK(strstr(script, "data-overall") != NULL);
	free(policy);
	free(style);
	free(script);
	free(hs);
	free(hj);
}

/* Heading levels never skip one on the way down, and h1 comes first. */
static void
test_headings(htmlDocPtr doc)
{
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr obj;
	xmlNodePtr n;
	int i, level, prev = 0, bad = 0;

	ctx = xmlXPathNewContext(doc);
	obj = xmlXPathEvalExpression((const xmlChar *)
	    "//h1|//h2|//h3|//h4|//h5|//h6", ctx);
	CHECK(obj != NULL && obj->nodesetval != NULL &&
	    obj->nodesetval->nodeNr > 6);
	for (i = 0; obj != NULL && obj->nodesetval != NULL &&
	    i < obj->nodesetval->nodeNr; i++) {
		n = obj->nodesetval->nodeTab[i];
		level = n->name[1] - '0';
		if (level > prev + 1)
			bad++;
		prev = level;
	}
	CHECK_INT(bad, 0);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
}

static void
test_page(const struct ruleset *rs)
{
	htmlDocPtr doc;
	char *buf;
	size_t len;

	buf = rf_render(FORMAT_HTML, rs, LEVEL_OBJECTIVE, 0, &len);
	CHECK(strncmp(buf, "<!DOCTYPE html>\n", 16) == 0);
	if ((doc = parse(buf, len)) == NULL) {
		CHECK(!"the page parses");
		free(buf);
		return;
	}
	CHECK_XPATH(doc, "string(/html/@lang)", "en");
	CHECK_XPATH(doc, "//meta/@charset", "utf-8");
	test_csp(doc);
	test_headings(doc);
	CHECK_XPATH(doc, "count(//script)", "1");
	CHECK_XPATH(doc, "count(//th[not(@scope)])", "0");
	CHECK_XPATH(doc, "count(//@href[not(starts-with(., '#'))])", "0");
	CHECK_XPATH(doc, "/html/head/title",
	    "Policy alignment report: Test \"rules\" & <more>");
	CHECK_XPATH(doc, "//time/@datetime", RF_WHEN);
	/* The heatmap: objectives as columns, one row per document. */
	CHECK_XPATH(doc, "count(//table[@id='heatmap']/thead/tr[2]/th)", "4");
	CHECK_XPATH(doc, "//table[@id='heatmap']/thead/tr[2]/th[3]/abbr/@title",
	    "Many \"rules\", one objective");
	CHECK_XPATH(doc, "count(//table[@id='heatmap']/tbody/tr)", "4");
	CHECK_XPATH(doc, "//tr[@id='row-1']/th/a", RF_PATH1);
	CHECK_XPATH(doc, "//tr[@id='row-1']/th/a/@href", "#doc-1");
	CHECK_XPATH(doc, "//tr[@id='row-1']/@data-overall", "27.5");
	CHECK_XPATH(doc, "//tr[@id='row-2']/@data-overall", "-1");
	CHECK_XPATH(doc, "//tr[@id='row-3']/th/a", "ctl" FFFD "name.txt");
	/* P1 partial, AA1.1 absent with a conflict, AA1.2 absent, AA2.1
	   partial (evidence 1.1 of 2). */
	CHECK_XPATH(doc, "//tr[@id='row-1']/td[6]/@class", "partial");
	CHECK_XPATH(doc, "//tr[@id='row-1']/td[7]/@class", "absent");
	CHECK_XPATH(doc, "//tr[@id='row-1']/td[7]/@data-conflict", "error");
	CHECK_XPATH(doc, "normalize-space(//tr[@id='row-1']/td[7])",
	    "\xe2\x97\x8b 0 absent \xe2\x9c\x96 contradicted (error)");
	CHECK_XPATH(doc, "count(//tr/td[@data-conflict])", "1");
	CHECK_XPATH(doc, "//tr[@id='row-1']/td[8]/@class", "absent");
	CHECK_XPATH(doc, "//tr[@id='row-1']/td[9]/@class", "partial");
	CHECK_XPATH(doc, "normalize-space(//tr[@id='row-1']/td[9])",
	    "\xe2\x97\x90 55 partial");
	CHECK_XPATH(doc, "count(//tr[@id='row-3']/td[@class='absent'])", "4");
	CHECK_XPATH(doc,
	    "normalize-space(//tr[@id='row-2']/td[@class='error'])",
	    "Error: " RF_ERROR);
	CHECK_XPATH(doc, "//tr[@id='row-1']/td[5]", "1");	/* warnings */
	/* The document sections. */
	CHECK_XPATH(doc, "count(//article)", "4");
	/* The document without verdict: its reason, no scores. */
	CHECK_XPATH(doc, "//tr[@id='row-4']/@data-overall", "-1");
	CHECK_XPATH(doc, "count(//tr[@id='row-4']/td)", "1");
	CHECK_XPATH(doc,
	    "normalize-space(//tr[@id='row-4']/td[@class='error'])",
	    "No verdict: " RF_NOVERDICT);
	CHECK_XPATH(doc, "normalize-space(//article[@id='doc-4']/p[@class="
	    "'error'])", "No verdict (unsupported-language): " RF_NOVERDICT);
	CHECK_XPATH(doc, "count(//article[@id='doc-1']//table[@class='areas']"
	    "/tbody/tr)", "3");
	CHECK_XPATH(doc, "count(//article[@id='doc-1']//table[@class='areas']"
	    "//svg)", "3");
	CHECK_XPATH(doc, "count(//article[@id='doc-1']//table[@class='gaps']"
	    "/tbody/tr)", "4");
	CHECK_XPATH(doc, "//article[@id='doc-1']//table[@class='gaps']"
	    "/tbody/tr[3]/td[2]//li[1]", "R1 AA1.2.r1");
	CHECK_XPATH(doc, "normalize-space(//article[@id='doc-1']"
	    "//table[@class='gaps']/tbody/tr[4]/td[2])", "evidence 1.10 of 2 "
	    "needed, from 2 of 2 rules; not found:");
	CHECK_XPATH(doc, "count(//article[@id='doc-1']//table[@class="
	    "'conflicts']/tbody/tr)", "1");
	CHECK_XPATH(doc, "count(//article[@id='doc-1']//table[@class="
	    "'evidence']/tbody/tr)", "4");
	CHECK_XPATH(doc, "normalize-space(//article[@id='doc-1']"
	    "//ul[@class='warnings']/li)",
	    "Warning: leading space warning, with comma");
	/* Matches are marked; folded spaces are folded in the mark too. */
	CHECK_XPATH(doc, "(//table[@class='evidence']//mark)[1]",
	    "Z\xc3\xbcrich \xe2\x80\x94 caf\xc3\xa9");
	CHECK_XPATH(doc, "(//table[@class='evidence']//mark)[2]",
	    "data, \"localisation\"");
	CHECK_XPATH(doc, "(//table[@class='evidence']//mark)[3]",
	    "rights" FFFD);
	CHECK_XPATH(doc,
	    "(//table[@class='evidence']//td[@class='sentence'])[2]",
	    "We will require data, \"localisation\" of all records.");
	/* The position, and under it the language: the document has two. */
	CHECK_XPATH(doc, "(//table[@class='evidence']/tbody/tr)[1]/td[1]/"
	    "text()[1]", "page 3");
	CHECK_XPATH(doc, "(//table[@class='evidence']/tbody/tr)[1]/td[1]/"
	    "span[@class='lang']", "en");
	CHECK_XPATH(doc, "(//table[@class='evidence']/tbody/tr)[1]/td[4]",
	    "statement");
	CHECK_XPATH(doc, "(//table[@class='evidence']/tbody/tr)[1]/td[6]",
	    "1.00");
	CHECK_XPATH(doc, "(//table[@class='evidence']/tbody/tr)[2]/td[1]/"
	    "text()[1]", "line 2, col. 5");
	CHECK_XPATH(doc, "normalize-space(//article[@id='doc-2']/p[@class="
	    "'error'])", "Error: could not be read: " RF_ERROR);
	CHECK_XPATH(doc, "normalize-space(//p[@id='totals'])", "4 documents, 1 "
	    "that could not be read, 1 with warnings, 1 without verdict "
	    "(language); mean overall 13.8%.");
	xmlFreeDoc(doc);
	free(buf);
}

/* One report of docs, written to memory. */
static char *
render(const struct ruleset *rs, struct docresult **docs, size_t n,
    size_t *len)
{
	struct report_info info;
	struct report *r;
	char *buf = NULL;
	FILE *fp;
	size_t i;

	if ((fp = open_memstream(&buf, len)) == NULL)
		fatal("open_memstream failed");
	memset(&info, 0, sizeof(info));
	info.ruleset = rs;
	r = report_open(FORMAT_HTML, fp, &info);
	for (i = 0; i < n; i++)
		report_document(r, docs[i]);
	CHECK_INT(report_close(r), 0);
	fclose(fp);
	return buf;
}

static void
test_hostile(const struct ruleset *rs)
{
	struct docresult *docs[2];
	struct hit *h;
	htmlDocPtr doc;
	char *buf;
	size_t len;

	h = xcalloc(1, sizeof(*h));
	fx_hit(h, rs, "AA1.1.a", 0, 1, 1, EVIL_MATCH, EVIL_SENTENCE);
	docs[0] = coverage_compute(rs, EVIL_PATH, "", 10, h, 1);
	docresult_add_warning(docs[0], "<iframe src=\"javascript:alert(5)\">");
	docs[1] = coverage_error("<svg onload=alert(6)>", "",
	    "<base href=\"http://evil.example/\">");
	buf = render(rs, docs, 2, &len);
	CHECK(strstr(buf, "<script>alert") == NULL);
	CHECK(strstr(buf, "<a href=\"javascript") == NULL);
	if ((doc = parse(buf, len)) == NULL) {
		CHECK(!"the hostile page parses");
		goto out;
	}
	CHECK_XPATH(doc, "count(//script)", "1");
	CHECK_XPATH(doc, "count(//@*[starts-with(name(), 'on')])", "0");
	CHECK_XPATH(doc, "count(//img|//iframe|//base|//svg[not(@class)])",
	    "0");
	CHECK_XPATH(doc, "count(//@href[not(starts-with(., '#'))])", "0");
	CHECK_XPATH(doc, "count(//@*[contains(., 'javascript')])", "0");
	CHECK_XPATH(doc, "//tr[@id='row-1']/th/a", EVIL_PATH);
	CHECK_XPATH(doc, "//article[@id='doc-1']/h3", "1. " EVIL_PATH);
	CHECK_XPATH(doc, "//table[@class='evidence']//td[@class='sentence']",
	    EVIL_SENTENCE);
	CHECK_XPATH(doc, "//table[@class='evidence']//mark", EVIL_MATCH);
	CHECK_XPATH(doc, "//ul[@class='warnings']/li",
	    "Warning: <iframe src=\"javascript:alert(5)\">");
	CHECK_XPATH(doc, "//tr[@id='row-2']/th/a", "<svg onload=alert(6)>");
	xmlFreeDoc(doc);
out:
	free(buf);
	docresult_free(docs[0]);
	docresult_free(docs[1]);
}

/* Every level gives the same page, and so does a second run. */
static void
test_stable(const struct ruleset *rs)
{
	char *a, *b;
	size_t alen, blen;
	enum report_level levels[] = { LEVEL_AREA, LEVEL_DOCUMENT };
	size_t i;

	CHECK(rf_render_twice(FORMAT_HTML, rs, &a, &alen));
	for (i = 0; i < nitems(levels); i++) {
		b = rf_render(FORMAT_HTML, rs, levels[i], 0, &blen);
		CHECK(alen == blen && memcmp(a, b, alen) == 0);
		free(b);
	}
	free(a);
}

static void
test_write_error(const struct ruleset *rs)
{
	struct docresult *docs[RF_NDOCS];
	struct report_info info;
	struct report *r;
	FILE *fp;
	size_t i;

	if ((fp = fopen("/dev/full", "w")) == NULL)
		return;
	memset(&info, 0, sizeof(info));
	info.ruleset = rs;
	rf_docs(rs, docs);
	r = report_open(FORMAT_HTML, fp, &info);
	for (i = 0; i < RF_NDOCS; i++)
		report_document(r, docs[i]);
	CHECK_INT(report_close(r), -1);
	fclose(fp);
	rf_docs_free(docs);
}

int
main(void)
{
	struct ruleset *rs = rf_ruleset();

	test_page(rs);
	test_hostile(rs);
	test_stable(rs);
	test_write_error(rs);
	fx_ruleset_free(rs);
	xmlCleanupParser();
	return CHECK_DONE();
}
