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
 * theirs, and each hit gets its position, sentence, the sentence's
 * modality and its kind (sentkind.c).
 *
 * On the prefiltered path, three things keep PCRE2's work small without
 * changing a hit: a group's anchor is searched in a sentence only when
 * every other member has a candidate there (group_possible); a search
 * starts near the first candidate of the pattern rather than at the start
 * of its unit (scan_from, prefilter_reach); and a search made once in a
 * document is not made again (struct memo).
 *
 * <near> groups (and <all> with a window) collect every match of each
 * member in the unit and keep the narrowest window holding one of each.
 * A conflict rule's candidate is dropped as it is made when its clause
 * holds a stance cue outside the rule's own matches.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "scan.h"
#include "segment.h"
#include "sentkind.h"
#include "utf8.h"
#include "util.h"

/* Backtracking budget per search: generous for real rules, and it stops a
   catastrophic pattern within a fraction of a second. */
#define SCAN_MATCH_LIMIT	1000000
#define SCAN_DEPTH_LIMIT	10000

/* Evidence strings are capped so that a 200 MB one-line file cannot make
   every hit carry the whole file. */
#define SNIPPET_MAX		600

/* Matches of one member considered for a window: enough for any real
   unit, and a bound on the work in a pathological one. */
#define WINDOW_MATCHES		256

/* Candidate ends an expression's list keeps room for between documents:
   more than most documents have, and a bound on what a scanner holds. */
#define ENDS_KEEP		4096

/* Candidate end offsets of one prefilter expression, ascending. */
struct endlist {
	size_t			*v;
	size_t			 n;
	size_t			 cap;
	size_t			 last;	/* v[n - 1], when n > 0 */
};

/* Where the last search of an endlist ended (ends_first), and the ends
   on either side of it: v[hint - 1] or 0, v[hint] or SIZE_MAX.  All 0
   before the first search.  Kept apart from the lists, which the
   prefilter's callback reads for every candidate. */
struct endpos {
	size_t			 hint;
	size_t			 below;
	size_t			 above;
};

struct scanner {
	const struct ruleset	*rs;
	const struct prefilter	*pf;
	struct prefilter_scratch *pfs;
	struct matchctx		*mx;
	struct scan_stats	*stats;		/* optional, borrowed */
	struct endlist		*ends;		/* per prefilter expression,
						   emptied after each
						   document */
	size_t			 nends;
	struct endpos		*pos;		/* per prefilter expression */
	unsigned		*used;		/* expressions whose list is
						   not empty */
	size_t			 nused;
	size_t			 usedcap;
	unsigned		*everywhere;	/* the anchors searched in every
						   sentence: those the
						   prefilter does not cover */
	size_t			 neverywhere;
	struct scanner		*plain;		/* without the prefilter, made
						   when a document meets a
						   damaged cached database */
};

/* A match of a rule before exceptions are applied. */
struct cand {
	const struct rule	*rule;
	size_t			 start;
	size_t			 end;
	unsigned		 lang;	/* of its anchor and sentence */
};

struct candlist {
	struct cand		*v;
	size_t			 n;
	size_t			 cap;
};

/* Matches of one <near> member in its unit. */
struct spanbuf {
	struct span		*v;
	size_t			 n;
	size_t			 cap;
};

/* Paragraphs in a row that share a language: the prefilter scans each
   stretch for that language's patterns only. */
struct stretch {
	size_t			 start;
	size_t			 end;
	unsigned		 lang;	/* or NOLANG */
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
	struct scanner		*sc;	/* its ends and used */
};

/*
 * A search already made in this document: the same code over the same
 * range of the same unit (where ^ matches) finds the same match.  An <all> member is searched in its unit
 * once for each anchor match there, a shared vocabulary once for each
 * rule that uses it, an <unless> once for each candidate of its rule.
 */
struct memo {
	const void		*code;		/* NULL: empty slot */
	size_t			 base;		/* where ^ matches */
	size_t			 start;
	size_t			 end;
	size_t			 ms;
	size_t			 me;
	int			 rc;
};

struct memotab {
	struct memo		*v;
	size_t			 n;
	size_t			 cap;		/* a power of two, or 0 */
};

/* Everything one scan_document() call needs; lives on its stack. */
struct scan {
	struct scanner		*sc;
	const struct doctext	*doc;
	struct candlist		 cands;
	char			*cause;
	signed char		*modality;	/* per sentence; -1 unknown */
	struct endlist		*ends;		/* the scanner's; NULL on the
						   plain path */
	struct span		*live;		/* per pattern: where its
						   expressions that have a
						   candidate lie in livepool;
						   end (size_t)-1: not yet
						   listed */
	unsigned		*livepool;
	size_t			 nlive;
	size_t			 livecap;
	struct spanbuf		*members;	/* per group member, reused */
	size_t			 nmembers;
	unsigned		*slang;		/* per sentence: its language,
						   a ruleset index, or NOLANG */
	unsigned char		*present;	/* per ruleset language: some
						   sentence is in it */
	struct stretch		*stretches;	/* the whole text, in order;
						   prefiltered path only */
	size_t			 nstretches;
	struct memotab		 memo;
	char			*quoted;	/* the evidence sentence of the
						   last hit, when whole */
	size_t			 quotedfor;	/* its sentence + 1; 0: none */
};

