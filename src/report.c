/*
 * report.c -- stage 6: docresults to a report, through one writer per
 * format (report_text.c, report_csv.c, report_xml.c, report_html.c).
 *
 * Input: docresults in their final order.  Output: bytes on a FILE the
 * caller owns.  This file only dispatches to the writer; what the writers
 * must agree on lives below them, in report_util.c, so that calls go one
 * way: report.c -> report_*.c -> report_util.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "report.h"
#include "report_int.h"
#include "util.h"

static const struct report_ops *
report_ops_of(enum report_format format)
{
	switch (format) {
	case FORMAT_TEXT:
		return &report_text_ops;
	case FORMAT_CSV:
		return &report_csv_ops;
	case FORMAT_XML:
		return &report_xml_ops;
	case FORMAT_HTML:
		return &report_html_ops;
	}
	fatal("unknown report format %d", (int)format);
}

struct report *
report_open(enum report_format format, FILE *fp,
    const struct report_info *info)
{
	struct report *r;

	if (fp == NULL || info == NULL || info->ruleset == NULL)
		fatal("report_open: no output or no ruleset");
	r = xcalloc(1, sizeof(*r));
	r->ops = report_ops_of(format);
	r->fp = fp;
	r->info = *info;
	if (r->ops->begin(r) != 0)
		r->failed = 1;
	return r;
}

void
report_document(struct report *r, const struct docresult *dr)
{
	r->ndocuments++;
	if (!dr->ok)
		r->nerrors++;
	else if (dr->no_verdict != NULL) {
		r->nunjudged++;
		r->nunreadable += dr->unreadable != 0;
	}
	else
		r->sum_overall += dr->overall;
	if (!r->failed && r->ops->document(r, dr) != 0)
		r->failed = 1;
}

int
report_close(struct report *r)
{
	int failed;

	if (r == NULL)
		return 0;
	/* end also frees the writer's state, so it runs even after a
	   failure. */
	if (r->ops->end(r) != 0)
		r->failed = 1;
	if (fflush(r->fp) != 0 || ferror(r->fp))
		r->failed = 1;
	failed = r->failed;
	free(r);
	return failed ? -1 : 0;
}
