/*
 * rulecache.c -- the built-in rules' loaded form kept on disk
 * (rulecache.h).
 *
 * Parsing the built-in rule file with libxml2 and walking its tree was
 * most of a one-page run; reading the same ruleset back from a flat image
 * is a few allocations per element and no parsing.  The image is the
 * ruleset's tree written depth first; pointers become indexes (a file in
 * rs->files, a vocabulary in rs->vocabularies) and what ruleset_link() or
 * compile.c fill in later is not stored.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cachefile.h"
#include "embedded.h"
#include "rulecache.h"
#include "rules.h"
#include "util.h"
#include "xmlparse.h"

/* The kind of file and its format; a change of layout changes it. */
#define RULECACHE_MAGIC	"PLRULE01"

/* Pattern flags in the image. */
#define PF_TERM		0x01
#define PF_CASE		0x02
#define PF_CONCEPT	0x04
#define PF_DEFERRED	0x08

/*
 * Body, as u32 in native order (the build id is part of the key):
 *
 *   key (string), then the ruleset: id title version source sha256,
 *   files, languages, extends, vocabularies and their table, areas with
 *   their objectives, rules, groups, exceptions and examples, the
 *   binding, hortatory, attribution, rejection and threat lists, the
 *   overrides.
 *
 * A string is its length + 1 then its bytes (0: NULL); a list is its
 * count then its items.  A file is its index + 1 in rs->files (0: none).
 */
static void
put_u32(struct strbuf *sb, uint32_t v)
{
	strbuf_add(sb, (const char *)&v, sizeof(v));
}

static void
put_str(struct strbuf *sb, const char *s)
{
	size_t	 n;

	if (s == NULL) {
		put_u32(sb, 0);
		return;
	}
	n = strlen(s);
	put_u32(sb, (uint32_t)n + 1);
	strbuf_add(sb, s, n);
}

/* A file name borrowed from rs->files, by its index + 1. */
static void
put_file(struct strbuf *sb, const struct ruleset *rs, const char *file)
{
	size_t	 i;

	for (i = 0; i < rs->nfiles; i++)
		if (rs->files[i] == file) {
			put_u32(sb, (uint32_t)i + 1);
			return;
		}
	put_u32(sb, 0);
}

static void
put_pattern(struct strbuf *sb, const struct ruleset *rs,
    const struct pattern *p)
{
	put_str(sb, p->source);
	put_str(sb, p->regex);
	put_str(sb, p->prefilter);
	put_u32(sb, (p->is_term ? PF_TERM : 0) |
	    (p->case_sensitive ? PF_CASE : 0) |
	    (p->is_concept ? PF_CONCEPT : 0) |
	    (p->deferred ? PF_DEFERRED : 0));
	put_file(sb, rs, p->file);
	put_u32(sb, (uint32_t)p->line);
	put_u32(sb, p->lang);
	put_u32(sb, p->vocab != NULL ?
	    (uint32_t)(p->vocab - rs->vocabularies) + 1 : 0);
}

static void
put_patlist(struct strbuf *sb, const struct ruleset *rs,
    const struct patlist *pl)
{
	size_t	 i;

	put_u32(sb, (uint32_t)pl->n);
	for (i = 0; i < pl->n; i++)
		put_pattern(sb, rs, &pl->v[i]);
}

static void
put_vocabulary(struct strbuf *sb, const struct ruleset *rs,
    const struct vocabulary *v)
{
	const struct vocabjoin *j;
	size_t	 i;

	put_str(sb, v->id);
	put_file(sb, rs, v->file);
	put_u32(sb, (uint32_t)v->line);
	put_u32(sb, (uint32_t)v->state);
	put_u32(sb, v->uses);
	put_patlist(sb, rs, &v->pats);
	put_u32(sb, (uint32_t)v->njoins);
	for (i = 0; i < v->njoins; i++) {
		j = &v->joins[i];
		put_str(sb, j->regex);
		put_str(sb, j->prefilter);
		put_u32(sb, (uint32_t)j->case_sensitive);
		put_u32(sb, (uint32_t)j->all_terms);
		put_u32(sb, (uint32_t)j->nparts);
		put_u32(sb, (uint32_t)j->deferred);
	}
}

