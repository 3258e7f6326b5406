/*
 * test_prefilter.c -- the Hyperscan prefilter: candidates cover every true
 * match, patterns it cannot take are left to PCRE2, the database cache is
 * written, reused, and survives corruption and unwritable directories.
 *
 * The ruleset is built by hand so that the test depends on no other stage;
 * the true matches of each pattern over the sample text are listed below.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "prefilter.h"
#include "prefilter_int.h"
#include "util.h"

enum {
	P_CABLE,	/* caseless term */
	P_ICPC,		/* case-sensitive term, byte mode */
	P_NORMS,	/* regex with \w and \s */
	P_RESIL,	/* non-ASCII term */
	P_RISK,		/* caseless: must see the Kelvin sign */
	P_SECURE,	/* caseless: must see the long s */
	P_WILD,		/* term.c's byte-mode wildcard */
	P_REPEAT,	/* regex: bounded repeat over non-ASCII text */
	P_UNLESS,	/* not an anchor: still covered */
	P_EMPTY,	/* matches the empty string: left out */
	P_NONE,		/* no prefilter source: left out */
	P_BAD,		/* refused by Hyperscan: left out */
	NPATS
};

static const struct {
	const char	*prefilter;
	int		 is_term;
	int		 case_sensitive;
} patdefs[NPATS] = {
	[P_CABLE] = { "undersea[\\s\\-]+cable", 1, 0 },
	[P_ICPC] = { "ICPC", 1, 1 },
	[P_NORMS] = { "cyber\\w*\\s+norms?", 0, 0 },
	[P_RESIL] = { "r\xc3\xa9silience", 1, 0 },
	[P_RISK] = { "risk", 1, 0 },
	[P_SECURE] = { "secure[^0-9A-Za-z_]+cables", 1, 0 },
	[P_WILD] = { "cyber[0-9A-Za-z_\\x80-\\xff]*[^0-9A-Za-z_]+norm", 1, 0 },
	[P_REPEAT] = { "(?<!\\w)transfers?\\b[^.;]{0,10}(?=\\s)\\s+abroad$", 0, 0 },
	[P_UNLESS] = { "undersea", 1, 0 },
	[P_EMPTY] = { "x*", 0, 0 },
	[P_NONE] = { NULL, 1, 0 },
	[P_BAD] = { "a{2000000}", 0, 0 },
};

/* True matches, as PCRE2 (UTF + UCP) finds them in sample[]. */
static const char sample[] =
    "We will protect UNDERSEA\ncables and the Undersea-Cable grid.\n"
    "The ICPC meets; the icpc does not count.\n"
    "\n"
    "Cyber\xc2\xa0norms matter, and cybersecurity  norm too.\n"
    "R\xc3\x89SILIENCE and r\xc3\xa9silience.\n"
    "\n"
    "RIS\xe2\x84\xaa is a risk; shall we?  \xc5\xbf" "ECURE  CABLES\n"
    "cyber\xd0\xbf\xd1\x80\xd0\xbe\xd1\x81\xd1\x82\xd1\x80\xd0\xb0\xd0\xbd"
    "\xd1\x81\xd1\x82\xd0\xb2\xd0\xbe\xe2\x80\x94norms.\n"
    "transfers \xe2\x80\x9c\xe2\x80\x9d\xe2\x80\x9c\xe2\x80\x9d\xe2\x80\x9c"
    "\xe2\x80\x9d\xe2\x80\x94\xe2\x80\x94 abroad\n";

struct truth {
	unsigned	 pattern;
	const char	*match;
	int		 nth;		/* occurrence of match in sample */
};

static const struct truth truths[] = {
	{ P_CABLE, "UNDERSEA\ncable", 0 },
	{ P_CABLE, "Undersea-Cable", 0 },
	{ P_ICPC, "ICPC", 0 },
	{ P_NORMS, "Cyber\xc2\xa0norms", 0 },
	{ P_NORMS, "cybersecurity  norm", 0 },
	{ P_RESIL, "R\xc3\x89SILIENCE", 0 },
	{ P_RESIL, "r\xc3\xa9silience", 0 },
	{ P_RISK, "RIS\xe2\x84\xaa", 0 },
	{ P_RISK, "risk", 0 },
	{ P_SECURE, "\xc5\xbf" "ECURE  CABLES", 0 },
	{ P_REPEAT, "transfers \xe2\x80\x9c\xe2\x80\x9d\xe2\x80\x9c\xe2\x80\x9d"
	    "\xe2\x80\x9c\xe2\x80\x9d\xe2\x80\x94\xe2\x80\x94 abroad", 0 },
	{ P_WILD, "cyber\xd0\xbf\xd1\x80\xd0\xbe\xd1\x81\xd1\x82\xd1\x80"
	    "\xd0\xb0\xd0\xbd\xd1\x81\xd1\x82\xd0\xb2\xd0\xbe\xe2\x80\x94norm", 0 },
};

/*
 * A struct pattern owns its strings as char *; the fixtures lend literals,
 * copied into this pool (never freed, never written) so that no const has
 * to be cast away.  NULL, "no prefilter", stays NULL.
 */
static char *
lend(const char *s)
{
	static char pool[1 << 16];
	static size_t used;
	size_t n;
	char *p;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	if (used + n > sizeof(pool))
		fatal("test_prefilter: lend() pool exhausted");
	p = memcpy(pool + used, s, n);
	used += n;
	return p;
}

struct fixture {
	struct ruleset	 rs;
	struct pattern	 pats[NPATS];
	struct pattern	 modal[1];
	struct pattern	*all[NPATS + 1];
};

static void
fixture_init(struct fixture *f, const char *sha)
{
	unsigned	 i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < NPATS; i++) {
		f->pats[i].prefilter = lend(patdefs[i].prefilter);
		f->pats[i].is_term = patdefs[i].is_term;
		f->pats[i].case_sensitive = patdefs[i].case_sensitive;
		f->pats[i].index = i;
		f->pats[i].anchor = i != P_UNLESS;
		f->all[i] = &f->pats[i];
	}
	f->modal[0].prefilter = lend("shall");
	f->modal[0].is_term = 1;
	f->modal[0].index = NPATS;
	f->all[NPATS] = &f->modal[0];
	f->rs.binding.v = f->modal;
	f->rs.binding.n = 1;
	f->rs.patterns = f->all;
	f->rs.npatterns = NPATS + 1;
	snprintf(f->rs.sha256, sizeof(f->rs.sha256), "%s", sha);
}

/* Candidates as (pattern, end): each expression reported stands for every
   pattern that has it. */
struct cands {
	const struct prefilter *pf;
	unsigned	*pat;
	size_t		*end;
	size_t		 n;
	size_t		 cap;
	size_t		 cap2;
	size_t		 calls;
};

static void
collect(unsigned expr, size_t end, void *arg)
{
	struct cands	*c = arg;
	const unsigned	*pats;
	size_t		 i, n;

	c->calls++;
	pats = prefilter_patterns_of(c->pf, expr, &n);
	CHECK(n > 0);
	for (i = 0; i < n; i++) {
		GROW(c->pat, c->cap, c->n + 1);
		GROW(c->end, c->cap2, c->n + 1);
		c->pat[c->n] = pats[i];
		c->end[c->n] = end;
		c->n++;
	}
}

static void
cands_free(struct cands *c)
{
	free(c->pat);
	free(c->end);
	memset(c, 0, sizeof(*c));
}

static size_t
find_nth(const char *hay, const char *needle, int nth)
{
	const char	*s = hay;

	for (;;) {
		s = strstr(s, needle);
		if (s == NULL)
			return (size_t)-1;
		if (nth-- == 0)
			return (size_t)(s - hay);
		s++;
	}
}

