/*
 * waivers.c -- the --waivers file read and checked, then applied to each
 * document's results before they are reported (waivers.h says what a
 * waiver does).
 *
 * Input: a CSV file (csvread.c) and the ruleset.  Output: marks on hits
 * and objective results, pointing at the waiver that covers them, and a
 * recount of the document's error-level conflicts without waived ones.
 */
#include "config.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "waivers.h"

static const char *const header[] = {
	"id", "document", "justification", "reviewer", "expires"
};

struct waivers {
	char		*path;
	struct waiver	*v;
	size_t		 n;
};

/* Whether s is a real calendar date written YYYY-MM-DD. */
static int
valid_date(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return 0;
	return 1;
}

/* A field without the blanks around it; the record owns it. */
static const char *
trimmed(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static int
check_header(const char *path, const struct csvrecord *r,
    struct errlist *errs)
{
	size_t i;

	/* Spreadsheets often save CSV with a UTF-8 byte order mark. */
	if (r->n > 0 && strncmp(r->f[0], "\xef\xbb\xbf", 3) == 0)
		memmove(r->f[0], r->f[0] + 3, strlen(r->f[0] + 3) + 1);
	if (r->n == nitems(header)) {
		for (i = 0; i < r->n; i++)
			if (strcasecmp(trimmed(r->f[i]), header[i]) != 0)
				break;
		if (i == r->n)
			return 0;
	}
	errlist_add(errs, "%s:%u: the header must be id,document,"
	    "justification,reviewer,expires", path, r->line);
	return -1;
}

/* The id as the ruleset spells it, or NULL; *is_rule set. */
static const char *
find_id(const struct ruleset *rs, const char *id, int *is_rule)
{
	size_t i;

	for (i = 0; i < rs->nobjectives; i++)
		if (strcasecmp(rs->objectives[i]->id, id) == 0) {
			*is_rule = 0;
			return rs->objectives[i]->id;
		}
	for (i = 0; i < rs->nrules; i++)
		if (strcasecmp(rs->rules[i]->id, id) == 0) {
			*is_rule = 1;
			return rs->rules[i]->id;
		}
	return NULL;
}

/* One row into w; -1 after adding its errors to errs. */
static int
parse_row(struct waivers *ws, const struct ruleset *rs,
    const struct csvrecord *r, struct waiver *w, struct errlist *errs)
{
	static const char *const need[] = { "id", "document",
	    "justification", "reviewer" };
	const char *f[5], *id = NULL;
	size_t i, nerr = errs->n;

	if (r->n != nitems(header)) {
		errlist_add(errs, "%s:%u: expected 5 fields, found %zu",
		    ws->path, r->line, r->n);
		return -1;
	}
	for (i = 0; i < nitems(header); i++)
		f[i] = trimmed(r->f[i]);
	for (i = 0; i < nitems(need); i++)
		if (f[i][0] == '\0')
			errlist_add(errs, "%s:%u: empty %s", ws->path, r->line,
			    need[i]);
	if (f[0][0] != '\0' && (id = find_id(rs, f[0], &w->is_rule)) == NULL)
		errlist_add(errs, "%s:%u: unknown objective or rule id '%s'",
		    ws->path, r->line, f[0]);
	if (f[4][0] != '\0' && !valid_date(f[4]))
		errlist_add(errs, "%s:%u: expires: '%s' is not a date "
		    "(YYYY-MM-DD)", ws->path, r->line, f[4]);
	if (errs->n > nerr)
		return -1;
	w->id = xstrdup(id);
	w->glob = xstrdup(f[1]);
	w->justification = xstrdup(f[2]);
	w->reviewer = xstrdup(f[3]);
	snprintf(w->expires, sizeof(w->expires), "%s", f[4]);
	w->file = ws->path;
	w->line = r->line;
	return 0;
}

static void
waiver_clear(struct waiver *w)
{
	free(w->id);
	free(w->glob);
	free(w->justification);
	free(w->reviewer);
}

struct waivers *
waivers_load(const char *path, const struct ruleset *rs, time_t today,
    struct errlist *errs, struct errlist *warns)
{
	struct waivers *ws;
	struct csvfile cf;
	struct waiver w;
	char *cause = NULL, day[16];
	size_t i, nerr = errs->n;
	struct tm tm;

	ws = xcalloc(1, sizeof(*ws));
	ws->path = xstrdup(path);
	if (csvread_file(path, &cf, &cause) != 0) {
		errlist_add(errs, "%s", cause);
		free(cause);
	} else if (cf.n == 0)
		errlist_add(errs, "%s:1: no header: the waivers file is empty",
		    path);
	else if (check_header(path, &cf.v[0], errs) == 0) {
		gmtime_r(&today, &tm);
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		ws->v = xcalloc(cf.n, sizeof(*ws->v));
		for (i = 1; i < cf.n; i++) {
			memset(&w, 0, sizeof(w));
			if (parse_row(ws, rs, &cf.v[i], &w, errs) != 0)
				continue;
			if (w.expires[0] != '\0' && strcmp(w.expires, day) < 0) {
				errlist_add(warns, "%s:%u: waiver for %s "
				    "expired on %s; not applied", path, w.line,
				    w.id, w.expires);
				waiver_clear(&w);
				continue;
			}
			ws->v[ws->n++] = w;
		}
	}
	csvread_free(&cf);
	if (errs->n > nerr) {
		waivers_free(ws);
		return NULL;
	}
	return ws;
}

void
waivers_free(struct waivers *ws)
{
	size_t i;

	if (ws == NULL)
		return;
	for (i = 0; i < ws->n; i++)
		waiver_clear(&ws->v[i]);
	free(ws->v);
	free(ws->path);
	free(ws);
}

/* The first waiver for id (an objective's or a rule's) on this path. */
static struct waiver *
waiver_for(struct waivers *ws, const char *id, int is_rule,
    const char *path)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		if (ws->v[i].is_rule == is_rule &&
		    strcmp(ws->v[i].id, id) == 0 &&
		    fnmatch(ws->v[i].glob, path, 0) == 0)
			return &ws->v[i];
	return NULL;
}