static void
put_rule(struct strbuf *sb, const struct ruleset *rs, const struct rule *r)
{
	const struct group *g;
	const struct exception *e;
	const struct example *x;
	size_t	 i;

	put_str(sb, r->id);
	put_str(sb, r->title);
	put_str(sb, r->description);
	put_u32(sb, r->kind);
	put_u32(sb, r->severity);
	put_file(sb, rs, r->file);
	put_u32(sb, (uint32_t)r->line);
	put_u32(sb, (uint32_t)r->stance_ignore);
	put_patlist(sb, rs, &r->pats);
	put_u32(sb, (uint32_t)r->ngroups);
	for (i = 0; i < r->ngroups; i++) {
		g = &r->groups[i];
		put_u32(sb, g->scope);
		put_u32(sb, (uint32_t)g->line);
		put_u32(sb, (uint32_t)g->near);
		put_u32(sb, g->within);
		put_u32(sb, g->lang);
		put_patlist(sb, rs, &g->pats);
	}
	put_u32(sb, (uint32_t)r->nunless);
	for (i = 0; i < r->nunless; i++) {
		e = &r->unless[i];
		put_u32(sb, e->scope);
		put_u32(sb, (uint32_t)e->line);
		put_u32(sb, e->lang);
		put_patlist(sb, rs, &e->pats);
	}
	put_u32(sb, (uint32_t)r->nexamples);
	for (i = 0; i < r->nexamples; i++) {
		x = &r->examples[i];
		put_str(sb, x->text);
		put_u32(sb, (uint32_t)x->hit);
		put_u32(sb, (uint32_t)x->line);
		put_u32(sb, x->lang);
	}
}

static void
put_objective(struct strbuf *sb, const struct ruleset *rs,
    const struct objective *o)
{
	size_t	 i;

	put_str(sb, o->id);
	put_str(sb, o->title);
	put_str(sb, o->description);
	put_u32(sb, (uint32_t)o->working_title);
	put_u32(sb, o->min_rules);
	put_file(sb, rs, o->file);
	put_u32(sb, (uint32_t)o->line);
	put_u32(sb, (uint32_t)o->nrules);
	for (i = 0; i < o->nrules; i++)
		put_rule(sb, rs, &o->rules[i]);
}

static void
put_area(struct strbuf *sb, const struct ruleset *rs, const struct area *a)
{
	size_t	 i;

	put_str(sb, a->id);
	put_str(sb, a->title);
	put_u32(sb, a->kind);
	put_file(sb, rs, a->file);
	put_u32(sb, (uint32_t)a->line);
	put_u32(sb, (uint32_t)a->nobjectives);
	for (i = 0; i < a->nobjectives; i++)
		put_objective(sb, rs, &a->objectives[i]);
}

static void
put_ruleset(struct strbuf *sb, const struct ruleset *rs)
{
	size_t	 i;

	put_str(sb, rs->id);
	put_str(sb, rs->title);
	put_str(sb, rs->version);
	put_str(sb, rs->source);
	put_str(sb, rs->sha256);
	put_u32(sb, (uint32_t)rs->nfiles);
	for (i = 0; i < rs->nfiles; i++)
		put_str(sb, rs->files[i]);
	put_u32(sb, (uint32_t)rs->nlanguages);
	for (i = 0; i < rs->nlanguages; i++)
		put_str(sb, rs->languages[i]);
	put_u32(sb, (uint32_t)rs->extends);
	put_u32(sb, (uint32_t)rs->nvocabularies);
	for (i = 0; i < rs->nvocabularies; i++)
		put_vocabulary(sb, rs, &rs->vocabularies[i]);
	put_u32(sb, (uint32_t)rs->nvocab_slots);
	for (i = 0; i < rs->nvocab_slots; i++)
		put_u32(sb, rs->vocab_slots[i]);
	put_u32(sb, (uint32_t)rs->nareas);
	for (i = 0; i < rs->nareas; i++)
		put_area(sb, rs, &rs->areas[i]);
	put_patlist(sb, rs, &rs->binding);
	put_patlist(sb, rs, &rs->hortatory);
	put_patlist(sb, rs, &rs->attribution);
	put_patlist(sb, rs, &rs->rejection);
	put_patlist(sb, rs, &rs->threat);
	put_u32(sb, (uint32_t)rs->noverrides);
	for (i = 0; i < rs->noverrides; i++) {
		put_u32(sb, rs->overrides[i].kind);
		put_str(sb, rs->overrides[i].id);
		put_file(sb, rs, rs->overrides[i].file);
		put_u32(sb, (uint32_t)rs->overrides[i].line);
	}
}

