/*
 * prefilter_cache.c -- the compiled Hyperscan database kept on disk.
 *
 * Input: the expression set of a ruleset and, after a compilation, the
 * database built from it.  Output: a file under the cache directory named
 * by a digest of everything that shapes the database, and, on a later run,
 * the database and coverage read back from it.  Compiling a few hundred
 * patterns takes a second or more, loading the cache milliseconds.  An
 * unwritable, stale or corrupt cache is ignored: the set is compiled.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hs.h>

#include "fileio.h"
#include "outfile.h"
#include "prefilter_int.h"
#include "util.h"

#define CACHE_MAGIC	"PLHSDB01"
#define CACHE_MAGICLEN	8
#define CACHE_HEADLEN	(CACHE_MAGICLEN + 64)

/*
 * The cache key: anything that changes the database changes the name of
 * its file, so a stale file is never read, only left behind.
 */
static void
cache_key(const struct ruleset *rs, const struct hsset *set, char key[65])
{
	struct strbuf		 sb = { NULL, 0, 0 };
	hs_platform_info_t	 plat;
	size_t			 i;

	memset(&plat, 0, sizeof(plat));
	hs_populate_platform(&plat);
	strbuf_addf(&sb, "palint prefilter 3\n%s\n%s\n%u %llu\n", rs->sha256,
	    hs_version(), plat.tune, (unsigned long long)plat.cpu_features);
	for (i = 0; i < set->n; i++) {
		strbuf_addf(&sb, "%u %u %u ", set->ids[i], set->flags[i],
		    set->space[i]);
		strbuf_add(&sb, set->expr[i], strlen(set->expr[i]) + 1);
	}
	sha256_hex(sb.s, sb.len, key);
	strbuf_free(&sb);
}

/* $XDG_CACHE_HOME/palint, else ~/.cache/palint; NULL: no cache. */
static char *
cache_dir_default(void)
{
	const char	*s;

	s = getenv("XDG_CACHE_HOME");
	if (s != NULL && *s == '/')
		return xasprintf("%s/palint", s);
	s = getenv("HOME");
	if (s != NULL && *s == '/')
		return xasprintf("%s/.cache/palint", s);
	return NULL;
}

char *
cache_path(const struct ruleset *rs, const struct hsset *set,
    const char *cache_dir)
{
	char	 key[65], *dir, *path;

	if (cache_dir == NULL)
		dir = cache_dir_default();
	else if (*cache_dir != '\0')
		dir = xstrdup(cache_dir);
	else
		return NULL;
	if (dir == NULL)
		return NULL;
	cache_key(rs, set, key);
	path = xasprintf("%s/%s.hsdb", dir, key);
	free(dir);
	return path;
}

/* mkdir -p of the directory path is in; failures show up later as an
   unwritable cache. */
static void
mkdir_parents(const char *path)
{
	char	*tmp, *s;

	tmp = xstrdup(path);
	for (s = tmp + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		(void)mkdir(tmp, 0700);
		*s = '/';
	}
	free(tmp);
}

/*
 * Cache file: magic, sha256 of the body in hex, body.  The body is the
 * number of expressions Hyperscan took, their ids (u32, native order: the
 * platform is part of the key) and the serialized database.  The digest
 * catches truncation and bit rot before Hyperscan sees the bytes.
 */
static int
cache_parse(const struct hsset *set, struct cached *c, size_t len)
{
	char		 digest[65];
	const char	*buf = (const char *)c->buf;
	const char	*body = buf + CACHE_HEADLEN;
	size_t		 blen = len - CACHE_HEADLEN, i, j;
	uint32_t	 n, idx;

	if (memcmp(buf, CACHE_MAGIC, CACHE_MAGICLEN) != 0)
		return -1;
	sha256_hex(body, blen, digest);
	if (memcmp(digest, buf + CACHE_MAGICLEN, 64) != 0)
		return -1;
	if (blen < sizeof(n))
		return -1;
	memcpy(&n, body, sizeof(n));
	if (n > set->n || (blen - sizeof(n)) / sizeof(idx) < n)
		return -1;
	c->taken = xcalloc((size_t)n + 1, sizeof(*c->taken));
	for (i = 0, j = 0; i < n; i++) {
		memcpy(&idx, body + sizeof(n) + i * sizeof(idx), sizeof(idx));
		while (j < set->n && set->ids[j] != idx)
			j++;
		if (j == set->n)
			return -1;	/* not an expression, or out of order */
		c->taken[i] = idx;
	}
	c->ntaken = n;
	i = sizeof(n) + (size_t)n * sizeof(idx);
	if (n == 0 && i != blen)
		return -1;
	c->db = body + i;
	c->dblen = blen - i;
	return 0;
}

int
cache_read(const char *path, const struct hsset *set, struct cached *c)
{
	char		*cause = NULL;
	size_t		 len;

	memset(c, 0, sizeof(*c));
	/* Only a regular file can be a cache: file_read() refuses a FIFO
	   or a device without waiting on it. */
	if ((c->buf = file_read(path, 0, INT_MAX, &len, &cause)) == NULL) {
		free(cause);
		return -1;
	}
	if (len < CACHE_HEADLEN || cache_parse(set, c, len) == -1) {
		cached_free(c);
		return -1;
	}
	return 0;
}

void
cached_free(struct cached *c)
{
	free(c->buf);
	free(c->taken);
	memset(c, 0, sizeof(*c));
}

static void
cache_body(const struct hsset *set, const char *db, size_t dblen,
    struct strbuf *sb)
{
	size_t		 i;
	uint32_t	 n = (uint32_t)set->n, idx;

	strbuf_add(sb, (const char *)&n, sizeof(n));
	for (i = 0; i < set->n; i++) {
		idx = set->ids[i];
		strbuf_add(sb, (const char *)&idx, sizeof(idx));
	}
	if (db != NULL)
		strbuf_add(sb, db, dblen);
}

/* Through a temporary file and a rename: readers never see half a file. */
int
cache_write(const char *path, const struct hsset *set, const char *db,
    size_t dblen)
{
	struct outfile	 of;
	struct strbuf	 sb = { NULL, 0, 0 };
	char		 digest[65], *cause = NULL;

	mkdir_parents(path);
	if (outfile_open_private(&of, path, &cause) == -1) {
		free(cause);
		return -1;
	}
	cache_body(set, db, dblen, &sb);
	sha256_hex(sb.s, sb.len, digest);
	fwrite(CACHE_MAGIC, 1, CACHE_MAGICLEN, of.fp);
	fwrite(digest, 1, 64, of.fp);
	fwrite(sb.s, 1, sb.len, of.fp);
	strbuf_free(&sb);
	if (outfile_commit(&of, &cause) == -1) {
		free(cause);
		return -1;
	}
	return 0;
}
