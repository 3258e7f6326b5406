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
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hs.h>

#include "prefilter_int.h"
#include "term_lang.h"
#include "util.h"

/*
 * The database of one language: its expressions, scanned over its
 * paragraphs, folded first (term_lang.h): white space always, accented
 * letters when its terms' sources are written for that.
 * Read from the cache, it is placed in memory when a stretch of its
 * language is first scanned: a page in one language never pays for the
 * others.  Until then ser holds its serialized bytes (in pf->image).
 */
struct langdb {
	hs_database_t	*db;		/* NULL: no expression taken, or not
					   placed yet */
	size_t		 dblen;		/* db is a bigbuf of this size */
	int		 folded;
	const char	*ser;		/* not placed yet: these bytes, */
	size_t		 serlen;
	uint64_t	 sersum;	/* which must have this checksum */
	int		 placed;	/* db final; read with acquire */
	int		 failed;	/* placing it failed */
};

/* Guards placing a language's database on first use. */
static pthread_mutex_t place_lock = PTHREAD_MUTEX_INITIALIZER;

struct prefilter {
	struct langdb	*langs;		/* by ruleset language */
	size_t		 nlangs;
	unsigned char	*image;		/* the cache file, mapped, while a
					   database is still to be placed
					   from it */
	struct exprmap	 map;
	unsigned char	*covered;	/* by pattern index */
	size_t		 ncovered;
	size_t		 ndropped;
	size_t		 block;		/* largest length given to hs_scan */
	int		 cache_loaded;
	int		 cache_written;
	size_t		 imagelen;
	char		*cache_path;	/* read from this file; NULL when
					   compiled */
};

struct prefilter_scratch {
	hs_scratch_t	*s;
	unsigned char	*fits;		/* by language: s fits its database */
	size_t		 nfits;
	struct term_fold fold;		/* the folded text of a stretch */
};

/* Expression ids the databases hold. */
struct idlist {
	unsigned	*v;
	size_t		 n;
	size_t		 cap;
};

static void
idlist_add(struct idlist *il, unsigned id)
{
	GROW(il->v, il->cap, il->n + 1);
	il->v[il->n++] = id;
}

static const char *const unavailable =
    "Hyperscan unavailable on this CPU; scanning with PCRE2 only";

/*
 * A pattern is covered when Hyperscan took every expression it has: then
 * each of its matches holds the end of a candidate of one of them.  npats
 * counts the patterns that have a source.
 */
static void
mark_covered(struct prefilter *pf, size_t npats, const unsigned *taken,
    size_t ntaken)
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
	pf->ndropped = npats > pf->ncovered ? npats - pf->ncovered : 0;
	free(alive);
}

/*
 * Deserialize into memory of our own: the database is read on every scan,
 * and a huge-page span costs one page fault where a malloc'd megabyte
 * costs hundreds (see bigbuf_alloc).
 */
static int
db_place(struct langdb *ld, const char *bytes, size_t len)
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
	ld->db = mem;
	ld->dblen = size;
	return 0;
}

/*
 * Move a freshly compiled database into a bigbuf, as if loaded; its
 * serialized bytes, for the cache, in *bytes (caller frees; NULL and 0
 * when the language has no database).  0 or -1.
 */
static int
db_adopt(struct langdb *ld, char **bytes, size_t *len)
{
	hs_database_t	*db = ld->db;
	int		 rc;

	*bytes = NULL;
	*len = 0;
	if (db == NULL)
		return 0;
	if (hs_serialize_database(db, bytes, len) != HS_SUCCESS)
		return -1;
	ld->db = NULL;
	rc = db_place(ld, *bytes, *len);
	hs_free_database(db);
	return rc;
}

static void
db_free(struct langdb *ld)
{
	if (ld->db != NULL && ld->dblen > 0)
		bigbuf_free(ld->db, ld->dblen);
	else if (ld->db != NULL)
		hs_free_database(ld->db);
	ld->db = NULL;
	ld->dblen = 0;
}

