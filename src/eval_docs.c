/*
 * eval_docs.c -- `palint eval --documents RATINGS.tsv --corpus DIR`: do the
 * documents palint scores higher get the higher analyst ratings?
 *
 * Input: a TSV with a header "doc", then one column per area (an area id of
 * the rules, or "P" for the principles as a group), then columns that are
 * not scores (from "objectives_addressed" on), and one 0-3 rating per
 * document and column; the documents themselves, under DIR.  Each document
 * goes through the whole scan pipeline (document.c); a member of an
 * archive there is rated as "archive.zip!member".  Output: each document's
 * ratings beside palint's area scores, and Spearman's rho (ties ranked by
 * their mean) per column and over every (document, column) pair.
 *
 * Ranks only: the 0-3 scale and the 0-1 score measure different things,
 * so only their order is compared.  When the file has an
 * "objectives_addressed" column (ids separated by ';', "!ID" for an
 * objective the document points against), the text report also compares
 * palint's verdicts with it: how many covered (or covered and partial)
 * objectives were listed, how many listed ones were covered, and the same
 * for conflicts and "!ID".  A document that cannot be read is
 * named on stderr and left out; the exit status is then 2, but everything
 * else is still reported.
 */
#include "config.h"

#include <sys/stat.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "document.h"
#include "eval.h"
#include "prefilter.h"
#include "ruleload.h"
#include "rules.h"
#include "safetext.h"
#include "scan.h"
#include "utf8.h"

/* A column of scores: an area of the rules, or the principles score. */
struct column {
	char		*name;
	int		 area;		/* area index; -1: principles */
};

struct ratedoc {
	char		*doc;
	double		*rating;	/* per column */
	double		*score;		/* per column; valid when ok */
	int		 ok;
	char		*addressed;	/* objectives_addressed; NULL: none */
	unsigned char	*verdict;	/* per objective: VERDICT_* bits */
};

/* What palint said about an objective of a rated document. */
#define VERDICT_COVERED		1
#define VERDICT_PARTIAL		2
#define VERDICT_CONFLICT	4

struct ratings {
	const char		*path;
	const struct ruleset	*rs;
	struct column		*cols;
	size_t			 ncols;
	struct ratedoc		*docs;
	size_t			 ndocs;
	size_t			 capdocs;
	int			 header;
	long			 addressed;	/* column; -1: none */
	struct errlist		 errs;
};

static int
column_area(const struct ruleset *rs, const char *name)
{
	size_t i;

	for (i = 0; i < rs->nareas; i++)
		if (strcmp(rs->areas[i].id, name) == 0)
			return (int)i;
	return strcmp(name, "P") == 0 ? -1 : -2;
}

/* doc, the score columns, then anything from objectives_addressed on. */
static int
on_ratings_header(char **f, size_t n, unsigned line, void *arg)
{
	struct ratings *rt = arg;
	size_t i;
	int area;

	rt->header = 1;
	if (n < 2 || strcmp(f[0], "doc") != 0) {
		errlist_add(&rt->errs, "%s:%u: the first line must be the "
		    "header doc, then area ids (tab-separated)", rt->path,
		    line);
		return -1;
	}
	rt->cols = xcalloc(n, sizeof(*rt->cols));
	rt->addressed = -1;
	for (i = 1; i < n; i++)
		if (strcmp(f[i], "objectives_addressed") == 0)
			rt->addressed = (long)i;
	for (i = 1; i < n && strcmp(f[i], "objectives_addressed") != 0; i++) {
		if ((area = column_area(rt->rs, f[i])) == -2) {
			errlist_add(&rt->errs, "%s:%u: column '%s' is not an "
			    "area of the rules, nor P", rt->path, line, f[i]);
			return -1;
		}
		rt->cols[rt->ncols].name = xstrdup(f[i]);
		rt->cols[rt->ncols++].area = area;
	}
	return 0;
}

static int
parse_rating(const char *s, double *out)
{
	if (s[0] < '0' || s[0] > '3' || s[1] != '\0')
		return -1;
	*out = s[0] - '0';
	return 0;
}

