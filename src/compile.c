/*
 * compile.c -- stage 2: rule patterns to PCRE2 JIT code.
 *
 * Input: a loaded ruleset whose patterns carry PCRE2 sources.  Output: the
 * same ruleset with pattern->matcher set, anchors marked and owners
 * linked.
 * This is the only file that includes pcre2.h, so the matching engine can
 * change without touching the scanner.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"

/* Under valgrind, JIT code's word-wide reads past the end of the subject
   look like uses of uninitialised memory: the interpreter is used instead
   (same matches), so that memcheck runs report only real errors. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

/* Big enough for any sane rule, small enough that a runaway regex stops in
   well under a second on a paragraph. */
#define JIT_STACK_MAX	(4 * 1024 * 1024)

/* A pattern's compiled code.  p->matcher is reached through a const
   pattern while matching: only jcode and searched change then. */
struct matcher {
	pcre2_code		*code;
	pcre2_code		*jcode;		/* JIT-compiled copy once the
						   pattern is hot, or code */
	size_t			 searched;	/* bytes searched while not
						   yet hot */
};

struct matchctx {
	pcre2_match_data	*md;
	pcre2_match_context	*mc;
	pcre2_jit_stack		*js;
};

static char *
pcre2_message(int rc)
{
	PCRE2_UCHAR buf[256];

	if (pcre2_get_error_message(rc, buf, sizeof(buf)) < 0)
		return xasprintf("PCRE2 error %d", rc);
	return xstrdup((char *)buf);
}

/* Compile one source; on error *cause says where in the pattern. */
static pcre2_code *
compile_source(const char *src, int case_sensitive, char **cause)
{
	pcre2_code *code;
	uint32_t opts, minlen;
	PCRE2_SIZE off;
	int rc;
	char *msg;

	opts = PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C;
	if (!case_sensitive)
		opts |= PCRE2_CASELESS;
	code = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, opts,
	    &rc, &off, NULL);
	if (code == NULL) {
		msg = pcre2_message(rc);
		*cause = xasprintf("regex error at offset %zu: %s",
		    (size_t)off, msg);
		free(msg);
		return NULL;
	}
	/* An empty match would be a hit on every position of every text. */
	if (pcre2_pattern_info(code, PCRE2_INFO_MINLENGTH, &minlen) == 0 &&
	    minlen == 0) {
		pcre2_code_free(code);
		*cause = xstrdup("regex error: the pattern can match empty "
		    "text");
		return NULL;
	}
	return code;
}

/*
 * The code to match with: the interpreter's until the pattern has searched
 * JIT_AFTER bytes, then a JIT-compiled copy.  Most patterns of a big
 * ruleset run a few times on a short document, and JIT compilation would
 * be most of its cost; hot patterns in a batch pass the threshold within
 * the first documents.  The copy is made and compiled under a lock and
 * published with release semantics, and m->code itself is never modified,
 * so threads matching with it concurrently are unaffected.  Where JIT is
 * unavailable, m->code itself is published and the interpreter stays.
 */
#define JIT_AFTER	8192

static const pcre2_code *
pattern_code(struct matcher *m, size_t len)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	pcre2_code *copy, *jcode;

	if ((jcode = __atomic_load_n(&m->jcode, __ATOMIC_ACQUIRE)) != NULL)
		return jcode;
	if (__atomic_add_fetch(&m->searched, len, __ATOMIC_RELAXED) <
	    JIT_AFTER || RUNNING_ON_VALGRIND)
		return m->code;
	pthread_mutex_lock(&lock);
	if ((jcode = m->jcode) == NULL) {
		copy = pcre2_code_copy(m->code);
		if (copy != NULL &&
		    pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE) != 0) {
			pcre2_code_free(copy);
			copy = NULL;
		}
		jcode = copy != NULL ? copy : m->code;
		__atomic_store_n(&m->jcode, jcode, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&lock);
	return jcode;
}

int
compile_check(const char *regex, int case_sensitive, char **cause)
{
	pcre2_code *code;

	if ((code = compile_source(regex, case_sensitive, cause)) == NULL)
		return -1;
	pcre2_code_free(code);
	return 0;
}

void
pattern_free_code(struct pattern *p)
{
	struct matcher *m;

	if (p == NULL || (m = p->matcher) == NULL)
		return;
	if (p->shared_code) {
		p->matcher = NULL;
		return;
	}
	if (m->jcode != m->code)
		pcre2_code_free(m->jcode);
	pcre2_code_free(m->code);
	free(m);
	p->matcher = NULL;
}