/* Each true match [s, e) must hold the end of a candidate: s < end <= e. */
static int
covered_by(const struct cands *c, const struct truth *t)
{
	size_t	 s, e, i;

	s = find_nth(sample, t->match, t->nth);
	if (s == (size_t)-1)
		return 0;
	e = s + strlen(t->match);
	for (i = 0; i < c->n; i++)
		if (c->pat[i] == t->pattern && c->end[i] > s && c->end[i] <= e)
			return 1;
	return 0;
}

static void
scan_sample(const struct prefilter *pf, struct cands *c)
{
	struct prefilter_scratch	*ps;
	char				*cause = NULL;

	c->pf = pf;
	ps = prefilter_scratch_new(pf);
	CHECK_INT(prefilter_scan(pf, ps, 0, sample, 0, sizeof(sample) - 1, collect,
	    c, &cause), 0);
	CHECK(cause == NULL);
	free(cause);
	prefilter_scratch_free(ps);
}

static void
check_candidates(const struct prefilter *pf)
{
	struct cands	 c = { 0 };
	size_t		 i;

	scan_sample(pf, &c);
	for (i = 0; i < nitems(truths); i++) {
		if (!covered_by(&c, &truths[i]))
			fprintf(stderr, "uncovered: %s\n", truths[i].match);
		CHECK(covered_by(&c, &truths[i]));
	}
	for (i = 0; i < c.n; i++) {
		CHECK(prefilter_covers(pf, c.pat[i]));
		CHECK(c.end[i] <= sizeof(sample) - 1);
	}
	cands_free(&c);
}

#ifdef HAVE_HYPERSCAN

static char tmpdir[] = "/tmp/palint-prefilter-XXXXXX";

static void
check_coverage(const struct prefilter *pf)
{
	struct prefilter_info	 info;

	CHECK(prefilter_covers(pf, P_CABLE));
	CHECK(prefilter_covers(pf, P_ICPC));
	CHECK(prefilter_covers(pf, P_NORMS));
	CHECK(prefilter_covers(pf, P_RESIL));
	CHECK(prefilter_covers(pf, P_RISK));
	CHECK(prefilter_covers(pf, P_SECURE));
	CHECK(prefilter_covers(pf, P_WILD));
	CHECK(prefilter_covers(pf, P_REPEAT));
	CHECK(prefilter_covers(pf, P_UNLESS));
	CHECK(!prefilter_covers(pf, P_EMPTY));
	CHECK(!prefilter_covers(pf, P_NONE));
	CHECK(!prefilter_covers(pf, P_BAD));
	CHECK(prefilter_covers(pf, NPATS));	/* modality */
	CHECK(!prefilter_covers(pf, NPATS + 7));
	prefilter_get_info(pf, &info);
	CHECK_INT(info.covered, 10);
	CHECK_INT(info.dropped, 2);
}

/* The one cache file in dir, or NULL; count in *n. */
static char *
cache_file(const char *dir, int *n)
{
	DIR		*d;
	struct dirent	*de;
	char		*path = NULL;

	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		(*n)++;
		free(path);
		path = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	return path;
}

/* Build, check candidates, and return what the cache did. */
static struct prefilter_info
build_check(const struct ruleset *rs, const char *dir)
{
	struct prefilter	*pf;
	struct prefilter_info	 info;
	char			*notice = NULL;

	pf = prefilter_build(rs, dir, &notice);
	CHECK(pf != NULL);
	CHECK(notice == NULL);
	free(notice);
	memset(&info, 0, sizeof(info));
	if (pf != NULL) {
		check_coverage(pf);
		check_candidates(pf);
		prefilter_get_info(pf, &info);
	}
	prefilter_free(pf);
	return info;
}

static void
corrupt(const char *path, int how)
{
	unsigned char	 junk[256];
	struct stat	 st;
	size_t		 i;
	int		 fd;

	CHECK(stat(path, &st) == 0);
	fd = open(path, O_WRONLY);
	CHECK(fd != -1);
	if (how == 0)
		CHECK(ftruncate(fd, st.st_size / 2) == 0);
	else if (how == 1) {
		for (i = 0; i < sizeof(junk); i++)
			junk[i] = (unsigned char)(i * 131 + 7);
		/* From the start of the head, which the file's checksum
		   covers (the databases after it are checked on use:
		   test_cache_damage). */
		CHECK(pwrite(fd, junk, sizeof(junk), 40) ==
		    (ssize_t)sizeof(junk));
	} else
		CHECK(ftruncate(fd, 0) == 0);
	close(fd);
}

static void
test_cache(void)
{
	struct fixture		 f;
	struct prefilter_info	 info;
	char			*dir, *path, *path2;
	int			 n, how;

	fixture_init(&f, "0123abcd");
	dir = xasprintf("%s/cache/sub", tmpdir);
	info = build_check(&f.rs, dir);
	CHECK(!info.cache_loaded);
	CHECK(info.cache_written);
	path = cache_file(dir, &n);
	CHECK_INT(n, 1);
	CHECK(path != NULL);

	info = build_check(&f.rs, dir);
	CHECK(info.cache_loaded);
	CHECK(!info.cache_written);

	for (how = 0; how < 3 && path != NULL; how++) {
		corrupt(path, how);
		info = build_check(&f.rs, dir);
		CHECK(!info.cache_loaded);
		CHECK(info.cache_written);
		info = build_check(&f.rs, dir);
		CHECK(info.cache_loaded);
	}

	/* Another ruleset digest is another file; the first stays valid. */
	fixture_init(&f, "4567ef01");
	info = build_check(&f.rs, dir);
	CHECK(!info.cache_loaded);
	path2 = cache_file(dir, &n);
	CHECK_INT(n, 2);
	free(path2);
	free(path);
	free(dir);
}

/* Flip one bit of the file at off (from the end when negative). */
static void
flip(const char *path, long off)
{
	struct stat	 st;
	unsigned char	 c;
	int		 fd;

	CHECK(stat(path, &st) == 0);
	if (off < 0)
		off += (long)st.st_size;
	fd = open(path, O_RDWR);
	CHECK(fd != -1);
	CHECK(pread(fd, &c, 1, off) == 1);
	c ^= 0x10;
	CHECK(pwrite(fd, &c, 1, off) == 1);
	close(fd);
}

/* Where the databases start in a cache file: after the magic, the
   checksum and the length of the head (16 hex digits), and the head. */
static long
tail_start(const char *path)
{
	char	 hex[17];
	FILE	*fp;
	long	 off = -1;

	fp = fopen(path, "rb");
	CHECK(fp != NULL);
	if (fp == NULL)
		return -1;
	if (fseek(fp, 24, SEEK_SET) == 0 && fread(hex, 1, 16, fp) == 16) {
		hex[16] = '\0';
		off = 40 + strtol(hex, NULL, 16);
	}
	fclose(fp);
	return off;
}

/*
 * A damaged byte in a database shows when the database is first used: the
 * scan says PREFILTER_LOST, the warning names the file, the file is gone,
 * and the next build compiles and writes it again.
 */
