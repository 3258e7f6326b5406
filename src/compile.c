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
#include "patsrc.h"

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
   pattern while matching: only code (when compiled on first use), jcode,
   failed and searched change then. */
struct matcher {
	pcre2_code		*code;		/* NULL: not compiled yet */
	pcre2_code		*jcode;		/* JIT-compiled copy once the
						   pattern is hot, or code */
	size_t			 searched;	/* bytes searched while not
						   yet hot */
	const char		*src;		/* the pattern's regex, to
						   compile on first use; NULL:
						   made first (deferred) */
	char			*own_src;	/* src when made here */
	const struct ruleset	*rs;		/* for a deferred pattern: */
	const struct pattern	*pat;		/* what to make src from */
	int			 case_sensitive;
	int			 failed;	/* that compilation failed */
};

/* Guards compilation on first use and the JIT copy. */
static pthread_mutex_t code_lock = PTHREAD_MUTEX_INITIALIZER;

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

/* Compile one source; on error *cause says where in the pattern: in
   written, when src is the widened form of a <regex> written so. */
static pcre2_code *
compile_source(const char *src, int case_sensitive, const char *written,
    char **cause)
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
		if (written != NULL)
			off = patsrc_regex_offset(written, off);
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

/* A deferred pattern's regex, made under code_lock; NULL on failure. */
static const char *
matcher_src(struct matcher *m)
{
	char *pf = NULL, *cause = NULL;

	if (m->src == NULL && m->pat != NULL) {
		if (patsrc_make(m->rs, m->pat, &m->own_src, &pf, &cause) == 0)
			m->src = m->own_src;
		free(pf);
		free(cause);
	}
	return m->src;
}

/*
 * The code of a term compiled on first use (COMPILE_TERMS_ON_USE), or
 * NULL when it does not compile.  Published like the JIT copy below.
 */