static int
on_rating_row(char **f, size_t n, unsigned line, void *arg)
{
	struct ratings *rt = arg;
	struct ratedoc d;
	size_t i;

	if (f[0][0] == '\0') {
		errlist_add(&rt->errs, "%s:%u: empty doc", rt->path, line);
		return 0;
	}
	memset(&d, 0, sizeof(d));
	d.rating = xcalloc(rt->ncols + 1, sizeof(*d.rating));
	for (i = 0; i < rt->ncols; i++)
		if (parse_rating(f[i + 1], &d.rating[i]) != 0) {
			errlist_add(&rt->errs, "%s:%u: %s: rating '%s' is not "
			    "0, 1, 2 or 3", rt->path, line, rt->cols[i].name,
			    f[i + 1]);
			free(d.rating);
			return 0;
		}
	d.doc = xstrdup(f[0]);
	d.score = xcalloc(rt->ncols + 1, sizeof(*d.score));
	if (rt->addressed > 0 && (size_t)rt->addressed < n)
		d.addressed = xstrdup(f[rt->addressed]);
	GROW(rt->docs, rt->capdocs, rt->ndocs + 1);
	rt->docs[rt->ndocs++] = d;
	return 0;
}

static void
ratings_free(struct ratings *rt)
{
	size_t i;

	for (i = 0; i < rt->ndocs; i++) {
		free(rt->docs[i].doc);
		free(rt->docs[i].rating);
		free(rt->docs[i].score);
		free(rt->docs[i].addressed);
		free(rt->docs[i].verdict);
	}
	free(rt->docs);
	for (i = 0; i < rt->ncols; i++)
		free(rt->cols[i].name);
	free(rt->cols);
	errlist_free(&rt->errs);
}

static void
take_scores(const struct ratings *rt, struct ratedoc *d,
    const struct docresult *dr)
{
	size_t i;

	for (i = 0; i < rt->ncols; i++)
		d->score[i] = rt->cols[i].area < 0 ? dr->principles :
		    dr->areas[rt->cols[i].area].score;
	d->verdict = xcalloc(dr->nobjectives + 1, 1);
	for (i = 0; i < dr->nobjectives; i++)
		d->verdict[i] = (dr->objectives[i].status == STATUS_COVERED ?
		    VERDICT_COVERED : 0) | (dr->objectives[i].status ==
		    STATUS_PARTIAL ? VERDICT_PARTIAL : 0) |
		    (dr->objectives[i].conflict > 0 ? VERDICT_CONFLICT : 0);
	d->ok = 1;
}

/*
 * The file behind a rated name: the name itself, or, when no file has
 * that name and it holds a "!", the archive before the first "!" (the
 * rated name is then one of its members, "archive.zip!member").
 */
static char *
rated_file(const char *corpus, const char *doc)
{
	struct stat st;
	const char *bang;
	char *path;

	path = xasprintf("%s/%s", corpus, doc);
	if (stat(path, &st) == 0 || (bang = strchr(doc, '!')) == NULL)
		return path;
	free(path);
	return xasprintf("%s/%.*s", corpus, (int)(bang - doc), doc);
}

/* The result named path; else the error row of the file itself; else
   NULL with *why. */
static const struct docresult *
rated_result(const struct docresults *res, const char *path,
    const char *file, const char **why)
{
	size_t i;

	for (i = 0; i < res->n; i++)
		if (strcmp(res->v[i]->path, path) == 0)
			return res->v[i];
	for (i = 0; i < res->n; i++)
		if (!res->v[i]->ok && strcmp(res->v[i]->path, file) == 0)
			return res->v[i];
	*why = strcmp(path, file) == 0 ? "is an archive: rate its members, "
	    "named ARCHIVE!MEMBER" : "no such archive member";
	return NULL;
}

/*
 * Read and judge one rated document; -1 after naming it on stderr.  The
 * file goes through the scan's pipeline (document.c), so a zip in the
 * corpus reads as in a scan: each member is a document of its own, rated
 * as "archive.zip!member" (the archive is read once per rated member).
 */
static int
check_one(const struct options *o, const struct ratings *rt,
    struct scanner *sc, struct ratedoc *d)
{
	const struct docresult *dr;
	struct docresults res;
	struct input in;
	const char *why = NULL;
	char *path;
	int rc = 0;

	memset(&in, 0, sizeof(in));
	memset(&res, 0, sizeof(res));
	path = xasprintf("%s/%s", o->corpus, d->doc);
	in.path = rated_file(o->corpus, d->doc);
	document_run(rt->rs, sc, &in, &o->limits, &res);
	if ((dr = rated_result(&res, path, in.path, &why)) == NULL ||
	    !dr->ok || dr->no_verdict != NULL) {
		log_warnx("%s: %s", path, dr == NULL ? why : dr->ok ?
		    dr->no_verdict : dr->error);
		rc = -1;
	} else
		take_scores(rt, d, dr);
	docresults_free(&res);
	free(in.path);
	free(path);
	return rc;
}