static void
check_lost(const struct ruleset *rs, const char *dir, const char *path)
{
	struct prefilter		*pf;
	struct prefilter_scratch	*ps;
	struct prefilter_info		 info;
	struct cands			 c = { 0 };
	struct stat			 st;
	char				*cause = NULL;
	const char			*lost;

	pf = prefilter_build(rs, dir, NULL);
	CHECK(pf != NULL);
	if (pf == NULL)
		return;
	prefilter_get_info(pf, &info);
	CHECK(info.cache_loaded);
	CHECK(prefilter_lost(pf) == NULL);
	c.pf = pf;
	ps = prefilter_scratch_new(pf);
	CHECK_INT(prefilter_scan(pf, ps, 0, sample, 0, sizeof(sample) - 1,
	    collect, &c, &cause), PREFILTER_LOST);
	CHECK(cause == NULL);
	CHECK_INT(c.n, 0);
	/* Lost for good: a second stretch does not try again. */
	CHECK_INT(prefilter_scan(pf, ps, 0, sample, 0, sizeof(sample) - 1,
	    collect, &c, &cause), PREFILTER_LOST);
	lost = prefilter_lost(pf);
	CHECK(lost != NULL && strcmp(lost, path) == 0);
	CHECK(stat(path, &st) == -1);
	free(cause);
	cands_free(&c);
	prefilter_scratch_free(ps);
	prefilter_free(pf);
	info = build_check(rs, dir);
	CHECK(!info.cache_loaded);
	CHECK(info.cache_written);
}

/*
 * Any one damaged byte in the header or the maps, and a byte too many,
 * make the file a miss: compiled again and rewritten.  A damaged byte in
 * a database is found on its first use (check_lost).
 */
static void
test_cache_damage(void)
{
	struct fixture		 f;
	struct prefilter_info	 info;
	static const long	 offs[] = { 0, 8, 24, 39, 40, 60 };
	long			 tail, toffs[3];
	char			*dir, *path;
	size_t			 i;
	int			 n, fd;

	fixture_init(&f, "damage");
	dir = xasprintf("%s/damage", tmpdir);
	info = build_check(&f.rs, dir);
	CHECK(info.cache_written);
	path = cache_file(dir, &n);
	CHECK_INT(n, 1);
	for (i = 0; path != NULL && i < sizeof(offs) / sizeof(offs[0]); i++) {
		flip(path, offs[i]);
		info = build_check(&f.rs, dir);
		CHECK(!info.cache_loaded);
		CHECK(info.cache_written);
		info = build_check(&f.rs, dir);
		CHECK(info.cache_loaded);
	}
	/* A database's own header is checked when the file is read
	   (hs_serialized_database_size()): a miss. */
	tail = path != NULL ? tail_start(path) : -1;
	CHECK(tail > 60);
	if (tail > 60) {
		flip(path, tail);
		info = build_check(&f.rs, dir);
		CHECK(!info.cache_loaded);
		CHECK(info.cache_written);
	}
	toffs[0] = tail + 100;
	toffs[1] = tail + 1000;
	toffs[2] = -1;
	for (i = 0; tail > 60 && i < 3; i++) {
		flip(path, toffs[i]);
		check_lost(&f.rs, dir, path);
		info = build_check(&f.rs, dir);
		CHECK(info.cache_loaded);
	}
	if (path != NULL) {
		fd = open(path, O_WRONLY | O_APPEND);
		CHECK(fd != -1);
		CHECK(write(fd, "x", 1) == 1);
		close(fd);
		info = build_check(&f.rs, dir);
		CHECK(!info.cache_loaded);
		CHECK(info.cache_written);
	}
	free(path);
	free(dir);
}

/* The same prefilter, built or read back: every map and reach. */
static void
same_prefilter(const struct prefilter *a, const struct prefilter *b,
    size_t npatterns)
{
	const unsigned	*x, *y;
	size_t		 i, nx, ny;

	CHECK_INT(prefilter_nexprs(b), prefilter_nexprs(a));
	for (i = 0; i < prefilter_nexprs(a); i++) {
		x = prefilter_patterns_of(a, (unsigned)i, &nx);
		y = prefilter_patterns_of(b, (unsigned)i, &ny);
		CHECK_INT(ny, nx);
		CHECK(nx == ny && (nx == 0 ||
		    memcmp(x, y, nx * sizeof(*x)) == 0));
		prefilter_anchors_of(a, (unsigned)i, &nx);
		prefilter_anchors_of(b, (unsigned)i, &ny);
		CHECK_INT(ny, nx);
		CHECK_INT(prefilter_reach(b, (unsigned)i),
		    prefilter_reach(a, (unsigned)i));
	}
	for (i = 0; i < npatterns; i++) {
		x = prefilter_exprs_of(a, (unsigned)i, &nx);
		y = prefilter_exprs_of(b, (unsigned)i, &ny);
		CHECK_INT(ny, nx);
		CHECK(nx == ny && (nx == 0 ||
		    memcmp(x, y, nx * sizeof(*x)) == 0));
		CHECK_INT(prefilter_covers(b, (unsigned)i),
		    prefilter_covers(a, (unsigned)i));
	}
}

/*
 * A warm start derives nothing from the patterns: what the file holds
 * must be what a build makes.  The file is named by the rules' digest,
 * not by the patterns, so the digest must change with the rules' bytes.
 */
static void
test_cache_roundtrip(void)
{
	struct fixture		 f;
	struct prefilter	*fresh, *loaded;
	struct prefilter_info	 info;
	char			*dir, *notice = NULL, *p1, *p2;
	int			 n;

	fixture_init(&f, "roundtrip");
	dir = xasprintf("%s/roundtrip", tmpdir);
	fresh = prefilter_build(&f.rs, "", &notice);
	(void)build_check(&f.rs, dir);
	loaded = prefilter_build(&f.rs, dir, &notice);
	CHECK(fresh != NULL && loaded != NULL);
	prefilter_get_info(loaded, &info);
	CHECK(info.cache_loaded);
	if (fresh != NULL && loaded != NULL)
		same_prefilter(fresh, loaded, f.rs.npatterns);
	prefilter_free(fresh);
	prefilter_free(loaded);

	/* Other bytes, other digest: another file, not the first one. */
	p1 = cache_file(dir, &n);
	fixture_init(&f, "roundtrip2");
	info = build_check(&f.rs, dir);
	CHECK(!info.cache_loaded);
	CHECK(info.cache_written);
	p2 = cache_file(dir, &n);
	CHECK_INT(n, 2);
	free(p1);
	free(p2);
	free(dir);
	free(notice);
}

static void
test_cache_dirs(void)
{
	struct fixture		 f;
	struct prefilter_info	 info;
	char			*dir, *file, *path;
	int			 fd, n;

	fixture_init(&f, "89ab");
	info = build_check(&f.rs, "");
	CHECK(!info.cache_loaded);
	CHECK(!info.cache_written);

	/* A directory below a regular file can never be created. */
	file = xasprintf("%s/plain", tmpdir);
	fd = open(file, O_WRONLY | O_CREAT, 0600);
	CHECK(fd != -1);
	close(fd);
	dir = xasprintf("%s/sub", file);
	info = build_check(&f.rs, dir);
	CHECK(!info.cache_loaded);
	CHECK(!info.cache_written);
	free(dir);
	free(file);

	/* The default: $XDG_CACHE_HOME/palint. */
	dir = xasprintf("%s/xdg", tmpdir);
	setenv("XDG_CACHE_HOME", dir, 1);
	info = build_check(&f.rs, NULL);
	CHECK(info.cache_written);
	info = build_check(&f.rs, NULL);
	CHECK(info.cache_loaded);
	free(dir);
	dir = xasprintf("%s/xdg/palint", tmpdir);
	path = cache_file(dir, &n);
	CHECK_INT(n, 1);
	free(path);
	free(dir);
}

