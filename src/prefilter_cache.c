/*
 * prefilter_cache.c -- the compiled Hyperscan prefilter kept on disk.
 *
 * Input: a ruleset and, after a compilation, what prefilter_scan.c built
 * from it: the maps between expressions and patterns, the expressions
 * Hyperscan took and one database per language.  Output: one file under
 * the cache directory named by a digest of everything that shapes those,
 * and, on a later run, all of it read back.  Compiling the built-in rules
 * takes many seconds and even deriving their expressions most of a short
 * run; loading the cache takes milliseconds.  The name is computed from
 * the ruleset's digest and this build of palint, not from the expressions,
 * so that a warm start derives none.  An unwritable, stale or corrupt
 * cache is ignored: the set is derived and compiled.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hs.h>

#include "cachefile.h"
#include "prefilter_int.h"
#include "util.h"

#define CACHE_MAGIC	"PLHSDB03"

const char *
cache_build_id(void)
{
	return cachefile_build_id();
}

/*
 * The cache key: anything that changes what is cached changes the name of
 * its file, so a stale file is never read, only left behind.  ident names
 * the code that derived it (cache_build_id(), or a digest of the derived
 * expressions in a build without an id).
 */
static void
cache_key(const struct ruleset *rs, const char *ident, char key[65])
{
	struct strbuf		 sb = { NULL, 0, 0 };
	hs_platform_info_t	 plat;
	size_t			 i;

	memset(&plat, 0, sizeof(plat));
	hs_populate_platform(&plat);
	strbuf_addf(&sb, "palint prefilter 5\n%s\n%s %s\n%s\n%u %llu\n%zu",
	    rs->sha256, PACKAGE_VERSION, ident, hs_version(), plat.tune,
	    (unsigned long long)plat.cpu_features, rs->npatterns);
	for (i = 0; i < rs->nlanguages; i++)
		strbuf_addf(&sb, " %s", rs->languages[i]);
	sha256_hex(sb.s, sb.len, key);
	strbuf_free(&sb);
}

void
cache_set_digest(const struct hsset *set, char digest[65])
{
	struct strbuf	 sb = { NULL, 0, 0 };
	size_t		 i;

	for (i = 0; i < set->n; i++) {
		strbuf_addf(&sb, "%u %u %u ", set->ids[i], set->flags[i],
		    set->space[i]);
		strbuf_add(&sb, set->expr[i], strlen(set->expr[i]) + 1);
	}
	sha256_hex(sb.s != NULL ? sb.s : "", sb.len, digest);
	strbuf_free(&sb);
}

char *
cache_path(const struct ruleset *rs, const char *ident,
    const char *cache_dir)
{
	char	 key[65], *dir, *path;

	if ((dir = cachefile_dir(cache_dir)) == NULL)
		return NULL;
	cache_key(rs, ident, key);
	path = xasprintf("%s/%s.hsdb", dir, key);
	free(dir);
	return path;
}

/*
 * Cache file (cachefile_write_split()): the head holds, as u32 or u64 in
 * native order (the platform is part of the key):
 *
 *   npatterns nexprs npats ntaken nlangs
 *   pat_off[nexprs + 1] pats[pat_off[nexprs]] anc_end[nexprs]
 *   expr_off[npatterns + 1] exprs[expr_off[npatterns]] reach[nexprs]
 *   taken[ntaken]
 *   nlangs times: dblen (u64) and the checksum64() of those bytes (u64)
 *
 * and the tail each language's serialized database in turn.  A short run
 * in one language places one database: only its bytes are read and
 * checked, not the others' megabytes.  The checksums catch truncation and
 * bit rot; the reader then checks every offset and index against the
 * sizes before anything uses them.
 */
static void
put_u32(struct strbuf *sb, size_t v)
{
	uint32_t	 u = (uint32_t)v;

	strbuf_add(sb, (const char *)&u, sizeof(u));
}

static void
put_u32s(struct strbuf *sb, const unsigned *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		put_u32(sb, v[i]);
}

static void
put_u64(struct strbuf *sb, uint64_t v)
{
	strbuf_add(sb, (const char *)&v, sizeof(v));
}

static void
cache_head(const struct cacheimg *img, struct strbuf *sb)
{
	const struct exprmap *m = &img->map;
	size_t		 i;

	put_u32(sb, m->npatterns);
	put_u32(sb, m->nexprs);
	put_u32(sb, img->npats);
	put_u32(sb, img->ntaken);
	put_u32(sb, img->nlangs);
	put_u32s(sb, m->pat_off, m->nexprs + 1);
	put_u32s(sb, m->pats, m->pat_off[m->nexprs]);
	put_u32s(sb, m->anc_end, m->nexprs);
	put_u32s(sb, m->expr_off, m->npatterns + 1);
	put_u32s(sb, m->exprs, m->expr_off[m->npatterns]);
	for (i = 0; i < m->nexprs; i++)
		put_u64(sb, (uint64_t)m->reach[i]);
	put_u32s(sb, img->taken, img->ntaken);
	for (i = 0; i < img->nlangs; i++) {
		put_u64(sb, (uint64_t)img->dblen[i]);
		put_u64(sb, img->dblen[i] > 0 ?
		    checksum64(img->db[i], img->dblen[i]) : 0);
	}
}

