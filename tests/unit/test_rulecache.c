/*
 * test_rulecache.c -- the compiled form of a ruleset in the cache: what is
 * read back equals, field by field, what was loaded from XML; a damaged,
 * truncated, renamed or foreign file is refused, and the built-in rules
 * are then parsed again and the file replaced.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cachefile.h"
#include "check.h"
#include "rulecache.h"
#include "rules.h"
#include "util.h"

/* Differences found by the comparison below, the first ones printed
   unless a difference is what is wanted. */
static size_t ndiffs;
static int expect_diffs;

static void
differ(const char *what, const char *where, int line)
{
	if (ndiffs++ < 10 && !expect_diffs)
		fprintf(stderr, "  differs: %s (%s:%d)\n", what,
		    where != NULL ? where : "?", line);
}

#define SAME_INT(a, b, f, where, line) do {				\
	if ((long long)(a)->f != (long long)(b)->f)			\
		differ(#f, where, line);				\
} while (0)

#define SAME_STR(a, b, f, where, line) do {				\
	if (!same_str((a)->f, (b)->f))					\
		differ(#f, where, line);				\
} while (0)

static int
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* A borrowed file name: the same slot of each ruleset's files. */
static long
file_slot(const struct ruleset *rs, const char *file)
{
	size_t	 i;

	for (i = 0; i < rs->nfiles; i++)
		if (rs->files[i] == file)
			return (long)i;
	return file == NULL ? -1 : -2;
}

static long
vocab_slot(const struct ruleset *rs, const struct vocabulary *v)
{
	return v == NULL ? -1 : (long)(v - rs->vocabularies);
}

static void
same_pattern(const struct ruleset *ra, const struct pattern *a,
    const struct ruleset *rb, const struct pattern *b)
{
	const char *w = a->file;
	int	 l = a->line;

	SAME_STR(a, b, source, w, l);
	SAME_STR(a, b, regex, w, l);
	SAME_STR(a, b, prefilter, w, l);
	SAME_INT(a, b, is_term, w, l);
	SAME_INT(a, b, case_sensitive, w, l);
	SAME_STR(a, b, file, w, l);
	if (file_slot(ra, a->file) != file_slot(rb, b->file) ||
	    file_slot(rb, b->file) < 0)
		differ("file slot", w, l);
	SAME_INT(a, b, line, w, l);
	SAME_INT(a, b, index, w, l);
	SAME_INT(a, b, anchor, w, l);
	SAME_INT(a, b, is_concept, w, l);
	SAME_INT(a, b, shared_code, w, l);
	SAME_INT(a, b, lang, w, l);
	SAME_INT(a, b, deferred, w, l);
	if (vocab_slot(ra, a->vocab) != vocab_slot(rb, b->vocab))
		differ("vocab", w, l);
	if ((a->rule == NULL) != (b->rule == NULL) ||
	    (a->rule != NULL && a->rule->index != b->rule->index))
		differ("rule", w, l);
	if (a->matcher != NULL || b->matcher != NULL)
		differ("matcher before compiling", w, l);
}

static void
same_patlist(const struct ruleset *ra, const struct patlist *a,
    const struct ruleset *rb, const struct patlist *b, const char *what)
{
	size_t	 i;

	if (a->n != b->n) {
		differ(what, "patterns", (int)a->n);
		return;
	}
	for (i = 0; i < a->n; i++)
		same_pattern(ra, &a->v[i], rb, &b->v[i]);
}

