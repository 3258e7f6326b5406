/*
 * scan.c -- stage 4: a segmented document and a compiled ruleset to hits.
 *
 * Anchor patterns (a rule's direct terms and regexes, and the first pattern
 * of each <all>) are searched sentence by sentence: in every sentence on the
 * plain path, or only where the prefilter saw a candidate.  A sentence is
 * the natural bound of a phrase (one broken over a line break still
 * matches) and keeps the confirming search short.  Both paths
 * then share everything else, so their hits are identical: <all> groups are
 * completed inside their scope unit, <unless> exceptions cancel hits in
 * theirs, and each hit gets its position, sentence and modality.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "scan.h"
#include "segment.h"
#include "utf8.h"
#include "util.h"

/* Backtracking budget per search: generous for real rules, and it stops a
   catastrophic pattern within a fraction of a second. */
#define SCAN_MATCH_LIMIT	1000000
#define SCAN_DEPTH_LIMIT	10000

/* Evidence strings are capped so that a 200 MB one-line file cannot make
   every hit carry the whole file. */
#define SNIPPET_MAX		600

struct scanner {
	const struct ruleset	*rs;
	const struct prefilter	*pf;
	struct prefilter_scratch *pfs;
	struct matchctx		*mx;
	struct scan_stats	*stats;		/* optional, borrowed */
};

/* A match of a rule before exceptions are applied. */
struct cand {
	const struct rule	*rule;
	size_t			 start;
	size_t			 end;
};

struct candlist {
	struct cand		*v;
	size_t			 n;
	size_t			 cap;
};

/* Candidate end offsets of one prefilter expression, ascending. */
struct endlist {
	size_t			*v;
	size_t			 n;
	size_t			 cap;
};

/* A (pattern, sentence) pair the prefilter asks to confirm. */
struct work {
	unsigned		 pattern;
	size_t			 unit;
};

struct worklist {
	struct work		*v;
	size_t			 n;
	size_t			 cap;
	const struct doctext	*doc;
	const struct ruleset	*rs;
	const struct prefilter	*pf;
	size_t			*last;	/* per pattern: sentence + 1 queued */
	struct endlist		*ends;	/* per expression that stands for a
					   non-anchor */
};

/* Everything one scan_document() call needs; lives on its stack. */
struct scan {
	struct scanner		*sc;
	const struct doctext	*doc;
	struct candlist		 cands;
	char			*cause;
	signed char		*modality;	/* per sentence; -1 unknown */
	struct endlist		*ends;		/* per prefilter expression;
						   NULL on the plain path */
	size_t			 nends;
};

struct scanner *
scanner_new(const struct ruleset *rs, const struct prefilter *pf)
{
	struct scanner *sc;

	sc = xcalloc(1, sizeof(*sc));
	sc->rs = rs;
	sc->pf = pf;
	if (pf != NULL)
		sc->pfs = prefilter_scratch_new(pf);
	sc->mx = matchctx_new(SCAN_MATCH_LIMIT, SCAN_DEPTH_LIMIT);
	return sc;
}

void
scanner_set_stats(struct scanner *sc, struct scan_stats *stats)
{
	sc->stats = stats;
}

void
scanner_free(struct scanner *sc)
{
	if (sc == NULL)
		return;
	prefilter_scratch_free(sc->pfs);
	matchctx_free(sc->mx);
	free(sc);
}

static void
cand_add(struct candlist *cl, const struct rule *r, size_t s, size_t e)
{
	GROW(cl->v, cl->cap, cl->n + 1);
	cl->v[cl->n].rule = r;
	cl->v[cl->n].start = s;
	cl->v[cl->n].end = e;
	cl->n++;
}

/*
 * Whether a non-anchor pattern can match in [start, end): with a prefilter
 * that covers it, only if it reported a candidate ending in (start, end],
 * since every match contains the end of a candidate.  This spares most
 * PCRE2 searches for <unless>, <all> members and modality.
 */
