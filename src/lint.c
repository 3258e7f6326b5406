/*
 * lint.c -- `palint rules check --corpus DIR`: a ruleset measured against
 * a folder of real documents.  Reports rules that never fire there, rules
 * that fire in more than 90% of its documents (noise), one pattern used by
 * two objectives, and <unless> clauses that never cancel a hit.  Findings
 * are "path:line: rule ID: message" lines on stdout.  The corpus is read
 * as a scan reads it (document.c): an archive's members are documents.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "lint.h"
#include "walk.h"

/* Counts gathered over the corpus. */
struct lintrun {
	const struct ruleset	*rs;
	size_t			*docs_fired;	/* per rule */
	struct scan_stats	 stats;
	size_t			 ndocs;
	size_t			 nerrors;
};

static size_t
max_unless(const struct ruleset *rs)
{
	size_t i, m = 0;

	for (i = 0; i < rs->nrules; i++)
		if (rs->rules[i]->nunless > m)
			m = rs->rules[i]->nunless;
	return m > 0 ? m : 1;
}

static void
lint_document(struct lintrun *lr, const struct docresult *dr)
{
	unsigned char *seen;
	size_t i;

	if (!dr->ok) {
		lr->nerrors++;
		log_warnx("%s: %s", dr->path, dr->error);
		return;
	}
	/* Not scanned: its language is not the rules'. */
	if (dr->no_verdict != NULL)
		return;
	lr->ndocs++;
	seen = xcalloc(lr->rs->nrules, 1);
	for (i = 0; i < dr->nhits; i++)
		if (!seen[dr->hits[i].rule->index]++)
			lr->docs_fired[dr->hits[i].rule->index]++;
	free(seen);
}

/* Scan every input of the corpus, one at a time; an archive's members
   count as documents, as in a scan. */
static int
lint_scan(struct lintrun *lr, const struct options *o, struct scanner *sc)
{
	struct options co = *o;
	struct inputs in = { NULL, 0, 0 };
	struct errlist errs = { NULL, 0, 0 };
	struct docresults res;
	const char *args[1];
	size_t i, j;

	args[0] = o->corpus;
	co.args = args;
	co.nargs = 1;
	co.files_from = NULL;
	if (walk_inputs(&co, &in, &errs) != 0) {
		errlist_warn(&errs);
		errlist_free(&errs);
		return -1;
	}
	memset(&res, 0, sizeof(res));
	for (i = 0; i < in.n; i++) {
		document_run(lr->rs, sc, &in.v[i], &o->limits, &res);
		if (!o->quiet)
			errlist_warn(&res.skipped);
		for (j = 0; j < res.n; j++)
			lint_document(lr, res.v[j]);
		docresults_free(&res);
	}
	inputs_free(&in);
	return 0;
}

static size_t
lint_fire_counts(const struct lintrun *lr)
{
	const struct rule *r;
	size_t i, n = 0;

	for (i = 0; i < lr->rs->nrules; i++) {
		r = lr->rs->rules[i];
		if (lr->docs_fired[i] == 0) {
			printf("%s:%d: rule %s: never fires on the %zu "
			    "documents of the corpus\n", r->file, r->line,
			    r->id, lr->ndocs);
			n++;
		} else if (lr->ndocs >= 10 &&
		    lr->docs_fired[i] * 10 > lr->ndocs * 9) {
			printf("%s:%d: rule %s: fires in %zu of %zu documents "
			    "(noise?)\n", r->file, r->line, r->id,
			    lr->docs_fired[i], lr->ndocs);
			n++;
		}
	}
	return n;
}

static size_t
lint_unless(const struct lintrun *lr)
{
	const struct rule *r;
	size_t i, j, n = 0;

	for (i = 0; i < lr->rs->nrules; i++) {
		r = lr->rs->rules[i];
		for (j = 0; j < r->nunless; j++) {
			if (lr->stats.cancelled[i * lr->stats.stride + j] > 0)
				continue;
			printf("%s:%d: rule %s: unless never cancels a hit on "
			    "the corpus\n", r->file, r->unless[j].line, r->id);
			n++;
		}
	}
	return n;
}

static int
pattern_cmp(const void *a, const void *b)
{
	const struct pattern *const *x = a, *const *y = b;
	int c;

	if ((c = strcmp((*x)->regex, (*y)->regex)) != 0)
		return c;
	return (*x)->case_sensitive - (*y)->case_sensitive;
}

/* The same anchor pattern in rules of two different objectives. */
static size_t
lint_duplicates(const struct ruleset *rs)
{
	const struct pattern **v, *p, *q;
	size_t i, n = 0, found = 0;

	v = xcalloc(rs->npatterns + 1, sizeof(*v));
	for (i = 0; i < rs->npatterns; i++)
		if (rs->patterns[i]->anchor)
			v[n++] = rs->patterns[i];
	qsort(v, n, sizeof(*v), pattern_cmp);
	for (i = 1; i < n; i++) {
		p = v[i - 1];
		q = v[i];
		if (pattern_cmp(&v[i - 1], &v[i]) != 0 ||
		    p->rule->objective == q->rule->objective)
			continue;
		printf("%s:%d: rule %s: same pattern \"%s\" as rule %s in "
		    "objective %s\n", q->file, q->line, q->rule->id,
		    q->source, p->rule->id, p->rule->objective->id);
		found++;
	}
	free(v);
	return found;
}

int
lint_corpus(const struct ruleset *rs, struct scanner *sc,
    const struct options *o)
{
	struct lintrun lr;
	size_t n;

	memset(&lr, 0, sizeof(lr));
	lr.rs = rs;
	lr.docs_fired = xcalloc(rs->nrules + 1, sizeof(*lr.docs_fired));
	lr.stats.stride = max_unless(rs);
	lr.stats.cancelled = xcalloc(rs->nrules * lr.stats.stride + 1,
	    sizeof(size_t));
	scanner_set_stats(sc, &lr.stats);
	if (lint_scan(&lr, o, sc) != 0) {
		scanner_set_stats(sc, NULL);
		free(lr.docs_fired);
		free(lr.stats.cancelled);
		return -1;
	}
	scanner_set_stats(sc, NULL);
	n = lint_duplicates(rs) + lint_fire_counts(&lr) + lint_unless(&lr);
	printf("%zu findings on %zu documents (%zu could not be read)\n", n,
	    lr.ndocs, lr.nerrors);
	free(lr.docs_fired);
	free(lr.stats.cancelled);
	return n > 0 || lr.nerrors > 0 ? 1 : 0;
}
