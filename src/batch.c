/*
 * batch.c -- the scan command: sorted inputs to reports, in parallel.
 *
 * Input: the walked document list, a compiled ruleset and its prefilter.
 * Output: the report (and evidence report) written in list order.  Workers
 * judge documents; the main thread alone writes, reports progress and
 * watches for SIGINT/SIGTERM.  The rules are loaded (so libxml2 is
 * initialised) before any worker starts: libxml2 2.9's first
 * initialisation is not thread-safe.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "coverage.h"
#include "document.h"
#include "outfile.h"
#include "report.h"
#include "textkind.h"

/* Tasks a worker may run ahead of the writer: enough to keep every
   thread busy, few enough that memory does not grow with the batch. */
#define WINDOW_PER_JOB	4

struct slot {
	struct docresults r;
	int		 done;
};

struct batch {
	const struct options	*o;
	const struct ruleset	*rs;
	const struct prefilter	*pf;
	const struct inputs	*in;
	struct batch_review	*review;
	struct slot		*slots;
	size_t			 next;		/* next task to take */
	size_t			 written;	/* tasks written */
	size_t			 window;
	struct docresults	 held;		/* --sort: written at the end */
	int			 stop;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
};

static void *
batch_worker(void *arg)
{
	struct batch *b = arg;
	struct scanner *sc;
	size_t i;

	sc = scanner_new(b->rs, b->pf);
	pthread_mutex_lock(&b->mu);
	for (;;) {
		while (!b->stop && b->next < b->in->n &&
		    b->next >= b->written + b->window)
			pthread_cond_wait(&b->cv, &b->mu);
		if (b->stop || b->next >= b->in->n)
			break;
		i = b->next++;
		pthread_mutex_unlock(&b->mu);
		document_run(b->rs, sc, &b->in->v[i], &b->o->limits,
		    &b->slots[i].r);
		pthread_mutex_lock(&b->mu);
		b->slots[i].done = 1;
		pthread_cond_broadcast(&b->cv);
	}
	pthread_mutex_unlock(&b->mu);
	scanner_free(sc);
	return NULL;
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct progress {
	int		 on;
	double		 start;
	double		 last;
	size_t		 bytes;
	size_t		 documents;	/* written so far */
};

/*
 * Documents, not inputs: an archive counts as its members once read, and
 * an input not read yet as one document.  The time left is estimated per
 * input, the unit the workers take.
 */
static void
progress_show(struct progress *p, size_t inputs_done, size_t inputs,
    int final)
{
	double t = now_seconds(), el = t - p->start, mbs, eta;
	size_t total = p->documents + (inputs - inputs_done);

	if (!p->on || (!final && t - p->last < 0.1))
		return;
	p->last = t;
	mbs = el > 0 ? p->bytes / 1e6 / el : 0;
	eta = inputs_done > 0 ? el / inputs_done * (inputs - inputs_done) : 0;
	fprintf(stderr, "\r%zu/%zu documents, %.1f MB/s, ETA %d:%02d ",
	    p->documents, total, mbs, (int)eta / 60, (int)eta % 60);
	if (final)
		fputc('\n', stderr);
	fflush(stderr);
}

static void
totals_add(struct batch_totals *t, const struct options *o,
    const struct docresult *dr)
{
	t->documents++;
	if (!dr->ok) {
		t->errors++;
		return;
	}
	if (dr->no_verdict != NULL) {
		t->unjudged++;
		return;
	}
	if (waivers_score(dr) * 100.0 < o->fail_under - 1e-9)
		t->below++;
	if (dr->conflict_errors > 0)
		t->conflict_errors++;
}

/* Wait for task i, checking for signals while waiting. */
static int
batch_wait(struct batch *b, size_t i)
{
	struct timespec ts;

	pthread_mutex_lock(&b->mu);
	while (!b->slots[i].done && signal_caught() == 0) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 100 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&b->cv, &b->mu, &ts);
	}
	pthread_mutex_unlock(&b->mu);
	return signal_caught() == 0 ? 0 : -1;
}

/* What stderr says of a document: that it could not be read, that it got
   no verdict, or that it does not look like policy text. */
static void
batch_notice(const struct docresult *dr)
{
	size_t i;

	if (!dr->ok)
		log_warnx("%s: %s", dr->path, dr->error);
	else if (dr->no_verdict != NULL)
		log_warnx("%s: %s", dr->path, dr->no_verdict);
	else if (dr->flags & DOCFLAG_NOT_POLICY)
		for (i = 0; i < dr->nwarnings; i++)
			if (strncmp(dr->warnings[i], TEXTKIND_WARNING,
			    strlen(TEXTKIND_WARNING)) == 0)
				log_warnx("%s: warning: %s", dr->path,
				    dr->warnings[i]);
}

