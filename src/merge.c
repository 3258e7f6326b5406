/*
 * merge.c -- shard reports to the one report a single run over all the
 * shards' documents would have written (`palint merge`, cmd_merge.c).
 *
 * Every report lists its documents in path_cmp() order, so merging is a
 * k-way merge of documents.  CSV shards are re-read with libcsv's parser
 * and rewritten through csvout.c, the reports' own quoting and formula
 * neutralising (idempotent, so a safe shard's cells come out unchanged,
 * and documents sort by the paths they stand for); XML shards are
 * streamed with libxml2's reader and each <document> is replayed through an
 * xmlTextWriter set up like the report writer's.  Both give byte-identical
 * output to a single run (tested).  The shards must come from the same
 * ruleset and options, and no document may appear in two of them.
 */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "csvout.h"
#include "fileio.h"
#include "merge.h"
#include "report_int.h"
#include "walk.h"
#include "xmlparse.h"

/* One CSV record: its fields, owned. */
struct record {
	char		**f;
	size_t		 n;
};

struct csvshard {
	const char	*path;
	unsigned	 flags;		/* csvout.h: CSVOUT_RAW or 0 */
	struct record	*rec;
	size_t		 nrec;
	size_t		 cap;
	struct record	 cur;		/* being parsed */
	size_t		 pos;		/* next record to merge */
};

static void
csv_on_field(void *s, size_t n, void *arg)
{
	struct csvshard *sh = arg;

	sh->cur.f = xreallocarray(sh->cur.f, sh->cur.n + 1, sizeof(char *));
	sh->cur.f[sh->cur.n++] = xstrndup(s != NULL ? s : "", n);
}

static void
csv_on_record(int c, void *arg)
{
	struct csvshard *sh = arg;

	(void)c;
	GROW(sh->rec, sh->cap, sh->nrec + 1);
	sh->rec[sh->nrec++] = sh->cur;
	memset(&sh->cur, 0, sizeof(sh->cur));
}

static int
csv_load(struct csvshard *sh, const unsigned char *data, size_t len,
    struct errlist *errs)
{
	struct csv_parser p;
	int rc = 0;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		fatal("cannot start the CSV parser");
	if (csv_parse(&p, data, len, csv_on_field, csv_on_record, sh) != len ||
	    csv_fini(&p, csv_on_field, csv_on_record, sh) != 0) {
		errlist_add(errs, "%s:%zu: malformed CSV: %s", sh->path,
		    sh->nrec + 1, csv_strerror(csv_error(&p)));
		rc = -1;
	}
	csv_free(&p);
	if (rc == 0 && sh->nrec == 0) {
		errlist_add(errs, "%s: empty report", sh->path);
		rc = -1;
	}
	return rc;
}

static void
record_free(struct record *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->f[i]);
	free(r->f);
}

static int
same_header(const struct record *a, const struct record *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->f[i], b->f[i]) != 0)
			return 0;
	return 1;
}

/*
 * The path a document cell stands for, which is what one run sorted by:
 * "'=a.txt" in a neutralised report is "=a.txt", and sorts before "b.txt"
 * as that did, not after "&b.txt".
 */
static const char *
doc_key(const struct csvshard *s, size_t pos)
{
	const char *doc = s->rec[pos].f[0];

	return (s->flags & CSVOUT_RAW) ? doc : csvout_unneutral(doc);
}

/* The shard whose next document sorts first; n when all are done. */
static size_t
csv_pick(struct csvshard *sh, size_t n)
{
	size_t i, best = n;

	for (i = 0; i < n; i++) {
		if (sh[i].pos >= sh[i].nrec)
			continue;
		if (best == n || path_cmp(doc_key(&sh[i], sh[i].pos),
		    doc_key(&sh[best], sh[best].pos)) < 0)
			best = i;
	}
	return best;
}

/* Neutralising is idempotent, so the cells of a safe shard come out as
   they went in, and those of a raw one come out safe unless CSVOUT_RAW. */