static void
same_rule(const struct ruleset *ra, const struct rule *a,
    const struct ruleset *rb, const struct rule *b)
{
	const char *w = a->file;
	int	 l = a->line;
	size_t	 i;

	SAME_STR(a, b, id, w, l);
	SAME_STR(a, b, title, w, l);
	SAME_STR(a, b, description, w, l);
	SAME_INT(a, b, kind, w, l);
	SAME_INT(a, b, severity, w, l);
	SAME_STR(a, b, file, w, l);
	SAME_INT(a, b, line, w, l);
	SAME_INT(a, b, index, w, l);
	SAME_INT(a, b, stance_ignore, w, l);
	if (a->objective->index != b->objective->index)
		differ("rule objective", w, l);
	same_patlist(ra, &a->pats, rb, &b->pats, "rule patterns");
	SAME_INT(a, b, ngroups, w, l);
	for (i = 0; i < a->ngroups && i < b->ngroups; i++) {
		SAME_INT(&a->groups[i], &b->groups[i], scope, w, l);
		SAME_INT(&a->groups[i], &b->groups[i], line, w, l);
		SAME_INT(&a->groups[i], &b->groups[i], near, w, l);
		SAME_INT(&a->groups[i], &b->groups[i], within, w, l);
		SAME_INT(&a->groups[i], &b->groups[i], lang, w, l);
		same_patlist(ra, &a->groups[i].pats, rb, &b->groups[i].pats,
		    "group patterns");
	}
	SAME_INT(a, b, nunless, w, l);
	for (i = 0; i < a->nunless && i < b->nunless; i++) {
		SAME_INT(&a->unless[i], &b->unless[i], scope, w, l);
		SAME_INT(&a->unless[i], &b->unless[i], line, w, l);
		SAME_INT(&a->unless[i], &b->unless[i], lang, w, l);
		same_patlist(ra, &a->unless[i].pats, rb, &b->unless[i].pats,
		    "unless patterns");
	}
	SAME_INT(a, b, nexamples, w, l);
	for (i = 0; i < a->nexamples && i < b->nexamples; i++) {
		SAME_STR(&a->examples[i], &b->examples[i], text, w, l);
		SAME_INT(&a->examples[i], &b->examples[i], hit, w, l);
		SAME_INT(&a->examples[i], &b->examples[i], line, w, l);
		SAME_INT(&a->examples[i], &b->examples[i], lang, w, l);
	}
}

static void
same_objective(const struct ruleset *ra, const struct objective *a,
    const struct ruleset *rb, const struct objective *b)
{
	const char *w = a->file;
	int	 l = a->line;
	size_t	 i;

	SAME_STR(a, b, id, w, l);
	SAME_STR(a, b, title, w, l);
	SAME_STR(a, b, description, w, l);
	SAME_INT(a, b, working_title, w, l);
	SAME_INT(a, b, min_rules, w, l);
	SAME_STR(a, b, file, w, l);
	SAME_INT(a, b, line, w, l);
	SAME_INT(a, b, index, w, l);
	if (a->area - ra->areas != b->area - rb->areas)
		differ("objective area", w, l);
	SAME_INT(a, b, nrules, w, l);
	for (i = 0; i < a->nrules && i < b->nrules; i++)
		same_rule(ra, &a->rules[i], rb, &b->rules[i]);
}

static void
same_vocabulary(const struct ruleset *ra, const struct vocabulary *a,
    const struct ruleset *rb, const struct vocabulary *b)
{
	const char *w = a->file;
	int	 l = a->line;
	size_t	 i;

	SAME_STR(a, b, id, w, l);
	SAME_STR(a, b, file, w, l);
	SAME_INT(a, b, line, w, l);
	SAME_INT(a, b, state, w, l);
	SAME_INT(a, b, uses, w, l);
	same_patlist(ra, &a->pats, rb, &b->pats, "vocabulary parts");
	SAME_INT(a, b, njoins, w, l);
	for (i = 0; i < a->njoins && i < b->njoins; i++) {
		SAME_STR(&a->joins[i], &b->joins[i], regex, w, l);
		SAME_STR(&a->joins[i], &b->joins[i], prefilter, w, l);
		SAME_INT(&a->joins[i], &b->joins[i], case_sensitive, w, l);
		SAME_INT(&a->joins[i], &b->joins[i], all_terms, w, l);
		SAME_INT(&a->joins[i], &b->joins[i], nparts, w, l);
		SAME_INT(&a->joins[i], &b->joins[i], deferred, w, l);
	}
}

/* Every field of two rulesets, pointers compared as what they point at
   (a slot, an index); the number of differences. */