/* list names the ruleset-level list a pattern without a rule is in. */
static void
compile_pattern(struct pattern *p, const struct rule *r, const char *list,
    int anchor, struct errlist *errs)
{
	pcre2_code *code;
	char *cause = NULL;

	p->rule = r;
	p->anchor = anchor;
	if (p->matcher != NULL)
		return;
	code = compile_source(p->regex, p->case_sensitive, &cause);
	if (code == NULL) {
		/* Quote a term, but not the whole of a runaway one: the
		   message must stay one readable line. */
		errlist_add(errs, "%s:%d: %s%s%s%.60s%s: %s", p->file, p->line,
		    r != NULL ? "rule " : list,
		    r != NULL ? r->id : "",
		    p->is_term ? ": term " : "",
		    p->is_term ? p->source : "",
		    p->is_term && strlen(p->source) > 60 ? "..." : "", cause);
		free(cause);
		return;
	}
	p->matcher = xcalloc(1, sizeof(*p->matcher));
	p->matcher->code = code;
}

static void
compile_list(struct patlist *pl, const struct rule *r, const char *list,
    int anchor, struct errlist *errs)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		compile_pattern(&pl->v[i], r, list, anchor, errs);
}

/* The anchors of a rule are searched everywhere; the other patterns only
   inside the scope unit of an anchor's match. */
static void
compile_rule(struct rule *r, struct errlist *errs)
{
	size_t i, j;

	compile_list(&r->pats, r, NULL, 1, errs);
	for (i = 0; i < r->ngroups; i++)
		for (j = 0; j < r->groups[i].pats.n; j++)
			compile_pattern(&r->groups[i].pats.v[j], r, NULL,
			    j == 0, errs);
	for (i = 0; i < r->nunless; i++)
		compile_list(&r->unless[i].pats, r, NULL, 0, errs);
}

/*
 * Every use of a vocabulary carries the same regex: the first concept of
 * each compiles it, the others borrow its code (and share its JIT copy and
 * byte count, so that a vocabulary used by many rules is hot sooner).
 * Runs before the rules are compiled, which then find the code in place.
 */
static void
share_concepts(struct ruleset *rs, struct errlist *errs)
{
	struct pattern *p, *q;
	size_t i, j;

	for (i = 0; i < rs->npatterns; i++) {
		p = rs->patterns[i];
		if (!p->is_concept || p->matcher != NULL)
			continue;
		for (j = 0; j < i && p->matcher == NULL; j++) {
			q = rs->patterns[j];
			if (q->is_concept && !q->shared_code &&
			    q->matcher != NULL &&
			    q->case_sensitive == p->case_sensitive &&
			    strcmp(q->regex, p->regex) == 0) {
				p->matcher = q->matcher;
				p->shared_code = 1;
			}
		}
		if (p->matcher == NULL)
			compile_pattern(p, NULL, "concept", 0, errs);
	}
}

int
compile_ruleset(struct ruleset *rs, struct errlist *errs)
{
	size_t before = errs->n, i;

	share_concepts(rs, errs);
	for (i = 0; i < rs->nrules; i++)
		compile_rule(rs->rules[i], errs);
	compile_list(&rs->binding, NULL, "modality", 0, errs);
	compile_list(&rs->hortatory, NULL, "modality", 0, errs);
	compile_list(&rs->attribution, NULL, "stance", 0, errs);
	compile_list(&rs->rejection, NULL, "stance", 0, errs);
	compile_list(&rs->threat, NULL, "stance", 0, errs);
	return errs->n == before ? 0 : -1;
}

struct matchctx *
matchctx_new(uint32_t match_limit, uint32_t depth_limit)
{
	struct matchctx *mx;

	mx = xcalloc(1, sizeof(*mx));
	if ((mx->md = pcre2_match_data_create(1, NULL)) == NULL ||
	    (mx->mc = pcre2_match_context_create(NULL)) == NULL)
		fatal("out of memory creating PCRE2 match data");
	pcre2_set_match_limit(mx->mc, match_limit);
	pcre2_set_depth_limit(mx->mc, depth_limit);
	mx->js = pcre2_jit_stack_create(32 * 1024, JIT_STACK_MAX, NULL);
	if (mx->js != NULL)
		pcre2_jit_stack_assign(mx->mc, NULL, mx->js);
	return mx;
}

void
matchctx_free(struct matchctx *mx)
{
	if (mx == NULL)
		return;
	pcre2_match_data_free(mx->md);
	pcre2_match_context_free(mx->mc);
	pcre2_jit_stack_free(mx->js);
	free(mx);
}

int
pattern_find(const struct pattern *p, struct matchctx *mx, const char *text,
    size_t start, size_t end, size_t *ms, size_t *me, char **cause)
{
	PCRE2_SIZE *ov;
	char *msg;
	int rc;

	if (start >= end)
		return 0;
	rc = pcre2_match(pattern_code(p->matcher, end - start),
	    (PCRE2_SPTR)text, end, start,
	    PCRE2_NO_UTF_CHECK, mx->md, mx->mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		msg = pcre2_message(rc);
		*cause = xasprintf("%s", msg);
		free(msg);
		return -1;
	}
	ov = pcre2_get_ovector_pointer(mx->md);
	*ms = ov[0];
	*me = ov[1];
	return 1;
}