/* A sentence in a language the rules have no patterns for. */
#define NOLANG	(~0U)

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

struct scanner *
scanner_new(const struct ruleset *rs, const struct prefilter *pf)
{
	struct scanner *sc;
	size_t i;

	sc = xcalloc(1, sizeof(*sc));
	sc->rs = rs;
	sc->pf = pf;
	if (pf != NULL) {
		sc->pfs = prefilter_scratch_new(pf);
		sc->nends = prefilter_nexprs(pf);
		sc->ends = xcalloc(sc->nends + 1, sizeof(*sc->ends));
		sc->pos = xcalloc(sc->nends + 1, sizeof(*sc->pos));
	}
	sc->everywhere = xcalloc(rs->npatterns + 1, sizeof(*sc->everywhere));
	for (i = 0; i < rs->npatterns; i++)
		if (rs->patterns[i]->anchor && !prefilter_covers(pf, i))
			sc->everywhere[sc->neverywhere++] = (unsigned)i;
	sc->mx = matchctx_new(SCAN_MATCH_LIMIT, SCAN_DEPTH_LIMIT);
	return sc;
}

void
scanner_set_stats(struct scanner *sc, struct scan_stats *stats)
{
	sc->stats = stats;
	if (sc->plain != NULL)
		sc->plain->stats = stats;
}

void
scanner_free(struct scanner *sc)
{
	if (sc == NULL)
		return;
	prefilter_scratch_free(sc->pfs);
	matchctx_free(sc->mx);
	ends_free(sc->ends, sc->nends);
	free(sc->used);
	free(sc->pos);
	free(sc->everywhere);
	scanner_free(sc->plain);
	free(sc);
}

static void
cand_add(struct candlist *cl, const struct pattern *p, size_t s, size_t e)
{
	GROW(cl->v, cl->cap, cl->n + 1);
	cl->v[cl->n].rule = p->rule;
	cl->v[cl->n].start = s;
	cl->v[cl->n].end = e;
	cl->v[cl->n].lang = p->lang;
	cl->n++;
}

/*
 * The first candidate end in (start, end], or 0 when there is none.  The
 * searches of a document mostly move forward through it: most find the
 * end the last one found, without reading the list; the others start
 * from where the last one ended, forward or back, and double their step
 * from there before they halve the range.
 */
