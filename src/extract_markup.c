/*
 * extract_markup.c -- HTML and XML documents to text, through libxml2.
 *
 * Input: the raw bytes of an HTML page or an XML document.  Output: a
 * doctext (not yet segmented) with the visible text in document order,
 * block elements as paragraphs and headings as section starts.
 *
 * HTML: the body only; script, style, nav, noscript and head are dropped;
 * h1-h6 start sections.  Bytes that declare no charset and are not UTF-8
 * are decoded by decode_text() first.
 *
 * XML: any vocabulary.  <heading>, <num>, <title>, <subheading> and h1-h6
 * (local name, any namespace, any case) start sections unless they contain
 * blocks themselves (USLM's <title> is a level, not a caption); a <num>
 * followed by its <heading> makes one heading; a <num> of a minor level
 * ("(1)") stays in front of its text instead.  Metadata (<meta>,
 * <teiHeader>) is left out.  Parsing goes through xmlparse.c, which never
 * touches the network, never loads a DTD and never expands entities, so
 * entity bombs and external entities cannot reach the text; references to
 * entities other than the predefined five are left out.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "extract_int.h"
#include "markup.h"
#include "utf8.h"
#include "util.h"
#include "xmlparse.h"

/* Walk depth when the options set no limit: keeps recursion bounded. */
#define MARKUP_DEPTH_CAP	4096

/* How far into an HTML file a charset declaration is looked for. */
#define HTML_SNIFF_BYTES	4096

static const char *html_skipped[] = {
	"head", "nav", "noscript", "script", "style", "svg", "template"
};

static const char *html_blocks[] = {
	"address", "article", "aside", "blockquote", "body", "br", "caption",
	"dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure",
	"footer", "form", "header", "hr", "html", "li", "main", "ol", "p",
	"pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
	"thead", "tr", "ul"
};

static const char *xml_headings[] = {
	"h1", "h2", "h3", "h4", "h5", "h6", "heading", "num", "subheading",
	"title"
};

static const char *xml_blocks[] = {
	"article", "blockquote", "chapeau", "chapter", "clause", "content",
	"continuation", "div", "division", "entry", "intro", "item", "level",
	"li", "list", "note", "notes", "p", "para", "paragraph", "part",
	"point", "proviso", "row", "section", "subchapter", "subclause",
	"subitem", "subparagraph", "subpart", "subsection", "subtitle",
	"table", "td", "th", "tocitem", "tr", "wrapup"
};

/* Levels whose number starts a section even without a heading. */
static const char *xml_levels[] = {
	"annex", "article", "book", "chapter", "division", "part", "schedule",
	"section", "subchapter", "subpart", "subtitle", "title"
};

/* Metadata about the document, not its text (USLM, Akoma Ntoso, TEI). */
static const char *xml_skipped[] = {
	"meta", "teiheader"
};

/* Inline cells (USLM table-of-contents columns) kept apart by a space. */
static const char *xml_spaced[] = {
	"column"
};

int
markup_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcasecmp((const char *)n->name, name) == 0;
}

static int
markup_in(const xmlNode *n, const char **names, size_t nnames)
{
	size_t i;

	if (n == NULL || n->type != XML_ELEMENT_NODE || n->name == NULL)
		return 0;
	for (i = 0; i < nnames; i++) {
		if (strcasecmp((const char *)n->name, names[i]) == 0)
			return 1;
	}
	return 0;
}

const char *
markup_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->name == NULL ||
		    strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children != NULL && a->children->content != NULL)
			return (const char *)a->children->content;
		return "";
	}
	return NULL;
}

/* Elements nested deeper than maxdepth (0: libxml2's limit) are refused
   while parsing, before the tree is built. */
xmlDocPtr
markup_parse_xml(const unsigned char *data, size_t len, unsigned maxdepth,
    char **cause)
{
	struct xmlparse_opts xo;

	memset(&xo, 0, sizeof(xo));
	xo.flags = XMLPARSE_NOCDATA;
	xo.maxdepth = maxdepth;
	return xmlparse_xml(data, len, &xo, cause);
}