static int
ends_within(const struct endlist *el, size_t start, size_t end)
{
	size_t lo = 0, hi = el->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (el->v[mid] <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < el->n && el->v[lo] <= end;
}

static int
scan_possible(const struct scan *st, const struct pattern *p, size_t start,
    size_t end)
{
	const unsigned *ex;
	size_t i, n;

	if (st->ends == NULL || !prefilter_covers(st->sc->pf, p->index))
		return 1;
	ex = prefilter_exprs_of(st->sc->pf, p->index, &n);
	for (i = 0; i < n; i++)
		if (ends_within(&st->ends[ex[i]], start, end))
			return 1;
	return 0;
}

/* Search p in [start, end); 1 found, 0 not, -1 limit hit (cause set). */
static int
scan_find(struct scan *st, const struct pattern *p, size_t start, size_t end,
    size_t *ms, size_t *me)
{
	char *why = NULL;
	unsigned line, col, page;
	int rc;

	if (!p->anchor && !scan_possible(st, p, start, end))
		return 0;
	rc = pattern_find(p, st->sc->mx, st->doc->text, start, end, ms, me,
	    &why);
	if (rc < 0 && st->cause == NULL) {
		segment_position(st->doc, start, &line, &col, &page);
		st->cause = xasprintf("%s %s: %s in the text from line %u",
		    p->rule != NULL ? "rule" : "modality pattern",
		    p->rule != NULL ? p->rule->id : p->source, why, line);
	}
	free(why);
	return rc;
}

/* Every match of an anchor inside one sentence. */
static int
scan_anchor(struct scan *st, const struct pattern *p, const struct span *u)
{
	size_t pos = u->start, ms, me;
	int rc;

	while ((rc = scan_find(st, p, pos, u->end, &ms, &me)) == 1) {
		cand_add(&st->cands, p->rule, ms, me);
		pos = me > ms ? me : ms + 1;
	}
	return rc;
}

/* The unit of the given scope around offset off. */
static struct span
scan_unit(const struct doctext *doc, enum scope scope, size_t off)
{
	const struct span *units;
	struct span whole = { 0, doc->len };
	size_t n, i;

	if (scope == SCOPE_DOCUMENT)
		return whole;
	units = segment_units(doc, scope, &n);
	i = segment_find(units, n, off);
	return i < n ? units[i] : whole;
}

static int
scan_any(struct scan *st, const struct patlist *pl, struct span u)
{
	size_t i, ms, me;
	int rc;

	for (i = 0; i < pl->n; i++)
		if ((rc = scan_find(st, &pl->v[i], u.start, u.end, &ms,
		    &me)) != 0)
			return rc;
	return 0;
}

/* Turn matches of <all> first patterns into rule hits when the rest of the
   group matches in the same unit; other candidates pass through. */
static int
scan_groups(struct scan *st, const struct pattern *first, size_t from)
{
	const struct rule *r = first->rule;
	const struct group *g = NULL;
	struct span u;
	size_t i, j, ms, me, keep = from;
	int rc = 0, ok;

	for (i = 0; i < r->ngroups; i++)
		if (&r->groups[i].pats.v[0] == first)
			g = &r->groups[i];
	for (i = from; i < st->cands.n; i++) {
		u = scan_unit(st->doc, g->scope, st->cands.v[i].start);
		ok = 1;
		for (j = 1; j < g->pats.n && ok; j++) {
			rc = scan_find(st, &g->pats.v[j], u.start, u.end, &ms,
			    &me);
			if (rc < 0)
				return -1;
			ok = rc == 1;
		}
		if (ok)
			st->cands.v[keep++] = st->cands.v[i];
	}
	st->cands.n = keep;
	return 0;
}

/* Search one anchor in one sentence, then complete <all> groups. */
static int
scan_confirm(struct scan *st, const struct pattern *p, size_t unit)
{
	size_t from = st->cands.n;

	if (scan_anchor(st, p, &st->doc->sentences[unit]) < 0)
		return -1;
	if (p->rule->pats.n > 0 && p >= p->rule->pats.v &&
	    p < p->rule->pats.v + p->rule->pats.n)
		return 0;
	return scan_groups(st, p, from);
}

static int
scan_plain(struct scan *st)
{
	const struct ruleset *rs = st->sc->rs;
	size_t i, j;

	for (i = 0; i < rs->npatterns; i++) {
		if (!rs->patterns[i]->anchor)
			continue;
		for (j = 0; j < st->doc->nsentences; j++)
			if (scan_confirm(st, rs->patterns[i], j) < 0)
				return -1;
	}
	return 0;
}

/* Queue the sentence holding an anchor candidate's last byte, once per
   pattern and sentence (candidates come in end order). */
static void
queue_anchor(struct worklist *wl, unsigned pattern, size_t end)
{
	const struct doctext *doc = wl->doc;
	size_t unit;

	if (wl->last[pattern] != 0 &&
	    end <= doc->sentences[wl->last[pattern] - 1].end)
		return;
	unit = segment_find(doc->sentences, doc->nsentences, end - 1);
	if (unit >= doc->nsentences || wl->last[pattern] == unit + 1)
		return;
	wl->last[pattern] = unit + 1;
	GROW(wl->v, wl->cap, wl->n + 1);
	wl->v[wl->n].pattern = pattern;
	wl->v[wl->n].unit = unit;
	wl->n++;
}

/* Prefilter callback: keep the end for the non-anchors that have the
   expression, queue the sentence for the anchors. */
static void
scan_queue(unsigned expr, size_t end, void *arg)
{
	struct worklist *wl = arg;
	struct endlist *el;
	const unsigned *anchors;
	size_t i, n, nanchors;

	if (end == 0 || wl->doc->nsentences == 0)
		return;
	(void)prefilter_patterns_of(wl->pf, expr, &n);
	anchors = prefilter_anchors_of(wl->pf, expr, &nanchors);
	if (n > nanchors) {
		el = &wl->ends[expr];
		if (el->n == 0 || el->v[el->n - 1] != end) {
			GROW(el->v, el->cap, el->n + 1);
			el->v[el->n++] = end;
		}
	}
	for (i = 0; i < nanchors; i++)
		queue_anchor(wl, anchors[i], end);
}

static int
size_cmp(const void *a, const void *b)
{
	const size_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* Candidates come in end order in practice; make sure of it. */
static void
ends_sort(struct endlist *el)
{
	size_t i;

	for (i = 1; i < el->n; i++)
		if (el->v[i - 1] > el->v[i]) {
			qsort(el->v, el->n, sizeof(*el->v), size_cmp);
			return;
		}
}

static void
ends_free(struct endlist *ends, size_t n)
{
	size_t i;

	if (ends == NULL)
		return;
	for (i = 0; i < n; i++)
		free(ends[i].v);
	free(ends);
}

static int
scan_prefiltered(struct scan *st)
{
	const struct ruleset *rs = st->sc->rs;
	struct worklist wl;
	size_t i, j;
	int rc = 0;

	memset(&wl, 0, sizeof(wl));
	wl.doc = st->doc;
	wl.rs = rs;
	wl.pf = st->sc->pf;
	wl.last = xcalloc(rs->npatterns, sizeof(*wl.last));
	st->nends = prefilter_nexprs(wl.pf);
	wl.ends = st->ends = xcalloc(st->nends + 1, sizeof(*wl.ends));
	if (prefilter_scan(st->sc->pf, st->sc->pfs, st->doc->text,
	    st->doc->len, scan_queue, &wl, &st->cause) < 0)
		rc = -1;
	for (i = 0; i < st->nends; i++)
		ends_sort(&wl.ends[i]);
	for (i = 0; rc == 0 && i < wl.n; i++) {
		if (!rs->patterns[wl.v[i].pattern]->anchor)
			continue;
		rc = scan_confirm(st, rs->patterns[wl.v[i].pattern],
		    wl.v[i].unit);
	}
	/* Patterns the prefilter cannot take are searched everywhere. */
	for (i = 0; rc == 0 && i < rs->npatterns; i++) {
		if (!rs->patterns[i]->anchor ||
		    prefilter_covers(st->sc->pf, i))
			continue;
		for (j = 0; rc == 0 && j < st->doc->nsentences; j++)
			rc = scan_confirm(st, rs->patterns[i], j);
	}
	free(wl.v);
	free(wl.last);
	return rc;
}

static int
cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->rule->index != y->rule->index)
		return x->rule->index < y->rule->index ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return 0;
}