static int
check_all(const struct options *o, struct ratings *rt)
{
	struct prefilter *pf;
	struct scanner *sc;
	size_t i;
	int rc = 0;

	pf = ruleload_prefilter(o, rt->rs);
	sc = scanner_new(rt->rs, pf);
	for (i = 0; i < rt->ndocs; i++)
		if (check_one(o, rt, sc, &rt->docs[i]) != 0)
			rc = -1;
	scanner_free(sc);
	ruleload_prefilter_free(pf);
	return rc;
}

/* rho for one column (col >= 0) or for all of them pooled (col < 0). */
static double
column_rho(const struct ratings *rt, int col, size_t *n)
{
	double *x, *y, rho;
	size_t i, j;

	x = xcalloc(rt->ndocs * rt->ncols + 1, sizeof(*x));
	y = xcalloc(rt->ndocs * rt->ncols + 1, sizeof(*y));
	*n = 0;
	for (i = 0; i < rt->ndocs; i++)
		for (j = 0; j < rt->ncols; j++) {
			if (!rt->docs[i].ok || (col >= 0 && (size_t)col != j))
				continue;
			x[*n] = rt->docs[i].rating[j];
			y[(*n)++] = rt->docs[i].score[j];
		}
	rho = eval_spearman(x, y, *n);
	free(x);
	free(y);
	return rho;
}

static void
rho_text(double rho, char buf[16])
{
	if (isnan(rho))
		snprintf(buf, 16, "n/a");
	else
		snprintf(buf, 16, "%.3f", rho);
}

/* Document names are shown cleaned (safetext.h): they may come from file
   names.  The column is as wide as the widest cleaned name, counted in
   characters, not bytes. */
static void
text_documents(FILE *fp, const struct ratings *rt)
{
	struct strbuf sb = { NULL, 0, 0 };
	char **shown;
	size_t i, j, w = strlen("document");

	shown = xcalloc(rt->ndocs + 1, sizeof(*shown));
	for (i = 0; i < rt->ndocs; i++) {
		shown[i] = xstrdup(safe_str(&sb, rt->docs[i].doc,
		    SAFE_ONELINE));
		if (utf8_count(shown[i], strlen(shown[i])) > w)
			w = utf8_count(shown[i], strlen(shown[i]));
	}
	strbuf_free(&sb);
	fprintf(fp, "\nRatings (0-3) and palint's scores (0-1)\n%-*s", (int)w,
	    "document");
	for (j = 0; j < rt->ncols; j++)
		fprintf(fp, "  %9s", rt->cols[j].name);
	fputc('\n', fp);
	for (i = 0; i < rt->ndocs; i++) {
		fprintf(fp, "%s%*s", shown[i], (int)(w - utf8_count(shown[i],
		    strlen(shown[i]))), "");
		for (j = 0; j < rt->ncols; j++)
			if (rt->docs[i].ok)
				fprintf(fp, "  %.0f %7.3f",
				    rt->docs[i].rating[j],
				    rt->docs[i].score[j]);
			else
				fprintf(fp, "  %.0f %7s",
				    rt->docs[i].rating[j], "error");
		fputc('\n', fp);
		free(shown[i]);
	}
	free(shown);
}

static void
text_rho(FILE *fp, const struct ratings *rt)
{
	char buf[16];
	double rho;
	size_t j, n;

	fprintf(fp, "\nSpearman rho    n     rho\n");
	for (j = 0; j < rt->ncols; j++) {
		rho = column_rho(rt, (int)j, &n);
		rho_text(rho, buf);
		fprintf(fp, "  %-9s %4zu %7s\n", rt->cols[j].name, n, buf);
	}
	rho = column_rho(rt, -1, &n);
	rho_text(rho, buf);
	fprintf(fp, "  %-9s %4zu %7s\n", "overall", n, buf);
}

/* Is id in the ';'-separated list, with a '!' before it when against? */
static int
listed(const char *list, const char *id, int against)
{
	const char *p = list, *e;
	size_t n = strlen(id);

	while (*p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		e = p + strcspn(p, ";");
		if ((*p == '!') == against) {
			if (against)
				p++;
			if ((size_t)(e - p) >= n && strncmp(p, id, n) == 0 &&
			    strspn(p + n, " ") == (size_t)(e - p) - n)
				return 1;
		}
		p = e;
	}
	return 0;
}

static void
count(struct eval_counts *c, int said, int listed_)
{
	c->tp += said && listed_;
	c->fp += said && !listed_;
	c->fn += !said && listed_;
}

static void
verdict_row(FILE *fp, const char *name, const struct eval_counts *c)
{
	struct eval_scores s;

	eval_score(c, &s);
	fprintf(fp, "  %-18s %5u %5u %5u %9.3f %6.3f\n", name, c->tp, c->fp,
	    c->fn, s.precision, s.recall);
}