/* A long text is cut at empty lines; the candidates must not change. */
static void
test_blocks(void)
{
	struct fixture			 f;
	struct prefilter		*pf;
	struct prefilter_scratch	*ps;
	struct cands			 whole = { 0 }, cut = { 0 };
	char				*cause = NULL;
	size_t				 i;

	fixture_init(&f, "cdef");
	pf = prefilter_build(&f.rs, "", NULL);
	CHECK(pf != NULL);
	if (pf == NULL)
		return;
	scan_sample(pf, &whole);
	prefilter_set_block(pf, 160);
	scan_sample(pf, &cut);
	CHECK_INT(cut.n, whole.n);
	for (i = 0; i < whole.n && i < cut.n; i++) {
		CHECK_INT(cut.pat[i], whole.pat[i]);
		CHECK_INT(cut.end[i], whole.end[i]);
	}

	/* No empty line within the block: refuse rather than miss. */
	prefilter_set_block(pf, 40);
	cut.pf = pf;
	ps = prefilter_scratch_new(pf);
	CHECK_INT(prefilter_scan(pf, ps, 0, sample, 0, sizeof(sample) - 1, collect,
	    &cut, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "too long") != NULL);
	free(cause);
	prefilter_scratch_free(ps);
	prefilter_free(pf);
	cands_free(&whole);
	cands_free(&cut);
}

static void *
thread_scan(void *arg)
{
	struct cands	 c = { 0 };
	size_t		 i, *n = malloc(sizeof(*n));

	for (i = 0; i < 200; i++) {
		scan_sample(arg, &c);
		*n = c.n;
		cands_free(&c);
	}
	return n;
}

/* One database, a scratch per thread. */
static void
test_threads(void)
{
	struct fixture		 f;
	struct prefilter	*pf;
	pthread_t		 t[2];
	size_t			*n[2];
	int			 i;

	struct prefilter_info	 info;
	char			*dir;
	int			 k;

	/* Built, then read from the cache, whose database the two threads
	   race to place on first use. */
	fixture_init(&f, "f00d");
	dir = xasprintf("%s/threads", tmpdir);
	for (k = 0; k < 2; k++) {
		pf = prefilter_build(&f.rs, dir, NULL);
		CHECK(pf != NULL);
		if (pf == NULL)
			break;
		prefilter_get_info(pf, &info);
		CHECK_INT(info.cache_loaded, k);
		for (i = 0; i < 2; i++)
			CHECK(pthread_create(&t[i], NULL, thread_scan, pf) ==
			    0);
		for (i = 0; i < 2; i++)
			CHECK(pthread_join(t[i], (void **)&n[i]) == 0);
		CHECK(*n[0] > 0 && *n[0] == *n[1]);
		free(n[0]);
		free(n[1]);
		prefilter_free(pf);
	}
	free(dir);
}

static void
test_empty(void)
{
	struct ruleset			 rs;
	struct prefilter		*pf;
	struct prefilter_scratch	*ps;
	struct prefilter_info		 info;
	struct cands			 c = { 0 };
	char				*cause = NULL;

	memset(&rs, 0, sizeof(rs));
	pf = prefilter_build(&rs, "", NULL);
	CHECK(pf != NULL);
	prefilter_get_info(pf, &info);
	CHECK_INT(info.covered, 0);
	CHECK_INT(prefilter_nexprs(pf), 0);
	c.pf = pf;
	ps = prefilter_scratch_new(pf);
	CHECK_INT(prefilter_scan(pf, ps, 0, sample, 0, sizeof(sample) - 1, collect,
	    &c, &cause), 0);
	CHECK_INT(c.n, 0);
	prefilter_scratch_free(ps);
	prefilter_free(pf);
}

/* The expression whose patterns are exactly want[0..n), or -1. */
static long
expr_with(const struct prefilter *pf, const unsigned *want, size_t n)
{
	const unsigned	*pats;
	size_t		 e, k;

	for (e = 0; e < prefilter_nexprs(pf); e++) {
		pats = prefilter_patterns_of(pf, (unsigned)e, &k);
		if (k == n && memcmp(pats, want, n * sizeof(*want)) == 0)
			return (long)e;
	}
	return -1;
}

/* Alternatives shared by patterns are one expression, reported once. */
static void
test_shared(void)
{
	static const char *const src[] = {
		"undersea[\\s\\-]+cables?",	/* anchor: has an "s" */
		"cyber[0-9A-Za-z_\\x80-\\xff]*|digital",
		"digital|online",
		"online",			/* anchor */
		"(?:web|net)work|online",	/* a group stays whole */
		"(?:digital|cloud)",		/* a whole group is opened */
	};
	static const char text[] = "Digital and online undersea cables.";
	static const unsigned digital[] = { 1, 2, 5 }, online[] = { 3, 2, 4 };
	struct ruleset			 rs;
	struct pattern			 pats[nitems(src)], *all[nitems(src)];
	struct prefilter		*pf;
	struct prefilter_scratch	*ps;
	struct cands			 c = { 0 };
	const unsigned			*v;
	char				*cause = NULL;
	size_t				 i, n;
	long				 e;

	memset(&rs, 0, sizeof(rs));
	memset(pats, 0, sizeof(pats));
	for (i = 0; i < nitems(src); i++) {
		pats[i].prefilter = lend(src[i]);
		pats[i].is_term = 1;
		pats[i].index = (unsigned)i;
		pats[i].anchor = i == 0 || i == 3;
		all[i] = &pats[i];
	}
	rs.patterns = all;
	rs.npatterns = nitems(src);
	pf = prefilter_build(&rs, "", NULL);
	CHECK(pf != NULL);
	if (pf == NULL)
		return;
	/* undersea and its long-s marker, cyber, digital, online, the group
	   and its Kelvin-sign marker, cloud */
	CHECK_INT(prefilter_nexprs(pf), 8);
	CHECK((e = expr_with(pf, digital, 3)) >= 0);
	CHECK((e = expr_with(pf, online, 3)) >= 0);
	v = prefilter_anchors_of(pf, (unsigned)e, &n);
	CHECK_INT(n, 1);
	CHECK(n == 1 && v[0] == 3);
	v = prefilter_exprs_of(pf, 2, &n);
	CHECK_INT(n, 2);
	v = prefilter_exprs_of(pf, 0, &n);
	CHECK_INT(n, 2);			/* the term and the marker */
	for (i = 0; i < nitems(src); i++)
		CHECK(prefilter_covers(pf, (unsigned)i));

	c.pf = pf;
	ps = prefilter_scratch_new(pf);
	CHECK_INT(prefilter_scan(pf, ps, 0, text, 0, sizeof(text) - 1, collect, &c,
	    &cause), 0);
	/* digital, online, and "undersea cable" once: the optional "s" is
	   dropped, or Hyperscan would report both "cable" and "cables" */
	CHECK_INT(c.calls, 3);
	CHECK_INT(c.n, 3 + 3 + 1);
	prefilter_scratch_free(ps);
	cands_free(&c);
	prefilter_free(pf);
}

/* Candidates of one pattern alone, as (end) offsets. */
static void
scan_one(const char *src, int is_term, int anchor, const char *text,
    struct cands *c)
{
	struct ruleset			 rs;
	struct pattern			 pat, *all[1];
	struct prefilter		*pf;
	struct prefilter_scratch	*ps;
	char				*cause = NULL;

	memset(&rs, 0, sizeof(rs));
	memset(&pat, 0, sizeof(pat));
	memset(c, 0, sizeof(*c));
	pat.prefilter = lend(src);
	pat.is_term = is_term;
	pat.anchor = anchor;
	all[0] = &pat;
	rs.patterns = all;
	rs.npatterns = 1;
	pf = prefilter_build(&rs, "", NULL);
	CHECK(pf != NULL && prefilter_covers(pf, 0));
	if (pf == NULL)
		return;
	c->pf = pf;
	ps = prefilter_scratch_new(pf);
	CHECK_INT(prefilter_scan(pf, ps, 0, text, 0, strlen(text), collect, c,
	    &cause), 0);
	prefilter_scratch_free(ps);
	prefilter_free(pf);
	c->pf = NULL;
}

