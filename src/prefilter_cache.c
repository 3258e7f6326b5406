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

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	strbuf_addf(&sb, "palint prefilter 2\n%s\n%s\n%u %llu\n", rs->sha256,
	    hs_version(), plat.tune, (unsigned long long)plat.cpu_features);
	for (i = 0; i < set->n; i++) {
		strbuf_addf(&sb, "%u %u ", set->ids[i], set->flags[i]);
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

static char *
read_file(const char *path, size_t *len)
{
	struct stat	 st;
	char		*buf;
	size_t		 off = 0;
	ssize_t		 r;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size < CACHE_HEADLEN || st.st_size > (off_t)INT_MAX) {
		close(fd);
		return NULL;
	}
	buf = bigbuf_alloc((size_t)st.st_size);
	while (off < (size_t)st.st_size) {
		r = read(fd, buf + off, (size_t)st.st_size - off);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		off += (size_t)r;
	}
	close(fd);
	if (off != (size_t)st.st_size) {
		bigbuf_free(buf, (size_t)st.st_size);
		return NULL;
	}
	*len = off;
	return buf;
}

/*
 * Cache file: magic, sha256 of the body in hex, body.  The body is the
 * number of expressions Hyperscan took, their ids (u32, native order: the
 * platform is part of the key) and the serialized database.  The digest
 * catches truncation and bit rot before Hyperscan sees the bytes.
 */
static int
cache_parse(struct prefilter *pf, const struct hsset *set, const char *buf,
    size_t len)
{
	char		 digest[65];
	const char	*body = buf + CACHE_HEADLEN;
	size_t		 blen = len - CACHE_HEADLEN, i, j;
	uint32_t	 n, idx;
	unsigned	*taken;
	int		 rc;

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
	taken = xcalloc((size_t)n + 1, sizeof(*taken));
	for (i = 0, j = 0, rc = 0; i < n && rc == 0; i++) {
		memcpy(&idx, body + sizeof(n) + i * sizeof(idx), sizeof(idx));
		while (j < set->n && set->ids[j] != idx)
			j++;
		if (j == set->n)
			rc = -1;	/* not an expression, or out of order */
		taken[i] = idx;
	}
	i = sizeof(n) + (size_t)n * sizeof(idx);
	if (rc == 0 && n == 0 && i != blen)
		rc = -1;
	if (rc == 0 && n > 0)
		rc = db_place(pf, body + i, blen - i);
	if (rc == 0)
		mark_covered(pf, set, taken, n);
	free(taken);
	return rc;
}

int
cache_load(struct prefilter *pf, const struct hsset *set, const char *path)
{
	char	*buf;
	size_t	 len;
	int	 rc;

	if ((buf = read_file(path, &len)) == NULL)
		return -1;
	rc = cache_parse(pf, set, buf, len);
	bigbuf_free(buf, len);
	if (rc == -1) {
		memset(pf->covered, 0, pf->npatterns);
		pf->ncovered = pf->ndropped = 0;
		db_free(pf);
	}
	return rc;
}

static int
write_all(int fd, const char *s, size_t len)
{
	ssize_t	 w;

	while (len > 0) {
		w = write(fd, s, len);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		len -= (size_t)w;
	}
	return 0;
}

static void
cache_body(const struct prefilter *pf, const struct hsset *set,
    struct strbuf *sb)
{
	char		*bytes = NULL;
	size_t		 len = 0, i;
	uint32_t	 n = (uint32_t)set->n, idx;

	strbuf_add(sb, (const char *)&n, sizeof(n));
	for (i = 0; i < set->n; i++) {
		idx = set->ids[i];
		strbuf_add(sb, (const char *)&idx, sizeof(idx));
	}
	if (pf->db != NULL &&
	    hs_serialize_database(pf->db, &bytes, &len) == HS_SUCCESS) {
		strbuf_add(sb, bytes, len);
		free(bytes);
	}
}

/* Write to a temporary file and rename, so readers never see half a file. */
void
cache_save(struct prefilter *pf, const struct hsset *set, const char *path)
{
	struct strbuf	 sb = { NULL, 0, 0 };
	char		 digest[65], *tmp;
	int		 fd;

	if (pf->db == NULL && set->n != 0)
		return;
	mkdir_parents(path);
	tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		free(tmp);
		return;
	}
	cache_body(pf, set, &sb);
	sha256_hex(sb.s, sb.len, digest);
	if (write_all(fd, CACHE_MAGIC, CACHE_MAGICLEN) == 0 &&
	    write_all(fd, digest, 64) == 0 &&
	    write_all(fd, sb.s, sb.len) == 0 &&
	    close(fd) == 0) {
		if (rename(tmp, path) == 0)
			pf->cache_written = 1;
		else
			unlink(tmp);
	} else {
		close(fd);
		unlink(tmp);
	}
	strbuf_free(&sb);
	free(tmp);
}
