/*
 * extract_office.c -- DOCX and ODT documents to text.
 *
 * Input: the bytes of a .docx or .odt file (a zip).  Output: a doctext
 * (not yet segmented) with one paragraph per document paragraph, heading,
 * list item and table cell, headings as section starts, and footnotes and
 * endnotes appended after the body.
 *
 * libarchive reads the parts from memory (archives.c) and libxml2 parses
 * them (markup_parse_xml, through xmlparse.c: no network, no entity
 * expansion, --max-xml-depth enforced while parsing).  DOCX headings
 * are paragraphs whose style is a heading: a style id starting "Heading" or
 * "Title", a style whose name in word/styles.xml is "heading N" or "Title",
 * or an outline level 0-8, on the style (or one it is based on) or on the
 * paragraph itself.  ODT headings are <text:h>.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "archives.h"
#include "extract_int.h"
#include "markup.h"
#include "util.h"

#define OFFICE_DEPTH_CAP	4096
#define OLE_MAGIC		"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

/* Style rounds: how far a basedOn chain is followed. */
#define DOCX_STYLE_ROUNDS	10

/* DOCX elements whose subtree holds no document text. */
static const char *docx_skipped[] = {
	"commentReference", "del", "delText", "Fallback", "fldData",
	"instrText", "pPr", "rPr", "sectPr", "tblGrid", "tblPr", "tcPr",
	"trPr"
};

/* ODT elements whose subtree holds no document text (notes come later). */
static const char *odt_skipped[] = {
	"annotation", "automatic-styles", "desc", "font-face-decls", "note",
	"scripts", "sequence-decls", "title", "tracked-changes"
};

struct style {
	char		*id;
	char		*based_on;
	int		 heading;	/* 1 yes, 0 no, -1 not known yet */
};

struct office {
	struct textbuild tb;
	struct style	*styles;
	size_t		 nstyles;
	size_t		 capstyles;
	const xmlNode	**notes;	/* ODT notes, walked after the body */
	size_t		 nnotes;
	size_t		 capnotes;
	struct errlist	 warnings;	/* broken optional parts */
	unsigned	 maxdepth;
	int		 toodeep;
};

static int
in_list(const xmlNode *n, const char **names, size_t nnames)
{
	size_t i;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (i = 0; i < nnames; i++) {
		if (strcmp((const char *)n->name, names[i]) == 0)
			return 1;
	}
	return 0;
}

static const xmlNode *
child(const xmlNode *n, const char *name)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, name) == 0)
			return c;
	}
	return NULL;
}

/* The w:val of a child element, or NULL. */
static const char *
child_val(const xmlNode *n, const char *name)
{
	const xmlNode *c;

	if (n == NULL || (c = child(n, name)) == NULL)
		return NULL;
	return markup_attr(c, "val");
}

static int
has_prefix_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* 1: outline level 0-8 (a heading), 0: body text, -1: not given. */
static int
outline_heading(const char *lvl)
{
	if (lvl == NULL)
		return -1;
	return atoi(lvl) >= 0 && atoi(lvl) <= 8;
}

/* Read a part and parse it; 0 when it is absent. */
static int
office_part(const unsigned char *data, size_t len, const char *member,
    const struct extract_opts *opts, xmlDocPtr *doc, char **cause)
{
	unsigned char *buf;
	size_t blen;
	char *why = NULL;
	int r;

	*doc = NULL;
	r = archive_zip_member(data, len, member, opts, &buf, &blen, &why);
	if (r == -1) {
		if (len >= 8 && memcmp(data, OLE_MAGIC, 8) == 0) {
			*cause = xstrdup("encrypted or legacy binary Office "
			    "document (not a zip)");
			free(why);
		} else
			*cause = why;
		return -1;
	}
	if (r == 0)
		return 0;
	*doc = markup_parse_xml(buf, blen, opts->max_xml_depth, &why);
	free(buf);
	if (*doc == NULL) {
		*cause = xasprintf("%s: %s", member, why);
		free(why);
		return -1;
	}
	return 1;
}

static int
style_cmp(const void *a, const void *b)
{
	return strcmp(((const struct style *)a)->id,
	    ((const struct style *)b)->id);
}

/* bsearch() by a style id: the key is the id itself. */
static int
style_id_cmp(const void *key, const void *b)
{
	return strcmp(key, ((const struct style *)b)->id);
}

/* The styles are sorted by id once read: a hostile styles.xml may hold a
   hundred thousand of them, and every basedOn is looked up ten times. */
static struct style *
style_find(struct office *o, const char *id)
{
	if (id == NULL || o->nstyles == 0)
		return NULL;
	return bsearch(id, o->styles, o->nstyles, sizeof(*o->styles),
	    style_id_cmp);
}