/* Sources are reduced to what every match starts with. */
static void
test_reduce(void)
{
	static const char text[] =
	    "Development: the ITU should act; developing assistance, "
	    "ITU rules.";
	struct cands	 c;

	/* A trailing wildcard: one end per word, not one per letter. */
	scan_one("develop[0-9A-Za-z_\\x80-\\xff]*", 1, 1, text, &c);
	CHECK_INT(c.n, 2);
	CHECK(c.n == 2 && c.end[0] == 7 && c.end[1] == 40);
	cands_free(&c);

	/* Cut before the bounded gap, then the group opened (not for an
	   anchor). */
	scan_one("(?:ITU|International Telecommunication Union)[^.;]{0,40}"
	    "(?:should|shall)\\s+\\w+", 0, 0, text, &c);
	CHECK_INT(c.n, 2);
	CHECK(c.n == 2 && c.end[0] == 20 && c.end[1] == 59);
	cands_free(&c);
	scan_one("(?:ITU|International Telecommunication Union)[^.;]{0,40}"
	    "(?:should|shall)\\s+\\w+", 0, 1, text, &c);
	CHECK_INT(c.n, 1);		/* "ITU should", "\\s+\\w+" dropped */
	CHECK(c.n == 1 && c.end[0] == 27);
	cands_free(&c);

	/* A group that sets its own options does not keep the source
	   whole: each alternative is cut as if alone. */
	scan_one("develop\\w*|(?-i:ITU)", 0, 1, text, &c);
	CHECK_INT(c.n, 4);
	CHECK(c.n == 4 && c.end[0] == 7 && c.end[1] == 20 &&
	    c.end[2] == 40 && c.end[3] == 59);
	cands_free(&c);
	/* One that sets them for the rest of the source does. */
	scan_one("(?-i)ITU|develop\\w*", 0, 1, text, &c);
	CHECK(c.n > 4);
	cands_free(&c);

	/* "\b(?:a|b)" distributed: "\bassist", "\bsupport". */
	scan_one("\\b(?:assist|support)\\w*", 0, 1, text, &c);
	CHECK_INT(c.n, 1);
	CHECK(c.n == 1 && c.end[0] == 50);
	cands_free(&c);
}

/* A regex's \b stays next to an ASCII letter: "AI" in "said" is no
   candidate, while the word itself, and next to non-ASCII text, is.  So
   for an <all> member or an <unless> as for an anchor: either one's
   candidates decide which searches are made. */
/*
 * The candidates in text[0, len) of a prefilter of one pattern whose
 * prefilter source is src, into c; -1 when it does not build.
 */
static int
one_pattern_cands(const char *src, int anchor, const char *text, size_t len,
    struct cands *c)
{
	struct ruleset			 rs;
	struct pattern			 pat, *all[1];
	struct prefilter		*pf;
	struct prefilter_scratch	*ps;
	char				*cause = NULL;

	memset(&rs, 0, sizeof(rs));
	memset(&pat, 0, sizeof(pat));
	pat.prefilter = lend(src);
	pat.anchor = anchor;
	all[0] = &pat;
	rs.patterns = all;
	rs.npatterns = 1;
	pf = prefilter_build(&rs, "", NULL);
	CHECK(pf != NULL);
	if (pf == NULL)
		return -1;
	CHECK(prefilter_covers(pf, 0));
	c->pf = pf;
	ps = prefilter_scratch_new(pf);
	CHECK_INT(prefilter_scan(pf, ps, 0, text, 0, len, collect, c,
	    &cause), 0);
	c->pf = NULL;
	prefilter_scratch_free(ps);
	prefilter_free(pf);
	return 0;
}

static void
boundaries_of(const char *src, int anchor)
{
	static const char text[] = "He said AI, maintain \xc3\xa9" "AI.";
	struct cands			 c = { 0 };

	if (one_pattern_cands(src, anchor, text, sizeof(text) - 1, &c) == -1)
		return;
	/* "AI," and "\xc3\xa9AI." (PCRE2 sees no boundary there; the
	   byte-mode reading is the wider one) */
	CHECK_INT(c.n, 2);
	CHECK(c.n == 2 && c.end[0] == 10 && c.end[1] == 25);
	cands_free(&c);
}

static void
test_boundaries(void)
{
	boundaries_of("\\bAI\\b", 1);
	boundaries_of("\\bAI\\b", 0);
	/* Before a group whose alternatives all start so. */
	boundaries_of("\\b(?:AI|ICT)\\b", 0);
}

/*
 * A regex that names a non-ASCII character ("\x{2019}", or the character
 * itself, in a class or out of one) is still rewritten for byte mode,
 * where it keeps its \b before "AI": "Kai\u2019s" is no candidate, as it
 * would be in UTF-8 mode, which drops every \b.  "AI\u2019s" is.
 */
static void
bytes_of(const char *src)
{
	static const char text[] = "Kai\xe2\x80\x99s view; AI\xe2\x80\x99s role.";
	struct cands			 c = { 0 };

	if (one_pattern_cands(src, 1, text, sizeof(text) - 1, &c) == -1)
		return;
	if (c.n != 1)
		fprintf(stderr, "bytes_of: %zu candidates for %s\n", c.n, src);
	CHECK_INT(c.n, 1);
	CHECK(c.n == 1 && c.end[0] > 14 && c.end[0] <= 20);
	cands_free(&c);
}

static void
test_nonascii_bytes(void)
{
	bytes_of("\\bAI\\x{2019}s\\b");
	bytes_of("\\bAI['\\x{2019}]s\\b");
	bytes_of("\\bAI[\xe2\x80\x99']s\\b");
	bytes_of("\\bAI[^\\x{2018}a-z]s\\b");
	bytes_of("\\bAI\xe2\x80\x99s\\b");
	/* A "-" first in a class is no range. */
	bytes_of("\\bAI[-\xe2\x80\x99]s\\b");
}

/*
 * White space.  Hyperscan reads each run of it folded to one " " (see
 * term_fold_text()), and a regex's atoms of white space are written for
 * that.  Every match PCRE2 finds in the text as it is still holds a
 * candidate, whatever the run: tabs, line breaks, no-break and ideographic
 * spaces, several atoms or classes sharing one run.
 */
static const struct {
	const char	*src;
	const char	*text;		/* holds one match, from "<" to ">" */
	const char	*expr;		/* an expression Hyperscan gets */
} space_cases[] = {
	{ "\\brule\\s+of\\s+law\\b", "the <rule\n   of\xc2\xa0law>.",
	  "\\brule of law\\b" },
	{ "\\brule\\s+of\\s+law\\b", "<RULE\tof\xe3\x80\x80\xe3\x80\x80law>",
	  NULL },
	{ "\\bdata\\s+(?:protection|privacy)\\s+acts?\\b",
	  "our <data \r\n privacy\x0b\x0c acts>", NULL },
	{ "cyber\\W+security", "<cyber -\n  security>", NULL },
	{ "cyber\\s+\\W\\s*security", "<cyber   security>", NULL },
	{ "foo\\W\\Wbar", "<foo  bar>", NULL },
	{ "foo[,\\s]{2,}bar", "<foo \t bar>", NULL },
	{ "(?:\\w+\\s+){2,}end", "<one  two\t\tend>", NULL },
	{ "\\s{2,}foo", "a<  \t foo>", NULL },
	{ "[\\t\\n]+xyz", "a<\n\nxyz>", NULL },
	{ "abc[^ ]xyz", "<abc\nxyz>", NULL },
	{ "abc\\x20xyz\\x{a0}pq", "<abc\txyz\xe2\x80\xaf pq>", "abc xyz pq" },
	{ "(?:tech |cyber\\s)\\s*firms", "<cyber \n firms>", NULL },
	{ "we\\s+(?:will|shall)\\s+(?:not\\s+)?ban\\s+vpns",
	  "<We\n will  not\n ban\tVPNs>",
	  "we (?:will|shall) ?(?:not ?)?ban vpns" },
	/* Every repeat starts with a dot: no two share a run of white
	   space, so the minimum stays. */
	{ "(?:\\.\\s?){5,}", "Scope<.\t. \n.\xc2\xa0.  .>4", "(?:\\. ?){5,}" },
	{ "(?:(?:ab|c)\\s+){3}d", "<ab \n c\tab  d>", "(?:(?:ab|c) ?){3}d" },
	/* A repeat that may start with white space may share a run with the
	   one before: the minimum drops. */
	{ "z(?:\\s?\\W){3,}y", "<z \t  y>",
	  "z(?: ?(?:\\W|[\\x80-\\xff]+)?){1,}y" },
	{ "z(?:-?\\s\\.){3,}y", "<z\n. \t.\n\n.y>", NULL },
	/* An escaped space is a space. */
	{ "ab\\W\\ cd", "<ab  cd>", "ab(?:\\W|[\\x80-\\xff]+) ?cd" },
};

