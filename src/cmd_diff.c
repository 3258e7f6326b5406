/*
 * cmd_diff.c -- `palint diff OLD NEW`: two drafts scanned with the same
 * rules and compared (diff.h), or two folders of drafts matched by their
 * paths relative to the folder; a document on one side only is added or
 * removed.  The documents of both sides are judged by -j worker threads,
 * each with its own scanner, and compared once all are in.  With --waivers
 * both drafts' findings are marked first, so that a conflict that appears
 * but is waived does not make the document worse.  Exit status 1 when a
 * document got worse (its score dropped or a conflict appeared), 2 when a
 * document could not be read.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "commands.h"
#include "coverage.h"
#include "diff.h"
#include "document.h"
#include "outfile.h"
#include "prefilter.h"
#include "ruleload.h"
#include "rules.h"
#include "scan.h"
#include "waivers.h"
#include "walk.h"

struct entry {
	const char		*key;	/* the path below the operand */
	const struct docresult	*dr;
};

/* One side of the comparison: its documents, their results, and the
   results sorted by the key that matches them with the other side's. */
struct side {
	const char	*operand;
	int		 folder;
	struct inputs	 in;
	struct docresults r;
	struct entry	*e;
};

struct diff_run {
	const struct options	*o;
	const struct ruleset	*rs;
	const struct prefilter	*pf;
	struct diff_writer	*dw;
	struct waivers		*waivers;	/* --waivers, or NULL */
	struct side		 old;
	struct side		 new;
	int			 worse;
	int			 errors;
	int			 failed;
};

static int
is_folder(const char *path, int *folder)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		log_warnx("%s: %s", path, strerror(errno));
		return -1;
	}
	*folder = S_ISDIR(st.st_mode);
	return 0;
}

/* The path of a result below its side's operand: "" for the operand
   itself, "!member" for an archive member, "sub/file" in a folder. */
static const char *
side_key(const struct side *s, const char *path)
{
	size_t n = strlen(s->operand);

	if (strncmp(path, s->operand, n) != 0)
		return path;
	path += n;
	while (s->folder && *path == '/')
		path++;
	return path;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return path_cmp(x->key, y->key);
}

/* The documents of one side, walked as a scan walks its operands. */
static int
side_walk(struct diff_run *d, struct side *s)
{
	struct errlist errs = { NULL, 0, 0 };
	struct options w = *d->o;
	const char *args[1];

	args[0] = s->operand;
	w.args = args;
	w.nargs = 1;
	w.files_from = NULL;
	if (walk_inputs(&w, &s->in, &errs) == 0)
		return 0;
	errlist_warn(&errs);
	errlist_free(&errs);
	return -1;
}

/* One input of either side, judged by a worker into its own list. */
struct task {
	const struct input *in;
	struct docresults r;
};

struct pool {
	const struct diff_run *d;
	struct task	*t;
	size_t		 n;
	size_t		 next;		/* next task to take */
	pthread_mutex_t	 mu;
};

static void *
pool_worker(void *arg)
{
	struct pool *p = arg;
	struct scanner *sc;
	size_t i;

	sc = scanner_new(p->d->rs, p->d->pf);
	for (;;) {
		pthread_mutex_lock(&p->mu);
		i = p->next++;
		pthread_mutex_unlock(&p->mu);
		if (i >= p->n || signal_caught() != 0)
			break;
		document_run(p->d->rs, sc, p->t[i].in, &p->d->o->limits,
		    &p->t[i].r);
	}
	scanner_free(sc);
	return NULL;
}

/* A task's results moved to the end of its side's list, in order. */
static void
task_collect(const struct diff_run *d, struct task *t, struct side *s)
{
	size_t i;

	if (!d->o->quiet)
		errlist_warn(&t->r.skipped);
	for (i = 0; i < t->r.n; i++) {
		GROW(s->r.v, s->r.cap, s->r.n + 1);
		s->r.v[s->r.n++] = t->r.v[i];
	}
	t->r.n = 0;
	docresults_free(&t->r);
}