static void
style_add(struct office *o, const xmlNode *n)
{
	const char *id, *name, *type;
	struct style *s;

	type = markup_attr(n, "type");
	if ((id = markup_attr(n, "styleId")) == NULL ||
	    (type != NULL && strcmp(type, "paragraph") != 0))
		return;
	GROW(o->styles, o->capstyles, o->nstyles + 1);
	s = &o->styles[o->nstyles++];
	s->id = xstrdup(id);
	s->based_on = child_val(n, "basedOn") != NULL ?
	    xstrdup(child_val(n, "basedOn")) : NULL;
	s->heading = outline_heading(child_val(child(n, "pPr"),
	    "outlineLvl"));
	name = child_val(n, "name");
	if (s->heading == -1 && name != NULL &&
	    (has_prefix_ci(name, "heading") || strcasecmp(name, "title") == 0))
		s->heading = 1;
}

/* Which paragraph styles are headings, from word/styles.xml. */
static void
docx_styles(struct office *o, xmlDocPtr doc)
{
	const xmlNode *root, *n;
	struct style *s, *base;
	size_t i, round;

	if ((root = xmlDocGetRootElement(doc)) == NULL)
		return;
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "style") == 0)
			style_add(o, n);
	}
	if (o->nstyles > 0)
		qsort(o->styles, o->nstyles, sizeof(*o->styles), style_cmp);
	for (round = 0; round < DOCX_STYLE_ROUNDS; round++) {
		for (i = 0; i < o->nstyles; i++) {
			s = &o->styles[i];
			base = style_find(o, s->based_on);
			if (s->heading == -1 && base != NULL &&
			    base->heading != -1)
				s->heading = base->heading;
		}
	}
}

static int
docx_heading(struct office *o, const xmlNode *p)
{
	const xmlNode *ppr = child(p, "pPr");
	const char *id;
	struct style *s;
	int h;

	if (ppr == NULL)
		return 0;
	if ((h = outline_heading(child_val(ppr, "outlineLvl"))) != -1)
		return h;
	if ((id = child_val(ppr, "pStyle")) == NULL)
		return 0;
	if ((s = style_find(o, id)) != NULL && s->heading != -1)
		return s->heading;
	return has_prefix_ci(id, "heading") || has_prefix_ci(id, "title");
}

static void
text_children(struct office *o, const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content != NULL)
			textbuild_text(&o->tb, (const char *)c->content,
			    strlen((const char *)c->content), 0);
	}
}

static void	docx_walk(struct office *, const xmlNode *, unsigned);

static void
docx_children(struct office *o, const xmlNode *n, unsigned depth)
{
	const xmlNode *c;

	for (c = n->children; c != NULL && !o->toodeep; c = c->next)
		docx_walk(o, c, depth + 1);
}

static void
docx_paragraph(struct office *o, const xmlNode *n, unsigned depth)
{
	int heading = docx_heading(o, n);

	if (heading)
		textbuild_heading_begin(&o->tb, 0);
	else
		textbuild_break(&o->tb);
	docx_children(o, n, depth);
	if (heading)
		textbuild_heading_end(&o->tb);
	else
		textbuild_break(&o->tb);
}

static void
docx_walk(struct office *o, const xmlNode *n, unsigned depth)
{
	const char *name = (const char *)n->name;

	if (n->type != XML_ELEMENT_NODE || in_list(n, docx_skipped,
	    nitems(docx_skipped)))
		return;
	if (depth > o->maxdepth) {
		o->toodeep = 1;
		return;
	}
	if (strcmp(name, "p") == 0)
		docx_paragraph(o, n, depth);
	else if (strcmp(name, "t") == 0)
		text_children(o, n);
	else if (strcmp(name, "tab") == 0)
		textbuild_char(&o->tb, '\t');
	else if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0)
		textbuild_char(&o->tb, '\n');
	else if (strcmp(name, "noBreakHyphen") == 0)
		textbuild_text(&o->tb, "-", 1, 0);
	else if (strcmp(name, "tc") == 0) {
		textbuild_break(&o->tb);
		docx_children(o, n, depth);
		textbuild_break(&o->tb);
	} else
		docx_children(o, n, depth);
}

/* Footnotes or endnotes, without the separator pseudo-notes. */
static void
docx_notes(struct office *o, xmlDocPtr doc, const char *element)
{
	const xmlNode *root, *n;
	const char *type;

	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL)
		return;
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, element) != 0)
			continue;
		type = markup_attr(n, "type");
		if (type != NULL && strcmp(type, "normal") != 0)
			continue;
		textbuild_break(&o->tb);
		docx_children(o, n, 1);
	}
}

static void
office_free(struct office *o)
{
	size_t i;

	textbuild_free(&o->tb);
	for (i = 0; i < o->nstyles; i++) {
		free(o->styles[i].id);
		free(o->styles[i].based_on);
	}
	free(o->styles);
	free(o->notes);
	errlist_free(&o->warnings);
}

static void
office_init(struct office *o, const struct extract_opts *opts)
{
	memset(o, 0, sizeof(*o));
	textbuild_init(&o->tb);
	o->maxdepth = opts->max_xml_depth != 0 ? opts->max_xml_depth :
	    OFFICE_DEPTH_CAP;
}