static void
test_spaces(void)
{
	struct cands	 c;
	struct ruleset	 rs;
	struct pattern	 pat, *all[1];
	struct hsset	 set;
	struct exprmap	 map;
	const char	*lt, *gt;
	char		*text;
	size_t		 i, j, s, e;
	int		 found;

	for (i = 0; i < nitems(space_cases); i++) {
		lt = strchr(space_cases[i].text, '<');
		gt = strchr(space_cases[i].text, '>');
		text = xasprintf("%.*s%.*s%s", (int)(lt - space_cases[i].text),
		    space_cases[i].text, (int)(gt - lt - 1), lt + 1, gt + 1);
		s = (size_t)(lt - space_cases[i].text);
		e = (size_t)(gt - space_cases[i].text) - 1;
		memset(&c, 0, sizeof(c));
		if (one_pattern_cands(space_cases[i].src, 1, text, strlen(text),
		    &c) == -1) {
			free(text);
			continue;
		}
		found = 0;
		for (j = 0; j < c.n; j++)
			found |= c.end[j] > s && c.end[j] <= e;
		if (!found)
			fprintf(stderr, "spaces: no candidate for %s in %s\n",
			    space_cases[i].src, text);
		CHECK(found);
		cands_free(&c);
		free(text);
		if (space_cases[i].expr == NULL)
			continue;
		memset(&rs, 0, sizeof(rs));
		memset(&pat, 0, sizeof(pat));
		pat.prefilter = lend(space_cases[i].src);
		pat.anchor = 1;
		all[0] = &pat;
		rs.patterns = all;
		rs.npatterns = 1;
		memset(&map, 0, sizeof(map));
		hsset_collect(&rs, &set, &map);
		/* Besides, maybe, the marker of a letter PCRE2 folds. */
		found = 0;
		for (j = 0; j < set.n; j++)
			found |= strcmp(set.expr[j], space_cases[i].expr) == 0;
		for (j = 0; j < set.n && !found; j++)
			fprintf(stderr, "spaces: %s is written %s, not %s\n",
			    space_cases[i].src, set.expr[j],
			    space_cases[i].expr);
		CHECK(found);
		hsset_free(&set);
		exprmap_free(&map);
	}
}

/* Candidates as (expression, end). */
struct ecands {
	unsigned	*expr;
	size_t		*end;
	size_t		 n;
	size_t		 cap;
	size_t		 cap2;
};

static void
collect_expr(unsigned expr, size_t end, void *arg)
{
	struct ecands	*c = arg;

	GROW(c->expr, c->cap, c->n + 1);
	GROW(c->end, c->cap2, c->n + 1);
	c->expr[c->n] = expr;
	c->end[c->n] = end;
	c->n++;
}

/* A true match [s, e) holds a candidate of one of its pattern's
   expressions ending in (s, s + reach]: the scanner may start looking for
   it there. */
static int
reached_by(const struct prefilter *pf, const struct ecands *c,
    const struct truth *t)
{
	const unsigned	*ex;
	size_t		 s, e, i, j, n, reach;

	s = find_nth(sample, t->match, t->nth);
	if (s == (size_t)-1)
		return 0;
	e = s + strlen(t->match);
	ex = prefilter_exprs_of(pf, t->pattern, &n);
	for (i = 0; i < c->n; i++)
		for (j = 0; j < n; j++) {
			if (c->expr[i] != ex[j] || c->end[i] <= s ||
			    c->end[i] > e)
				continue;
			reach = prefilter_reach(pf, ex[j]);
			if (reach == PREFILTER_UNBOUNDED ||
			    c->end[i] - s <= reach)
				return 1;
		}
	return 0;
}

/* The largest reach among the expressions of one case-sensitive pattern
   alone (caseless ones may get markers). */
static size_t
reach_of(const char *src, int is_term, int anchor, size_t *nexprs)
{
	struct ruleset		 rs;
	struct pattern		 pat, *all[1];
	struct prefilter	*pf;
	const unsigned		*ex;
	size_t			 i, n, r, most = 0;

	memset(&rs, 0, sizeof(rs));
	memset(&pat, 0, sizeof(pat));
	pat.prefilter = lend(src);
	pat.is_term = is_term;
	pat.anchor = anchor;
	pat.case_sensitive = 1;
	all[0] = &pat;
	rs.patterns = all;
	rs.npatterns = 1;
	*nexprs = 0;
	pf = prefilter_build(&rs, "", NULL);
	CHECK(pf != NULL && prefilter_covers(pf, 0));
	if (pf == NULL)
		return 0;
	ex = prefilter_exprs_of(pf, 0, &n);
	for (i = 0; i < n; i++) {
		r = prefilter_reach(pf, ex[i]);
		if (r == PREFILTER_UNBOUNDED || r > most)
			most = r;
		if (r == PREFILTER_UNBOUNDED)
			break;
	}
	*nexprs = n;
	prefilter_free(pf);
	return most;
}

