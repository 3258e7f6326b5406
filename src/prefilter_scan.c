/*
 * prefilter_scan.c -- one Hyperscan pass over a document for all rules at
 * once.
 *
 * Input: a compiled ruleset.  Output: a block-mode database, built from
 * the expressions prefilter_rewrite.c derives (or read back by
 * prefilter_cache.c), that reports for a document every (expression, end
 * offset) where a superset of a pattern matches; scan.c confirms each
 * candidate with PCRE2.  Also the queries on the maps between expressions
 * and patterns, and the per-thread scratch space.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <hs.h>

#include "prefilter_int.h"
#include "util.h"

struct prefilter {
	hs_database_t	*db;		/* NULL: no pattern could be taken */
	size_t		 dblen;		/* db is a bigbuf of this size */
	hs_scratch_t	*proto;		/* cloned for each thread */
	struct exprmap	 map;
	unsigned char	*covered;	/* by pattern index */
	size_t		 ncovered;
	size_t		 ndropped;
	size_t		 block;		/* largest length given to hs_scan */
	int		 cache_loaded;
	int		 cache_written;
};

struct prefilter_scratch {
	hs_scratch_t	*s;
};

static const char *const unavailable =
    "Hyperscan unavailable on this CPU; scanning with PCRE2 only";

/*
 * A pattern is covered when Hyperscan took every expression it has: then
 * each of its matches holds the end of a candidate of one of them.
 */
static void
mark_covered(struct prefilter *pf, const struct hsset *set,
    const unsigned *taken, size_t ntaken)
{
	const struct exprmap *m = &pf->map;
	unsigned char	*alive;
	size_t		 i, k;

	alive = xcalloc(m->nexprs + 1, 1);
	for (i = 0; i < ntaken; i++)
		if (taken[i] < m->nexprs)
			alive[taken[i]] = 1;
	pf->ncovered = 0;
	for (i = 0; i < m->npatterns; i++) {
		k = m->expr_off[i];
		if (k == m->expr_off[i + 1])
			continue;
		while (k < m->expr_off[i + 1] && alive[m->exprs[k]])
			k++;
		pf->covered[i] = k == m->expr_off[i + 1];
		pf->ncovered += pf->covered[i];
	}
	pf->ndropped = set->npats - pf->ncovered;
	free(alive);
}

/*
 * Deserialize into memory of our own: the database is read on every scan,
 * and a huge-page span costs one page fault where a malloc'd megabyte
 * costs hundreds (see bigbuf_alloc).
 */
static int
db_place(struct prefilter *pf, const char *bytes, size_t len)
{
	size_t	 size;
	void	*mem;

	if (hs_serialized_database_size(bytes, len, &size) != HS_SUCCESS)
		return -1;
	mem = bigbuf_alloc(size);
	if (hs_deserialize_database_at(bytes, len, mem) != HS_SUCCESS) {
		bigbuf_free(mem, size);
		return -1;
	}
	pf->db = mem;
	pf->dblen = size;
	return 0;
}

/* The database and coverage a cache file holds; 0 or -1. */
static int
db_load(struct prefilter *pf, const struct hsset *set, const char *path)
{
	struct cached	 c;
	int		 rc = 0;

	if (cache_read(path, set, &c) == -1)
		return -1;
	if (c.ntaken > 0)
		rc = db_place(pf, c.db, c.dblen);
	if (rc == 0)
		mark_covered(pf, set, c.taken, c.ntaken);
	cached_free(&c);
	return rc;
}

/*
 * Move a freshly compiled database into a bigbuf, as if loaded, and keep
 * it in the cache file at path, if any.
 */
static int
db_adopt(struct prefilter *pf, const struct hsset *set, const char *path)
{
	hs_database_t	*db = pf->db;
	char		*bytes = NULL;
	size_t		 len = 0;
	int		 rc = 0;

	if (db != NULL) {
		if (hs_serialize_database(db, &bytes, &len) != HS_SUCCESS)
			return -1;
		pf->db = NULL;
		rc = db_place(pf, bytes, len);
		hs_free_database(db);
	}
	if (rc == 0) {
		mark_covered(pf, set, set->ids, set->n);
		if (path != NULL && cache_write(path, set, bytes, len) == 0)
			pf->cache_written = 1;
	}
	free(bytes);
	return rc;
}

