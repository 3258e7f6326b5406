/*
 * walk.c -- operands (files, folders, "-", --files-from) to a sorted list of
 * documents, with fts(3) for the folder walk and fnmatch(3) for globs.
 */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <fts.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "walk.h"

static struct input *
input_add(struct inputs *in, const char *path, const char *error, int is_stdin)
{
	struct input *i;

	GROW(in->v, in->cap, in->n + 1);
	i = &in->v[in->n++];
	i->path = xstrdup(path);
	i->error = error != NULL ? xstrdup(error) : NULL;
	i->is_stdin = is_stdin;
	i->read_any = 0;
	return i;
}

static int
glob_any(const char *const *globs, size_t n, const char *path,
    const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (fnmatch(globs[i], name, 0) == 0 ||
		    fnmatch(globs[i], path, 0) == 0)
			return 1;
	return 0;
}

/* Whether a file met inside a folder is read. */
static int
walk_wanted(const struct options *o, const FTSENT *e)
{
	if (glob_any(o->exclude, o->nexclude, e->fts_path, e->fts_name))
		return 0;
	if (o->ninclude > 0 &&
	    !glob_any(o->include, o->ninclude, e->fts_path, e->fts_name))
		return 0;
	return 1;
}

static int
walk_cmp(const FTSENT **a, const FTSENT **b)
{
	return strcmp((*a)->fts_name, (*b)->fts_name);
}

/*
 * A FIFO, socket or device: opening or reading one can block for ever, so
 * one stray special file would stall a whole batch.  It is never read in a
 * walk, only when the user names it and says so; either way it keeps a row
 * in the report.
 */
static void
walk_special(const struct options *o, const FTSENT *e, int operand,
    struct inputs *in)
{
	char *why, *hint;

	if (operand && o->read_devices) {
		input_add(in, e->fts_path, NULL, 0)->read_any = 1;
		return;
	}
	why = file_refusal(e->fts_statp->st_mode);
	if (operand) {
		hint = xasprintf("%s; --devices=read reads it", why);
		free(why);
		why = hint;
	}
	input_add(in, e->fts_path, why, 0);
	free(why);
}

static void
walk_entry(const struct options *o, FTS *fts, FTSENT *e, int listed,
    struct inputs *in)
{
	int hidden = e->fts_level > 0 && e->fts_name[0] == '.' && !o->hidden;

	switch (e->fts_info) {
	case FTS_D:
		if (hidden || (e->fts_level > 0 && glob_any(o->exclude,
		    o->nexclude, e->fts_path, e->fts_name)))
			fts_set(fts, e, FTS_SKIP);
		break;
	case FTS_DC:
		input_add(in, e->fts_path, "symbolic link loop", 0);
		break;
	case FTS_DNR:
	case FTS_ERR:
	case FTS_NS:
		input_add(in, e->fts_path, strerror(e->fts_errno), 0);
		break;
	case FTS_SLNONE:
		if (!hidden)
			input_add(in, e->fts_path, "dangling symbolic link", 0);
		break;
	case FTS_F:
		if (e->fts_level == 0 || (!hidden && walk_wanted(o, e)))
			input_add(in, e->fts_path, NULL, 0);
		break;
	case FTS_DEFAULT:
		if (e->fts_level == 0 || (!hidden && walk_wanted(o, e)))
			walk_special(o, e, e->fts_level == 0 && !listed, in);
		break;
	default:
		break;
	}
}

/* Walk one operand, or one path of a --files-from list when listed. */
static void
walk_path(const struct options *o, const char *path, int listed,
    struct inputs *in)
{
	char *argv[2];
	FTS *fts;
	FTSENT *e;

	/* fts_open() takes char *const *: give it a copy of our own. */
	argv[0] = xstrdup(path);
	argv[1] = NULL;
	fts = fts_open(argv, FTS_LOGICAL | FTS_NOCHDIR, walk_cmp);
	if (fts == NULL) {
		input_add(in, path, strerror(errno), 0);
		free(argv[0]);
		return;
	}
	while ((e = fts_read(fts)) != NULL)
		walk_entry(o, fts, e, listed, in);
	fts_close(fts);
	free(argv[0]);
}

/* One path per line; empty lines ignored. */
static int
walk_list(const struct options *o, struct inputs *in, struct errlist *errs)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (strcmp(o->files_from, "-") == 0)
		f = stdin;
	else if ((f = fopen(o->files_from, "r")) == NULL) {
		errlist_add(errs, "%s: %s", o->files_from, strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n > 0)
			walk_path(o, line, 1, in);
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return 0;
}

int
path_cmp(const char *a, const char *b)
{
	unsigned char x, y;

	for (;; a++, b++) {
		x = *a == '!' ? 1 : (unsigned char)*a;
		y = *b == '!' ? 1 : (unsigned char)*b;
		if (x != y || x == '\0')
			return x < y ? -1 : x > y;
	}
}

/* By path; a special file found twice, in a folder and named with
   --devices=read, is read: the readable entry sorts first and is kept. */
static int
input_cmp(const void *a, const void *b)
{
	const struct input *x = a, *y = b;
	int c;

	if ((c = path_cmp(x->path, y->path)) != 0)
		return c;
	return y->read_any - x->read_any;
}

static void
walk_sort(struct inputs *in)
{
	size_t i, keep = 0;

	if (in->n > 0)
		qsort(in->v, in->n, sizeof(*in->v), input_cmp);
	for (i = 0; i < in->n; i++) {
		if (keep > 0 && path_cmp(in->v[keep - 1].path, in->v[i].path) ==
		    0) {
			free(in->v[i].path);
			free(in->v[i].error);
			continue;
		}
		in->v[keep++] = in->v[i];
	}
	in->n = keep;
}

int
walk_inputs(const struct options *o, struct inputs *in, struct errlist *errs)
{
	size_t i, nstdin = 0;

	for (i = 0; i < o->nargs; i++)
		nstdin += strcmp(o->args[i], "-") == 0;
	if (nstdin > 1 || (nstdin == 1 && o->files_from != NULL &&
	    strcmp(o->files_from, "-") == 0)) {
		errlist_add(errs, "standard input can be read only once");
		return -1;
	}
	for (i = 0; i < o->nargs; i++) {
		if (strcmp(o->args[i], "-") == 0)
			input_add(in, o->stdin_name != NULL ? o->stdin_name :
			    "-", NULL, 1);
		else
			walk_path(o, o->args[i], 0, in);
	}
	if (o->files_from != NULL && walk_list(o, in, errs) != 0)
		return -1;
	walk_sort(in);
	return 0;
}

void
inputs_free(struct inputs *in)
{
	size_t i;

	if (in == NULL)
		return;
	for (i = 0; i < in->n; i++) {
		free(in->v[i].path);
		free(in->v[i].error);
	}
	free(in->v);
	in->v = NULL;
	in->n = in->cap = 0;
}