static unsigned
depth_limit(const struct extract_opts *opts)
{
	if (opts == NULL || opts->max_xml_depth == 0)
		return MARKUP_DEPTH_CAP;
	return opts->max_xml_depth;
}

/*
 * HTML.
 */

struct html_walk {
	struct textbuild tb;
	unsigned	 maxdepth;
	int		 toodeep;
};

static int
html_heading(const xmlNode *n)
{
	const char *s = (const char *)n->name;

	return n->type == XML_ELEMENT_NODE && s != NULL &&
	    (s[0] == 'h' || s[0] == 'H') && s[1] >= '1' && s[1] <= '6' &&
	    s[2] == '\0';
}

static void
html_walk(struct html_walk *w, const xmlNode *n, unsigned depth, int pre)
{
	const xmlNode *c;
	int block, heading;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content != NULL)
			textbuild_text(&w->tb, (const char *)n->content,
			    strlen((const char *)n->content), pre);
		return;
	}
	if (n->type != XML_ELEMENT_NODE ||
	    markup_in(n, html_skipped, nitems(html_skipped)))
		return;
	if (depth > w->maxdepth) {
		w->toodeep = 1;
		return;
	}
	heading = html_heading(n);
	block = markup_in(n, html_blocks, nitems(html_blocks));
	pre = pre || markup_is(n, "pre");
	if (heading)
		textbuild_heading_begin(&w->tb, 0);
	else if (block)
		textbuild_break(&w->tb);
	for (c = n->children; c != NULL && !w->toodeep; c = c->next)
		html_walk(w, c, depth + 1, pre);
	if (heading)
		textbuild_heading_end(&w->tb);
	else if (block)
		textbuild_break(&w->tb);
}

static int
has_prefix_ci(const unsigned char *p, size_t len, const char *s)
{
	size_t n = strlen(s);

	return len >= n && strncasecmp((const char *)p, s, n) == 0;
}

/* A byte order mark, <meta charset> or <?xml encoding?> near the top. */
static int
html_declares_charset(const unsigned char *p, size_t len)
{
	size_t i, n;

	if (len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) ||
	    (p[0] == 0xfe && p[1] == 0xff)))
		return 1;
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		return 1;
	n = len < HTML_SNIFF_BYTES ? len : HTML_SNIFF_BYTES;
	for (i = 0; i < n; i++) {
		if (has_prefix_ci(p + i, n - i, "charset") ||
		    (i == 0 && has_prefix_ci(p, n, "<?xml") &&
		    memmem(p, n, "encoding", 8) != NULL))
			return 1;
	}
	return 0;
}

static struct doctext *
html_to_text(htmlDocPtr doc, const struct extract_opts *opts, char **cause)
{
	struct html_walk w;
	xmlNode *root;

	memset(&w, 0, sizeof(w));
	textbuild_init(&w.tb);
	w.maxdepth = depth_limit(opts);
	if ((root = xmlDocGetRootElement(doc)) != NULL)
		html_walk(&w, root, 1, 0);
	if (w.toodeep) {
		textbuild_free(&w.tb);
		*cause = xasprintf("HTML nested deeper than %u levels",
		    w.maxdepth);
		return NULL;
	}
	return textbuild_finish(&w.tb);
}

struct doctext *
extract_html(const unsigned char *data, size_t len,
    const struct extract_opts *opts, char **cause)
{
	struct doctext *dt = NULL;
	htmlDocPtr doc;
	const char *encoding = NULL;
	char *decoded = NULL, *warning = NULL;
	size_t dlen;

	if (!html_declares_charset(data, len)) {
		encoding = "UTF-8";
		if (utf8_validate(data, len) != len) {
			decoded = decode_text(data, len, &dlen, &warning);
			data = (const unsigned char *)decoded;
			len = dlen;
		}
	}
	if ((doc = xmlparse_html(data, len, encoding, cause)) == NULL)
		goto out;
	dt = html_to_text(doc, opts, cause);
	xmlFreeDoc(doc);
	if (dt != NULL && warning != NULL)
		doctext_warn(dt, "%s", warning);
out:
	free(decoded);
	free(warning);
	return dt;
}