/* Judge the documents of both sides, old ones first, in threads. */
static int
diff_scan(struct diff_run *d)
{
	struct pool p;
	pthread_t *th;
	size_t i, nold = d->old.in.n;
	unsigned n, k;

	memset(&p, 0, sizeof(p));
	p.d = d;
	p.n = nold + d->new.in.n;
	p.t = xcalloc(p.n + 1, sizeof(*p.t));
	for (i = 0; i < p.n; i++)
		p.t[i].in = i < nold ? &d->old.in.v[i] :
		    &d->new.in.v[i - nold];
	pthread_mutex_init(&p.mu, NULL);
	n = batch_jobs(d->o, p.n);
	th = xcalloc(n, sizeof(*th));
	for (k = 0; k < n; k++)
		if (pthread_create(&th[k], NULL, pool_worker, &p) != 0)
			fatal("cannot start a worker thread");
	for (k = 0; k < n; k++)
		pthread_join(th[k], NULL);
	free(th);
	pthread_mutex_destroy(&p.mu);
	for (i = 0; i < p.n; i++)
		task_collect(d, &p.t[i], i < nold ? &d->old : &d->new);
	free(p.t);
	return signal_caught() == 0 ? 0 : -1;
}

/* Mark the waived findings of one side, then key and sort its results. */
static void
side_keys(struct diff_run *d, struct side *s)
{
	size_t i;

	for (i = 0; i < s->r.n && d->waivers != NULL; i++)
		waivers_apply(d->waivers, s->r.v[i]);
	s->e = xcalloc(s->r.n + 1, sizeof(*s->e));
	for (i = 0; i < s->r.n; i++) {
		s->e[i].key = side_key(s, s->r.v[i]->path);
		s->e[i].dr = s->r.v[i];
	}
	if (s->r.n > 1)
		qsort(s->e, s->r.n, sizeof(*s->e), entry_cmp);
}

/* Compare one document (either side may be missing) and write it. */
static void
diff_one(struct diff_run *d, const struct docresult *old,
    const struct docresult *new, const char *key)
{
	struct diff_document *dd;
	char *path;

	if (d->new.folder)
		path = xstrdup(key);
	else
		path = xasprintf("%s%s", d->new.operand, key);
	dd = diff_documents(path, old, new);
	if (dd->kind == DIFF_ERROR) {
		d->errors++;
		if (!d->o->quiet)
			log_warnx("%s: %s", old != NULL && !old->ok ?
			    old->path : new->path, dd->error);
	} else if (dd->kind == DIFF_NO_VERDICT && !d->o->quiet)
		log_warnx("%s: no verdict, not compared: %s", path, dd->error);
	if (dd->worse)
		d->worse = 1;
	if (diff_writer_document(d->dw, dd) != 0)
		d->failed = 1;
	diff_document_free(dd);
	free(path);
}

/* Both sides' results sorted by key, matched like a merge. */
static void
diff_match(struct diff_run *d)
{
	struct side *a = &d->old, *b = &d->new;
	size_t i = 0, j = 0;
	int c;

	while (i < a->r.n || j < b->r.n) {
		if (i == a->r.n)
			c = 1;
		else if (j == b->r.n)
			c = -1;
		else
			c = path_cmp(a->e[i].key, b->e[j].key);
		if (c == 0) {
			diff_one(d, a->e[i].dr, b->e[j].dr, b->e[j].key);
			i++, j++;
		} else if (c < 0) {
			diff_one(d, a->e[i].dr, NULL, a->e[i].key);
			i++;
		} else {
			diff_one(d, NULL, b->e[j].dr, b->e[j].key);
			j++;
		}
	}
}

