/*
 * diff_write.c -- `palint diff` output: diff_documents as text, CSV or XML.
 *
 * Input: one struct diff_document at a time, in path order.  Output:
 *   text  per document a line with its overall score before and after,
 *         then per changed objective a line with its status and score
 *         before and after, followed by indented lines for the conflicts
 *         introduced and removed and the evidence gained (+) and lost (-);
 *         a last line totals the run;
 *   CSV   one tidy table (csvout.c, spreadsheet-safe), one row per
 *         document, per changed objective and per item of evidence or
 *         conflict, told apart by the change column (a waived conflict:
 *         "conflict-introduced-waived", its justification as the text);
 *   XML   a <diff> document valid against rules/palint-diff.rng.
 * Every string from a document is cleaned (report_clean) first.
 */
#include "config.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "csvout.h"
#include "diff.h"
#include "report_int.h"
#include "util.h"

struct diff_writer {
	enum report_format fmt;
	FILE		*fp;
	struct report_info info;
	struct strbuf	 clean;
	struct strbuf	 line;
	char		*path;		/* cleaned path of the document */
	unsigned	 nfields;	/* CSV: in the current row */
	xmlTextWriterPtr w;
	int		 failed;
	size_t		 ndocs;
	size_t		 count[DIFF_NO_VERDICT + 1];
	size_t		 nworse;
};

static const char *const csv_header[] = {
	"document", "objective", "change", "status_before", "status_after",
	"score_before", "score_after", "rule", "line", "text"
};

/* "worse", "better" or "changed": how an objective moved.  Its status
   and score come from support evidence alone, and conflicts stand beside
   them: an introduced conflict rule makes it worse unless waived. */
static const char *
objective_change(const struct diff_objective *d)
{
	size_t i, conflicts = 0;

	for (i = 0; i < d->nintroduced; i++)
		conflicts += d->waived[i] == NULL;
	if (conflicts > 0 || diff_status_worse(d->before, d->after) ||
	    d->score_after < d->score_before - 1e-9)
		return "worse";
	if (diff_status_worse(d->after, d->before) ||
	    d->score_after > d->score_before + 1e-9)
		return "better";
	return "changed";
}

/* Text. */

static void
emit(struct diff_writer *dw)
{
	strbuf_addc(&dw->line, '\n');
	fwrite(dw->line.s, 1, dw->line.len, dw->fp);
	dw->line.len = 0;
	dw->line.s[0] = '\0';
}

static void
text_head(struct diff_writer *dw, const struct diff_document *dd)
{
	struct strbuf *sb = &dw->line;

	strbuf_addf(sb, "%s: ", dw->path);
	switch (dd->kind) {
	case DIFF_ERROR:
		strbuf_adds(sb, "error: ");
		strbuf_adds(sb, report_clean_line(&dw->clean, dd->error));
		break;
	case DIFF_NO_VERDICT:
		strbuf_adds(sb, "no verdict, not compared: ");
		strbuf_adds(sb, report_clean_line(&dw->clean, dd->error));
		break;
	case DIFF_ADDED:
		strbuf_adds(sb, "added, overall ");
		report_add_percent(sb, dd->overall_after);
		break;
	case DIFF_REMOVED:
		strbuf_adds(sb, "removed, overall was ");
		report_add_percent(sb, dd->overall_before);
		break;
	case DIFF_SAME:
		strbuf_adds(sb, "unchanged, overall ");
		report_add_percent(sb, dd->overall_after);
		break;
	case DIFF_CHANGED:
		strbuf_adds(sb, "overall ");
		report_add_percent(sb, dd->overall_before);
		strbuf_adds(sb, " -> ");
		report_add_percent(sb, dd->overall_after);
		break;
	}
	if (dd->worse)
		strbuf_adds(sb, " (worse)");
	emit(dw);
}