/* Through a temporary file and a rename: readers never see half a file. */
int
cache_write(const char *path, const struct cacheimg *img)
{
	struct strbuf	 head = { NULL, 0, 0 }, tail = { NULL, 0, 0 };
	size_t		 i;
	int		 rc;

	cache_head(img, &head);
	for (i = 0; i < img->nlangs; i++)
		if (img->dblen[i] > 0)
			strbuf_add(&tail, img->db[i], img->dblen[i]);
	rc = cachefile_write_split(path, CACHE_MAGIC, head.s, head.len,
	    tail.s != NULL ? tail.s : "", tail.len);
	strbuf_free(&head);
	strbuf_free(&tail);
	return rc;
}

static size_t
get_u32(struct cachereader *r)
{
	return cachereader_u32(r);
}

static uint64_t
get_u64(struct cachereader *r)
{
	uint64_t	 u;

	cachereader_bytes(r, &u, sizeof(u));
	return u;
}

/* n u32 values, each below limit, into a new array (of n + pad). */
static unsigned *
get_u32s(struct cachereader *r, size_t n, size_t pad, size_t limit)
{
	unsigned	*v;
	size_t		 i;

	if (r->bad || r->left / sizeof(uint32_t) < n) {
		r->bad = 1;
		return NULL;
	}
	v = xcalloc(n + pad + 1, sizeof(*v));
	for (i = 0; i < n; i++)
		if ((v[i] = (unsigned)get_u32(r)) >= limit)
			r->bad = 1;
	return v;
}

/* Offsets that never go down and end at total. */
static int
offsets_ok(const unsigned *off, size_t n, size_t total)
{
	size_t	 i;

	if (off[0] != 0)
		return 0;
	for (i = 0; i < n; i++)
		if (off[i + 1] < off[i])
			return 0;
	return off[n] == total;
}

static int
read_map(struct cachereader *r, struct exprmap *m)
{
	size_t		 e, npats, nexprs;

	nexprs = m->nexprs;
	m->pat_off = get_u32s(r, nexprs + 1, 0, UINT32_MAX);
	if (r->bad)
		return -1;
	npats = m->pat_off[nexprs];
	if (!offsets_ok(m->pat_off, nexprs, npats))
		return -1;
	m->pats = get_u32s(r, npats, 0, m->npatterns);
	m->anc_end = get_u32s(r, nexprs, 1, npats + 1);
	m->expr_off = get_u32s(r, m->npatterns + 1, 1, npats + 1);
	if (r->bad || !offsets_ok(m->expr_off, m->npatterns, npats))
		return -1;
	m->exprs = get_u32s(r, npats, 0, nexprs);
	if (r->bad)
		return -1;
	for (e = 0; e < nexprs; e++)
		if (m->anc_end[e] < m->pat_off[e] ||
		    m->anc_end[e] > m->pat_off[e + 1])
			return -1;
	m->reach = xcalloc(nexprs + 1, sizeof(*m->reach));
	for (e = 0; e < nexprs; e++)
		m->reach[e] = (size_t)get_u64(r);
	return r->bad ? -1 : 0;
}

static int
cache_parse(struct cacheimg *img, const unsigned char *buf, size_t len,
    size_t npatterns, size_t nlangs)
{
	struct cachereader	 r;
	const unsigned char *tail;
	size_t		 i, taillen;
	uint64_t	 dblen;

	if ((r.p = cachefile_split(buf, len, CACHE_MAGIC, &r.left, &tail,
	    &taillen)) == NULL)
		return -1;
	r.bad = 0;
	img->map.npatterns = get_u32(&r);
	img->map.nexprs = get_u32(&r);
	img->npats = get_u32(&r);
	img->ntaken = get_u32(&r);
	img->nlangs = get_u32(&r);
	if (r.bad || img->map.npatterns != npatterns ||
	    img->nlangs != nlangs || img->ntaken > img->map.nexprs ||
	    read_map(&r, &img->map) == -1)
		return -1;
	img->taken = get_u32s(&r, img->ntaken, 0, img->map.nexprs);
	img->db = xcalloc(nlangs + 1, sizeof(*img->db));
	img->dblen = xcalloc(nlangs + 1, sizeof(*img->dblen));
	img->dbsum = xcalloc(nlangs + 1, sizeof(*img->dbsum));
	for (i = 0; i < nlangs && !r.bad; i++) {
		dblen = get_u64(&r);
		img->dbsum[i] = get_u64(&r);
		if (r.bad || dblen > taillen)
			return -1;
		img->db[i] = (const char *)tail;
		img->dblen[i] = (size_t)dblen;
		tail += dblen;
		taillen -= dblen;
	}
	return r.bad || r.left != 0 || taillen != 0 ? -1 : 0;
}

void
cache_unmap(unsigned char *buf, size_t len)
{
	cachefile_unmap(buf, len);
}

int
cache_read(const char *path, size_t npatterns, size_t nlangs,
    struct cacheimg *img)
{
	memset(img, 0, sizeof(*img));
	if ((img->buf = cachefile_map(path, &img->buflen)) == NULL)
		return -1;
	if (cache_parse(img, img->buf, img->buflen, npatterns, nlangs) ==
	    -1) {
		cacheimg_free(img);
		return -1;
	}
	return 0;
}

void
cacheimg_free(struct cacheimg *img)
{
	exprmap_free(&img->map);
	free(img->taken);
	free(img->db);
	free(img->dblen);
	free(img->dbsum);
	cache_unmap(img->buf, img->buflen);
	memset(img, 0, sizeof(*img));
}