/* How far into a match its candidate may lie. */
static void
test_reach(void)
{
	struct fixture		 f;
	struct prefilter	*pf;
	struct prefilter_scratch *ps;
	struct ecands		 c = { 0 };
	const unsigned		*ex;
	char			*cause = NULL;
	size_t			 i, n, four = 0, unbounded = 0;

	fixture_init(&f, "reach");
	pf = prefilter_build(&f.rs, "", NULL);
	CHECK(pf != NULL);
	if (pf == NULL)
		return;
	ps = prefilter_scratch_new(pf);
	CHECK_INT(prefilter_scan(pf, ps, 0, sample, 0, sizeof(sample) - 1,
	    collect_expr, &c, &cause), 0);
	prefilter_scratch_free(ps);
	for (i = 0; i < nitems(truths); i++) {
		if (!reached_by(pf, &c, &truths[i]))
			fprintf(stderr, "out of reach: %s\n",
			    truths[i].match);
		CHECK(reached_by(pf, &c, &truths[i]));
	}
	/* "ICPC" spans four bytes; "risk" too, but its markers (Kelvin sign,
	   long s) may lie anywhere in "RIS\u212A..." */
	ex = prefilter_exprs_of(pf, P_ICPC, &n);
	CHECK(n == 1 && prefilter_reach(pf, ex[0]) == 4);
	ex = prefilter_exprs_of(pf, P_RISK, &n);
	CHECK_INT(n, 3);
	for (i = 0; i < n; i++) {
		four += prefilter_reach(pf, ex[i]) == 4;
		unbounded += prefilter_reach(pf, ex[i]) == PREFILTER_UNBOUNDED;
	}
	CHECK_INT(four, 1);
	CHECK_INT(unbounded, 2);
	/* A separator run has no bound (nor has the long-s marker). */
	ex = prefilter_exprs_of(pf, P_CABLE, &n);
	CHECK_INT(n, 2);
	for (i = 0; i < n; i++)
		CHECK(prefilter_reach(pf, ex[i]) == PREFILTER_UNBOUNDED);
	CHECK(prefilter_reach(pf, (unsigned)prefilter_nexprs(pf)) ==
	    PREFILTER_UNBOUNDED);
	free(c.expr);
	free(c.end);
	prefilter_free(pf);

	/* Trailing repeats are dropped, so "develop" bounds
	   "developments". */
	CHECK_INT(reach_of("develop[0-9A-Za-z_\\x80-\\xff]*", 1, 1, &n), 7);
	CHECK_INT(n, 1);
	CHECK_INT(reach_of("\\b(?:assist|support)\\w*", 0, 1, &n), 7);
	CHECK_INT(n, 2);
	/* Cut before the gap: the longer alternative counts. */
	CHECK_INT(reach_of("(?:ITU|International-Telecommunication-Union)"
	    "[^.;]{0,40}(?:should|shall)\\s+\\w+", 0, 0, &n), 37);
	/* A space stands for a run of white space of any length in the
	   text: no bound. */
	CHECK(reach_of("(?:ITU|International Telecommunication Union)"
	    "[^.;]{0,40}(?:should|shall)\\s+\\w+", 0, 0, &n) ==
	    PREFILTER_UNBOUNDED);
	CHECK_INT(reach_of("ab{2,5}(?:c|de)f", 0, 1, &n), 9);
	CHECK_INT(reach_of("AB\\.(?i:cd)?x", 1, 1, &n), 6);
	/* UTF-8 mode: a character may take four bytes. */
	CHECK_INT(reach_of("r\xc3\xa9sum\xc3\xa9", 1, 1, &n), 8 * 4);
	CHECK(reach_of("cyber\\w+law", 0, 1, &n) == PREFILTER_UNBOUNDED);
	/* A lookaround Hyperscan would have to widen (kept in UTF-8 mode):
	   no bound.  Byte mode removes it. */
	CHECK(reach_of("r\xc3\xa9sum(?=\xc3\xa9)", 0, 1, &n) ==
	    PREFILTER_UNBOUNDED);
	CHECK_INT(reach_of("risk(?=s)", 0, 1, &n), 4);
}

/* Fixed bytes: a literal or a small class counts, a repeat that may be
   absent, a wide class, "\w" and lookarounds do not. */
static void
test_fixed_bytes(void)
{
	CHECK_INT(prefilter_fixed_bytes("[A-Z]"), 0);
	CHECK_INT(prefilter_fixed_bytes("\\w+:"), 1);
	CHECK_INT(prefilter_fixed_bytes("%"), 1);
	CHECK_INT(prefilter_fixed_bytes("(?:oe|[^\\x00-\\x7f]{1,2})a"), 1);
	CHECK_INT(prefilter_fixed_bytes("(?:oe|\\xc5[\\x92\\x93])a"), 3);
	CHECK_INT(prefilter_fixed_bytes("cyber"), 5);
	CHECK_INT(prefilter_fixed_bytes("\\bAI\\b"), 2);
	CHECK_INT(prefilter_fixed_bytes("[Rr]eseaux?"), 6);
	CHECK_INT(prefilter_fixed_bytes("(?:ab|c)d{3}"), 4);
	CHECK_INT(prefilter_fixed_bytes("ab|c"), 1);
	CHECK_INT(prefilter_fixed_bytes("(?=abc)d(?i)e"), 2);
	CHECK_INT(prefilter_fixed_bytes("x*(?:\\s|[\\x80-\\xff]+)+"), 0);
	CHECK_INT(prefilter_fixed_bytes("a{2,5}\\.b"), 4);
}

/* One prefilter over patterns given as (source, is_term, anchor), in
   language 0 of langs (none: English). */
static struct prefilter *
build_some(const char *const *src, size_t n, const char *lang,
    struct ruleset *rs, struct pattern *pats, struct pattern **all)
{
	static char	*langs[1];
	size_t		 i;

	memset(rs, 0, sizeof(*rs));
	memset(pats, 0, n * sizeof(*pats));
	for (i = 0; i < n; i++) {
		pats[i].prefilter = lend(src[i]);
		pats[i].regex = lend(src[i]);
		pats[i].source = lend(src[i]);
		pats[i].index = (unsigned)i;
		pats[i].anchor = 1;
		all[i] = &pats[i];
	}
	if (lang != NULL) {
		langs[0] = lend(lang);
		rs->languages = langs;
		rs->nlanguages = 1;
	}
	rs->patterns = all;
	rs->npatterns = n;
	return prefilter_build(rs, "", NULL);
}

/* An expression with too little fixed text leaves its pattern out, and a
   cut that would leave one is not made. */
static void
test_weak(void)
{
	static const char *const src[] = {
		"[A-Z]",			/* weak */
		"\\w+:",			/* weak */
		"\\bcables?\\b|%",		/* one weak alternative */
		"\\bcables?\\b",		/* kept */
		"[\"'][^\"'.;]{2,60}[\"'] means",	/* not cut to [\"'] */
	};
	static const char text[] = "The \"cloud\" means: 5% of cables.";
	struct ruleset			 rs;
	struct pattern			 pats[nitems(src)], *all[nitems(src)];
	struct prefilter		*pf;
	struct prefilter_scratch	*ps;
	struct prefilter_info		 info;
	struct cands			 c = { 0 };
	const unsigned			*ex;
	char				*cause = NULL, *expr;
	size_t				 i, n, means = 0;

	pf = build_some(src, nitems(src), NULL, &rs, pats, all);
	CHECK(pf != NULL);
	if (pf == NULL)
		return;
	pats[4].anchor = 0;
	pats[4].case_sensitive = 1;	/* no long-s marker */
	prefilter_free(pf);
	pf = prefilter_build(&rs, "", NULL);
	CHECK(!prefilter_covers(pf, 0));
	CHECK(!prefilter_covers(pf, 1));
	CHECK(!prefilter_covers(pf, 2));
	CHECK(prefilter_covers(pf, 3));
	CHECK(prefilter_covers(pf, 4));
	prefilter_get_info(pf, &info);
	CHECK_INT(info.covered, 2);
	CHECK_INT(info.dropped, 3);
	ex = prefilter_exprs_of(pf, 4, &n);
	CHECK_INT(n, 1);
	CHECK(n == 1 && prefilter_reach(pf, ex[0]) != 1);

	c.pf = pf;
	ps = prefilter_scratch_new(pf);
	CHECK_INT(prefilter_scan(pf, ps, 0, text, 0, sizeof(text) - 1, collect,
	    &c, &cause), 0);
	/* "cables", and the quoted word once, at the end of "means" */
	for (i = 0; i < c.n; i++)
		means += c.pat[i] == 4 && c.end[i] == 17;
	CHECK_INT(c.n, 2);
	CHECK_INT(means, 1);
	prefilter_scratch_free(ps);
	cands_free(&c);

	CHECK(prefilter_pattern_fit(&rs, &pats[0], &expr) == PREFILTER_WEAK);
	CHECK_STR(expr, "[A-Z]");
	free(expr);
	CHECK(prefilter_pattern_fit(&rs, &pats[2], &expr) == PREFILTER_WEAK);
	CHECK_STR(expr, "%");
	free(expr);
	CHECK(prefilter_pattern_fit(&rs, &pats[3], &expr) == PREFILTER_FITS);
	CHECK(expr == NULL);
	pats[3].prefilter = NULL;
	CHECK(prefilter_pattern_fit(&rs, &pats[3], &expr) ==
	    PREFILTER_NO_SOURCE);
	prefilter_free(pf);
}

