/*
 * test_report_xml.c -- the XML writer: every level and the evidence report
 * are parsed again by libxml2 and validated against palint-report.rng
 * (from $top_srcdir, else the copy embedded in the binary), then checked
 * with XPath; a damaged report must fail validation, control characters
 * must not break well-formedness, and two runs must give the same bytes.
 */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "embedded.h"
#include "report_fixture.h"

#define FFFD "\xef\xbf\xbd"

static xmlRelaxNGPtr
load_schema(void)
{
	xmlRelaxNGParserCtxtPtr pc;
	xmlRelaxNGPtr schema;
	const char *top;
	char *path = NULL;

	if ((top = getenv("top_srcdir")) != NULL) {
		path = xasprintf("%s/rules/palint-report.rng", top);
		pc = xmlRelaxNGNewParserCtxt(path);
	} else
		pc = xmlRelaxNGNewMemParserCtxt(embedded_report_rng,
		    (int)embedded_report_rng_len);
	if (pc == NULL || (schema = xmlRelaxNGParse(pc)) == NULL)
		fatal("cannot load the report schema %s",
		    path != NULL ? path : "(embedded)");
	xmlRelaxNGFreeParserCtxt(pc);
	free(path);
	return schema;
}

static void
quiet(void *ctx, const char *fmt, ...)
{
}

/* 0 when buf parses and is valid; the parsed document in *docp.  Expected
   failures are kept off stderr. */
static int
validate(xmlRelaxNGPtr schema, const char *buf, size_t len, xmlDocPtr *docp,
    int expect_failure)
{
	xmlRelaxNGValidCtxtPtr vc;
	xmlDocPtr doc;
	int rc;

	*docp = NULL;
	doc = xmlReadMemory(buf, (int)len, "report.xml", NULL, XML_PARSE_NONET);
	if (doc == NULL)
		return -1;
	vc = xmlRelaxNGNewValidCtxt(schema);
	if (expect_failure)
		xmlRelaxNGSetValidErrors(vc, quiet, quiet, NULL);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	*docp = doc;
	return rc == 0 ? 0 : -1;
}

/* The string value of an XPath expression. */
static char *
xpath(xmlDocPtr doc, const char *expr)
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

/* The report at a level, parsed (NULL when it does not parse) and checked
   to be valid. */
static xmlDocPtr
render_valid(xmlRelaxNGPtr schema, const struct ruleset *rs,
    enum report_level level, int evidence)
{
	xmlDocPtr doc;
	char *buf;
	size_t len;

	buf = rf_render(FORMAT_XML, rs, level, evidence, &len);
	CHECK_INT(validate(schema, buf, len, &doc, 0), 0);
	free(buf);
	return doc;
}

static void
test_objective(xmlRelaxNGPtr schema, const struct ruleset *rs)
{
	xmlDocPtr doc;

	if ((doc = render_valid(schema, rs, LEVEL_OBJECTIVE, 0)) == NULL)
		return;
	CHECK_XPATH(doc, "/report/@generated", RF_WHEN);
	CHECK_XPATH(doc, "/report/@version", PACKAGE_VERSION);
	CHECK_XPATH(doc, "/report/ruleset/@title", "Test \"rules\" & <more>");
	CHECK_XPATH(doc, "count(/report/document)", "3");
	CHECK_XPATH(doc, "/report/document[1]/@path", RF_PATH1);
	CHECK_XPATH(doc, "/report/document[1]/@overall", "27.5");
	CHECK_XPATH(doc, "/report/@model", "2");
	CHECK_XPATH(doc, "/report/document[1]/@words", "4321");
	CHECK_XPATH(doc, "/report/document[1]/warning", RF_WARNING);
	CHECK_XPATH(doc, "count(/report/document[1]//hit)", "4");
	/* The conflict stands beside the status. */
	CHECK_XPATH(doc, "count(//objective[@conflict])", "1");
	CHECK_XPATH(doc, "//objective[@id='AA1.1']/@status", "absent");
	CHECK_XPATH(doc, "//objective[@id='AA1.1']/@conflict", "error");
	CHECK_XPATH(doc, "//objective[@id='AA1.1']/@conflicts", "1");
	CHECK_XPATH(doc, "//objective[@id='AA1.2']/@conflicts", "0");
	CHECK_XPATH(doc, "//objective[@id='AA2.1']/@status", "partial");
	CHECK_XPATH(doc, "//objective[@id='AA2.1']/@score", "55.0");
	CHECK_XPATH(doc, "//objective[@id='AA2.1']/@evidence", "1.10");
	CHECK_XPATH(doc, "//hit[@rule='AA2.1.b']/@sentence-kind", "terms");
	CHECK_XPATH(doc, "//hit[@rule='AA2.1.b']/@weight", "0.20");
	CHECK_XPATH(doc, "//hit[@rule='P1.a']/@sentence-kind", "statement");
	CHECK_XPATH(doc, "//hit[@rule='P1.a']/@weight", "1.00");
	CHECK_XPATH(doc, "//objective[@id='AA1.1']/hit/@rule", "AA1.1.x");
	CHECK_XPATH(doc, "//objective[@id='AA1.1']/hit/sentence",
	    RF_SENTENCE2);
	CHECK_XPATH(doc, "//hit[@rule='P1.a']/@page", "3");
	CHECK_XPATH(doc, "//hit[@rule='P1.a']/match", RF_MATCH1);
	CHECK_XPATH(doc, "//hit[@rule='AA2.1.a']/match", "rights" FFFD);
	CHECK_XPATH(doc, "count(//hit[@rule='AA2.1.b']/@page)", "0");
	CHECK_XPATH(doc, "//objective[@id='AA1.2']/@rules-needed", "2");
	CHECK_XPATH(doc, "count(//objective[@id='AA1.2']/@first-line)", "0");
	CHECK_XPATH(doc, "/report/document[2]/@status", "error");
	CHECK_XPATH(doc, "count(/report/document[2]/@sha256)", "0");
	CHECK_XPATH(doc, "/report/document[2]/message", RF_ERROR);
	CHECK_XPATH(doc, "count(/report/document[2]/*)", "1");
	CHECK_XPATH(doc, "/report/document[3]/@path", "ctl" FFFD "name.txt");
	CHECK_XPATH(doc, "/report/document[3]/@gaps", "4");
	xmlFreeDoc(doc);
}