int
rulecache_write(const char *path, const char *key, const struct ruleset *rs)
{
	struct strbuf	 sb = { NULL, 0, 0 };
	int		 rc;

	put_str(&sb, key);
	put_ruleset(&sb, rs);
	rc = cachefile_write(path, RULECACHE_MAGIC, sb.s, sb.len);
	strbuf_free(&sb);
	return rc;
}

/*
 * A bounded reader of the image: a read past its end, a count larger than
 * what is left, an index or enumeration out of range marks it bad, and a
 * bad image is thrown away whole.  What was read by then is zero-filled
 * and consistent, so ruleset_free() can take the partial ruleset.
 */
struct reader {
	struct cachereader c;
	struct ruleset	*rs;
};

static uint32_t
get_u32(struct reader *r)
{
	return cachereader_u32(&r->c);
}

/* A value below limit. */
static unsigned
get_below(struct reader *r, uint32_t limit)
{
	uint32_t	 u = get_u32(r);

	if (u >= limit) {
		r->c.bad = 1;
		return 0;
	}
	return u;
}

static int
get_int(struct reader *r)
{
	uint32_t	 u = get_u32(r);

	if (u > INT32_MAX) {
		r->c.bad = 1;
		return 0;
	}
	return (int)u;
}

/* A count of items that take at least 4 bytes each: never more than are
   left, so a damaged count cannot ask for a huge allocation. */
static size_t
get_count(struct reader *r)
{
	uint32_t	 n = get_u32(r);

	if (n > r->c.left / 4) {
		r->c.bad = 1;
		return 0;
	}
	return n;
}

static char *
get_str(struct reader *r)
{
	uint32_t	 n = get_u32(r);
	char		*s;

	if (r->c.bad || n == 0)
		return NULL;
	if (--n > r->c.left || memchr(r->c.p, '\0', n) != NULL) {
		r->c.bad = 1;
		return NULL;
	}
	s = xmalloc((size_t)n + 1);
	memcpy(s, r->c.p, n);
	s[n] = '\0';
	r->c.p += n;
	r->c.left -= n;
	return s;
}

static const char *
get_file(struct reader *r)
{
	unsigned	 i = get_below(r, (uint32_t)r->rs->nfiles + 1);

	return i > 0 ? r->rs->files[i - 1] : NULL;
}

static unsigned
get_lang(struct reader *r)
{
	return get_below(r, (uint32_t)r->rs->nlanguages);
}

static void
get_pattern(struct reader *r, struct pattern *p)
{
	unsigned	 flags, v;

	p->source = get_str(r);
	p->regex = get_str(r);
	p->prefilter = get_str(r);
	flags = get_below(r, 2 * PF_DEFERRED);
	p->is_term = (flags & PF_TERM) != 0;
	p->case_sensitive = (flags & PF_CASE) != 0;
	p->is_concept = (flags & PF_CONCEPT) != 0;
	p->deferred = (flags & PF_DEFERRED) != 0;
	p->file = get_file(r);
	p->line = get_int(r);
	p->lang = get_lang(r);
	v = get_below(r, (uint32_t)r->rs->nvocabularies + 1);
	p->vocab = v > 0 ? &r->rs->vocabularies[v - 1] : NULL;
	/* Every pattern has its text; a concept names its vocabulary. */
	if (p->source == NULL || (p->is_concept && p->vocab == NULL &&
	    !r->c.bad))
		r->c.bad = 1;
}

static void
get_patlist(struct reader *r, struct patlist *pl)
{
	size_t	 i, n = get_count(r);

	if (n == 0)
		return;
	pl->v = xcalloc(n, sizeof(*pl->v));
	pl->n = n;
	for (i = 0; i < n && !r->c.bad; i++)
		get_pattern(r, &pl->v[i]);
}

static void
get_vocabulary(struct reader *r, struct vocabulary *v)
{
	struct vocabjoin *j;
	size_t	 i, n;

	v->id = get_str(r);
	v->file = get_file(r);
	v->line = get_int(r);
	v->state = (int)get_below(r, VOCAB_FAILED + 1);
	v->uses = get_u32(r);
	get_patlist(r, &v->pats);
	if ((n = get_count(r)) == 0)
		return;
	v->joins = xcalloc(n, sizeof(*v->joins));
	v->njoins = n;
	for (i = 0; i < n && !r->c.bad; i++) {
		j = &v->joins[i];
		j->regex = get_str(r);
		j->prefilter = get_str(r);
		j->case_sensitive = (int)get_below(r, 2);
		j->all_terms = (int)get_below(r, 2);
		j->nparts = get_u32(r);
		j->deferred = (int)get_below(r, 2);
	}
	if (v->id == NULL)
		r->c.bad = 1;
}