/*
 * A regex of a language whose text is folded is rewritten for that text:
 * accented letters are their base letters there, in either case.  Every
 * true match (as PCRE2 finds it in the text as it is) holds a candidate.
 */
static void
test_folded(void)
{
	static const char *const src[] = {
		"\\br[e\xc3\xa9]seaux?\\s+24\\s*/\\s*7\\b",
		"\\b\\w{2,}(?:era|eront)\\b",
		"(?-i:\\p{Lu})\\w+ de l['\\x{2019}]\\w+",
		"\\bcompet[\xc3\xaa" "e]ncias?\\b",
		"cons[^a-z]il",
		"(?:oe|[^\\x00-\\x7f]{1,2})a",	/* a term: the ligature */
	};
	static const struct {
		unsigned	 pattern;
		const char	*match;
	} truth[] = {
		{ 0, "R\xc3\x89SEAUX 24/7" },
		{ 1, "d\xc3\xa9" "cid\xc3\xa9" "ra" },
		{ 2, "\xc3\x89tat de l\xe2\x80\x99\xc3\xa9t\xc3\xa9" },
		{ 3, "COMP\xc3\x8aTENCIAS" },
		{ 4, "cons\xc3\xa9" "il" },
		{ 5, "\xc5\x92" "A" },
	};
	static const char text[] =
	    "Les R\xc3\x89SEAUX 24/7 ; on d\xc3\xa9" "cid\xc3\xa9" "ra. "
	    "\xc3\x89tat de l\xe2\x80\x99\xc3\xa9t\xc3\xa9, "
	    "COMP\xc3\x8aTENCIAS, cons\xc3\xa9" "il, l\xe2\x80\x99" "avis, "
	    "\xc5\x92" "A.";
	struct ruleset			 rs;
	struct pattern			 pats[nitems(src)], *all[nitems(src)];
	struct prefilter		*pf;
	struct prefilter_scratch	*ps;
	struct cands			 c = { 0 };
	char				*cause = NULL;
	size_t				 i, j, s, e, ligature = 0;
	int				 found;

	pf = build_some(src, nitems(src), "fr", &rs, pats, all);
	CHECK(pf != NULL);
	if (pf == NULL)
		return;
	pats[5].is_term = 1;
	prefilter_free(pf);
	pf = prefilter_build(&rs, "", NULL);
	for (i = 0; i < nitems(src); i++)
		CHECK(prefilter_covers(pf, (unsigned)i));
	c.pf = pf;
	ps = prefilter_scratch_new(pf);
	CHECK_INT(prefilter_scan(pf, ps, 0, text, 0, sizeof(text) - 1, collect,
	    &c, &cause), 0);
	for (i = 0; i < nitems(truth); i++) {
		s = find_nth(text, truth[i].match, 0);
		e = s + strlen(truth[i].match);
		found = 0;
		for (j = 0; j < c.n; j++)
			found |= c.pat[j] == truth[i].pattern &&
			    c.end[j] > s && c.end[j] <= e;
		if (!found)
			fprintf(stderr, "folded: no candidate for %s\n",
			    truth[i].match);
		CHECK(found);
	}
	/* The ligature's bytes are spelt out: "l\u2019a" is no candidate. */
	for (j = 0; j < c.n; j++)
		ligature += c.pat[j] == 5;
	CHECK_INT(ligature, 1);
	prefilter_scratch_free(ps);
	cands_free(&c);
	prefilter_free(pf);
}

/* Repeated lists become class loops; everything else is kept. */
static const struct {
	const char	*expr;
	const char	*looped;	/* NULL: unchanged */
} loop_cases[] = {
	{ "\\b(?:detect|block)(?:,? (?:and )?(?:detect|block))* attacks",
	  "\\b(?:detect|block)[\\x20\\x2c\\x41-\\x45\\x4b-\\x4c\\x4e-\\x4f"
	  "\\x54\\x61-\\x65\\x6b-\\x6c\\x6e-\\x6f\\x74]* attacks" },
	/* A minimum keeps one copy, and with it its fixed text. */
	{ "(?:ab|cd)+x", "(?:ab|cd)[\\x41-\\x44\\x61-\\x64]*x" },
	{ "q(?:a|\\x2d){2,}?z", "q(?:a|\\x2d)[\\x2d\\x41\\x61]*z" },
	{ "(?:\\w|[\\x80-\\xff]+)*s",
	  "[\\x30-\\x39\\x41-\\x5a\\x5f\\x61-\\x7a\\x80-\\xff]*s" },
	/* A negated class keeps the other case of what it excludes. */
	{ "(?:[^.a]|b)*z", "[\\x00-\\x2d\\x2f-\\x60\\x62-\\xff]*z" },
	/* The inner list is looped; the outer repeat then has none. */
	{ "(?:x(?:a|b)*)*y", "(?:x[\\x41-\\x42\\x61-\\x62]*)*y" },
	/* Kept: no alternative, a bound, a class with ".", an unknown
	   construct. */
	{ "(?:\\. ?){5,}", NULL },
	{ "(?:a|b){0,4}c", NULL },
	{ "(?:[^;]|x)*y", NULL },
	{ "(?:a|.)+y", NULL },
	{ "\\p{L}(?:a|b)*", NULL },
	{ "(?:a|b)*[[:alpha:]]", NULL },
	{ "(?=a)(?:a|b)*", NULL },
};

static void
test_loops(void)
{
	struct cands	 c;
	static const char text[] = "We detect, block and mitigate attacks.";
	char		*got;
	size_t		 i;

	for (i = 0; i < nitems(loop_cases); i++) {
		got = prefilter_loop_lists(loop_cases[i].expr);
		if (strcmp(got, loop_cases[i].looped != NULL ?
		    loop_cases[i].looped : loop_cases[i].expr) != 0)
			fprintf(stderr, "loops: %s became %s\n",
			    loop_cases[i].expr, got);
		CHECK_STR(got, loop_cases[i].looped != NULL ?
		    loop_cases[i].looped : loop_cases[i].expr);
		free(got);
	}
	/* Through the whole rewrite: a list of verbs before a gap of words
	   still finds the end of the match, and only there. */
	memset(&c, 0, sizeof(c));
	if (one_pattern_cands("\\b(?:detect|block|mitigate)\\w*"
	    "(?:,?\\s+(?:and\\s+)?(?:detect|block|mitigate)\\w*)*\\s+"
	    "(?:\\w+\\s+){0,2}?attacks", 1, text, strlen(text), &c) == 0) {
		CHECK_INT(c.n, 1);
		CHECK(c.n == 1 && c.end[0] == strlen(text) - 1);
		cands_free(&c);
	}
}

static void
rmtree(const char *dir)
{
	char	*cmd;

	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_cache();
	test_cache_damage();
	test_cache_roundtrip();
	test_cache_dirs();
	test_blocks();
	test_threads();
	test_empty();
	test_shared();
	test_boundaries();
	test_nonascii_bytes();
	test_spaces();
	test_reduce();
	test_reach();
	test_fixed_bytes();
	test_weak();
	test_folded();
	test_loops();
	rmtree(tmpdir);
	return CHECK_DONE();
}

#else /* !HAVE_HYPERSCAN */

int
main(void)
{
	struct fixture	 f;
	char		*notice = NULL;

	fixture_init(&f, "0");
	CHECK(prefilter_build(&f.rs, NULL, &notice) == NULL);
	CHECK_STR(notice, "built without Hyperscan; scanning with PCRE2 only");
	free(notice);
	CHECK(!prefilter_covers(NULL, 0));
	(void)check_candidates;
	return CHECK_DONE();
}

#endif