static void
test_levels(xmlRelaxNGPtr schema, const struct ruleset *rs)
{
	xmlDocPtr doc;

	doc = render_valid(schema, rs, LEVEL_AREA, 0);
	CHECK_XPATH(doc, "count(//area)", "6");
	CHECK_XPATH(doc, "count(//objective)", "0");
	CHECK_XPATH(doc, "/report/document[1]/area[2]/@contradicted", "1");
	xmlFreeDoc(doc);

	doc = render_valid(schema, rs, LEVEL_DOCUMENT, 0);
	CHECK_XPATH(doc, "/report/@level", "document");
	CHECK_XPATH(doc, "count(//area)", "0");
	xmlFreeDoc(doc);

	doc = render_valid(schema, rs, LEVEL_OBJECTIVE, 1);
	CHECK_XPATH(doc, "count(/evidence/document)", "3");
	CHECK_XPATH(doc, "count(/evidence/document/hit)", "4");
	CHECK_XPATH(doc, "/evidence/document/hit[2]/@objective", "AA1.1");
	CHECK_XPATH(doc, "/evidence/document/hit[2]/@area", "AA1");
	xmlFreeDoc(doc);
}

/* The schema is strict: small damage to a valid report is caught. */
static void
test_schema_rejects(xmlRelaxNGPtr schema, const struct ruleset *rs)
{
	static const char *const damage[][2] = {
		{ "status=\"partial\"", "status=\"halfway\"" },
		{ "score=\"50.0\"", "score=\"50\"" },
		{ " line=\"1\"", " line=\"0\"" },
		{ "model=\"2\"", "model=\"1\"" },
		{ "sentence-kind=\"terms\"", "sentence-kind=\"list\"" },
		{ "weight=\"0.20\"", "weight=\"0.2\"" },
		{ "conflict=\"error\"", "conflict=\"yes\"" },
		{ "status=\"absent\"", "status=\"contradicted\"" },
		{ "status=\"error\"", "status=\"ok\"" }
	};
	xmlDocPtr doc;
	char *buf, *p, *bad;
	size_t len, i, n;

	buf = rf_render(FORMAT_XML, rs, LEVEL_OBJECTIVE, 0, &len);
	for (i = 0; i < nitems(damage); i++) {
		if ((p = strstr(buf, damage[i][0])) == NULL) {
			CHECK(!"damage target missing");
			continue;
		}
		n = (size_t)(p - buf);
		bad = xasprintf("%.*s%s%s", (int)n, buf, damage[i][1],
		    p + strlen(damage[i][0]));
		CHECK(validate(schema, bad, strlen(bad), &doc, 1) != 0);
		xmlFreeDoc(doc);
		free(bad);
	}
	free(buf);
}

static void
test_deterministic(const struct ruleset *rs)
{
	char *a;
	size_t alen;

	CHECK(rf_render_twice(FORMAT_XML, rs, &a, &alen));
	CHECK(strstr(a, "generated=\"" RF_WHEN "\"") != NULL);
	free(a);
}

int
main(void)
{
	struct ruleset *rs = rf_ruleset();
	xmlRelaxNGPtr schema;

	schema = load_schema();
	test_objective(schema, rs);
	test_levels(schema, rs);
	test_schema_rejects(schema, rs);
	test_deterministic(rs);
	xmlRelaxNGFree(schema);
	fx_ruleset_free(rs);
	xmlCleanupParser();
	return CHECK_DONE();
}