static void
get_rule(struct reader *r, struct rule *ru)
{
	struct group *g;
	struct exception *e;
	struct example *x;
	size_t	 i, n;

	ru->id = get_str(r);
	ru->title = get_str(r);
	ru->description = get_str(r);
	ru->kind = get_below(r, RULE_CONFLICT + 1);
	ru->severity = get_below(r, SEVERITY_ERROR + 1);
	ru->file = get_file(r);
	ru->line = get_int(r);
	ru->stance_ignore = (int)get_below(r, 2);
	get_patlist(r, &ru->pats);
	if ((n = get_count(r)) > 0) {
		ru->groups = xcalloc(n, sizeof(*ru->groups));
		ru->ngroups = n;
	}
	for (i = 0; i < n && !r->c.bad; i++) {
		g = &ru->groups[i];
		g->scope = get_below(r, SCOPE_CLAUSE + 1);
		g->line = get_int(r);
		g->near = (int)get_below(r, 2);
		g->within = get_u32(r);
		g->lang = get_lang(r);
		get_patlist(r, &g->pats);
	}
	if ((n = get_count(r)) > 0) {
		ru->unless = xcalloc(n, sizeof(*ru->unless));
		ru->nunless = n;
	}
	for (i = 0; i < n && !r->c.bad; i++) {
		e = &ru->unless[i];
		e->scope = get_below(r, SCOPE_CLAUSE + 1);
		e->line = get_int(r);
		e->lang = get_lang(r);
		get_patlist(r, &e->pats);
	}
	if ((n = get_count(r)) > 0) {
		ru->examples = xcalloc(n, sizeof(*ru->examples));
		ru->nexamples = n;
	}
	for (i = 0; i < n && !r->c.bad; i++) {
		x = &ru->examples[i];
		x->text = get_str(r);
		x->hit = (int)get_below(r, 2);
		x->line = get_int(r);
		x->lang = get_lang(r);
	}
	if (ru->id == NULL)
		r->c.bad = 1;
}

static void
get_objective(struct reader *r, struct objective *o)
{
	size_t	 i, n;

	o->id = get_str(r);
	o->title = get_str(r);
	o->description = get_str(r);
	o->working_title = (int)get_below(r, 2);
	o->min_rules = get_u32(r);
	o->file = get_file(r);
	o->line = get_int(r);
	if ((n = get_count(r)) > 0) {
		o->rules = xcalloc(n, sizeof(*o->rules));
		o->nrules = n;
	}
	for (i = 0; i < n && !r->c.bad; i++)
		get_rule(r, &o->rules[i]);
	if (o->id == NULL)
		r->c.bad = 1;
}

static void
get_area(struct reader *r, struct area *a)
{
	size_t	 i, n;

	a->id = get_str(r);
	a->title = get_str(r);
	a->kind = get_below(r, AREA_ACTION + 1);
	a->file = get_file(r);
	a->line = get_int(r);
	if ((n = get_count(r)) > 0) {
		a->objectives = xcalloc(n, sizeof(*a->objectives));
		a->nobjectives = n;
	}
	for (i = 0; i < n && !r->c.bad; i++)
		get_objective(r, &a->objectives[i]);
	if (a->id == NULL)
		r->c.bad = 1;
}

/* Strings of a ruleset-wide list (files, languages), none NULL. */
static char **
get_strs(struct reader *r, size_t *np)
{
	char	**v;
	size_t	 i, n = get_count(r);

	*np = 0;
	if (n == 0)
		return NULL;
	v = xcalloc(n, sizeof(*v));
	*np = n;
	for (i = 0; i < n && !r->c.bad; i++)
		if ((v[i] = get_str(r)) == NULL)
			r->c.bad = 1;
	return v;
}

static void
get_vocab_slots(struct reader *r, struct ruleset *rs)
{
	size_t	 i, n = get_count(r);

	/* A power of two, at most half full (rules.c). */
	if (n == 0 || (n & (n - 1)) != 0 || n < 2 * rs->nvocabularies) {
		if (n != 0 || rs->nvocabularies != 0)
			r->c.bad = 1;
		return;
	}
	rs->vocab_slots = xcalloc(n, sizeof(*rs->vocab_slots));
	rs->nvocab_slots = n;
	for (i = 0; i < n && !r->c.bad; i++)
		rs->vocab_slots[i] = get_below(r,
		    (uint32_t)rs->nvocabularies + 1);
}