/*
 * Compile the set, dropping each expression Hyperscan refuses (it names the
 * first bad one per attempt) until the rest compiles.  Returns -1 only when
 * the set as a whole cannot be compiled.
 */
static int
compile_set(struct langdb *ld, struct hsset *set)
{
	hs_compile_error_t	*err;
	hs_error_t		 rc;

	while (set->n > 0) {
		err = NULL;
		rc = hs_compile_multi((const char *const *)set->expr, set->flags, set->ids,
		    (unsigned)set->n, HS_MODE_BLOCK, NULL, &ld->db, &err);
		if (rc == HS_SUCCESS)
			break;
		ld->db = NULL;
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

/* The expressions of language lang in set, copied. */
static void
hsset_of_lang(const struct hsset *set, unsigned lang, struct hsset *sub)
{
	size_t	 i;

	memset(sub, 0, sizeof(*sub));
	sub->expr = xcalloc(set->n + 1, sizeof(*sub->expr));
	sub->flags = xcalloc(set->n + 1, sizeof(*sub->flags));
	sub->ids = xcalloc(set->n + 1, sizeof(*sub->ids));
	sub->space = xcalloc(set->n + 1, sizeof(*sub->space));
	for (i = 0; i < set->n; i++) {
		if (set->space[i] != lang)
			continue;
		sub->expr[sub->n] = xstrdup(set->expr[i]);
		sub->flags[sub->n] = set->flags[i];
		sub->ids[sub->n] = set->ids[i];
		sub->space[sub->n] = lang;
		sub->n++;
	}
}

/* Everything a cache file holds, read back into pf; 0 or -1, pf then
   unchanged. */
static int
prefilter_from_cache(struct prefilter *pf, const struct ruleset *rs,
    const char *path)
{
	struct cacheimg	 img;
	size_t		 lang, size;

	if (cache_read(path, rs->npatterns, pf->nlangs, &img) == -1)
		return -1;
	/* Hyperscan checks a database's header for its version and
	   platform here, so that placing it later does not fail. */
	for (lang = 0; lang < pf->nlangs; lang++)
		if (img.dblen[lang] > 0 &&
		    hs_serialized_database_size(img.db[lang], img.dblen[lang],
		    &size) != HS_SUCCESS) {
			cacheimg_free(&img);
			return -1;
		}
	for (lang = 0; lang < pf->nlangs; lang++) {
		pf->langs[lang].ser = img.db[lang];
		pf->langs[lang].serlen = img.dblen[lang];
		pf->langs[lang].sersum = img.dbsum[lang];
		pf->langs[lang].placed = img.dblen[lang] == 0;
	}
	exprmap_free(&pf->map);
	pf->map = img.map;
	memset(&img.map, 0, sizeof(img.map));
	mark_covered(pf, img.npats, img.taken, img.ntaken);
	pf->image = img.buf;
	pf->imagelen = img.buflen;
	img.buf = NULL;
	cacheimg_free(&img);
	pf->cache_loaded = 1;
	pf->cache_path = xstrdup(path);
	return 0;
}

/* Each language's database compiled from its part of the set; what the
   cache is to hold in img, its databases' bytes in bytes[] (the caller
   frees them). */
static int
prefilter_compile(struct prefilter *pf, struct hsset *set,
    struct cacheimg *img, struct idlist *taken, char **bytes)
{
	struct hsset	 sub;
	unsigned	 lang;
	size_t		 i;
	int		 rc = 0;

	img->nlangs = pf->nlangs;
	img->db = xcalloc(pf->nlangs + 1, sizeof(*img->db));
	img->dblen = xcalloc(pf->nlangs + 1, sizeof(*img->dblen));
	for (lang = 0; rc == 0 && lang < pf->nlangs; lang++) {
		hsset_of_lang(set, lang, &sub);
		if (sub.n > 0 && (rc = compile_set(&pf->langs[lang],
		    &sub)) == 0) {
			for (i = 0; i < sub.n; i++)
				idlist_add(taken, sub.ids[i]);
			rc = db_adopt(&pf->langs[lang], &bytes[lang],
			    &img->dblen[lang]);
			img->db[lang] = bytes[lang];
		}
		hsset_free(&sub);
	}
	if (rc == 0)
		mark_covered(pf, set->npats, taken->v, taken->n);
	img->map = pf->map;
	img->npats = set->npats;
	img->taken = taken->v;
	img->ntaken = taken->n;
	return rc;
}

/* Derive the set and compile it; keep it at path, when there is one. */
static int
prefilter_fresh(struct prefilter *pf, struct hsset *set, const char *path)
{
	struct cacheimg	 img;
	struct idlist	 taken;
	size_t		 lang;
	char		**bytes;
	int		 rc;

	memset(&img, 0, sizeof(img));
	memset(&taken, 0, sizeof(taken));
	bytes = xcalloc(pf->nlangs + 1, sizeof(*bytes));
	rc = prefilter_compile(pf, set, &img, &taken, bytes);
	if (rc == 0 && path != NULL && cache_write(path, &img) == 0)
		pf->cache_written = 1;
	for (lang = 0; lang < pf->nlangs; lang++)
		free(bytes[lang]);
	free(bytes);
	free(img.db);
	free(img.dblen);
	free(taken.v);
	return rc;
}

/*
 * Every language's database, and which patterns they cover: from the
 * cache when it has them, else derived and compiled.  The cache file is
 * named without deriving the set when the executable has a build id,
 * which then stands for the code that derives it.
 */
static int
prefilter_load(struct prefilter *pf, const struct ruleset *rs,
    const char *cache_dir)
{
	struct hsset	 set;
	const char	*ident = cache_build_id();
	char		 digest[65], *path = NULL;
	unsigned	 lang;
	int		 rc = 0;

	for (lang = 0; lang < pf->nlangs; lang++)
		pf->langs[lang].folded = prefilter_folds(rs, lang);
	if (ident != NULL)
		path = cache_path(rs, ident, cache_dir);
	if (path == NULL || prefilter_from_cache(pf, rs, path) == -1) {
		hsset_collect(rs, &set, &pf->map);
		if (ident == NULL) {
			cache_set_digest(&set, digest);
			path = cache_path(rs, digest, cache_dir);
		}
		if (path == NULL || ident != NULL ||
		    prefilter_from_cache(pf, rs, path) == -1) {
			rc = prefilter_fresh(pf, &set, path);
			for (lang = 0; lang < pf->nlangs; lang++)
				pf->langs[lang].placed = 1;
		}
		hsset_free(&set);
	}
	free(path);
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
	/* A ruleset made by hand may name no language: its patterns are
	   all of language 0. */
	pf->nlangs = rs->nlanguages > 0 ? rs->nlanguages : 1;
	pf->langs = xcalloc(pf->nlangs + 1, sizeof(*pf->langs));
	pf->block = UINT_MAX;
	if (prefilter_load(pf, rs, cache_dir) == -1) {
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
	size_t	 i;

	if (pf == NULL)
		return;
	for (i = 0; i < pf->nlangs; i++)
		db_free(&pf->langs[i]);
	free(pf->langs);
	cache_unmap(pf->image, pf->imagelen);
	exprmap_free(&pf->map);
	free(pf->covered);
	free(pf->cache_path);
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
	if (pf != NULL) {
		ps->nfits = pf->nlangs;
		ps->fits = xcalloc(ps->nfits + 1, 1);
	}
	return ps;
}

void
prefilter_scratch_free(struct prefilter_scratch *ps)
{
	if (ps == NULL)
		return;
	if (ps->s != NULL)
		hs_free_scratch(ps->s);
	free(ps->fits);
	term_fold_free(&ps->fold);
	free(ps);
}

struct scanctx {
	prefilter_cb	*cb;
	void		*arg;
	size_t		 origin;	/* the block's offset in the text */
	const struct term_fold *fold;	/* the block as Hyperscan reads it */
};

static int
on_match(unsigned id, unsigned long long from, unsigned long long to,
    unsigned flags, void *arg)
{
	struct scanctx		*ctx = arg;

	(void)from;
	(void)flags;
	ctx->cb(id, ctx->origin + term_fold_origin(ctx->fold, (size_t)to),
	    ctx->arg);
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

/*
 * A language's database, placed on first use by whichever thread scans
 * that language first; others wait on the lock, then see it published.
 * Its bytes are checked first (see prefilter_cache.c).  0, or
 * PREFILTER_LOST when they are damaged or Hyperscan refuses them: the
 * cache file is then removed, so that the next run rebuilds it.
 */
static int
langdb_ready(const struct prefilter *pf, struct langdb *ld)
{
	int	 rc = 0;

	if (__atomic_load_n(&ld->placed, __ATOMIC_ACQUIRE))
		return 0;
	pthread_mutex_lock(&place_lock);
	if (!ld->placed && !ld->failed) {
		if (checksum64(ld->ser, ld->serlen) != ld->sersum ||
		    db_place(ld, ld->ser, ld->serlen) == -1) {
			ld->failed = 1;
			if (pf->cache_path != NULL)
				(void)unlink(pf->cache_path);
		} else
			__atomic_store_n(&ld->placed, 1, __ATOMIC_RELEASE);
	}
	if (ld->failed)
		rc = PREFILTER_LOST;
	pthread_mutex_unlock(&place_lock);
	return rc;
}

const char *
prefilter_lost(const struct prefilter *pf)
{
	size_t	 i;
	int	 failed = 0;

	if (pf == NULL)
		return NULL;
	pthread_mutex_lock(&place_lock);
	for (i = 0; i < pf->nlangs; i++)
		failed |= pf->langs[i].failed;
	pthread_mutex_unlock(&place_lock);
	return failed ? pf->cache_path : NULL;
}

/* The thread's scratch space made to fit the language's database, once:
   Hyperscan grows it to the largest database it was fitted to. */
static int
scratch_fit(struct prefilter_scratch *ps, const struct langdb *ld,
    unsigned lang)
{
	if (ps->fits[lang])
		return 0;
	if (hs_alloc_scratch(ld->db, &ps->s) != HS_SUCCESS)
		return -1;
	ps->fits[lang] = 1;
	return 0;
}

int
prefilter_scan(const struct prefilter *pf, struct prefilter_scratch *ps,
    unsigned lang, const char *text, size_t start, size_t end,
    prefilter_cb *cb, void *arg, char **cause)
{
	struct scanctx	 ctx = { cb, arg, start, NULL };
	const struct langdb *ld;
	const char	*t = text + start;
	size_t		 base, cut, len = end - start;
	unsigned	 how = TERM_FOLD_SPACE;
	hs_error_t	 rc;

	if (pf == NULL || lang >= pf->nlangs || end <= start)
		return 0;
	if (langdb_ready(pf, &pf->langs[lang]) == PREFILTER_LOST)
		return PREFILTER_LOST;
	ld = &pf->langs[lang];
	if (ld->db == NULL)
		return 0;
	if (ps == NULL || lang >= ps->nfits ||
	    scratch_fit(ps, ld, lang) == -1) {
		*cause = xstrdup("prefilter: no scratch space");
		return -1;
	}
	ctx.fold = &ps->fold;
	if (ld->folded)
		how |= TERM_FOLD_ACCENTS;
	/* Cut first, then fold each block: the cuts are at empty lines,
	   which folding would make a single space. */
	for (base = 0; base < len; base = cut) {
		cut = next_cut(t, len, base, pf->block);
		if (cut == 0) {
			*cause = xasprintf("paragraph longer than %zu bytes: "
			    "too long for the prefilter", pf->block);
			return -1;
		}
		term_fold_text(&ps->fold, t + base, cut - base, how);
		ctx.origin = start + base;
		rc = hs_scan(ld->db, ps->fold.text, (unsigned)ps->fold.len,
		    0, ps->s, on_match, &ctx);
		if (rc != HS_SUCCESS) {
			*cause = xasprintf("prefilter: Hyperscan scan failed "
			    "(error %d)", (int)rc);
			return -1;
		}
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