static size_t
same_ruleset(const struct ruleset *a, const struct ruleset *b)
{
	const struct area *x, *y;
	size_t	 i, j;

	ndiffs = 0;
	SAME_STR(a, b, id, "ruleset", 0);
	SAME_STR(a, b, title, "ruleset", 0);
	SAME_STR(a, b, version, "ruleset", 0);
	SAME_STR(a, b, source, "ruleset", 0);
	SAME_STR(a, b, sha256, "ruleset", 0);
	SAME_INT(a, b, extends, "ruleset", 0);
	SAME_INT(a, b, nfiles, "ruleset", 0);
	for (i = 0; i < a->nfiles && i < b->nfiles; i++)
		if (!same_str(a->files[i], b->files[i]))
			differ("files", a->files[i], (int)i);
	SAME_INT(a, b, nlanguages, "ruleset", 0);
	for (i = 0; i < a->nlanguages && i < b->nlanguages; i++)
		if (!same_str(a->languages[i], b->languages[i]))
			differ("languages", a->languages[i], (int)i);
	SAME_INT(a, b, nvocabularies, "ruleset", 0);
	for (i = 0; i < a->nvocabularies && i < b->nvocabularies; i++)
		same_vocabulary(a, &a->vocabularies[i], b,
		    &b->vocabularies[i]);
	SAME_INT(a, b, nvocab_slots, "ruleset", 0);
	for (i = 0; i < a->nvocab_slots && i < b->nvocab_slots; i++)
		if (a->vocab_slots[i] != b->vocab_slots[i])
			differ("vocabulary table", "ruleset", (int)i);
	SAME_INT(a, b, nareas, "ruleset", 0);
	for (i = 0; i < a->nareas && i < b->nareas; i++) {
		x = &a->areas[i];
		y = &b->areas[i];
		SAME_STR(x, y, id, x->file, x->line);
		SAME_STR(x, y, title, x->file, x->line);
		SAME_INT(x, y, kind, x->file, x->line);
		SAME_STR(x, y, file, x->file, x->line);
		SAME_INT(x, y, line, x->file, x->line);
		SAME_INT(x, y, nobjectives, x->file, x->line);
		for (j = 0; j < x->nobjectives && j < y->nobjectives; j++)
			same_objective(a, &x->objectives[j], b,
			    &y->objectives[j]);
	}
	same_patlist(a, &a->binding, b, &b->binding, "binding");
	same_patlist(a, &a->hortatory, b, &b->hortatory, "hortatory");
	same_patlist(a, &a->attribution, b, &b->attribution, "attribution");
	same_patlist(a, &a->rejection, b, &b->rejection, "rejection");
	same_patlist(a, &a->threat, b, &b->threat, "threat");
	SAME_INT(a, b, noverrides, "ruleset", 0);
	for (i = 0; i < a->noverrides && i < b->noverrides; i++) {
		SAME_INT(&a->overrides[i], &b->overrides[i], kind, "", 0);
		SAME_STR(&a->overrides[i], &b->overrides[i], id, "", 0);
		SAME_STR(&a->overrides[i], &b->overrides[i], file, "", 0);
		SAME_INT(&a->overrides[i], &b->overrides[i], line, "", 0);
	}
	/* The flat indexes, slot by slot. */
	SAME_INT(a, b, nrules, "ruleset", 0);
	for (i = 0; i < a->nrules && i < b->nrules; i++)
		if (!same_str(a->rules[i]->id, b->rules[i]->id))
			differ("rule index", a->rules[i]->id, (int)i);
	SAME_INT(a, b, nobjectives, "ruleset", 0);
	for (i = 0; i < a->nobjectives && i < b->nobjectives; i++)
		if (!same_str(a->objectives[i]->id, b->objectives[i]->id))
			differ("objective index", a->objectives[i]->id,
			    (int)i);
	SAME_INT(a, b, npatterns, "ruleset", 0);
	for (i = 0; i < a->npatterns && i < b->npatterns; i++)
		same_pattern(a, a->patterns[i], b, b->patterns[i]);
	return ndiffs;
}

static char *tmpdir;

static char *
read_all(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	fclose(f);
	return buf;
}

static void
write_all(const char *path, const char *buf, size_t len)
{
	FILE	*f;

	if ((f = fopen(path, "wb")) == NULL)
		fatal("cannot write %s", path);
	fwrite(buf, 1, len, f);
	fclose(f);
}

/* Written and read back: the same ruleset, field by field; and a change
   to the copy is seen, so the comparison can fail. */
static void
roundtrip(const struct ruleset *rs, const char *what)
{
	struct ruleset *back;
	char	*path, key[65];
	size_t	 n;

	fprintf(stderr, "round trip: %s\n", what);
	memset(key, 'a', 64);
	key[64] = '\0';
	path = xasprintf("%s/rt.rules", tmpdir);
	CHECK_INT(rulecache_write(path, key, rs), 0);
	back = rulecache_read(path, key);
	CHECK(back != NULL);
	if (back != NULL) {
		CHECK_INT(same_ruleset(rs, back), 0);
		CHECK(back->npatterns > 0);
		if (back->npatterns > 0) {
			n = back->npatterns / 2;
			expect_diffs = 1;
			back->patterns[n]->line++;
			CHECK(same_ruleset(rs, back) > 0);
			back->patterns[n]->line--;
			back->patterns[n]->lang ^= 1;
			CHECK(same_ruleset(rs, back) > 0);
			expect_diffs = 0;
		}
	}
	ruleset_free(back);
	remove(path);
	free(path);
}