static void
csv_put_record(FILE *fp, const struct record *r, unsigned flags)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		csvout_field(fp, r->f[i], flags | (i == 0 ? CSVOUT_FIRST : 0));
	csvout_end_row(fp);
}

/* Write the rows of one document from shard s; -1 if it was seen before.
   last is the sort key of the document written before. */
static int
csv_put_document(FILE *fp, struct csvshard *s, const char *last,
    struct errlist *errs)
{
	const char *doc = s->rec[s->pos].f[0];

	if (last != NULL && path_cmp(last, doc_key(s, s->pos)) >= 0) {
		errlist_add(errs, "%s:%zu: %s: document out of order or in "
		    "more than one report", s->path, s->pos + 1, doc);
		return -1;
	}
	while (s->pos < s->nrec && strcmp(s->rec[s->pos].f[0], doc) == 0)
		csv_put_record(fp, &s->rec[s->pos++], s->flags);
	return 0;
}

static int
csv_merge(struct csvshard *sh, size_t n, FILE *fp, struct errlist *errs)
{
	const char *last = NULL;
	size_t i;

	for (i = 1; i < n; i++)
		if (!same_header(&sh[0].rec[0], &sh[i].rec[0])) {
			errlist_add(errs, "%s:1: columns differ from %s",
			    sh[i].path, sh[0].path);
			return -1;
		}
	csv_put_record(fp, &sh[0].rec[0], sh[0].flags);
	for (i = 0; i < n; i++)
		sh[i].pos = 1;
	while ((i = csv_pick(sh, n)) < n) {
		if (csv_put_document(fp, &sh[i], last, errs) != 0)
			return -1;
		last = doc_key(&sh[i], sh[i].pos - 1);
	}
	return 0;
}

static int
merge_csv(const struct options *o, FILE *fp, struct errlist *errs)
{
	struct csvshard *sh;
	unsigned char *data;
	size_t i, j, len;
	char *cause = NULL;
	int rc = 0;

	sh = xcalloc(o->nargs, sizeof(*sh));
	for (i = 0; i < o->nargs && rc == 0; i++) {
		sh[i].path = o->args[i];
		sh[i].flags = options_csvflags(o);
		if ((data = file_read(o->args[i], FILE_READ_ANY, 0, &len,
		    &cause)) == NULL) {
			errlist_add(errs, "%s: %s", o->args[i], cause);
			free(cause);
			rc = -1;
			break;
		}
		rc = csv_load(&sh[i], data, len, errs);
		free(data);
	}
	if (rc == 0)
		rc = csv_merge(sh, o->nargs, fp, errs);
	for (i = 0; i < o->nargs; i++) {
		for (j = 0; j < sh[i].nrec; j++)
			record_free(&sh[i].rec[j]);
		record_free(&sh[i].cur);
		free(sh[i].rec);
	}
	free(sh);
	return rc;
}

/* XML: one streaming reader per shard, positioned on a <document>. */
struct xmlshard {
	const char	*path;
	xmlTextReaderPtr r;
	int		 done;
};

/* Elements written by the report writer as text-only elements: replayed
   the same way, even when empty. */
static int
text_only(const xmlChar *name)
{
	static const char *const names[] = {
		"match", "sentence", "message", "warning"
	};
	size_t i;

	for (i = 0; i < nitems(names); i++)
		if (xmlStrEqual(name, (const xmlChar *)names[i]))
			return 1;
	return 0;
}