/* waived: per rule, its waiver or NULL; NULL for removed conflicts. */
static void
text_rules(struct diff_writer *dw, const char *what,
    const struct rule *const *v, const struct waiver *const *waived,
    size_t n)
{
	const struct waiver *w;
	size_t i;

	for (i = 0; i < n; i++) {
		w = waived != NULL ? waived[i] : NULL;
		strbuf_addf(&dw->line, "    %s%s %s: %s ",
		    w != NULL ? "waived " : "", what,
		    v[i]->severity == SEVERITY_ERROR ? "conflict" :
		    "possible conflict", v[i]->id);
		strbuf_adds(&dw->line,
		    report_clean_line(&dw->clean, v[i]->title));
		emit(dw);
		if (w == NULL)
			continue;
		strbuf_adds(&dw->line, "      waived by ");
		strbuf_adds(&dw->line,
		    report_clean_line(&dw->clean, w->reviewer));
		strbuf_adds(&dw->line, ": ");
		strbuf_adds(&dw->line,
		    report_clean_line(&dw->clean, w->justification));
		emit(dw);
	}
}

static void
text_evidence(struct diff_writer *dw, char sign,
    const struct diff_evidence *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		strbuf_addf(&dw->line, "    %c %s, line %u: ", sign,
		    v[i].rule->id, v[i].line);
		strbuf_adds(&dw->line,
		    report_clean_line(&dw->clean, v[i].sentence));
		emit(dw);
	}
}

/* An added document's objectives have no before. */
static void
text_objective(struct diff_writer *dw, const struct diff_document *dd,
    const struct diff_objective *d)
{
	struct strbuf *sb = &dw->line;

	strbuf_addf(sb, "%s: %s ", dw->path, d->objective->id);
	strbuf_adds(sb, report_clean_line(&dw->clean, d->objective->title));
	strbuf_adds(sb, ":");
	if (dd->kind != DIFF_ADDED) {
		strbuf_addf(sb, " %s ", status_name(d->before));
		report_add_percent(sb, d->score_before);
		strbuf_adds(sb, " ->");
	}
	strbuf_addf(sb, " %s ", status_name(d->after));
	report_add_percent(sb, d->score_after);
	strbuf_addf(sb, " (%s)", objective_change(d));
	emit(dw);
	text_rules(dw, "introduced", d->introduced, d->waived,
	    d->nintroduced);
	text_rules(dw, "removed", d->removed, NULL, d->nremoved);
	text_evidence(dw, '+', d->gained, d->ngained);
	text_evidence(dw, '-', d->lost, d->nlost);
}

static void
text_document(struct diff_writer *dw, const struct diff_document *dd)
{
	size_t i;

	text_head(dw, dd);
	for (i = 0; i < dd->nobjectives; i++)
		text_objective(dw, dd, &dd->objectives[i]);
}

static void
text_end(struct diff_writer *dw)
{
	strbuf_addf(&dw->line, "total: %zu document%s, %zu changed, "
	    "%zu worse, %zu added, %zu removed, %zu error%s", dw->ndocs,
	    dw->ndocs == 1 ? "" : "s", dw->count[DIFF_CHANGED], dw->nworse,
	    dw->count[DIFF_ADDED], dw->count[DIFF_REMOVED],
	    dw->count[DIFF_ERROR], dw->count[DIFF_ERROR] == 1 ? "" : "s");
	/* Only when there are some, so that the usual line stays as it was. */
	if (dw->count[DIFF_NO_VERDICT] > 0)
		strbuf_addf(&dw->line, ", %zu without verdict",
		    dw->count[DIFF_NO_VERDICT]);
	emit(dw);
}

/* CSV. */

static void
put(struct diff_writer *dw, const char *s)
{
	csvout_field(dw->fp, report_clean(&dw->clean, s), dw->info.csvflags |
	    (dw->nfields++ == 0 ? CSVOUT_FIRST : 0));
}

static void
put_percent(struct diff_writer *dw, double v, int known)
{
	char buf[16];

	report_percent(v, buf);
	put(dw, known ? buf : "");
}