static const char extension[] =
    "<?xml version=\"1.0\"?>\n"
    "<ruleset id=\"mine\" version=\"1\" title=\"M\" "
    "extends=\"builtin\" languages=\"en fr\">\n"
    "<disable ref=\"aa3.5\"/>\n"
    "<vocabulary id=\"mine.v\"><term>tidal~ power</term>"
    "<term xml:lang=\"fr\">\xc3\xa9nergie mar\xc3\xa9motrice</term>"
    "</vocabulary>\n"
    "<area id=\"X\" kind=\"action-area\" title=\"X\">\n"
    "<objective id=\"X.1\" title=\"X\">\n"
    "<rule id=\"X.1.a\" title=\"A\"><description>A.</description>"
    "<concept ref=\"mine.v\"/>"
    "<near scope=\"sentence\" within=\"6\" xml:lang=\"fr\">"
    "<term>c\xc3\xa2" "ble~ sous-marin~</term><concept ref=\"mine.v\"/>"
    "</near>"
    "<unless scope=\"clause\"><term>tidal pool</term></unless>"
    "<example hit=\"yes\">tidal power plants</example>"
    "<example hit=\"no\" xml:lang=\"fr\">rien</example>"
    "</rule></objective></area></ruleset>\n";

static void
test_roundtrip(void)
{
	struct errlist el = { NULL, 0, 0 };
	struct rule_source src;
	struct ruleset *rs;

	rs = rules_load_scan(NULL, 0, &el);
	CHECK(rs != NULL);
	if (rs != NULL)
		roundtrip(rs, "built-in rules, scan copy, deferred");
	ruleset_free(rs);
	rs = rules_load_default(&el);
	CHECK(rs != NULL);
	if (rs != NULL) {
		CHECK(rs->rules[0]->nexamples > 0);
		roundtrip(rs, "built-in rules, whole, translated");
	}
	ruleset_free(rs);
	src.name = "mine.xml";
	src.data = extension;
	src.len = sizeof(extension) - 1;
	rs = rules_load_sources(&src, 1, &el);
	errlist_print(&el, "extension: ");
	CHECK(rs != NULL);
	if (rs != NULL) {
		CHECK(rs->noverrides > 0 && rs->nfiles == 2);
		roundtrip(rs, "a file extending the built-in rules");
	}
	ruleset_free(rs);
	errlist_free(&el);
}

/* The file's body with one byte changed and the checksum made right
   again: the reader must refuse it or read it, never crash or overrun. */
static size_t
resealed_refused(const char *path, const char *key, const char *buf,
    size_t len, size_t step)
{
	struct ruleset *rs;
	char	*copy, sum[CACHEFILE_SUMLEN + 1];
	size_t	 off, refused = 0;

	copy = xmalloc(len);
	for (off = CACHEFILE_HEADLEN; off < len; off += step) {
		memcpy(copy, buf, len);
		copy[off] ^= (char)0xa5;
		checksum64_hex(copy + CACHEFILE_HEADLEN,
		    len - CACHEFILE_HEADLEN, sum);
		memcpy(copy + CACHEFILE_MAGICLEN, sum, CACHEFILE_SUMLEN);
		write_all(path, copy, len);
		if ((rs = rulecache_read(path, key)) == NULL)
			refused++;
		ruleset_free(rs);
	}
	free(copy);
	return refused;
}

static void
test_refused(void)
{
	struct errlist el = { NULL, 0, 0 };
	struct ruleset *rs, *back;
	char	*path, *buf, key[65], other[65];
	size_t	 len, cut;

	rs = rules_load_scan(NULL, 0, &el);
	if (rs == NULL) {
		CHECK(rs != NULL);
		return;
	}
	path = xasprintf("%s/bad.rules", tmpdir);
	sha256_hex("key", 3, key);
	sha256_hex("other key", 9, other);
	CHECK_INT(rulecache_write(path, key, rs), 0);
	buf = read_all(path, &len);
	CHECK(buf != NULL && len > CACHEFILE_HEADLEN + 1000);
	if (buf == NULL)
		goto out;
	back = rulecache_read(path, key);
	CHECK(back != NULL);
	ruleset_free(back);

	/* Under another key: a file put under a name not its own. */
	CHECK(rulecache_read(path, other) == NULL);
	/* Bit rot in the body, or in the checksum. */
	buf[len / 2] ^= 1;
	write_all(path, buf, len);
	CHECK(rulecache_read(path, key) == NULL);
	buf[len / 2] ^= 1;
	buf[CACHEFILE_MAGICLEN] ^= 1;
	write_all(path, buf, len);
	CHECK(rulecache_read(path, key) == NULL);
	buf[CACHEFILE_MAGICLEN] ^= 1;
	/* Another kind or version of file. */
	buf[7] ^= 1;
	write_all(path, buf, len);
	CHECK(rulecache_read(path, key) == NULL);
	buf[7] ^= 1;
	/* Truncated anywhere, even with the checksum made right. */
	for (cut = 0; cut < len; cut += len / 7 + 1) {
		write_all(path, buf, cut);
		CHECK(rulecache_read(path, key) == NULL);
	}
	/* Damage that the checksum does not catch is caught by the reader's
	   bounds, or is harmless: no crash, no overrun (ASan). */
	CHECK(resealed_refused(path, key, buf, len, len / 300 + 1) > 0);
	/* Not a regular file. */
	CHECK(rulecache_read(tmpdir, key) == NULL);
	write_all(path, buf, len);
	back = rulecache_read(path, key);
	CHECK(back != NULL);
	if (back != NULL)
		CHECK_INT(same_ruleset(rs, back), 0);
	ruleset_free(back);
out:
	remove(path);
	free(path);
	free(buf);
	ruleset_free(rs);
	errlist_free(&el);
}