/* Mark what the baseline knows and what is waived, then recount the
   conflicts that decide the exit status. */
static void
batch_review(struct batch *b, struct docresult *dr)
{
	struct batch_review *rv = b->review;

	if (rv == NULL || !dr->ok || dr->no_verdict != NULL ||
	    (rv->baseline == NULL && rv->waivers == NULL))
		return;
	baseline_apply(rv->baseline, dr);
	waivers_apply(rv->waivers, dr);
	dr->conflict_errors = waivers_conflict_errors(dr);
}

static void
batch_write(struct batch *b, size_t i, struct report *rep,
    struct report *ev, struct batch_totals *t)
{
	struct slot *s = &b->slots[i];
	size_t j;

	if (!b->o->quiet)
		errlist_warn(&s->r.skipped);
	for (j = 0; j < s->r.n; j++) {
		/* The report has the error row; the terminal gets it too. */
		if (!b->o->quiet)
			batch_notice(s->r.v[j]);
		batch_review(b, s->r.v[j]);
		totals_add(t, b->o, s->r.v[j]);
		if (b->o->sort != SORT_INPUT) {
			GROW(b->held.v, b->held.cap, b->held.n + 1);
			b->held.v[b->held.n++] = s->r.v[j];
			continue;
		}
		report_document(rep, s->r.v[j]);
		if (ev != NULL)
			report_document(ev, s->r.v[j]);
	}
	/* Held results are the held list's now. */
	if (b->o->sort != SORT_INPUT)
		s->r.n = 0;
	docresults_free(&s->r);
	pthread_mutex_lock(&b->mu);
	b->written = i + 1;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
}

unsigned
batch_jobs(const struct options *o, size_t ntasks)
{
	long n = o->jobs;

	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n <= 0)
		n = 1;
	if ((size_t)n > ntasks)
		n = ntasks > 0 ? (long)ntasks : 1;
	return n > 256 ? 256 : (unsigned)n;
}

/* The part of a path after its last '/' or archive '!'. */
static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/'), *b = strrchr(path, '!');

	if (b != NULL && (s == NULL || b > s))
		s = b;
	return s != NULL ? s + 1 : path;
}

/* By the --sort key in *arg; documents that could not be read have no
   score and come last by score.  Ties go by path. */
static int
cmp_results(const void *pa, const void *pb, void *arg)
{
	const struct docresult *a = *(struct docresult *const *)pa;
	const struct docresult *b = *(struct docresult *const *)pb;
	enum sort_key key = *(const enum sort_key *)arg;
	int c = 0;

	if (key == SORT_SCORE && a->ok != b->ok)
		return a->ok ? -1 : 1;
	if (key == SORT_SCORE && a->ok && a->overall != b->overall)
		return a->overall > b->overall ? -1 : 1;
	if (key == SORT_NAME)
		c = strcmp(base_name(a->path), base_name(b->path));
	return c != 0 ? c : strcmp(a->path, b->path);
}

/* --sort: the held results ranked, then written. */
static void
batch_write_held(struct batch *b, struct report *rep, struct report *ev)
{
	enum sort_key key = b->o->sort;
	size_t i;

	if (b->held.n > 1)
		qsort_r(b->held.v, b->held.n, sizeof(*b->held.v), cmp_results,
		    &key);
	for (i = 0; i < b->held.n; i++) {
		report_document(rep, b->held.v[i]);
		if (ev != NULL)
			report_document(ev, b->held.v[i]);
	}
}

/* Write every task's results in order; -1 when interrupted. */
static int
batch_loop(struct batch *b, struct report *rep, struct report *ev,
    struct batch_totals *t)
{
	struct progress pg = { 0, 0, 0, 0, 0 };
	size_t i;

	pg.on = b->o->progress > 0 ||
	    (b->o->progress < 0 && isatty(STDERR_FILENO));
	pg.start = now_seconds();
	for (i = 0; i < b->in->n; i++) {
		if (batch_wait(b, i) != 0)
			return -1;
		pg.bytes += b->slots[i].r.bytes;
		pg.documents += b->slots[i].r.n;
		batch_write(b, i, rep, ev, t);
		progress_show(&pg, i + 1, b->in->n, i + 1 == b->in->n);
	}
	batch_write_held(b, rep, ev);
	return 0;
}