static void
db_free(struct prefilter *pf)
{
	if (pf->db != NULL && pf->dblen > 0)
		bigbuf_free(pf->db, pf->dblen);
	else if (pf->db != NULL)
		hs_free_database(pf->db);
	pf->db = NULL;
	pf->dblen = 0;
}

/*
 * Compile the set, dropping each expression Hyperscan refuses (it names the
 * first bad one per attempt) until the rest compiles.  Returns -1 only when
 * the set as a whole cannot be compiled.
 */
static int
compile_set(struct prefilter *pf, struct hsset *set)
{
	hs_compile_error_t	*err;
	hs_error_t		 rc;

	while (set->n > 0) {
		err = NULL;
		rc = hs_compile_multi((const char *const *)set->expr, set->flags, set->ids,
		    (unsigned)set->n, HS_MODE_BLOCK, NULL, &pf->db, &err);
		if (rc == HS_SUCCESS)
			break;
		pf->db = NULL;
		if (err == NULL || err->expression < 0 ||
		    (size_t)err->expression >= set->n) {
			hs_free_compile_error(err);
			return -1;
		}
		hsset_remove(set, (size_t)err->expression);
		hs_free_compile_error(err);
	}
	return 0;
}

/* Load from the cache, else compile and store. */
static int
prefilter_load(struct prefilter *pf, const struct ruleset *rs,
    const char *cache_dir)
{
	struct hsset	 set;
	char		*path;
	int		 rc = 0;

	hsset_collect(rs, &set, &pf->map);
	path = cache_path(rs, &set, cache_dir);
	if (path != NULL && db_load(pf, &set, path) == 0)
		pf->cache_loaded = 1;
	else if ((rc = compile_set(pf, &set)) == 0)
		rc = db_adopt(pf, &set, path);
	free(path);
	hsset_free(&set);
	return rc;
}

struct prefilter *
prefilter_build(const struct ruleset *rs, const char *cache_dir,
    char **notice)
{
	struct prefilter	*pf;

	if (notice != NULL)
		*notice = NULL;
	if (hs_valid_platform() != HS_SUCCESS) {
		if (notice != NULL)
			*notice = xstrdup(unavailable);
		return NULL;
	}
	pf = xcalloc(1, sizeof(*pf));
	pf->covered = xcalloc(rs->npatterns + 1, 1);
	pf->block = UINT_MAX;
	if (prefilter_load(pf, rs, cache_dir) == -1 ||
	    (pf->db != NULL &&
	    hs_alloc_scratch(pf->db, &pf->proto) != HS_SUCCESS)) {
		prefilter_free(pf);
		if (notice != NULL)
			*notice = xstrdup(unavailable);
		return NULL;
	}
	return pf;
}

void
prefilter_free(struct prefilter *pf)
{
	if (pf == NULL)
		return;
	if (pf->proto != NULL)
		hs_free_scratch(pf->proto);
	db_free(pf);
	exprmap_free(&pf->map);
	free(pf->covered);
	free(pf);
}

int
prefilter_covers(const struct prefilter *pf, unsigned pattern)
{
	if (pf == NULL || pattern >= pf->map.npatterns)
		return 0;
	return pf->covered[pattern];
}

size_t
prefilter_nexprs(const struct prefilter *pf)
{
	return pf == NULL ? 0 : pf->map.nexprs;
}

const unsigned *
prefilter_patterns_of(const struct prefilter *pf, unsigned expr, size_t *n)
{
	*n = 0;
	if (pf == NULL || expr >= pf->map.nexprs)
		return NULL;
	*n = pf->map.pat_off[expr + 1] - pf->map.pat_off[expr];
	return pf->map.pats + pf->map.pat_off[expr];
}

const unsigned *
prefilter_anchors_of(const struct prefilter *pf, unsigned expr, size_t *n)
{
	*n = 0;
	if (pf == NULL || expr >= pf->map.nexprs)
		return NULL;
	*n = pf->map.anc_end[expr] - pf->map.pat_off[expr];
	return pf->map.pats + pf->map.pat_off[expr];
}