static pcre2_code *
pattern_code_now(struct matcher *m)
{
	pcre2_code *code;
	char *cause = NULL;

	if ((code = __atomic_load_n(&m->code, __ATOMIC_ACQUIRE)) != NULL)
		return code;
	pthread_mutex_lock(&code_lock);
	if ((code = m->code) == NULL && !m->failed) {
		code = matcher_src(m) == NULL ? NULL :
		    compile_source(m->src, m->case_sensitive, NULL, &cause);
		free(cause);
		m->failed = code == NULL;
		__atomic_store_n(&m->code, code, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&code_lock);
	return code;
}

static const pcre2_code *
pattern_code(struct matcher *m, size_t len)
{
	pcre2_code *copy, *jcode, *code;

	if ((jcode = __atomic_load_n(&m->jcode, __ATOMIC_ACQUIRE)) != NULL)
		return jcode;
	if ((code = pattern_code_now(m)) == NULL)
		return NULL;
	if (__atomic_add_fetch(&m->searched, len, __ATOMIC_RELAXED) <
	    JIT_AFTER || RUNNING_ON_VALGRIND)
		return code;
	pthread_mutex_lock(&code_lock);
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
	pthread_mutex_unlock(&code_lock);
	return jcode;
}

int
compile_check(const char *regex, int case_sensitive, char **cause)
{
	pcre2_code *code;

	if ((code = compile_source(regex, case_sensitive, NULL, cause)) == NULL)
		return -1;
	pcre2_code_free(code);
	return 0;
}

int
compile_probe(const char *regex, size_t len, const char *const *subjects,
    size_t n, int *matched)
{
	pcre2_code		*code;
	pcre2_match_data	*md;
	PCRE2_SIZE		 off;
	size_t			 i;
	int			 err;

	code = pcre2_compile((PCRE2_SPTR)regex, len, PCRE2_UTF | PCRE2_UCP |
	    PCRE2_NEVER_BACKSLASH_C | PCRE2_ANCHORED, &err, &off, NULL);
	if (code == NULL)
		return -1;
	md = pcre2_match_data_create_from_pattern(code, NULL);
	for (i = 0; i < n; i++)
		matched[i] = pcre2_match(code, (PCRE2_SPTR)subjects[i],
		    strlen(subjects[i]), 0, 0, md, NULL) > 0;
	pcre2_match_data_free(md);
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
	pcre2_code_free(m->code);	/* NULL if never compiled */
	free(m->own_src);
	free(m);
	p->matcher = NULL;
}

/*
 * list names the ruleset-level list a pattern without a rule is in.  A
 * term's regex is written by term.c and compiles whenever its term
 * translated; with COMPILE_TERMS_ON_USE it is compiled when first
 * matched, so that a rule set in four languages does not compile three of
 * them for a document in one.
 */
static void
compile_pattern(const struct ruleset *rs, struct pattern *p,
    const struct rule *r, const char *list, int anchor,
    enum compile_mode mode, struct errlist *errs)
{
	pcre2_code *code;
	char *cause = NULL;

	p->rule = r;
	p->anchor = anchor;
	if (p->matcher != NULL)
		return;
	if ((p->is_term || p->deferred) && mode == COMPILE_TERMS_ON_USE) {
		p->matcher = xcalloc(1, sizeof(*p->matcher));
		p->matcher->src = p->regex;
		p->matcher->case_sensitive = p->case_sensitive;
		if (p->deferred) {
			p->matcher->rs = rs;
			p->matcher->pat = p;
		}
		return;
	}
	if (p->deferred) {
		/* Checking a rule file: everything is made now. */
		if (patsrc_make(rs, p, &p->regex, &p->prefilter,
		    &cause) == -1) {
			errlist_add(errs, "%s:%d: %s", p->file, p->line,
			    cause);
			free(cause);
			return;
		}
		p->deferred = 0;
	}
	code = compile_source(p->regex, p->case_sensitive,
	    p->is_term || p->is_concept ? NULL : p->source, &cause);
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
compile_list(const struct ruleset *rs, struct patlist *pl,
    const struct rule *r, const char *list, int anchor,
    enum compile_mode mode, struct errlist *errs)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		compile_pattern(rs, &pl->v[i], r, list, anchor, mode, errs);
}

/* The anchors of a rule are searched everywhere; the other patterns only
   inside the scope unit of an anchor's match. */
static void
compile_rule(const struct ruleset *rs, struct rule *r,
    enum compile_mode mode, struct errlist *errs)
{
	size_t i, j;

	compile_list(rs, &r->pats, r, NULL, 1, mode, errs);
	for (i = 0; i < r->ngroups; i++)
		for (j = 0; j < r->groups[i].pats.n; j++)
			compile_pattern(rs, &r->groups[i].pats.v[j], r, NULL,
			    j == 0, mode, errs);
	for (i = 0; i < r->nunless; i++)
		compile_list(rs, &r->unless[i].pats, r, NULL, 0, mode, errs);
}

/* Concepts with equal code together, each run in ruleset order.  A
   deferred concept has no regex yet: one of the same vocabulary and
   language will have the same. */
static int
concept_cmp(const void *a, const void *b)
{
	const struct pattern *x = *(struct pattern *const *)a;
	const struct pattern *y = *(struct pattern *const *)b;
	int c;

	if (x->case_sensitive != y->case_sensitive)
		return x->case_sensitive < y->case_sensitive ? -1 : 1;
	if (x->deferred != y->deferred)
		return x->deferred ? -1 : 1;
	if (x->deferred) {
		if (x->vocab != y->vocab)
			return (uintptr_t)x->vocab < (uintptr_t)y->vocab ?
			    -1 : 1;
		if (x->lang != y->lang)
			return x->lang < y->lang ? -1 : 1;
	} else if ((c = strcmp(x->regex, y->regex)) != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int
concept_same_code(const struct pattern *x, const struct pattern *y)
{
	if (x->case_sensitive != y->case_sensitive ||
	    x->deferred != y->deferred)
		return 0;
	if (x->deferred)
		return x->vocab == y->vocab && x->lang == y->lang;
	return strcmp(x->regex, y->regex) == 0;
}

/*
 * Every use of a vocabulary carries the same regex: the first concept of
 * each compiles it, the others borrow its code (and share its JIT copy and
 * byte count, so that a vocabulary used by many rules is hot sooner).
 * Runs before the rules are compiled, which then find the code in place.
 * Sorted rather than compared pairwise: the built-in rules hold thousands
 * of concepts.
 */
static void
share_concepts(struct ruleset *rs, enum compile_mode mode,
    struct errlist *errs)
{
	struct pattern **v, *first = NULL;
	size_t i, n = 0;

	v = xcalloc(rs->npatterns + 1, sizeof(*v));
	for (i = 0; i < rs->npatterns; i++)
		if (rs->patterns[i]->is_concept &&
		    rs->patterns[i]->matcher == NULL)
			v[n++] = rs->patterns[i];
	if (n > 0)
		qsort(v, n, sizeof(*v), concept_cmp);
	for (i = 0; i < n; i++) {
		if (first != NULL && first->matcher != NULL &&
		    concept_same_code(first, v[i])) {
			v[i]->matcher = first->matcher;
			v[i]->shared_code = 1;
			continue;
		}
		compile_pattern(rs, v[i], NULL, "concept", 0, mode, errs);
		first = v[i];
	}
	free(v);
}

int
compile_ruleset(struct ruleset *rs, enum compile_mode mode,
    struct errlist *errs)
{
	size_t before = errs->n, i;

	share_concepts(rs, mode, errs);
	for (i = 0; i < rs->nrules; i++)
		compile_rule(rs, rs->rules[i], mode, errs);
	compile_list(rs, &rs->binding, NULL, "modality", 0, mode, errs);
	compile_list(rs, &rs->hortatory, NULL, "modality", 0, mode, errs);
	compile_list(rs, &rs->attribution, NULL, "stance", 0, mode, errs);
	compile_list(rs, &rs->rejection, NULL, "stance", 0, mode, errs);
	compile_list(rs, &rs->threat, NULL, "stance", 0, mode, errs);
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
    size_t base, size_t start, size_t end, size_t *ms, size_t *me,
    char **cause)
{
	PCRE2_SIZE *ov;
	char *msg;
	int rc;

	const pcre2_code *code;

	if (start >= end)
		return 0;
	if ((code = pattern_code(p->matcher, end - start)) == NULL) {
		*cause = xasprintf("%s:%d: term \"%.60s\" does not compile",
		    p->file, p->line, p->source);
		return -1;
	}
	rc = pcre2_match(code, (PCRE2_SPTR)text + base, end - base,
	    start - base, PCRE2_NO_UTF_CHECK, mx->md, mx->mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		msg = pcre2_message(rc);
		*cause = xasprintf("%s", msg);
		free(msg);
		return -1;
	}
	ov = pcre2_get_ovector_pointer(mx->md);
	*ms = base + ov[0];
	*me = base + ov[1];
	return 1;
}