/* 1 when an <unless> of the candidate's rule matches in its unit. */
static int
scan_excepted(struct scan *st, const struct cand *c)
{
	const struct rule *r = c->rule;
	size_t i;
	int rc;

	for (i = 0; i < r->nunless; i++) {
		rc = scan_any(st, &r->unless[i].pats,
		    scan_unit(st->doc, r->unless[i].scope, c->start));
		if (rc == 1 && st->sc->stats != NULL)
			st->sc->stats->cancelled[r->index *
			    st->sc->stats->stride + i]++;
		if (rc != 0)
			return rc;
	}
	return 0;
}

static enum modality
scan_modality(struct scan *st, size_t sentence)
{
	const struct ruleset *rs = st->sc->rs;
	const struct span *u = &st->doc->sentences[sentence];
	enum modality m = MODALITY_MENTION;

	if (st->modality[sentence] >= 0)
		return st->modality[sentence];
	if (scan_any(st, &rs->binding, *u) == 1)
		m = MODALITY_BINDING;
	else if (scan_any(st, &rs->hortatory, *u) == 1)
		m = MODALITY_HORTATORY;
	st->modality[sentence] = m;
	return m;
}

/* Copy s[start, end) with runs of white space folded to one space. */
static char *
fold_copy(const char *s, size_t start, size_t end)
{
	struct strbuf sb = { NULL, 0, 0 };
	int space = 0;
	size_t i;

	for (i = start; i < end; i++) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' ||
		    s[i] == '\r' || s[i] == '\f' || s[i] == '\v') {
			space = 1;
			continue;
		}
		if (space && sb.len > 0)
			strbuf_addc(&sb, ' ');
		space = 0;
		strbuf_addc(&sb, s[i]);
	}
	return strbuf_take(&sb);
}