static size_t
ends_first(const struct endlist *el, struct endpos *ep, size_t start,
    size_t end)
{
	size_t lo = 0, hi, step = 1, mid;

	if (ep->below <= start && ep->above > start)
		return ep->above <= end ? ep->above : 0;
	if (ep->below <= start) {
		/* Forward: every end before hint is at most start. */
		lo = ep->hint;
		while (lo + step - 1 < el->n && el->v[lo + step - 1] <= start) {
			lo += step;
			step *= 2;
		}
		hi = lo + step - 1 < el->n ? lo + step - 1 : el->n;
	} else {
		/* Back: v[hint - 1], and every end after it, is past start. */
		hi = ep->hint - 1;
		while (hi >= step && el->v[hi - step] > start) {
			hi -= step;
			step *= 2;
		}
		lo = hi >= step ? hi - step + 1 : 0;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (el->v[mid] <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	ep->hint = lo;
	ep->below = lo > 0 ? el->v[lo - 1] : 0;
	ep->above = lo < el->n ? el->v[lo] : SIZE_MAX;
	return ep->above <= end ? ep->above : 0;
}

/*
 * Was all of [start, end) scanned for the patterns of language lang?  The
 * units a pattern is searched in (its sentence, clause or paragraph) lie
 * in stretches of its language; a document-wide one may not.
 */
static int
stretch_holds(const struct scan *st, unsigned lang, size_t start,
    size_t end)
{
	size_t lo = 0, hi = st->nstretches, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (st->stretches[mid].start <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && st->stretches[lo - 1].lang == lang &&
	    end <= st->stretches[lo - 1].end;
}

/*
 * The expressions of p that have a candidate in the document, listed on
 * first use: a pattern has several (a vocabulary one per term), most of
 * them without a candidate, and scan_from is asked about it many times.
 */
static const unsigned *
scan_live(struct scan *st, const struct pattern *p, size_t *n)
{
	const unsigned *ex;
	struct span *l = &st->live[p->index];
	size_t i, k;

	if (l->end == (size_t)-1) {
		ex = prefilter_exprs_of(st->sc->pf, p->index, &k);
		l->start = st->nlive;
		for (i = 0; i < k; i++)
			if (st->ends[ex[i]].n > 0) {
				GROW(st->livepool, st->livecap, st->nlive + 1);
				st->livepool[st->nlive++] = ex[i];
			}
		l->end = st->nlive;
	}
	*n = l->end - l->start;
	return st->livepool + l->start;
}

/*
 * Where a search for p in [start, end) has to begin, or end when p cannot
 * match there.  With a prefilter that covers p, a match starting at s
 * holds a candidate of one of p's expressions ending in (s, s + reach]
 * (prefilter.h): so no match starts before the first such candidate after
 * start, less its expression's reach, and none at all without one.  This
 * spares most PCRE2 searches for <unless>, <all> members and modality,
 * and keeps the others short: a sentence is searched from near its
 * candidates, not from its start.
 */
static size_t
scan_from(struct scan *st, const struct pattern *p, size_t start,
    size_t end)
{
	const unsigned *ex;
	size_t i, n, e, reach, from = end;

	if (st->ends == NULL || !prefilter_covers(st->sc->pf, p->index) ||
	    !stretch_holds(st, p->lang, start, end))
		return start;
	ex = scan_live(st, p, &n);
	for (i = 0; i < n && from > start; i++) {
		if ((e = ends_first(&st->ends[ex[i]], &st->sc->pos[ex[i]], start,
		    end)) == 0)
			continue;
		reach = prefilter_reach(st->sc->pf, ex[i]);
		if (reach == PREFILTER_UNBOUNDED || e - start <= reach)
			return start;
		if (e - reach < from)
			from = e - reach;
	}
	return from;
}

static size_t
memo_slot(const struct memotab *mt, const void *code, size_t base,
    size_t start, size_t end)
{
	size_t h;

	h = (size_t)(uintptr_t)code * 0x9e3779b97f4a7c15ULL;
	h ^= base * 0x94d049bb133111ebULL;
	h ^= start * 0xc2b2ae3d27d4eb4fULL;
	h ^= end * 0x165667b19e3779f9ULL;
	h ^= h >> 29;
	for (h &= mt->cap - 1; mt->v[h].code != NULL; h = (h + 1) &
	    (mt->cap - 1))
		if (mt->v[h].code == code && mt->v[h].base == base &&
		    mt->v[h].start == start && mt->v[h].end == end)
			break;
	return h;
}

/* The memo of a search, or NULL. */
static const struct memo *
memo_get(const struct memotab *mt, const void *code, size_t base,
    size_t start, size_t end)
{
	size_t h;

	if (mt->cap == 0)
		return NULL;
	h = memo_slot(mt, code, base, start, end);
	return mt->v[h].code != NULL ? &mt->v[h] : NULL;
}

static void
memo_put(struct memotab *mt, const struct memo *m)
{
	struct memo *old = mt->v;
	size_t oldcap = mt->cap, i;

	if (2 * (mt->n + 1) > mt->cap) {
		mt->cap = oldcap == 0 ? 256 : 2 * oldcap;
		mt->v = xcalloc(mt->cap, sizeof(*mt->v));
		mt->n = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i].code != NULL) {
				mt->v[memo_slot(mt, old[i].code, old[i].base,
				    old[i].start, old[i].end)] = old[i];
				mt->n++;
			}
		free(old);
	}
	mt->v[memo_slot(mt, m->code, m->base, m->start, m->end)] = *m;
	mt->n++;
}

/*
 * Search p in [start, u.end) of the unit u; 1 found, 0 not, -1 limit hit
 * (cause set).  The unit is the whole subject, as a sentence is in
 * palint eval: ^ matches at its start and lookbehind stops there.
 */
static int
scan_find(struct scan *st, const struct pattern *p, struct span u,
    size_t start, size_t *ms, size_t *me)
{
	size_t end = u.end;
	const struct memo *seen;
	struct memo m;
	char *why = NULL;
	unsigned line, col, page;
	int rc;

	if ((start = scan_from(st, p, start, end)) >= end)
		return 0;
	if ((seen = memo_get(&st->memo, p->matcher, u.start, start, end)) !=
	    NULL) {
		*ms = seen->ms;
		*me = seen->me;
		return seen->rc;
	}
	rc = pattern_find(p, st->sc->mx, st->doc->text, u.start, start, end,
	    ms, me, &why);
	if (rc >= 0) {
		m.code = p->matcher;
		m.base = u.start;
		m.start = start;
		m.end = end;
		m.ms = rc == 1 ? *ms : 0;
		m.me = rc == 1 ? *me : 0;
		m.rc = rc;
		memo_put(&st->memo, &m);
	}
	if (rc < 0 && st->cause == NULL) {
		segment_position(st->doc, start, &line, &col, &page);
		st->cause = xasprintf("%s %s: %s in the text from line %u",
		    p->rule != NULL ? "rule" : "modality pattern",
		    p->rule != NULL ? p->rule->id : p->source, why, line);
	}
	free(why);
	return rc;
}

/* Does a match of p in [start, end) lie outside every part?  1, 0, -1. */
static int
cue_outside(struct scan *st, const struct pattern *p, struct span u,
    const struct span *parts, size_t nparts)
{
	size_t pos = u.start, ms, me, i;
	int rc, inside;

	while ((rc = scan_find(st, p, u, pos, &ms, &me)) == 1) {
		inside = 0;
		for (i = 0; i < nparts && !inside; i++)
			inside = ms < parts[i].end && parts[i].start < me;
		if (!inside)
			return 1;
		pos = me > ms ? me : ms + 1;
	}
	return rc;
}

/*
 * The stance guard of conflict rules: 1 when the clause (or clauses) of
 * the hit span holds an attribution, rejection or threat cue outside the
 * rule's own matches (parts), so that the measure is someone else's,
 * refused, or named as a danger.  0 to keep the hit, -1 on a limit.
 */
static int
stance_cancels(struct scan *st, const struct rule *r, unsigned lang,
    struct span hit, const struct span *parts, size_t nparts)
{
	const struct ruleset *rs = st->sc->rs;
	const struct patlist *lists[3];
	struct span u, last;
	size_t i, j;
	int rc;

	if (r->kind != RULE_CONFLICT || r->stance_ignore)
		return 0;
	lists[0] = &rs->attribution;
	lists[1] = &rs->rejection;
	lists[2] = &rs->threat;
	u = segment_clause(st->doc, hit.start);
	last = segment_clause(st->doc, hit.end > hit.start ? hit.end - 1 :
	    hit.start);
	if (last.end > u.end)
		u.end = last.end;
	if (hit.end > u.end)
		u.end = hit.end;
	if (hit.start < u.start)
		u.start = hit.start;
	for (i = 0; i < nitems(lists); i++)
		for (j = 0; j < lists[i]->n; j++)
			if (lists[i]->v[j].lang == lang &&
			    (rc = cue_outside(st, &lists[i]->v[j], u, parts,
			    nparts)) != 0)
				return rc;
	return 0;
}

/* Every match of an anchor inside one sentence.  A conflict rule's match
   must also pass its stance guard. */
static int
scan_anchor(struct scan *st, const struct pattern *p, const struct span *u)
{
	struct span m;
	size_t pos = u->start, ms, me;
	int rc, direct;

	direct = p->rule->pats.n > 0 && p >= p->rule->pats.v &&
	    p < p->rule->pats.v + p->rule->pats.n;
	while ((rc = scan_find(st, p, *u, pos, &ms, &me)) == 1) {
		m.start = ms;
		m.end = me;
		rc = direct ? stance_cancels(st, p->rule, p->lang, m, &m, 1) :
		    0;
		if (rc < 0)
			return -1;
		if (rc == 0)
			cand_add(&st->cands, p, ms, me);
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
	if (scope == SCOPE_CLAUSE)
		return segment_clause(doc, off);
	units = segment_units(doc, scope, &n);
	i = segment_find(units, n, off);
	return i < n ? units[i] : whole;
}

/* Does any pattern of pl in language lang match in u?  1, 0, -1. */
static int
scan_any(struct scan *st, const struct patlist *pl, unsigned lang,
    struct span u)
{
	size_t i, ms, me;
	int rc;

	for (i = 0; i < pl->n; i++)
		if (pl->v[i].lang == lang && (rc = scan_find(st, &pl->v[i],
		    u, u.start, &ms, &me)) != 0)
			return rc;
	return 0;
}

/*
 * The match of m that starts at left or later and ends first; the window
 * w is widened to its end.  0 when there is none.
 */
static int
window_member(const struct spanbuf *m, size_t left, struct span *w,
    struct span *chosen)
{
	size_t i, best = m->n;

	for (i = 0; i < m->n; i++)
		if (m->v[i].start >= left && (best == m->n ||
		    m->v[i].end < m->v[best].end))
			best = i;
	if (best == m->n)
		return 0;
	if (m->v[best].end > w->end)
		w->end = m->v[best].end;
	if (chosen != NULL)
		*chosen = m->v[best];
	return 1;
}

/* Every match of p in u, at most WINDOW_MATCHES of them. */
static int
scan_all_matches(struct scan *st, const struct pattern *p, struct span u,
    struct spanbuf *out)
{
	size_t pos = u.start, ms, me;
	int rc;

	out->n = 0;
	while (out->n < WINDOW_MATCHES &&
	    (rc = scan_find(st, p, u, pos, &ms, &me)) == 1) {
		GROW(out->v, out->cap, out->n + 1);
		out->v[out->n].start = ms;
		out->v[out->n].end = me;
		out->n++;
		pos = me > ms ? me : ms + 1;
	}
	return out->n > 0 ? 1 : rc;
}

/*
 * The narrowest window holding the anchor match a and one match of every
 * other member (m[j] for member j + 1), in any order: for each possible
 * left edge, every member's match that starts there or later and ends
 * first.  The chosen matches go to parts (parts[0] is a).  Returns 0 when
 * no window fits in g->within words.
 */
static int
best_window(const struct scan *st, const struct group *g, struct span a,
    const struct spanbuf *m, struct span *win, struct span *parts)
{
	size_t nm = g->pats.n - 1, j, k, l, left, best = (size_t)-1;
	struct span w;
	int ok;

	for (j = 0; j <= nm; j++)
		for (l = 0; l < (j == 0 ? 1 : m[j - 1].n); l++) {
			left = j == 0 ? a.start : m[j - 1].v[l].start;
			if (left > a.start)
				continue;
			w.start = left;
			w.end = a.end;
			for (k = 0, ok = 1; k < nm && ok; k++)
				ok = window_member(&m[k], left, &w, NULL);
			if (!ok || w.end - w.start >= best)
				continue;
			best = w.end - w.start;
			*win = w;
		}
	if (best == (size_t)-1 || (g->within > 0 &&
	    segment_words(st->doc, win->start, win->end) > g->within))
		return 0;
	parts[0] = a;
	for (k = 0; k < nm; k++)
		(void)window_member(&m[k], win->start, win, &parts[k + 1]);
	return 1;
}

/*
 * Complete one candidate of a group's anchor in unit u: 1 keep (its span
 * widened to the window for <near>), 0 drop, -1 on a limit.  A conflict
 * rule's group must pass its stance guard too.
 */
static int
group_complete(struct scan *st, const struct group *g, struct span u,
    struct cand *c)
{
	struct spanbuf *m = st->members;
	struct span a = { c->start, c->end }, win = a, *parts;
	size_t j;
	int rc;

	if (g->pats.n > st->nmembers) {
		st->members = m = xreallocarray(st->members, g->pats.n,
		    sizeof(*m));
		memset(m + st->nmembers, 0, (g->pats.n - st->nmembers) *
		    sizeof(*m));
		st->nmembers = g->pats.n;
	}
	parts = xcalloc(g->pats.n, sizeof(*parts));
	parts[0] = a;
	for (j = 1, rc = 1; j < g->pats.n && rc == 1; j++) {
		if (g->near || g->within > 0)
			rc = scan_all_matches(st, &g->pats.v[j], u, &m[j - 1]);
		else
			rc = scan_find(st, &g->pats.v[j], u, u.start,
			    &parts[j].start, &parts[j].end);
	}
	if (rc == 1 && (g->near || g->within > 0))
		rc = best_window(st, g, a, m, &win, parts);
	if (rc == 1) {
		rc = stance_cancels(st, c->rule, c->lang, win, parts,
		    g->pats.n);
		rc = rc < 0 ? -1 : !rc;
	}
	if (rc == 1 && g->near) {
		c->start = win.start;
		c->end = win.end;
	}
	free(parts);
	return rc;
}

/* The group whose first pattern is p, or NULL for a rule's direct
   pattern. */
static const struct group *
group_of(const struct pattern *p)
{
	const struct rule *r = p->rule;
	size_t i;

	for (i = 0; i < r->ngroups; i++)
		if (&r->groups[i].pats.v[0] == p)
			return &r->groups[i];
	return NULL;
}

/*
 * Whether every other member of g can match in some unit of g's scope
 * around a match in sentence s.  A sentence and the clauses in it lie in
 * the sentence, a paragraph in the paragraphs the sentence spans, a
 * document in the document.  When one member
 * cannot, no match of the anchor there can complete the group, and its
 * search is spared: most sentences hold a common anchor word and none of
 * a rarer member.
 */
static int
group_possible(struct scan *st, const struct group *g, size_t s)
{
	const struct span *sent = &st->doc->sentences[s];
	struct span b = { 0, st->doc->len };
	size_t j;

	if (g->scope == SCOPE_SENTENCE || g->scope == SCOPE_CLAUSE)
		b = *sent;
	else if (g->scope == SCOPE_PARAGRAPH && sent->end > sent->start) {
		b.start = scan_unit(st->doc, g->scope, sent->start).start;
		b.end = scan_unit(st->doc, g->scope, sent->end - 1).end;
	}
	for (j = 1; j < g->pats.n; j++)
		if (scan_from(st, &g->pats.v[j], b.start, b.end) >= b.end)
			return 0;
	return 1;
}

/* Turn matches of a group's first pattern into rule hits when the rest of
   the group matches in the same unit; other candidates pass through. */
static int
scan_groups(struct scan *st, const struct group *g, size_t from)
{
	struct span u;
	size_t i, keep = from;
	int rc;

	for (i = from; i < st->cands.n; i++) {
		u = scan_unit(st->doc, g->scope, st->cands.v[i].start);
		if ((rc = group_complete(st, g, u, &st->cands.v[i])) < 0)
			return -1;
		if (rc == 1)
			st->cands.v[keep++] = st->cands.v[i];
	}
	st->cands.n = keep;
	return 0;
}

/* Search one anchor in one sentence, then complete <all> groups.  A
   sentence is only searched by the patterns of its language. */
static int
scan_confirm(struct scan *st, const struct pattern *p, size_t unit)
{
	const struct group *g = group_of(p);
	size_t from = st->cands.n;

	if (p->lang != st->slang[unit])
		return 0;
	if (g != NULL && !group_possible(st, g, unit))
		return 0;
	if (scan_anchor(st, p, &st->doc->sentences[unit]) < 0)
		return -1;
	return g != NULL ? scan_groups(st, g, from) : 0;
}

/* Search the anchors the prefilter does not cover (on the plain path,
   every anchor) in every sentence of their language. */
static int
scan_everywhere(struct scan *st)
{
	const struct scanner *sc = st->sc;
	const struct pattern *p;
	size_t i, j;

	for (i = 0; i < sc->neverywhere; i++) {
		p = sc->rs->patterns[sc->everywhere[i]];
		if (!st->present[p->lang])
			continue;
		for (j = 0; j < st->doc->nsentences; j++)
			if (scan_confirm(st, p, j) < 0)
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

/* Prefilter callback: keep the end for every pattern that has the
   expression (scan_from), queue the sentence for the anchors. */
static void
scan_queue(unsigned expr, size_t end, void *arg)
{
	struct worklist *wl = arg;
	struct endlist *el;
	const unsigned *anchors;
	size_t i, nanchors;

	if (end == 0 || wl->doc->nsentences == 0)
		return;
	anchors = prefilter_anchors_of(wl->pf, expr, &nanchors);
	el = &wl->sc->ends[expr];
	if (el->n == 0) {
		GROW(wl->sc->used, wl->sc->usedcap, wl->sc->nused + 1);
		wl->sc->used[wl->sc->nused++] = expr;
	}
	if (el->n == 0 || el->last != end) {
		GROW(el->v, el->cap, el->n + 1);
		el->v[el->n++] = end;
		el->last = end;
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
			el->last = el->v[el->n - 1];
			return;
		}
}

/* Empty the lists of the document for the next one.  They keep their
   memory, which spares a document most allocations of its candidates,
   unless a list grew past ENDS_KEEP. */
static void
ends_clear(struct scanner *sc)
{
	struct endlist *el;
	size_t i;

	for (i = 0; i < sc->nused; i++) {
		el = &sc->ends[sc->used[i]];
		if (el->cap > ENDS_KEEP) {
			free(el->v);
			el->v = NULL;
			el->cap = 0;
		}
		el->n = 0;
		memset(&sc->pos[sc->used[i]], 0, sizeof(*sc->pos));
	}
	sc->nused = 0;
}

/* Where the stretch that starts with sentence i begins: at its
   paragraph's start, since languages are found paragraph by paragraph,
   but not before the previous stretch. */
static size_t
stretch_edge(const struct scan *st, size_t i, size_t prev)
{
	const struct doctext *doc = st->doc;
	size_t at = doc->sentences[i].start, p;

	if (doc->paralang != NULL && (p = segment_find(doc->paragraphs,
	    doc->nparagraphs, at)) < doc->nparagraphs &&
	    doc->paragraphs[p].start <= at)
		at = doc->paragraphs[p].start;
	return at > prev ? at : prev;
}

/* The text cut into stretches where the sentences' language changes. */
static void
scan_stretches(struct scan *st)
{
	const struct doctext *doc = st->doc;
	struct stretch *v;
	size_t i, n = 0, at;

	v = st->stretches = xcalloc(doc->nsentences + 1, sizeof(*v));
	for (i = 0; i < doc->nsentences; i++) {
		if (i > 0 && st->slang[i] == st->slang[i - 1])
			continue;
		at = n == 0 ? 0 : stretch_edge(st, i, v[n - 1].start);
		if (n > 0)
			v[n - 1].end = at;
		v[n].start = at;
		v[n].lang = st->slang[i];
		n++;
	}
	if (n > 0)
		v[n - 1].end = doc->len;
	st->nstretches = n;
}

static int
scan_prefiltered(struct scan *st)
{
	const struct ruleset *rs = st->sc->rs;
	struct worklist wl;
	size_t i;
	int rc = 0;

	memset(&wl, 0, sizeof(wl));
	wl.doc = st->doc;
	wl.rs = rs;
	wl.pf = st->sc->pf;
	wl.last = xcalloc(rs->npatterns, sizeof(*wl.last));
	wl.sc = st->sc;
	st->ends = st->sc->ends;
	scan_stretches(st);
	for (i = 0; rc == 0 && i < st->nstretches; i++)
		if (st->stretches[i].lang != NOLANG)
			rc = prefilter_scan(st->sc->pf, st->sc->pfs,
			    st->stretches[i].lang, st->doc->text,
			    st->stretches[i].start, st->stretches[i].end,
			    scan_queue, &wl, &st->cause);
	for (i = 0; i < st->sc->nused; i++)
		ends_sort(&st->ends[st->sc->used[i]]);
	st->live = xreallocarray(NULL, rs->npatterns + 1, sizeof(*st->live));
	for (i = 0; i <= rs->npatterns; i++)
		st->live[i].end = (size_t)-1;
	for (i = 0; rc == 0 && i < wl.n; i++) {
		if (!rs->patterns[wl.v[i].pattern]->anchor)
			continue;
		rc = scan_confirm(st, rs->patterns[wl.v[i].pattern],
		    wl.v[i].unit);
	}
	if (rc == 0)
		rc = scan_everywhere(st);
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
		rc = scan_any(st, &r->unless[i].pats, c->lang,
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
	if (scan_any(st, &rs->binding, st->slang[sentence], *u) == 1)
		m = MODALITY_BINDING;
	else if (scan_any(st, &rs->hortatory, st->slang[sentence], *u) == 1)
		m = MODALITY_HORTATORY;
	st->modality[sentence] = m;
	return m;
}

/* The white space fold_copy folds. */
static const unsigned char fold_space[256] = {
	[' '] = 1, ['\n'] = 1, ['\t'] = 1, ['\r'] = 1, ['\f'] = 1, ['\v'] = 1
};

/* Copy s[start, end) with runs of white space folded to one space, and
   none at either end.  The copy is never longer than the range. */
static char *
fold_copy(const char *s, size_t start, size_t end)
{
	char *out, *o;
	int space = 0;
	size_t i;

	o = out = xmalloc(end > start ? end - start + 1 : 1);
	for (i = start; i < end; i++) {
		if (fold_space[(unsigned char)s[i]]) {
			space = 1;
			continue;
		}
		if (space && o > out)
			*o++ = ' ';
		space = 0;
		*o++ = s[i];
	}
	*o = '\0';
	return out;
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

/*
 * The evidence sentence of a hit in sentence s.  Hits come in start
 * order, so those of one sentence come together: a sentence short enough
 * to be quoted whole is folded once for all of them.
 */
static char *
hit_sentence(struct scan *st, size_t s, const struct cand *c)
{
	const struct span *u = &st->doc->sentences[s];

	if (u->end - u->start > SNIPPET_MAX)
		return sentence_copy(st->doc, *u, c->start, c->end);
	if (st->quotedfor != s + 1) {
		free(st->quoted);
		st->quoted = fold_copy(st->doc->text, u->start, u->end);
		st->quotedfor = s + 1;
	}
	return xstrdup(st->quoted);
}

static void
hit_fill(struct scan *st, struct hit *h, const struct cand *c)
{
	const struct doctext *doc = st->doc;
	const char *code;
	size_t s, me, n;

	h->rule = c->rule;
	h->start = c->start;
	h->end = c->end;
	code = st->sc->rs->languages[c->lang];
	n = strnlen(code, sizeof(h->lang) - 1);
	memcpy(h->lang, code, n);
	h->lang[n] = '\0';
	segment_position(doc, c->start, &h->line, &h->column, &h->page);
	me = c->end;
	if (me - c->start > SNIPPET_MAX)
		me = utf8_floor(doc->text, c->start + SNIPPET_MAX);
	h->match = fold_copy(doc->text, c->start, me);
	s = segment_find(doc->sentences, doc->nsentences, c->start);
	if (s < doc->nsentences) {
		h->modality = scan_modality(st, s);
		h->sentence = hit_sentence(st, s, c);
	} else {
		h->modality = MODALITY_MENTION;
		h->sentence = xstrdup(h->match);
	}
}

/* The kind of each hit's sentence (sentkind.h), classifying only what
   the hits need; hits outside every sentence are statements. */
static void
scan_kinds(const struct doctext *doc, struct hit *hits, size_t n)
{
	unsigned char *wanted, *kinds;
	size_t i, s;

	if (n == 0 || doc->nsentences == 0)
		return;
	wanted = xcalloc(doc->nsentences, 1);
	for (i = 0; i < n; i++)
		if ((s = segment_find(doc->sentences, doc->nsentences,
		    hits[i].start)) < doc->nsentences)
			wanted[s] = 1;
	kinds = sentkind_document(doc, wanted);
	for (i = 0; i < n; i++) {
		s = segment_find(doc->sentences, doc->nsentences,
		    hits[i].start);
		hits[i].kind = s < doc->nsentences ?
		    (enum sentkind)kinds[s] : SENTKIND_STATEMENT;
	}
	free(kinds);
	free(wanted);
}

/*
 * One polarity per sentence and objective: a support hit is dropped when
 * a conflict rule of its objective fires in the same sentence.  A sentence
 * that adopts a measure the objective opposes ("data shall be hosted only
 * in national data centres") is evidence against it, not also for it,
 * although its words are the objective's (data centres).  keep[i] is 1 for
 * each kept candidate of cl, in start order; those dropped are set to 0.
 */
static void
scan_one_polarity(struct scan *st, unsigned char *keep)
{
	const struct candlist *cl = &st->cands;
	const struct doctext *doc = st->doc;
	unsigned char *against;
	size_t i, j, k, s, nobj = st->sc->rs->nobjectives;

	against = xcalloc(nobj + 1, 1);
	for (i = 0; i < cl->n; i = j) {
		/* Candidates come in start order: [i, j) share sentence s. */
		s = segment_find(doc->sentences, doc->nsentences,
		    cl->v[i].start);
		for (j = i + 1; j < cl->n && s < doc->nsentences &&
		    cl->v[j].start < doc->sentences[s].end; j++)
			;
		if (s >= doc->nsentences)
			continue;
		for (k = i; k < j; k++)
			if (keep[k] && cl->v[k].rule->kind == RULE_CONFLICT)
				against[cl->v[k].rule->objective->index] = 1;
		for (k = i; k < j; k++)
			if (keep[k] && cl->v[k].rule->kind == RULE_SUPPORT &&
			    against[cl->v[k].rule->objective->index])
				keep[k] = 0;
		for (k = i; k < j; k++)
			against[cl->v[k].rule->objective->index] = 0;
	}
	free(against);
}

/* Sort, drop repeats of a rule at one position, apply exceptions and the
   one-polarity rule, and fill in the evidence.  Returns the number of
   hits, or -1. */
static long
scan_finish(struct scan *st, struct hit **hits)
{
	struct candlist *cl = &st->cands;
	struct hit *out;
	unsigned char *keep;
	size_t i, n = 0;
	int rc = 0;

	if (cl->n > 0)
		qsort(cl->v, cl->n, sizeof(*cl->v), cand_cmp);
	keep = xcalloc(cl->n + 1, 1);
	for (i = 0; i < cl->n; i++) {
		if (i > 0 && cl->v[i].start == cl->v[i - 1].start &&
		    cl->v[i].rule == cl->v[i - 1].rule)
			continue;
		if ((rc = scan_excepted(st, &cl->v[i])) < 0)
			break;
		keep[i] = rc == 0;
	}
	if (rc >= 0)
		scan_one_polarity(st, keep);
	out = xcalloc(cl->n + 1, sizeof(*out));
	for (i = 0; rc >= 0 && i < cl->n; i++)
		if (keep[i])
			hit_fill(st, &out[n++], &cl->v[i]);
	free(keep);
	if (st->cause != NULL) {
		hits_free(out, n);
		return -1;
	}
	scan_kinds(st->doc, out, n);
	*hits = out;
	return (long)n;
}

/* The ruleset language of a code: "" and "und" read as the default
   (the first), a language without rules as NOLANG. */
static unsigned
scan_lang_index(const struct ruleset *rs, const char *code)
{
	size_t i;

	if (code[0] == '\0' || strcmp(code, "und") == 0)
		return 0;
	for (i = 0; i < rs->nlanguages; i++)
		if (strcmp(rs->languages[i], code) == 0)
			return (unsigned)i;
	return NOLANG;
}

/* Each sentence's language: its paragraph's, or the document's. */
static void
scan_languages(struct scan *st)
{
	const struct ruleset *rs = st->sc->rs;
	const struct doctext *doc = st->doc;
	unsigned doclang, *plang = NULL;
	size_t i, p;

	st->slang = xcalloc(doc->nsentences + 1, sizeof(*st->slang));
	st->present = xcalloc(rs->nlanguages + 1, 1);
	doclang = scan_lang_index(rs, doc->lang);
	if (doc->paralang != NULL) {
		plang = xcalloc(doc->nparagraphs + 1, sizeof(*plang));
		for (p = 0; p < doc->nparagraphs; p++)
			plang[p] = scan_lang_index(rs, doc->paralang[p]);
	}
	for (i = 0; i < doc->nsentences; i++) {
		st->slang[i] = doclang;
		if (plang != NULL && (p = segment_find(doc->paragraphs,
		    doc->nparagraphs, doc->sentences[i].start)) <
		    doc->nparagraphs)
			st->slang[i] = plang[p];
		if (st->slang[i] != NOLANG)
			st->present[st->slang[i]] = 1;
	}
	free(plang);
}

int
scan_document(struct scanner *sc, const struct doctext *doc,
    struct hit **hits, size_t *nhits, char **cause)
{
	struct scan st;
	size_t i;
	long n;
	int rc;

	memset(&st, 0, sizeof(st));
	st.sc = sc;
	st.doc = doc;
	*hits = NULL;
	*nhits = 0;
	scan_languages(&st);
	rc = sc->pf != NULL ? scan_prefiltered(&st) : scan_everywhere(&st);
	if (rc == PREFILTER_LOST) {
		/* A damaged cached database: the prefilter has
		   recorded it (prefilter_lost()); read the document as if
		   there were no prefilter. */
	}
	n = -1;
	if (rc == 0 && st.cause == NULL) {
		st.modality = xmalloc(doc->nsentences + 1);
		memset(st.modality, -1, doc->nsentences + 1);
		n = scan_finish(&st, hits);
		free(st.modality);
	}
	free(st.cands.v);
	free(st.memo.v);
	free(st.quoted);
	ends_clear(sc);
	free(st.live);
	free(st.livepool);
	for (i = 0; i < st.nmembers; i++)
		free(st.members[i].v);
	free(st.members);
	free(st.slang);
	free(st.present);
	free(st.stretches);
	if (rc == PREFILTER_LOST) {
		if (sc->plain == NULL) {
			sc->plain = scanner_new(sc->rs, NULL);
			sc->plain->stats = sc->stats;
		}
		return scan_document(sc->plain, doc, hits, nhits, cause);
	}
	if (n < 0) {
		*cause = st.cause != NULL ? st.cause :
		    xstrdup("scan failed");
		return -1;
	}
	*nhits = (size_t)n;
	return 0;
}

void
hit_clear(struct hit *h)
{
	free(h->match);
	free(h->sentence);
	free(h->section);
}

void
hits_free(struct hit *hits, size_t n)
{
	size_t i;

	if (hits == NULL)
		return;
	for (i = 0; i < n; i++)
		hit_clear(&hits[i]);
	free(hits);
}
