/*
 * csvread.c -- a CSV file into records with their line numbers, through
 * libcsv.
 *
 * libcsv does not say where a record starts, so the bytes are fed to it one
 * line at a time: a record starts on the first line that gives it a byte
 * other than a line end.  Lines cannot be cut inside a quoted field by
 * this, since libcsv keeps its state between calls.
 */
#include "config.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "fileio.h"
#include "util.h"

struct csvread {
	struct csvfile	*out;
	struct csvrecord cur;		/* being parsed */
	unsigned	 line;		/* of the bytes being fed */
	int		 started;	/* cur has a start line */
};

static void
on_field(void *s, size_t n, void *arg)
{
	struct csvread *cr = arg;

	cr->cur.f = xreallocarray(cr->cur.f, cr->cur.n + 1, sizeof(char *));
	cr->cur.f[cr->cur.n++] = xstrndup(s != NULL ? s : "", n);
}

static void
on_record(int c, void *arg)
{
	struct csvread *cr = arg;
	struct csvfile *f = cr->out;

	(void)c;
	if (!cr->started)
		cr->cur.line = cr->line;
	GROW(f->v, f->cap, f->n + 1);
	f->v[f->n++] = cr->cur;
	memset(&cr->cur, 0, sizeof(cr->cur));
	cr->started = 0;
}

/* Feed one line (with its line end); note where a record starts. */
static int
feed_line(struct csv_parser *p, struct csvread *cr, const unsigned char *s,
    size_t n)
{
	size_t i;

	if (!cr->started) {
		for (i = 0; i < n && (s[i] == '\r' || s[i] == '\n'); i++)
			;
		if (i < n) {
			cr->cur.line = cr->line;
			cr->started = 1;
		}
	}
	return csv_parse(p, s, n, on_field, on_record, cr) == n ? 0 : -1;
}

static int
parse(const char *path, const unsigned char *data, size_t len,
    struct csvread *cr, char **cause)
{
	struct csv_parser p;
	const unsigned char *nl;
	size_t at = 0, n;
	int rc = 0;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		fatal("cannot start the CSV parser");
	for (cr->line = 1; at < len && rc == 0; cr->line++) {
		nl = memchr(data + at, '\n', len - at);
		n = nl != NULL ? (size_t)(nl - (data + at)) + 1 : len - at;
		rc = feed_line(&p, cr, data + at, n);
		at += n;
	}
	if (rc == 0 && csv_fini(&p, on_field, on_record, cr) != 0)
		rc = -1;
	if (rc != 0)
		*cause = xasprintf("%s:%u: malformed CSV: %s", path,
		    cr->started ? cr->cur.line : cr->line - 1,
		    csv_strerror(csv_error(&p)));
	csv_free(&p);
	return rc;
}

int
csvread_file(const char *path, struct csvfile *f, char **cause)
{
	struct csvread cr;
	unsigned char *data;
	char *why = NULL;
	size_t len, i;
	int rc;

	memset(f, 0, sizeof(*f));
	if ((data = file_read(path, 0, 0, &len, &why)) == NULL) {
		*cause = xasprintf("%s: %s", path, why);
		free(why);
		return -1;
	}
	memset(&cr, 0, sizeof(cr));
	cr.out = f;
	rc = parse(path, data, len, &cr, cause);
	for (i = 0; i < cr.cur.n; i++)
		free(cr.cur.f[i]);
	free(cr.cur.f);
	free(data);
	return rc;
}

void
csvread_free(struct csvfile *f)
{
	size_t i, j;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		for (j = 0; j < f->v[i].n; j++)
			free(f->v[i].f[j]);
		free(f->v[i].f);
	}
	free(f->v);
	memset(f, 0, sizeof(*f));
}