static void
put_u(struct diff_writer *dw, unsigned v)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", v);
	put(dw, buf);
}

static void
end_row(struct diff_writer *dw)
{
	dw->nfields = 0;
	csvout_end_row(dw->fp);
}

static void
csv_head(struct diff_writer *dw, const struct diff_document *dd)
{
	put(dw, dd->path);
	put(dw, "");
	if (dd->kind == DIFF_CHANGED || dd->kind == DIFF_SAME)
		put(dw, dd->worse ? "worse" : diff_kind_name(dd->kind));
	else
		put(dw, diff_kind_name(dd->kind));
	put(dw, "");
	put(dw, "");
	put_percent(dw, dd->overall_before, dd->kind != DIFF_ADDED &&
	    dd->kind != DIFF_ERROR && dd->kind != DIFF_NO_VERDICT);
	put_percent(dw, dd->overall_after, dd->kind != DIFF_REMOVED &&
	    dd->kind != DIFF_ERROR && dd->kind != DIFF_NO_VERDICT);
	put(dw, "");
	put(dw, "");
	put(dw, dd->kind == DIFF_ERROR || dd->kind == DIFF_NO_VERDICT ?
	    dd->error : "");
	end_row(dw);
}

/* The rows of one conflict rule or one piece of evidence. */
static void
csv_item(struct diff_writer *dw, const struct diff_document *dd,
    const struct diff_objective *d, const char *change,
    const struct rule *r, unsigned line, const char *text)
{
	put(dw, dd->path);
	put(dw, d->objective->id);
	put(dw, change);
	put(dw, "");
	put(dw, "");
	put(dw, "");
	put(dw, "");
	put(dw, r->id);
	if (line > 0)
		put_u(dw, line);
	else
		put(dw, "");
	put(dw, text);
	end_row(dw);
}

static void
csv_objective(struct diff_writer *dw, const struct diff_document *dd,
    const struct diff_objective *d)
{
	size_t i;

	put(dw, dd->path);
	put(dw, d->objective->id);
	put(dw, objective_change(d));
	put(dw, dd->kind != DIFF_ADDED ? status_name(d->before) : "");
	put(dw, status_name(d->after));
	put_percent(dw, d->score_before, dd->kind != DIFF_ADDED);
	put_percent(dw, d->score_after, 1);
	put(dw, "");
	put(dw, "");
	put(dw, d->objective->title);
	end_row(dw);
	for (i = 0; i < d->nintroduced; i++)
		csv_item(dw, dd, d, d->waived[i] != NULL ?
		    "conflict-introduced-waived" : "conflict-introduced",
		    d->introduced[i], 0, d->waived[i] != NULL ?
		    d->waived[i]->justification : d->introduced[i]->title);
	for (i = 0; i < d->nremoved; i++)
		csv_item(dw, dd, d, "conflict-removed", d->removed[i], 0,
		    d->removed[i]->title);
	for (i = 0; i < d->ngained; i++)
		csv_item(dw, dd, d, "gained", d->gained[i].rule,
		    d->gained[i].line, d->gained[i].sentence);
	for (i = 0; i < d->nlost; i++)
		csv_item(dw, dd, d, "lost", d->lost[i].rule,
		    d->lost[i].line, d->lost[i].sentence);
}

static void
csv_document(struct diff_writer *dw, const struct diff_document *dd)
{
	size_t i;

	csv_head(dw, dd);
	for (i = 0; i < dd->nobjectives; i++)
		csv_objective(dw, dd, &dd->objectives[i]);
}

/* XML. */

static int
file_write(void *ctx, const char *buf, int len)
{
	if (len <= 0)
		return 0;
	return fwrite(buf, 1, (size_t)len, ctx) == (size_t)len ? len : -1;
}

static int
file_close(void *ctx)
{
	return 0;
}

static void
xcheck(struct diff_writer *dw, int rc)
{
	if (rc < 0)
		dw->failed = 1;
}