/*
 * Wait for the workers.  After a stop signal one may be blocked opening or
 * reading a FIFO that is never written: the signal, sent again to it until
 * it ends, interrupts that call (the handler does not restart calls) and
 * file_read() gives up.
 */
static void
batch_join(pthread_t *th, unsigned n)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	unsigned i;

	for (i = 0; i < n; i++) {
		if (signal_caught() == 0) {
			pthread_join(th[i], NULL);
			continue;
		}
		while (pthread_tryjoin_np(th[i], NULL) != 0) {
			pthread_kill(th[i], signal_caught());
			nanosleep(&ts, NULL);
		}
	}
}

static int
batch_threads(struct batch *b, struct report *rep, struct report *ev,
    struct batch_totals *t)
{
	pthread_t *th;
	unsigned n, i;
	int rc;

	n = batch_jobs(b->o, b->in->n);
	b->window = (size_t)n * WINDOW_PER_JOB;
	th = xcalloc(n, sizeof(*th));
	for (i = 0; i < n; i++)
		if (pthread_create(&th[i], NULL, batch_worker, b) != 0)
			fatal("cannot start a worker thread");
	rc = batch_loop(b, rep, ev, t);
	pthread_mutex_lock(&b->mu);
	b->stop = 1;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
	batch_join(th, n);
	free(th);
	return rc;
}

static void
batch_free_slots(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->in->n; i++)
		docresults_free(&b->slots[i].r);
	free(b->slots);
	docresults_free(&b->held);
}

/* The evidence report's format follows its file name. */
static enum report_format
evidence_format(const char *path)
{
	size_t n = strlen(path);

	return n >= 4 && strcasecmp(path + n - 4, ".xml") == 0 ?
	    FORMAT_XML : FORMAT_CSV;
}

static int
batch_open(const struct options *o, struct outfile *out,
    struct outfile *evout)
{
	char *cause = NULL;

	if (outfile_open(out, o->output, &cause) != 0)
		goto fail;
	if (o->evidence != NULL &&
	    outfile_open(evout, o->evidence, &cause) != 0) {
		outfile_abort(out);
		goto fail;
	}
	return 0;
fail:
	log_warnx("%s", cause);
	free(cause);
	return -1;
}

static int
batch_commit(struct outfile *out, struct outfile *evout)
{
	char *cause = NULL;
	int rc = 0;

	if (outfile_commit(out, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		rc = -1;
	}
	if (evout->fp != NULL && outfile_commit(evout, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		rc = -1;
	}
	return rc;
}

int
batch_run(const struct options *o, const struct ruleset *rs,
    const struct prefilter *pf, const struct inputs *in,
    struct batch_review *review, struct batch_totals *t)
{
	struct batch b;
	struct outfile out, evout;
	struct report_info ri = { rs, report_timestamp(), o->level, 0,
	    options_csvflags(o), o->verbose, 0, NULL };
	struct report_info ei = { rs, ri.generated, LEVEL_OBJECTIVE, 1,
	    ri.csvflags, 0, 0, NULL };
	struct report *rep, *ev = NULL;
	int rc, bad;

	ri.waivers = ei.waivers = review != NULL && review->waivers != NULL;
	ri.baseline = review != NULL && review->baseline != NULL ?
	    o->baseline : NULL;

	memset(t, 0, sizeof(*t));
	memset(&evout, 0, sizeof(evout));
	if (batch_open(o, &out, &evout) != 0)
		return -1;
	memset(&b, 0, sizeof(b));
	b.o = o;
	b.rs = rs;
	b.pf = pf;
	b.in = in;
	b.review = review;
	b.slots = xcalloc(in->n + 1, sizeof(*b.slots));
	pthread_mutex_init(&b.mu, NULL);
	pthread_cond_init(&b.cv, NULL);
	rep = report_open(o->format, out.fp, &ri);
	if (o->evidence != NULL)
		ev = report_open(evidence_format(o->evidence), evout.fp, &ei);
	rc = batch_threads(&b, rep, ev, t);
	bad = report_close(rep) != 0;
	if (ev != NULL)
		bad |= report_close(ev) != 0;
	batch_free_slots(&b);
	pthread_cond_destroy(&b.cv);
	pthread_mutex_destroy(&b.mu);
	if (rc != 0 || bad) {
		t->signal = signal_caught();
		outfile_abort(&out);
		outfile_abort(&evout);
		if (bad && t->signal == 0)
			log_warnx("cannot write the report");
		return -1;
	}
	return batch_commit(&out, &evout);
}