/* palint's verdicts against the objectives the analysts listed. */
static void
text_verdicts(FILE *fp, const struct ratings *rt)
{
	struct eval_counts cov = { 0, 0, 0 }, any = { 0, 0, 0 },
	    con = { 0, 0, 0 };
	const struct ratedoc *d;
	const char *id;
	size_t i, j, n = 0;
	int pos;

	for (i = 0; i < rt->ndocs; i++) {
		d = &rt->docs[i];
		if (!d->ok || d->addressed == NULL)
			continue;
		n++;
		for (j = 0; j < rt->rs->nobjectives; j++) {
			id = rt->rs->objectives[j]->id;
			pos = listed(d->addressed, id, 0);
			count(&cov, d->verdict[j] & VERDICT_COVERED, pos);
			count(&any, d->verdict[j] &
			    (VERDICT_COVERED | VERDICT_PARTIAL), pos);
			count(&con, d->verdict[j] & VERDICT_CONFLICT,
			    listed(d->addressed, id, 1));
		}
	}
	if (n == 0)
		return;
	fprintf(fp, "\nVerdicts against objectives_addressed (%zu documents)"
	    "\n%-20s %5s %5s %5s %9s %6s\n", n, "", "tp", "fp", "fn",
	    "precision", "recall");
	verdict_row(fp, "covered", &cov);
	verdict_row(fp, "covered or partial", &any);
	verdict_row(fp, "conflict (!ID)", &con);
}

static void
csv_rho_row(FILE *fp, unsigned flags, const char *level, const char *area,
    size_t n, double rho)
{
	char buf[16];

	rho_text(rho, buf);
	csvout_field(fp, level, flags | CSVOUT_FIRST);
	fputs(",,", fp);
	csvout_field(fp, area, flags | CSVOUT_FIRST);
	fprintf(fp, ",,,%zu,%s\r\n", n, isnan(rho) ? "" : buf);
}

/* One tidy table: a row per (document, column), then per column, then
   overall; the fields that do not apply to a row are empty. */
static void
csv_report(FILE *fp, unsigned flags, const struct ratings *rt)
{
	size_t i, j, n;
	double rho;

	fputs("level,doc,area,rating,score,n,rho\r\n", fp);
	for (i = 0; i < rt->ndocs; i++)
		for (j = 0; j < rt->ncols; j++) {
			csvout_field(fp, "document", flags | CSVOUT_FIRST);
			csvout_field(fp, rt->docs[i].doc, flags);
			csvout_field(fp, rt->cols[j].name, flags);
			fprintf(fp, ",%.0f,", rt->docs[i].rating[j]);
			if (rt->docs[i].ok)
				fprintf(fp, "%.3f", rt->docs[i].score[j]);
			fputs(",,\r\n", fp);
		}
	for (j = 0; j < rt->ncols; j++) {
		rho = column_rho(rt, (int)j, &n);
		csv_rho_row(fp, flags, "area", rt->cols[j].name, n, rho);
	}
	rho = column_rho(rt, -1, &n);
	csv_rho_row(fp, flags, "overall", "", n, rho);
}

static void
write_ratings(FILE *fp, int csv, unsigned csvflags, void *arg)
{
	const struct ratings *rt = arg;
	size_t i, ok = 0;

	if (csv) {
		csv_report(fp, csvflags, rt);
		return;
	}
	for (i = 0; i < rt->ndocs; i++)
		ok += rt->docs[i].ok;
	fprintf(fp, "palint eval: %s: %zu documents, %zu scanned; rules %s "
	    "%s\n", rt->path, rt->ndocs, ok, rt->rs->id, rt->rs->version);
	text_documents(fp, rt);
	text_rho(fp, rt);
	text_verdicts(fp, rt);
}

int
eval_documents(const struct options *o, const struct ruleset *rs)
{
	struct ratings rt;
	int rc = 0;

	memset(&rt, 0, sizeof(rt));
	rt.path = o->documents;
	rt.rs = rs;
	if (eval_tsv_read(rt.path, on_ratings_header, on_rating_row, &rt,
	    &rt.errs) == 0 &&
	    !rt.header)
		errlist_add(&rt.errs, "%s: empty file (want a header)",
		    rt.path);
	if (rt.errs.n > 0) {
		errlist_warn(&rt.errs);
		ratings_free(&rt);
		return -1;
	}
	if (check_all(o, &rt) != 0)
		rc = -1;
	if (eval_output(o, write_ratings, &rt) != 0)
		rc = -1;
	ratings_free(&rt);
	return rc;
}