static void
xstart(struct diff_writer *dw, const char *name)
{
	xcheck(dw, xmlTextWriterStartElement(dw->w, (const xmlChar *)name));
}

static void
xend(struct diff_writer *dw)
{
	xcheck(dw, xmlTextWriterEndElement(dw->w));
}

static void
xattr(struct diff_writer *dw, const char *name, const char *value)
{
	xcheck(dw, xmlTextWriterWriteAttribute(dw->w, (const xmlChar *)name,
	    (const xmlChar *)report_clean(&dw->clean, value)));
}

static void
xattr_percent(struct diff_writer *dw, const char *name, double v)
{
	char buf[16];

	report_percent(v, buf);
	xattr(dw, name, buf);
}

static void
xtext(struct diff_writer *dw, const char *name, const char *text)
{
	xcheck(dw, xmlTextWriterWriteElement(dw->w, (const xmlChar *)name,
	    (const xmlChar *)report_clean(&dw->clean, text)));
}

static void
xml_begin(struct diff_writer *dw, const char *old, const char *new)
{
	const struct ruleset *rs = dw->info.ruleset;
	xmlOutputBufferPtr out;
	char when[32];

	out = xmlOutputBufferCreateIO(file_write, file_close, dw->fp, NULL);
	if (out == NULL || (dw->w = xmlNewTextWriter(out)) == NULL)
		fatal("cannot create an XML writer");
	xcheck(dw, xmlTextWriterSetIndent(dw->w, 1));
	xcheck(dw, xmlTextWriterSetIndentString(dw->w,
	    (const xmlChar *)"  "));
	xcheck(dw, xmlTextWriterStartDocument(dw->w, "1.0", "UTF-8", NULL));
	xstart(dw, "diff");
	xattr(dw, "tool", PACKAGE_NAME);
	xattr(dw, "version", PACKAGE_VERSION);
	xattr(dw, "model", COVERAGE_MODEL_VERSION);
	report_iso8601(dw->info.generated, when);
	xattr(dw, "generated", when);
	xattr(dw, "old", old);
	xattr(dw, "new", new);
	xstart(dw, "ruleset");
	xattr(dw, "id", rs->id);
	xattr(dw, "version", rs->version != NULL ? rs->version : "");
	xattr(dw, "sha256", rs->sha256);
	xattr(dw, "title", rs->title != NULL ? rs->title : "");
	xend(dw);
}

static void
xml_rules(struct diff_writer *dw, const char *name,
    const struct rule *const *v, const struct waiver *const *waived,
    size_t n)
{
	const struct waiver *w;
	size_t i;

	for (i = 0; i < n; i++) {
		w = waived != NULL ? waived[i] : NULL;
		xstart(dw, name);
		xattr(dw, "rule", v[i]->id);
		xattr(dw, "severity", report_severity_name(v[i]->severity));
		if (w != NULL) {
			xattr(dw, "waived-by", w->reviewer);
			xattr(dw, "justification", w->justification);
		}
		xend(dw);
	}
}

static void
xml_evidence(struct diff_writer *dw, const char *name,
    const struct diff_evidence *v, size_t n)
{
	char buf[16];
	size_t i;

	for (i = 0; i < n; i++) {
		xstart(dw, name);
		xattr(dw, "rule", v[i].rule->id);
		snprintf(buf, sizeof(buf), "%u", v[i].line);
		xattr(dw, "line", buf);
		xtext(dw, "sentence", v[i].sentence);
		xend(dw);
	}
}