static struct doctext *
office_finish(struct office *o, char **cause)
{
	struct doctext *dt = NULL;
	size_t i;

	if (o->toodeep)
		*cause = xasprintf("XML nested deeper than %u levels",
		    o->maxdepth);
	else {
		dt = textbuild_finish(&o->tb);
		for (i = 0; i < o->warnings.n; i++)
			doctext_warn(dt, "%s", o->warnings.v[i]);
	}
	office_free(o);
	return dt;
}

/* Parts that may be missing or broken without losing the document. */
static void
docx_optional(struct office *o, const unsigned char *data, size_t len,
    const struct extract_opts *opts, const char *member, const char *notes)
{
	xmlDocPtr doc;
	char *why = NULL;

	if (office_part(data, len, member, opts, &doc, &why) == -1) {
		errlist_add(&o->warnings, "%s not read: %s", member, why);
		free(why);
		return;
	}
	if (doc == NULL)
		return;
	if (notes == NULL)
		docx_styles(o, doc);
	else
		docx_notes(o, doc, notes);
	xmlFreeDoc(doc);
}

struct doctext *
extract_docx(const unsigned char *data, size_t len,
    const struct extract_opts *opts, char **cause)
{
	struct office o;
	xmlDocPtr doc;
	const xmlNode *root;
	int r;

	r = office_part(data, len, "word/document.xml", opts, &doc, cause);
	if (r == 0)
		*cause = xstrdup("not a DOCX document: no word/document.xml");
	if (r != 1)
		return NULL;
	office_init(&o, opts);
	docx_optional(&o, data, len, opts, "word/styles.xml", NULL);
	if ((root = xmlDocGetRootElement(doc)) != NULL)
		docx_walk(&o, root, 1);
	xmlFreeDoc(doc);
	docx_optional(&o, data, len, opts, "word/footnotes.xml", "footnote");
	docx_optional(&o, data, len, opts, "word/endnotes.xml", "endnote");
	return office_finish(&o, cause);
}

/*
 * ODT.
 */

static void	odt_walk(struct office *, const xmlNode *, unsigned);

static void
odt_children(struct office *o, const xmlNode *n, unsigned depth)
{
	const xmlNode *c;

	for (c = n->children; c != NULL && !o->toodeep; c = c->next)
		odt_walk(o, c, depth + 1);
}

/* <text:s text:c="N"/>: N kept spaces. */
static void
odt_spaces(struct office *o, const xmlNode *n)
{
	const char *c = markup_attr(n, "c");
	int i, k = c != NULL ? atoi(c) : 1;

	for (i = 0; i < k && i < 1024; i++)
		textbuild_text(&o->tb, " ", 1, 1);
}

static void
odt_block(struct office *o, const xmlNode *n, unsigned depth, int heading)
{
	if (heading)
		textbuild_heading_begin(&o->tb, 0);
	else
		textbuild_break(&o->tb);
	odt_children(o, n, depth);
	if (heading)
		textbuild_heading_end(&o->tb);
	else
		textbuild_break(&o->tb);
}

static void
odt_walk(struct office *o, const xmlNode *n, unsigned depth)
{
	const char *name = (const char *)n->name;

	if (n->type == XML_TEXT_NODE && n->content != NULL) {
		textbuild_text(&o->tb, (const char *)n->content,
		    strlen((const char *)n->content), 0);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (strcmp(name, "note") == 0) {
		GROW(o->notes, o->capnotes, o->nnotes + 1);
		o->notes[o->nnotes++] = n;
	}
	if (in_list(n, odt_skipped, nitems(odt_skipped)))
		return;
	if (depth > o->maxdepth) {
		o->toodeep = 1;
		return;
	}
	if (strcmp(name, "h") == 0)
		odt_block(o, n, depth, 1);
	else if (strcmp(name, "p") == 0 || strcmp(name, "list-item") == 0 ||
	    strcmp(name, "table-cell") == 0)
		odt_block(o, n, depth, 0);
	else if (strcmp(name, "s") == 0)
		odt_spaces(o, n);
	else if (strcmp(name, "tab") == 0)
		textbuild_char(&o->tb, '\t');
	else if (strcmp(name, "line-break") == 0)
		textbuild_char(&o->tb, '\n');
	else
		odt_children(o, n, depth);
}

struct doctext *
extract_odt(const unsigned char *data, size_t len,
    const struct extract_opts *opts, char **cause)
{
	struct office o;
	xmlDocPtr doc;
	const xmlNode *root, *body;
	size_t i;
	int r;

	r = office_part(data, len, "content.xml", opts, &doc, cause);
	if (r == 0)
		*cause = xstrdup("not an ODT document: no content.xml");
	if (r != 1)
		return NULL;
	office_init(&o, opts);
	if ((root = xmlDocGetRootElement(doc)) != NULL) {
		body = child(root, "body");
		odt_walk(&o, body != NULL ? body : root, 1);
	}
	/* Notes can nest notes' bodies; the list grows while it is read. */
	for (i = 0; i < o.nnotes && !o.toodeep; i++) {
		if ((body = child(o.notes[i], "note-body")) == NULL)
			continue;
		textbuild_break(&o.tb);
		odt_children(&o, body, 1);
	}
	xmlFreeDoc(doc);
	return office_finish(&o, cause);
}