/* Exactly two operands, both folders or both documents. */
static int
diff_operands(struct diff_run *d)
{
	const struct options *o = d->o;

	if (o->nargs != 2) {
		log_warnx("diff wants two operands, OLD and NEW");
		return -1;
	}
	d->old.operand = o->args[0];
	d->new.operand = o->args[1];
	if (is_folder(d->old.operand, &d->old.folder) != 0 ||
	    is_folder(d->new.operand, &d->new.folder) != 0)
		return -1;
	if (d->old.folder != d->new.folder) {
		log_warnx("%s and %s: compare two folders or two documents",
		    d->old.operand, d->new.operand);
		return -1;
	}
	return 0;
}

static int
diff_output(struct diff_run *d)
{
	struct report_info ri = { d->rs, report_timestamp(), LEVEL_OBJECTIVE,
	    0, options_csvflags(d->o), 0, 0, NULL };
	struct outfile out;
	char *cause = NULL;
	int bad;

	if (outfile_open(&out, d->o->output, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		return -1;
	}
	d->dw = diff_writer_open(d->o->format_set ? d->o->format :
	    FORMAT_TEXT, out.fp, &ri, d->old.operand, d->new.operand);
	diff_match(d);
	bad = diff_writer_close(d->dw) != 0 || d->failed;
	if (bad) {
		outfile_abort(&out);
		log_warnx("cannot write the comparison");
		return -1;
	}
	if (outfile_commit(&out, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* --waivers, read before any document; -1 after printing its errors. */
static int
diff_waivers(struct diff_run *d)
{
	struct errlist errs = { NULL, 0, 0 }, warns = { NULL, 0, 0 };

	if (d->o->waivers == NULL)
		return 0;
	d->waivers = waivers_load(d->o->waivers, d->rs, report_timestamp(),
	    &errs, &warns);
	errlist_warn(&warns);
	errlist_warn(&errs);
	errlist_free(&warns);
	errlist_free(&errs);
	return d->waivers != NULL ? 0 : -1;
}

static void
diff_waivers_end(struct diff_run *d, int complete)
{
	struct errlist warns = { NULL, 0, 0 };

	if (complete) {
		waivers_unused(d->waivers, &warns);
		errlist_warn(&warns);
		errlist_free(&warns);
	}
	waivers_free(d->waivers);
}

static void
side_free(struct side *s)
{
	docresults_free(&s->r);
	inputs_free(&s->in);
	free(s->e);
}

int
cmd_diff(const struct options *o)
{
	struct diff_run d;
	struct ruleset *rs;
	struct prefilter *pf;
	int rc = EXIT_TROUBLE;

	memset(&d, 0, sizeof(d));
	d.o = o;
	if (o->format_set && o->format == FORMAT_HTML) {
		log_warnx("diff: formats: text, csv or xml");
		return EXIT_TROUBLE;
	}
	if (diff_operands(&d) != 0)
		return EXIT_TROUBLE;
	if ((rs = ruleload_scan_rules(o->rules, o->nrules,
	    o->cache_dir, o->quiet)) == NULL)
		return EXIT_TROUBLE;
	pf = ruleload_prefilter(o, rs);
	d.rs = rs;
	d.pf = pf;
	signals_install();
	if (diff_waivers(&d) == 0 && side_walk(&d, &d.old) == 0 &&
	    side_walk(&d, &d.new) == 0 && diff_scan(&d) == 0) {
		side_keys(&d, &d.old);
		side_keys(&d, &d.new);
		if (diff_output(&d) == 0)
			rc = d.errors > 0 ? EXIT_TROUBLE : d.worse ?
			    EXIT_FINDINGS : EXIT_OK;
	}
	diff_waivers_end(&d, rc != EXIT_TROUBLE || d.errors > 0);
	if (signal_caught() != 0)
		rc = 128 + signal_caught();
	side_free(&d.old);
	side_free(&d.new);
	ruleload_prefilter_free(pf);
	ruleset_free(rs);
	return rc;
}