static void
xml_objective(struct diff_writer *dw, const struct diff_document *dd,
    const struct diff_objective *d)
{
	xstart(dw, "objective");
	xattr(dw, "id", d->objective->id);
	xattr(dw, "title", d->objective->title);
	xattr(dw, "change", objective_change(d));
	if (dd->kind != DIFF_ADDED)
		xattr(dw, "status-before", status_name(d->before));
	xattr(dw, "status-after", status_name(d->after));
	if (dd->kind != DIFF_ADDED)
		xattr_percent(dw, "score-before", d->score_before);
	xattr_percent(dw, "score-after", d->score_after);
	xml_rules(dw, "conflict-introduced", d->introduced, d->waived,
	    d->nintroduced);
	xml_rules(dw, "conflict-removed", d->removed, NULL, d->nremoved);
	xml_evidence(dw, "gained", d->gained, d->ngained);
	xml_evidence(dw, "lost", d->lost, d->nlost);
	xend(dw);
}

static void
xml_document(struct diff_writer *dw, const struct diff_document *dd)
{
	size_t i;

	xstart(dw, "document");
	xattr(dw, "path", dd->path);
	xattr(dw, "change", diff_kind_name(dd->kind));
	if (dd->kind == DIFF_ERROR || dd->kind == DIFF_NO_VERDICT) {
		/* No scores: nothing was judged on some side. */
		xtext(dw, "message", dd->error);
		xend(dw);
		xcheck(dw, xmlTextWriterFlush(dw->w));
		return;
	}
	xattr(dw, "worse", dd->worse ? "yes" : "no");
	if (dd->kind != DIFF_ADDED)
		xattr_percent(dw, "overall-before", dd->overall_before);
	if (dd->kind != DIFF_REMOVED)
		xattr_percent(dw, "overall-after", dd->overall_after);
	for (i = 0; i < dd->nobjectives; i++)
		xml_objective(dw, dd, &dd->objectives[i]);
	xend(dw);
	xcheck(dw, xmlTextWriterFlush(dw->w));
}

/* The writer. */

struct diff_writer *
diff_writer_open(enum report_format fmt, FILE *fp,
    const struct report_info *info, const char *old, const char *new)
{
	struct diff_writer *dw;
	size_t i;

	dw = xcalloc(1, sizeof(*dw));
	dw->fmt = fmt;
	dw->fp = fp;
	dw->info = *info;
	strbuf_adds(&dw->line, "");
	switch (fmt) {
	case FORMAT_CSV:
		for (i = 0; i < nitems(csv_header); i++)
			put(dw, csv_header[i]);
		end_row(dw);
		break;
	case FORMAT_XML:
		xml_begin(dw, old, new);
		break;
	case FORMAT_TEXT:
	case FORMAT_HTML:	/* refused by cmd_diff.c */
		break;
	}
	return dw;
}

int
diff_writer_document(struct diff_writer *dw, const struct diff_document *dd)
{
	if (dw->failed)
		return -1;
	dw->ndocs++;
	dw->count[dd->kind]++;
	if (dd->worse)
		dw->nworse++;
	free(dw->path);
	dw->path = xstrdup(report_clean_line(&dw->clean, dd->path));
	switch (dw->fmt) {
	case FORMAT_TEXT:
	case FORMAT_HTML:	/* refused by cmd_diff.c */
		text_document(dw, dd);
		break;
	case FORMAT_CSV:
		csv_document(dw, dd);
		break;
	case FORMAT_XML:
		xml_document(dw, dd);
		break;
	}
	if (ferror(dw->fp))
		dw->failed = 1;
	return dw->failed ? -1 : 0;
}

int
diff_writer_close(struct diff_writer *dw)
{
	int failed;

	if (dw->fmt == FORMAT_TEXT && !dw->failed)
		text_end(dw);
	if (dw->w != NULL) {
		xcheck(dw, xmlTextWriterEndDocument(dw->w));
		xcheck(dw, xmlTextWriterFlush(dw->w));
		xmlFreeTextWriter(dw->w);
	}
	if (fflush(dw->fp) != 0 || ferror(dw->fp))
		dw->failed = 1;
	failed = dw->failed;
	strbuf_free(&dw->clean);
	strbuf_free(&dw->line);
	free(dw->path);
	free(dw);
	return failed ? -1 : 0;
}