const unsigned *
prefilter_exprs_of(const struct prefilter *pf, unsigned pattern, size_t *n)
{
	*n = 0;
	if (pf == NULL || pattern >= pf->map.npatterns)
		return NULL;
	*n = pf->map.expr_off[pattern + 1] - pf->map.expr_off[pattern];
	return pf->map.exprs + pf->map.expr_off[pattern];
}

size_t
prefilter_reach(const struct prefilter *pf, unsigned expr)
{
	if (pf == NULL || expr >= pf->map.nexprs)
		return PREFILTER_UNBOUNDED;
	return pf->map.reach[expr];
}

struct prefilter_scratch *
prefilter_scratch_new(const struct prefilter *pf)
{
	struct prefilter_scratch	*ps;

	ps = xcalloc(1, sizeof(*ps));
	if (pf != NULL && pf->proto != NULL &&
	    hs_clone_scratch(pf->proto, &ps->s) != HS_SUCCESS)
		fatal("out of memory for Hyperscan scratch space");
	return ps;
}

void
prefilter_scratch_free(struct prefilter_scratch *ps)
{
	if (ps == NULL)
		return;
	if (ps->s != NULL)
		hs_free_scratch(ps->s);
	free(ps);
}

struct scanctx {
	const struct prefilter *pf;
	prefilter_cb	*cb;
	void		*arg;
	size_t		 base;
};

static int
on_match(unsigned id, unsigned long long from, unsigned long long to,
    unsigned flags, void *arg)
{
	struct scanctx		*ctx = arg;

	(void)from;
	(void)flags;
	ctx->cb(id, ctx->base + (size_t)to, ctx->arg);
	return 0;
}

/*
 * hs_scan takes an unsigned length.  A longer text is cut between the two
 * newlines of an empty line: a match never spans a paragraph break, so
 * every candidate lies wholly on one side of the cut.
 */
static size_t
next_cut(const char *text, size_t len, size_t base, size_t block)
{
	const char	*s;
	size_t		 hi;

	if (len - base <= block)
		return len;
	hi = base + block;
	for (;;) {
		s = memrchr(text + base + 1, '\n', hi - base - 1);
		if (s == NULL)
			return 0;
		if (s[-1] == '\n')
			return (size_t)(s - text);
		hi = (size_t)(s - text);
		if (hi <= base + 1)
			return 0;
	}
}

int
prefilter_scan(const struct prefilter *pf, struct prefilter_scratch *ps,
    const char *text, size_t len, prefilter_cb *cb, void *arg, char **cause)
{
	struct scanctx	 ctx = { pf, cb, arg, 0 };
	size_t		 cut;
	hs_error_t	 rc;

	if (pf == NULL || pf->db == NULL || len == 0)
		return 0;
	if (ps == NULL || ps->s == NULL) {
		*cause = xstrdup("prefilter: no scratch space");
		return -1;
	}
	while (ctx.base < len) {
		cut = next_cut(text, len, ctx.base, pf->block);
		if (cut == 0) {
			*cause = xasprintf("paragraph longer than %zu bytes: "
			    "too long for the prefilter", pf->block);
			return -1;
		}
		rc = hs_scan(pf->db, text + ctx.base,
		    (unsigned)(cut - ctx.base), 0, ps->s, on_match, &ctx);
		if (rc != HS_SUCCESS) {
			*cause = xasprintf("prefilter: Hyperscan scan failed "
			    "(error %d)", (int)rc);
			return -1;
		}
		ctx.base = cut;
	}
	return 0;
}

void
prefilter_get_info(const struct prefilter *pf, struct prefilter_info *info)
{
	memset(info, 0, sizeof(*info));
	if (pf == NULL)
		return;
	info->covered = pf->ncovered;
	info->dropped = pf->ndropped;
	info->cache_loaded = pf->cache_loaded;
	info->cache_written = pf->cache_written;
}

void
prefilter_set_block(struct prefilter *pf, size_t block)
{
	if (pf != NULL && block >= 2 && block <= UINT_MAX)
		pf->block = block;
}
