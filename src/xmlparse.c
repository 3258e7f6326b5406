/*
 * xmlparse.c -- libxml2's parsers, set up once with one safety policy
 * (contract and policy in xmlparse.h).
 *
 * Input: bytes of XML or HTML, or the path of an XML file to stream.
 * Output: a libxml2 tree or reader, or NULL with the first error.  The
 * policy is made of parser options (what is never turned on), a refusing
 * external entity loader for the whole process, and two SAX hooks for
 * what the options cannot say: a depth limit below libxml2's and the
 * refusal of any DOCTYPE.
 */
#include "config.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "util.h"
#include "xmlparse.h"

/* NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE and HUGE are never set. */
#define XML_POLICY	(XML_PARSE_NONET | XML_PARSE_BIG_LINES)
#define HTML_POLICY	(HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
			 HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER)

/* One parse: its options and its first error. */
struct parse {
	const struct xmlparse_opts *opts;
	long		 line;
	char		*first;		/* message of the first error */
	int		 ours;		/* ...which is a policy refusal */
};

static pthread_once_t xmlparse_once = PTHREAD_ONCE_INIT;

/* No URL is ever fetched or opened on a document's behalf. */
static xmlParserInputPtr
refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	return NULL;
}

/* The loader is process-wide in libxml2: set once, before any parse. */
static void
xmlparse_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity);
}

static int
parser_options(int flags)
{
	int options = XML_POLICY;

	if (flags & XMLPARSE_NOBLANKS)
		options |= XML_PARSE_NOBLANKS;
	if (flags & XMLPARSE_NOCDATA)
		options |= XML_PARSE_NOCDATA;
	if (flags & XMLPARSE_COMPACT)
		options |= XML_PARSE_COMPACT;
	return options;
}

static void
note(struct parse *p, long line, const char *msg, int ours)
{
	if (p->first == NULL) {
		p->first = xstrdup(msg);
		p->line = line;
		p->ours = ours;
	}
	if (p->opts->error != NULL)
		p->opts->error(p->opts->arg, line, msg);
}

/* libxml2's errors, warnings left out, without their trailing newline. */
static void
on_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	char *msg;
	size_t n;

	if (e == NULL || e->level < XML_ERR_ERROR)
		return;
	msg = xstrdup(e->message != NULL ? e->message : "parse error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	note(ctxt->_private, e->line, msg, 0);
	free(msg);
}

static void
refuse(xmlParserCtxtPtr ctxt, const char *msg)
{
	note(ctxt->_private, ctxt->input != NULL ? ctxt->input->line : 0,
	    msg, 1);
	xmlStopParser(ctxt);
}

/*
 * Called as soon as "<!DOCTYPE" is read, before any declaration in it is
 * parsed: neither entity expansion nor an external entity can follow.
 */
static void
refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *extid,
    const xmlChar *sysid)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse *p = ctxt->_private;
	char *msg;

	msg = xasprintf("DOCTYPE declarations are not allowed in %s",
	    p->opts->vocabulary != NULL ? p->opts->vocabulary : "this file");
	refuse(ctxt, msg);
	free(msg);
}

/* The element's ancestors are on the name stack when it starts. */
static void
start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse *p = ctxt->_private;
	char *msg;

	if (ctxt->nameNr >= 0 && (unsigned)ctxt->nameNr >= p->opts->maxdepth) {
		msg = xasprintf("XML nested deeper than %u levels",
		    p->opts->maxdepth);
		refuse(ctxt, msg);
		free(msg);
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nns, ns, nattrs,
	    ndefaulted, attrs);
}

static char *
parse_cause(const struct parse *p)
{
	if (p->first == NULL)
		return xstrdup("malformed XML");
	if (p->ours)
		return xasprintf("%s at line %ld", p->first, p->line);
	return xasprintf("malformed XML at line %ld: %s", p->line, p->first);
}

xmlDocPtr
xmlparse_xml(const void *data, size_t len, const struct xmlparse_opts *opts,
    char **cause)
{
	struct parse p;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;

	if (len > INT_MAX) {
		*cause = xstrdup("XML document too large");
		return NULL;
	}
	pthread_once(&xmlparse_once, xmlparse_init);
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		fatal("cannot create an XML parser");
	memset(&p, 0, sizeof(p));
	p.opts = opts;
	ctxt->_private = &p;
	ctxt->sax->serror = on_error;
	if (opts->flags & XMLPARSE_NODOCTYPE)
		ctxt->sax->internalSubset = refuse_doctype;
	if (opts->maxdepth != 0)
		ctxt->sax->startElementNs = start_element;
	/* COMPACT keeps short text inside its node: fewer allocations. */
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
	    parser_options(opts->flags) | XML_PARSE_COMPACT);
	if (doc != NULL && (!ctxt->wellFormed || p.first != NULL)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc == NULL)
		*cause = parse_cause(&p);
	free(p.first);
	xmlFreeParserCtxt(ctxt);
	return doc;
}

htmlDocPtr
xmlparse_html(const void *data, size_t len, const char *encoding,
    char **cause)
{
	htmlDocPtr doc;

	if (len > INT_MAX) {
		*cause = xstrdup("HTML document too large");
		return NULL;
	}
	pthread_once(&xmlparse_once, xmlparse_init);
	doc = htmlReadMemory(data, (int)len, NULL, encoding, HTML_POLICY);
	if (doc == NULL)
		*cause = xstrdup("unreadable HTML");
	return doc;
}

xmlTextReaderPtr
xmlparse_reader(const char *path, int flags)
{
	pthread_once(&xmlparse_once, xmlparse_init);
	return xmlReaderForFile(path, NULL, parser_options(flags));
}

const char *
xmlparse_version(void)
{
	return xmlParserVersion;
}