/* The evidence sentence: the whole sentence, or a window around the match
   when the sentence is too long to quote. */
static char *
sentence_copy(const struct doctext *doc, struct span u, size_t ms, size_t me)
{
	if (u.end - u.start > SNIPPET_MAX) {
		if (ms > u.start + SNIPPET_MAX / 2)
			u.start = utf8_floor(doc->text, ms - SNIPPET_MAX / 2);
		if (u.end > u.start + SNIPPET_MAX)
			u.end = utf8_floor(doc->text, u.start + SNIPPET_MAX);
		if (u.end < me && me - u.start <= 2 * SNIPPET_MAX)
			u.end = me;
	}
	return fold_copy(doc->text, u.start, u.end);
}

static void
hit_fill(struct scan *st, struct hit *h, const struct cand *c)
{
	const struct doctext *doc = st->doc;
	size_t s, me;

	h->rule = c->rule;
	h->start = c->start;
	h->end = c->end;
	segment_position(doc, c->start, &h->line, &h->column, &h->page);
	me = c->end;
	if (me - c->start > SNIPPET_MAX)
		me = utf8_floor(doc->text, c->start + SNIPPET_MAX);
	h->match = fold_copy(doc->text, c->start, me);
	s = segment_find(doc->sentences, doc->nsentences, c->start);
	if (s < doc->nsentences) {
		h->modality = scan_modality(st, s);
		h->sentence = sentence_copy(doc, doc->sentences[s], c->start,
		    c->end);
	} else {
		h->modality = MODALITY_MENTION;
		h->sentence = xstrdup(h->match);
	}
}

/* Sort, drop repeats of a rule at one position, apply exceptions and fill
   in the evidence.  Returns the number of hits, or -1. */
static long
scan_finish(struct scan *st, struct hit **hits)
{
	struct candlist *cl = &st->cands;
	struct hit *out;
	size_t i, n = 0;
	int rc;

	if (cl->n > 0)
		qsort(cl->v, cl->n, sizeof(*cl->v), cand_cmp);
	out = xcalloc(cl->n + 1, sizeof(*out));
	for (i = 0; i < cl->n; i++) {
		if (i > 0 && cl->v[i].start == cl->v[i - 1].start &&
		    cl->v[i].rule == cl->v[i - 1].rule)
			continue;
		if ((rc = scan_excepted(st, &cl->v[i])) < 0)
			break;
		if (rc == 1)
			continue;
		hit_fill(st, &out[n++], &cl->v[i]);
	}
	if (st->cause != NULL) {
		hits_free(out, n);
		return -1;
	}
	*hits = out;
	return (long)n;
}

int
scan_document(struct scanner *sc, const struct doctext *doc,
    struct hit **hits, size_t *nhits, char **cause)
{
	struct scan st;
	long n;
	int rc;

	memset(&st, 0, sizeof(st));
	st.sc = sc;
	st.doc = doc;
	*hits = NULL;
	*nhits = 0;
	rc = sc->pf != NULL ? scan_prefiltered(&st) : scan_plain(&st);
	n = -1;
	if (rc == 0 && st.cause == NULL) {
		st.modality = xmalloc(doc->nsentences + 1);
		memset(st.modality, -1, doc->nsentences + 1);
		n = scan_finish(&st, hits);
		free(st.modality);
	}
	free(st.cands.v);
	ends_free(st.ends, st.nends);
	if (n < 0) {
		*cause = st.cause != NULL ? st.cause :
		    xstrdup("scan failed");
		return -1;
	}
	*nhits = (size_t)n;
	return 0;
}

void
hits_free(struct hit *hits, size_t n)
{
	size_t i;

	if (hits == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(hits[i].match);
		free(hits[i].sentence);
		free(hits[i].section);
	}
	free(hits);
}