int
waivers_is_gap(const struct objective_result *or)
{
	return or->status == STATUS_ABSENT || or->status == STATUS_PARTIAL;
}

/* Rule waivers on hits; then objective waivers on gaps and conflicts. */
static void
apply_hits(struct waivers *ws, struct docresult *dr)
{
	struct waiver *w;
	size_t i;

	for (i = 0; i < dr->nhits; i++) {
		w = waiver_for(ws, dr->hits[i].rule->id, 1, dr->path);
		if (w != NULL)
			w->used++;
		dr->hits[i].waiver = w;
	}
}

/* Every conflict hit of o carries a waiver (and there is one). */
static const struct waiver *
conflicts_waived(const struct docresult *dr, const struct objective *o)
{
	const struct waiver *w = NULL;
	size_t i;

	for (i = 0; i < dr->nhits; i++) {
		if (dr->hits[i].rule->objective != o ||
		    dr->hits[i].rule->kind != RULE_CONFLICT)
			continue;
		if (dr->hits[i].waiver == NULL)
			return NULL;
		if (w == NULL)
			w = dr->hits[i].waiver;
	}
	return w;
}

static void
apply_objective(struct waivers *ws, struct docresult *dr,
    struct objective_result *or)
{
	struct waiver *w;
	size_t i;

	if (!waivers_is_gap(or) && or->conflicts_fired == 0)
		return;
	w = waiver_for(ws, or->objective->id, 0, dr->path);
	if (w == NULL) {
		/* Its conflicts all waived by rule, and nothing else. */
		if (!waivers_is_gap(or))
			or->waiver = conflicts_waived(dr, or->objective);
		return;
	}
	w->used++;
	or->waiver = w;
	for (i = 0; i < dr->nhits; i++)
		if (dr->hits[i].rule->objective == or->objective &&
		    dr->hits[i].rule->kind == RULE_CONFLICT &&
		    dr->hits[i].waiver == NULL)
			dr->hits[i].waiver = w;
}

int
waivers_conflict_errors(const struct docresult *dr)
{
	const struct rule *r;
	unsigned char *seen;
	size_t i, nrules = 0;
	int n = 0;

	for (i = 0; i < dr->nobjectives; i++)
		nrules += dr->objectives[i].objective->nrules;
	seen = xcalloc(nrules + 1, 1);
	for (i = 0; i < dr->nhits; i++) {
		r = dr->hits[i].rule;
		if (r->kind != RULE_CONFLICT || r->severity != SEVERITY_ERROR ||
		    dr->hits[i].waiver != NULL || dr->hits[i].known ||
		    r->index >= nrules || seen[r->index])
			continue;
		seen[r->index] = 1;
		n++;
	}
	free(seen);
	return n;
}

void
waivers_apply(struct waivers *ws, struct docresult *dr)
{
	size_t i;

	if (ws == NULL || !dr->ok)
		return;
	apply_hits(ws, dr);
	for (i = 0; i < dr->nobjectives; i++)
		apply_objective(ws, dr, &dr->objectives[i]);
	dr->conflict_errors = waivers_conflict_errors(dr);
}

void
waivers_unused(const struct waivers *ws, struct errlist *warns)
{
	size_t i;

	for (i = 0; ws != NULL && i < ws->n; i++)
		if (ws->v[i].used == 0)
			errlist_add(warns, "%s:%u: waiver for %s on '%s' "
			    "waived nothing", ws->path, ws->v[i].line,
			    ws->v[i].id, ws->v[i].glob);
}

double
waivers_score(const struct docresult *dr)
{
	const struct objective_result *or;
	const struct area *a;
	double gain = 0;
	size_t i, j, nactions = 0;

	for (i = 0; i < dr->nareas; i++)
		nactions += dr->areas[i].area->kind == AREA_ACTION;
	for (i = 0; i < dr->nareas && nactions > 0; i++) {
		a = dr->areas[i].area;
		if (a->kind != AREA_ACTION || a->nobjectives == 0)
			continue;
		for (j = 0; j < a->nobjectives; j++) {
			or = &dr->objectives[a->objectives[j].index];
			if (or->waiver != NULL && waivers_is_gap(or))
				gain += (1 - or->score) /
				    (double)a->nobjectives / (double)nactions;
		}
	}
	return dr->overall + gain;
}
