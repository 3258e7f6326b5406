/*
 * test_xmlparse.c -- the one libxml2 parser set-up: external entities,
 * entity bombs, network DTDs and deep nesting are refused or left unread,
 * malformed XML is reported with its line, and well-formed XML and HTML
 * parse.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "check.h"
#include "util.h"
#include "xmlparse.h"

#define SECRET	"palint-test-secret"

struct seen {
	long		 line[8];
	size_t		 n;
};

static void
on_error(void *arg, long line, const char *msg)
{
	struct seen *s = arg;

	if (s->n < nitems(s->line))
		s->line[s->n++] = line;
}

static xmlDocPtr
parse(const char *xml, int flags, unsigned maxdepth, char **cause)
{
	struct xmlparse_opts xo;

	memset(&xo, 0, sizeof(xo));
	xo.flags = flags;
	xo.maxdepth = maxdepth;
	xo.vocabulary = "tests";
	*cause = NULL;
	return xmlparse_xml(xml, strlen(xml), &xo, cause);
}

/* Whatever became of the document, the secret is not in its text. */
static void
check_unread(xmlDocPtr doc)
{
	xmlChar *text;

	if (doc == NULL)
		return;
	text = xmlNodeGetContent((xmlNodePtr)doc);
	CHECK(text == NULL || strstr((char *)text, SECRET) == NULL);
	xmlFree(text);
	xmlFreeDoc(doc);
}

/* The parse failed with a cause that says why. */
static void
check_refused(xmlDocPtr doc, char *cause, const char *why)
{
	CHECK(doc == NULL);
	CHECK(cause != NULL && strstr(cause, why) != NULL);
	free(cause);
	xmlFreeDoc(doc);
}

/* The parse succeeded and the document's text is want; doc is freed. */
static void
check_text(xmlDocPtr doc, char *cause, const char *want)
{
	xmlChar *text;

	CHECK(doc != NULL && cause == NULL);
	free(cause);
	if (doc == NULL)
		return;
	text = xmlNodeGetContent((xmlNodePtr)doc);
	CHECK_STR((char *)text, want);
	xmlFree(text);
	xmlFreeDoc(doc);
}

static void
test_external_entity(const char *dir)
{
	char *secret, *dtd, *xml, *cause;
	xmlDocPtr doc;
	FILE *fp;

	secret = xasprintf("%s/secret.txt", dir);
	if ((fp = fopen(secret, "w")) == NULL)
		abort();
	fputs(SECRET "\n", fp);
	fclose(fp);
	xml = xasprintf("<?xml version=\"1.0\"?>\n<!DOCTYPE doc [<!ENTITY s "
	    "SYSTEM \"file://%s\">]>\n<doc><p>a &s; b</p></doc>\n", secret);
	doc = parse(xml, 0, 0, &cause);
	CHECK(doc != NULL);
	free(cause);
	check_unread(doc);
	free(xml);

	/* The loader itself refuses, whoever asks. */
	CHECK(xmlLoadExternalEntity(secret, NULL, NULL) == NULL);

	/* An external DTD declaring the entity is not loaded either. */
	dtd = xasprintf("%s/doc.dtd", dir);
	if ((fp = fopen(dtd, "w")) == NULL)
		abort();
	fputs("<!ENTITY s \"" SECRET "\">\n", fp);
	fclose(fp);
	xml = xasprintf("<!DOCTYPE doc SYSTEM \"file://%s\">\n"
	    "<doc>a &s; b</doc>\n", dtd);
	doc = parse(xml, 0, 0, &cause);
	free(cause);
	check_unread(doc);
	free(xml);
	unlink(dtd);
	unlink(secret);
	free(dtd);
	free(secret);
}

static void
test_laughs(void)
{
	static const char xml[] = "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE doc [\n"
	    "<!ENTITY a \"aaaaaaaaaa\">\n"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
	    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
	    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
	    "<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
	    "]>\n<doc><p>&i;</p></doc>\n";
	char *cause;
	xmlDocPtr doc;

	doc = parse(xml, 0, 0, &cause);
	check_refused(doc, cause, "entity");

	/* Where the vocabulary has no DOCTYPE, it is refused at its line. */
	doc = parse(xml, XMLPARSE_NODOCTYPE, 0, &cause);
	check_refused(doc, cause, "DOCTYPE declarations are not allowed in "
	    "tests at line 2");
}

