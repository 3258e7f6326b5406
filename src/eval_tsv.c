/*
 * eval_tsv.c -- the labelled TSV files of `palint eval`, read with libcsv.
 *
 * Input: a path.  Output: one callback per non-empty line with its fields
 * and its 1-based line number, so that every complaint about a row can say
 * "path:line: message".  The files use tabs between fields and no quoting at
 * all (a sentence may begin with a quotation mark), so libcsv is told to use
 * a quote byte that cannot occur in UTF-8 and not to trim blanks.  Feeding
 * the parser one line at a time keeps the line number exact; a line never
 * spans two rows because nothing is quoted.
 */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "util.h"

/* 0xff never occurs in UTF-8 text, so no field is ever taken as quoted. */
#define NO_QUOTE	0xff

struct tsv_reader {
	char		**fields;
	size_t		 n;
	size_t		 cap;
	unsigned	 line;
	size_t		 ncols;		/* the header's; 0 before it */
	eval_row_fn	*header;
	eval_row_fn	*row;
	void		*arg;
	const char	*path;
	struct errlist	*errs;
	int		 stop;
};

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
on_field(void *s, size_t len, void *arg)
{
	struct tsv_reader *tr = arg;

	GROW(tr->fields, tr->cap, tr->n + 1);
	tr->fields[tr->n++] = s == NULL ? xstrdup("") : xstrndup(s, len);
}

static void
fields_clear(struct tsv_reader *tr)
{
	size_t i;

	for (i = 0; i < tr->n; i++)
		free(tr->fields[i]);
	tr->n = 0;
}

/* The first row is the header; later ones must have as many fields. */
static void
deliver(struct tsv_reader *tr)
{
	if (tr->ncols == 0) {
		tr->ncols = tr->n;
		tr->stop = tr->header(tr->fields, tr->n, tr->line, tr->arg) != 0;
	} else if (tr->n != tr->ncols)
		errlist_add(tr->errs, "%s:%u: expected %zu tab-separated fields, "
		    "found %zu", tr->path, tr->line, tr->ncols, tr->n);
	else
		tr->stop = tr->row(tr->fields, tr->n, tr->line, tr->arg) != 0;
}

static void
on_row(int c, void *arg)
{
	struct tsv_reader *tr = arg;

	(void)c;
	if (!tr->stop)
		deliver(tr);
	fields_clear(tr);
}

/* A UTF-8 byte order mark would otherwise stick to the first column name. */
static size_t
skip_bom(const char *s, ssize_t len)
{
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		return 3;
	return 0;
}

static int
tsv_feed(FILE *fp, struct csv_parser *p, struct tsv_reader *tr)
{
	char *buf = NULL;
	size_t cap = 0, off;
	ssize_t len;

	while (!tr->stop && (len = getline(&buf, &cap, fp)) != -1) {
		tr->line++;
		off = tr->line == 1 ? skip_bom(buf, len) : 0;
		if (csv_parse(p, buf + off, (size_t)len - off, on_field,
		    on_row, tr) != (size_t)len - off) {
			free(buf);
			return -1;
		}
	}
	free(buf);
	return ferror(fp) ? -1 : 0;
}

int
eval_tsv_read(const char *path, eval_row_fn *header, eval_row_fn *row,
    void *arg, struct errlist *errs)
{
	struct tsv_reader tr;
	struct csv_parser p;
	FILE *fp;
	int rc;

	if ((fp = fopen(path, "r")) == NULL) {
		errlist_add(errs, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (csv_init(&p, 0) != 0)
		fatal("csv_init: out of memory");
	csv_set_delim(&p, CSV_TAB);
	csv_set_quote(&p, NO_QUOTE);
	csv_set_space_func(&p, never_space);
	memset(&tr, 0, sizeof(tr));
	tr.header = header;
	tr.row = row;
	tr.arg = arg;
	tr.path = path;
	tr.errs = errs;
	rc = tsv_feed(fp, &p, &tr);
	if (rc == 0 && !tr.stop)
		csv_fini(&p, on_field, on_row, &tr);
	if (rc != 0)
		errlist_add(errs, "%s:%u: %s", path, tr.line,
		    ferror(fp) ? strerror(errno) : csv_strerror(csv_error(&p)));
	csv_free(&p);
	fields_clear(&tr);
	free(tr.fields);
	fclose(fp);
	return rc != 0 || tr.stop ? -1 : 0;
}