/*
 * XML.
 */

struct xml_walk {
	struct textbuild tb;
	unsigned	 maxdepth;
	int		 toodeep;
};

static int
xml_is_block(const xmlNode *n)
{
	return markup_in(n, xml_blocks, nitems(xml_blocks));
}

/* Does a <num> number a heading or a major level (not a "(1)")? */
static int
xml_num_heads(const xmlNode *n)
{
	const xmlNode *c;

	if (n->parent != NULL && markup_in(n->parent, xml_levels,
	    nitems(xml_levels)))
		return 1;
	for (c = n->parent != NULL ? n->parent->children : NULL; c != NULL;
	    c = c->next) {
		if (markup_is(c, "heading") || markup_is(c, "subheading"))
			return 1;
	}
	return 0;
}

/* A caption, not a level that merely shares the name (USLM <title>). */
static int
xml_is_heading(const xmlNode *n)
{
	const xmlNode *c;

	if (!markup_in(n, xml_headings, nitems(xml_headings)))
		return 0;
	for (c = n->children; c != NULL; c = c->next) {
		if (xml_is_block(c) ||
		    markup_in(c, xml_headings, nitems(xml_headings)))
			return 0;
	}
	return !markup_is(n, "num") || xml_num_heads(n);
}

static int
blank(const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	}
	return 1;
}

/* Does this heading directly follow another one (<num> then <heading>)? */
static int
xml_heading_joins(const xmlNode *n)
{
	const xmlNode *p;

	for (p = n->prev; p != NULL; p = p->prev) {
		if (p->type == XML_TEXT_NODE && blank((const char *)p->content))
			continue;
		if (p->type == XML_COMMENT_NODE || p->type == XML_PI_NODE)
			continue;
		return xml_is_heading(p);
	}
	return 0;
}

static void
xml_walk(struct xml_walk *w, const xmlNode *n, unsigned depth)
{
	const xmlNode *c;
	int block, heading, spaced;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content != NULL)
			textbuild_text(&w->tb, (const char *)n->content,
			    strlen((const char *)n->content), 0);
		return;
	}
	if (n->type != XML_ELEMENT_NODE ||
	    markup_in(n, xml_skipped, nitems(xml_skipped)))
		return;		/* entity references stay unexpanded */
	if (depth > w->maxdepth) {
		w->toodeep = 1;
		return;
	}
	heading = xml_is_heading(n);
	block = !heading && xml_is_block(n);
	spaced = markup_in(n, xml_spaced, nitems(xml_spaced));
	if (heading)
		textbuild_heading_begin(&w->tb, xml_heading_joins(n));
	else if (block)
		textbuild_break(&w->tb);
	else if (spaced)
		textbuild_text(&w->tb, " ", 1, 0);
	for (c = n->children; c != NULL && !w->toodeep; c = c->next)
		xml_walk(w, c, depth + 1);
	if (heading)
		textbuild_heading_end(&w->tb);
	else if (block)
		textbuild_break(&w->tb);
	else if (spaced)
		textbuild_text(&w->tb, " ", 1, 0);
	else if (markup_is(n, "num"))
		textbuild_glue(&w->tb);	/* "(1)" leads its own text */
}

struct doctext *
extract_xml(const unsigned char *data, size_t len,
    const struct extract_opts *opts, char **cause)
{
	struct xml_walk w;
	xmlDocPtr doc;
	xmlNode *root;

	if ((doc = markup_parse_xml(data, len, opts != NULL ?
	    opts->max_xml_depth : 0, cause)) == NULL)
		return NULL;
	memset(&w, 0, sizeof(w));
	textbuild_init(&w.tb);
	w.maxdepth = depth_limit(opts);
	if ((root = xmlDocGetRootElement(doc)) != NULL)
		xml_walk(&w, root, 1);
	xmlFreeDoc(doc);
	if (w.toodeep) {
		textbuild_free(&w.tb);
		*cause = xasprintf("XML nested deeper than %u levels",
		    w.maxdepth);
		return NULL;
	}
	return textbuild_finish(&w.tb);
}