static ino_t
inode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* The built-in rules through the cache: parsed and stored, then read
   back; a damaged file replaced; no cache directory, no file. */
static void
test_builtin(void)
{
	struct errlist el = { NULL, 0, 0 };
	struct ruleset *xml, *rs;
	char	*dir, *path, *blocker, key[65], *buf;
	size_t	 len;
	ino_t	 ino;

	xml = rules_load_scan(NULL, 0, &el);
	CHECK(xml != NULL);
	if (xml == NULL)
		return;
	dir = xasprintf("%s/cache/palint", tmpdir);
	path = rulecache_path(dir, key);
	CHECK(path != NULL);
	if (path == NULL)
		goto out;
	CHECK(strncmp(path, dir, strlen(dir)) == 0);
	CHECK(access(path, F_OK) == -1);

	/* Cold: parsed, and the file written. */
	rs = rulecache_builtin(dir, &el);
	CHECK(rs != NULL && same_ruleset(xml, rs) == 0);
	ruleset_free(rs);
	CHECK((ino = inode_of(path)) != 0);
	/* Warm: read, the file left as it was. */
	rs = rulecache_builtin(dir, &el);
	CHECK(rs != NULL && same_ruleset(xml, rs) == 0);
	ruleset_free(rs);
	CHECK(inode_of(path) == ino);
	/* Damaged: refused, parsed again, the file replaced by a good one. */
	buf = read_all(path, &len);
	CHECK(buf != NULL);
	if (buf != NULL) {
		buf[len - 3] ^= 0x40;
		write_all(path, buf, len);
		CHECK(rulecache_read(path, key) == NULL);
		rs = rulecache_builtin(dir, &el);
		CHECK(rs != NULL && same_ruleset(xml, rs) == 0);
		ruleset_free(rs);
		rs = rulecache_read(path, key);
		CHECK(rs != NULL);
		ruleset_free(rs);
		/* Truncated: the same. */
		write_all(path, buf, len / 2);
		rs = rulecache_builtin(dir, &el);
		CHECK(rs != NULL && same_ruleset(xml, rs) == 0);
		ruleset_free(rs);
		rs = rulecache_read(path, key);
		CHECK(rs != NULL);
		ruleset_free(rs);
		free(buf);
	}
	remove(path);
	free(path);

	/* "": no cache at all. */
	CHECK(rulecache_path("", key) == NULL);
	rs = rulecache_builtin("", &el);
	CHECK(rs != NULL && same_ruleset(xml, rs) == 0);
	ruleset_free(rs);
	/* A directory that cannot be made: the rules all the same. */
	blocker = xasprintf("%s/blocker", tmpdir);
	write_all(blocker, "x", 1);
	free(dir);
	dir = xasprintf("%s/sub", blocker);
	rs = rulecache_builtin(dir, &el);
	CHECK(rs != NULL && same_ruleset(xml, rs) == 0);
	ruleset_free(rs);
	remove(blocker);
	free(blocker);
	CHECK_INT(el.n, 0);
out:
	free(dir);
	ruleset_free(xml);
	errlist_free(&el);
}

int
main(void)
{
	char	 tmpl[] = "/tmp/test_rulecache.XXXXXX";
	char	*p;

	if ((tmpdir = mkdtemp(tmpl)) == NULL)
		fatal("mkdtemp failed");
	test_roundtrip();
	test_refused();
	test_builtin();
	p = xasprintf("rm -rf '%s'", tmpdir);
	if (system(p) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
	free(p);
	return CHECK_DONE();
}