static void
replay(xmlTextWriterPtr w, xmlNodePtr n)
{
	xmlAttrPtr a;
	xmlChar *v;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		xmlTextWriterWriteString(w, n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (text_only(n->name)) {
		v = xmlNodeGetContent(n);
		xmlTextWriterWriteElement(w, n->name, v != NULL ? v :
		    (const xmlChar *)"");
		xmlFree(v);
		return;
	}
	xmlTextWriterStartElement(w, n->name);
	for (a = n->properties; a != NULL; a = a->next) {
		v = xmlNodeListGetString(n->doc, a->children, 1);
		xmlTextWriterWriteAttribute(w, a->name, v != NULL ? v :
		    (const xmlChar *)"");
		xmlFree(v);
	}
	for (n = n->children; n != NULL; n = n->next)
		replay(w, n);
	xmlTextWriterEndElement(w);
}

/* Move to the next top-level element (depth 1) or mark the shard done. */
static int
xml_advance(struct xmlshard *s, int skip)
{
	int rc;

	rc = skip ? xmlTextReaderNext(s->r) : xmlTextReaderRead(s->r);
	while (rc == 1 && (xmlTextReaderNodeType(s->r) !=
	    XML_READER_TYPE_ELEMENT || xmlTextReaderDepth(s->r) != 1))
		rc = xmlTextReaderRead(s->r);
	if (rc < 0)
		return -1;
	s->done = rc == 0;
	return 0;
}

static xmlChar *
xml_path(struct xmlshard *s)
{
	return xmlTextReaderGetAttribute(s->r, (const xmlChar *)"path");
}

static int
xml_open(struct xmlshard *s, const char *path, struct errlist *errs)
{
	s->path = path;
	s->r = xmlparse_reader(path, XMLPARSE_NOBLANKS);
	if (s->r == NULL || xmlTextReaderRead(s->r) != 1) {
		errlist_add(errs, "%s: not a readable XML report", path);
		return -1;
	}
	while (xmlTextReaderNodeType(s->r) != XML_READER_TYPE_ELEMENT)
		if (xmlTextReaderRead(s->r) != 1) {
			errlist_add(errs, "%s: no report element", path);
			return -1;
		}
	return 0;
}

/* The root element and its <ruleset> from the first shard. */
static int
xml_head(xmlTextWriterPtr w, struct xmlshard *s, struct errlist *errs)
{
	xmlNodePtr n;

	xmlTextWriterStartElement(w, xmlTextReaderConstName(s->r));
	while (xmlTextReaderMoveToNextAttribute(s->r) == 1)
		xmlTextWriterWriteAttribute(w, xmlTextReaderConstName(s->r),
		    xmlTextReaderConstValue(s->r));
	xmlTextReaderMoveToElement(s->r);
	if (xml_advance(s, 0) != 0 || s->done ||
	    !xmlStrEqual(xmlTextReaderConstName(s->r), (const xmlChar *)"ruleset") ||
	    (n = xmlTextReaderExpand(s->r)) == NULL) {
		errlist_add(errs, "%s: no ruleset element", s->path);
		return -1;
	}
	replay(w, n);
	return 0;
}

/* Skip a later shard's root and ruleset, checking the ruleset matches. */
static int
xml_skip_head(struct xmlshard *s, const char *sha, struct errlist *errs)
{
	xmlChar *v;
	int ok;

	if (xml_advance(s, 0) != 0 || s->done) {
		errlist_add(errs, "%s: no ruleset element", s->path);
		return -1;
	}
	v = xmlTextReaderGetAttribute(s->r, (const xmlChar *)"sha256");
	ok = v != NULL && strcmp((char *)v, sha) == 0;
	xmlFree(v);
	if (!ok)
		errlist_add(errs, "%s: made with other rules than the first "
		    "report", s->path);
	return ok ? 0 : -1;
}

static size_t
xml_pick(struct xmlshard *sh, size_t n)
{
	xmlChar *p, *bp = NULL;
	size_t i, best = n;

	for (i = 0; i < n; i++) {
		if (sh[i].done)
			continue;
		p = xml_path(&sh[i]);
		if (p == NULL)
			p = xmlStrdup((const xmlChar *)"");
		if (best == n || path_cmp((char *)p, (char *)bp) < 0) {
			xmlFree(bp);
			bp = p;
			best = i;
		} else
			xmlFree(p);
	}
	xmlFree(bp);
	return best;
}

static int
xml_copy_documents(xmlTextWriterPtr w, struct xmlshard *sh, size_t n,
    struct errlist *errs)
{
	xmlNodePtr node;
	xmlChar *p, *last = NULL;
	size_t i;
	int rc = 0;

	while (rc == 0 && (i = xml_pick(sh, n)) < n) {
		p = xml_path(&sh[i]);
		if (p == NULL || (last != NULL &&
		    path_cmp((char *)last, (char *)p) >= 0)) {
			errlist_add(errs, "%s: %s: document without a path, out "
			    "of order, or in more than one report", sh[i].path,
			    p != NULL ? (char *)p : "?");
			xmlFree(p);
			break;
		}
		xmlFree(last);
		last = p;
		if ((node = xmlTextReaderExpand(sh[i].r)) == NULL) {
			errlist_add(errs, "%s: malformed document element",
			    sh[i].path);
			break;
		}
		replay(w, node);
		xmlTextWriterFlush(w);
		rc = xml_advance(&sh[i], 1);
		if (rc != 0)
			errlist_add(errs, "%s: malformed XML", sh[i].path);
	}
	xmlFree(last);
	return errs->n == 0 ? 0 : -1;
}

static int
xml_write_cb(void *ctx, const char *buf, int len)
{
	return fwrite(buf, 1, (size_t)len, ctx) == (size_t)len ? len : -1;
}

static int
merge_xml(const struct options *o, FILE *fp, struct errlist *errs)
{
	struct xmlshard *sh;
	xmlTextWriterPtr w;
	xmlChar *sha = NULL;
	size_t i;
	int rc = 0;

	sh = xcalloc(o->nargs, sizeof(*sh));
	for (i = 0; i < o->nargs && rc == 0; i++)
		rc = xml_open(&sh[i], o->args[i], errs);
	w = xmlNewTextWriter(xmlOutputBufferCreateIO(xml_write_cb, NULL, fp,
	    NULL));
	if (w == NULL)
		fatal("cannot create an XML writer");
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, (const xmlChar *)"  ");
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	if (rc == 0 && (rc = xml_head(w, &sh[0], errs)) == 0)
		sha = xmlTextReaderGetAttribute(sh[0].r, (const xmlChar *)"sha256");
	for (i = 1; i < o->nargs && rc == 0; i++)
		rc = xml_skip_head(&sh[i], sha != NULL ? (char *)sha : "",
		    errs);
	for (i = 0; i < o->nargs && rc == 0; i++)
		rc = xml_advance(&sh[i], 1);
	if (rc == 0)
		rc = xml_copy_documents(w, sh, o->nargs, errs);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	xmlFree(sha);
	for (i = 0; i < o->nargs; i++)
		xmlFreeTextReader(sh[i].r);
	free(sh);
	return rc;
}

/* CSV or XML, from the first bytes of the first report. */
static int
is_xml(const char *path)
{
	FILE *f;
	int c;

	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	while ((c = getc(f)) == ' ' || c == '\n' || c == '\r' || c == '\t' ||
	    c == 0xEF || c == 0xBB || c == 0xBF)
		;
	fclose(f);
	return c == '<';
}

/* On standard output the result is held back until the merge succeeded,
   so that an error never leaves half a report there. */
int
merge_reports(const struct options *o, FILE *fp, struct errlist *errs)
{
	FILE *mem;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if (fp != stdout)
		return is_xml(o->args[0]) ? merge_xml(o, fp, errs) :
		    merge_csv(o, fp, errs);
	if ((mem = open_memstream(&buf, &len)) == NULL)
		fatal("open_memstream failed");
	rc = is_xml(o->args[0]) ? merge_xml(o, mem, errs) :
	    merge_csv(o, mem, errs);
	fclose(mem);
	if (rc == 0 && fwrite(buf, 1, len, stdout) != len)
		rc = -1;
	free(buf);
	return rc;
}