static void
test_network_dtd(void)
{
	static const char xml[] = "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE doc SYSTEM \"http://127.0.0.1:9/doc.dtd\">\n"
	    "<doc><p>text</p></doc>\n";
	char *cause;
	xmlDocPtr doc;

	/* Read without fetching: no DTD, and nothing it would add. */
	doc = parse(xml, 0, 0, &cause);
	CHECK(doc != NULL);
	if (doc != NULL) {
		CHECK(doc->extSubset == NULL || doc->extSubset->children ==
		    NULL);
		xmlFreeDoc(doc);
	}
	free(cause);
}

/* "<d>" n times around "deep", after an XML declaration line. */
static char *
nest(int n)
{
	struct strbuf sb;
	int i;

	memset(&sb, 0, sizeof(sb));
	strbuf_adds(&sb, "<?xml version=\"1.0\"?>\n");
	for (i = 0; i < n; i++)
		strbuf_adds(&sb, "<d>");
	strbuf_adds(&sb, "deep");
	for (i = 0; i < n; i++)
		strbuf_adds(&sb, "</d>");
	return strbuf_take(&sb);
}

static void
test_depth(void)
{
	char *xml, *cause;
	xmlDocPtr doc;

	xml = nest(30);
	doc = parse(xml, 0, 30, &cause);
	CHECK(doc != NULL);
	xmlFreeDoc(doc);
	doc = parse(xml, 0, 29, &cause);
	check_refused(doc, cause, "XML nested deeper than 29 levels at line 2");
	free(xml);

	/* libxml2's own ceiling holds when the caller sets none. */
	xml = nest(10000);
	doc = parse(xml, 0, 0, &cause);
	check_refused(doc, cause, "depth");
	free(xml);
}

static void
test_malformed(void)
{
	static const char xml[] = "<?xml version=\"1.0\"?>\n<doc>\n<p>one\n"
	    "</doc>\n";
	struct xmlparse_opts xo;
	struct seen seen;
	char *cause = NULL;
	xmlDocPtr doc;

	memset(&xo, 0, sizeof(xo));
	memset(&seen, 0, sizeof(seen));
	xo.error = on_error;
	xo.arg = &seen;
	doc = xmlparse_xml(xml, strlen(xml), &xo, &cause);
	CHECK(doc == NULL);
	CHECK(cause != NULL && strncmp(cause, "malformed XML at line 4: ",
	    25) == 0);
	CHECK(seen.n >= 1 && seen.line[0] == 4);
	free(cause);
}

static void
test_good(void)
{
	static const char xml[] = "<?xml version=\"1.0\"?>\n"
	    "<doc>\n  <p>caf\xc3\xa9 &amp; <![CDATA[<raw>]]></p>\n</doc>\n";
	static const char html[] = "<html><body><p>one<p>two &amp; "
	    "&eacute;</body></html>";
	char *cause = NULL;
	xmlDocPtr doc;

	doc = parse(xml, XMLPARSE_NOCDATA, 0, &cause);
	check_text(doc, cause, "\n  caf\xc3\xa9 & <raw>\n");
	doc = parse(xml, XMLPARSE_NOBLANKS, 0, &cause);
	check_text(doc, cause, "caf\xc3\xa9 & <raw>");
	cause = NULL;
	doc = xmlparse_html(html, strlen(html), "UTF-8", &cause);
	check_text(doc, cause, "onetwo & \xc3\xa9");
}

int
main(void)
{
	char dir[] = "/tmp/palint-xmlparse.XXXXXX";

	if (mkdtemp(dir) == NULL)
		abort();
	test_external_entity(dir);
	rmdir(dir);
	test_laughs();
	test_network_dtd();
	test_depth();
	test_malformed();
	test_good();
	xmlCleanupParser();
	return CHECK_DONE();
}