static void
get_overrides(struct reader *r, struct ruleset *rs)
{
	struct override *ov;
	size_t	 i, n = get_count(r);

	if (n == 0)
		return;
	rs->overrides = xcalloc(n, sizeof(*rs->overrides));
	rs->noverrides = n;
	for (i = 0; i < n && !r->c.bad; i++) {
		ov = &rs->overrides[i];
		ov->kind = get_below(r,
		    OVERRIDE_REPLACED + 1);
		ov->id = get_str(r);
		ov->file = get_file(r);
		ov->line = get_int(r);
		if (ov->id == NULL)
			r->c.bad = 1;
	}
}

static void
get_ruleset(struct reader *r, struct ruleset *rs)
{
	char	*sha;
	size_t	 i, n;

	rs->id = get_str(r);
	rs->title = get_str(r);
	rs->version = get_str(r);
	rs->source = get_str(r);
	if ((sha = get_str(r)) == NULL || strlen(sha) != 64)
		r->c.bad = 1;
	else
		memcpy(rs->sha256, sha, sizeof(rs->sha256));
	free(sha);
	rs->files = get_strs(r, &rs->nfiles);
	rs->languages = get_strs(r, &rs->nlanguages);
	rs->extends = (int)get_below(r, 2);
	/* The vocabularies exist before any pattern points at one. */
	if ((n = get_count(r)) > 0) {
		rs->vocabularies = xcalloc(n, sizeof(*rs->vocabularies));
		rs->nvocabularies = n;
	}
	for (i = 0; i < n && !r->c.bad; i++)
		get_vocabulary(r, &rs->vocabularies[i]);
	get_vocab_slots(r, rs);
	if ((n = get_count(r)) > 0) {
		rs->areas = xcalloc(n, sizeof(*rs->areas));
		rs->nareas = n;
	}
	for (i = 0; i < n && !r->c.bad; i++)
		get_area(r, &rs->areas[i]);
	get_patlist(r, &rs->binding);
	get_patlist(r, &rs->hortatory);
	get_patlist(r, &rs->attribution);
	get_patlist(r, &rs->rejection);
	get_patlist(r, &rs->threat);
	get_overrides(r, rs);
	if (rs->nlanguages == 0 || rs->nfiles == 0)
		r->c.bad = 1;
}

struct ruleset *
rulecache_read(const char *path, const char *key)
{
	struct reader	 r;
	unsigned char	*buf;
	char		*k;
	size_t		 len;

	if ((buf = cachefile_map(path, &len)) == NULL)
		return NULL;
	memset(&r, 0, sizeof(r));
	if ((r.c.p = cachefile_body(buf, len, RULECACHE_MAGIC, &r.c.left)) ==
	    NULL) {
		cachefile_unmap(buf, len);
		return NULL;
	}
	k = get_str(&r);
	if (k == NULL || strcmp(k, key) != 0)
		r.c.bad = 1;
	free(k);
	if (!r.c.bad) {
		r.rs = xcalloc(1, sizeof(*r.rs));
		get_ruleset(&r, r.rs);
	}
	cachefile_unmap(buf, len);
	if (r.c.bad || r.c.left != 0) {
		ruleset_free(r.rs);
		return NULL;
	}
	ruleset_link(r.rs);
	return r.rs;
}

char *
rulecache_path(const char *cache_dir, char key[65])
{
	const char	*build = cachefile_build_id();
	char		*dir, *path, *ident;

	/* Without a build id nothing names the code that made the image. */
	if (build == NULL || (dir = cachefile_dir(cache_dir)) == NULL)
		return NULL;
	ident = xasprintf("palint rules 1\n%s\n%zu\n%s %s\n%s",
	    embedded_scan_rules_sha256, embedded_scan_rules_len,
	    PACKAGE_VERSION, build, xmlparse_version());
	sha256_hex(ident, strlen(ident), key);
	free(ident);
	path = xasprintf("%s/%s.rules", dir, key);
	free(dir);
	return path;
}

struct ruleset *
rulecache_builtin(const char *cache_dir, struct errlist *errs)
{
	struct ruleset	*rs;
	char		 key[65], *path;

	path = rulecache_path(cache_dir, key);
	if (path != NULL && (rs = rulecache_read(path, key)) != NULL) {
		free(path);
		return rs;
	}
	rs = rules_load_scan(NULL, 0, errs);
	if (rs != NULL && path != NULL)
		(void)rulecache_write(path, key, rs);
	free(path);
	return rs;
}
