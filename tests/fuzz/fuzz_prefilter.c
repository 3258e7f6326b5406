/*
 * fuzz_prefilter.c -- libFuzzer target: the prefilter never misses a match.
 * Input: one flags byte (bit 0: the source is a <term>, not a regex; bit 1:
 * the pattern is an anchor; bit 2: case-sensitive), the pattern up to the
 * first newline, then the text.  Whenever the pattern compiles and the
 * prefilter takes its source, every PCRE2 match [s, e) in the text must
 * hold the end of a candidate: s < end <= e.  That is the whole contract
 * the scanner relies on, whatever the source was reduced to.  Patterns are
 * kept short: Hyperscan takes seconds to compile some long ones under the
 * sanitizers, which would read as hangs.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "fuzz.h"
#include "prefilter.h"
#include "term.h"
#include "util.h"

#define PATTERN_MAX	60

struct ends {
	size_t	*v;
	size_t	 n;
	size_t	 cap;
};

static void
collect(unsigned expr, size_t end, void *arg)
{
	struct ends *e = arg;

	(void)expr;
	GROW(e->v, e->cap, e->n + 1);
	e->v[e->n++] = end;
}

static int
has_end_in(const struct ends *e, size_t s, size_t end)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		if (e->v[i] > s && e->v[i] <= end)
			return 1;
	return 0;
}

/* Every match of the pattern in text, one after another as the scanner
   finds them, must hold a candidate end. */
static void
check_matches(const struct pattern *p, const char *text, size_t len,
    const struct ends *e)
{
	struct matchctx *mx = matchctx_new(100000, 1000);
	size_t pos = 0, ms, me;
	char *cause = NULL;

	while (pos < len &&
	    pattern_find(p, mx, text, 0, pos, len, &ms, &me, &cause) == 1) {
		if (!has_end_in(e, ms, me)) {
			fprintf(stderr, "missed match at %zu-%zu\n", ms, me);
			abort();
		}
		pos = me > ms ? me : ms + 1;
		while (pos < len && ((unsigned char)text[pos] & 0xc0) == 0x80)
			pos++;
	}
	free(cause);
	matchctx_free(mx);
}

/* The pattern compiled as compile.c compiles every rule's; 0 or -1 (it
   does not compile, or it matches the empty string, which palint
   refuses). */
static int
compile_one(struct ruleset *rs, struct pattern *pat)
{
	struct errlist errs;
	int rc;

	memset(&errs, 0, sizeof(errs));
	rs->binding.v = pat;
	rs->binding.n = 1;
	rc = compile_ruleset(rs, COMPILE_ALL, &errs);
	errlist_free(&errs);
	return rc;
}

static void
run(char *regex, char *prefilter, int flags, const char *text,
    size_t len)
{
	struct ruleset rs;
	struct pattern pat, *all[1];
	struct prefilter *pf;
	struct prefilter_scratch *ps;
	struct ends e = { NULL, 0, 0 };
	char *cause = NULL;

	memset(&rs, 0, sizeof(rs));
	memset(&pat, 0, sizeof(pat));
	pat.source = pat.regex = regex;
	pat.prefilter = prefilter;
	pat.is_term = flags & 1;
	pat.case_sensitive = (flags & 4) != 0;
	pat.file = "fuzz";
	if (compile_one(&rs, &pat) != 0)
		return;
	pat.anchor = (flags & 2) != 0;
	all[0] = &pat;
	rs.patterns = all;
	rs.npatterns = 1;
	pf = prefilter_build(&rs, "", NULL);
	if (pf != NULL && prefilter_covers(pf, 0)) {
		ps = prefilter_scratch_new(pf);
		if (prefilter_scan(pf, ps, 0, text, 0, len, collect, &e, &cause) == 0)
			check_matches(&pat, text, len, &e);
		prefilter_scratch_free(ps);
	}
	free(cause);
	free(e.v);
	prefilter_free(pf);
	pattern_free_code(&pat);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *nl, *regex = NULL, *prefilter = NULL, *cause = NULL;
	int flags;

	if (size < 2 || size > 4096)
		return 0;
	flags = data[0];
	s = xstrndup((const char *)data + 1, size - 1);
	if ((nl = strchr(s, '\n')) == NULL || !fuzz_utf8_valid(s, strlen(s))) {
		free(s);
		return 0;
	}
	*nl = '\0';
	if (strlen(s) > PATTERN_MAX) {
		free(s);
		return 0;
	}
	if (flags & 1) {
		if (term_to_regex(s, &regex, &prefilter, &cause) != 0)
			regex = prefilter = NULL;
	} else {
		regex = xstrdup(s);
		prefilter = regex_to_prefilter(s);
	}
	if (regex != NULL && prefilter != NULL)
		run(regex, prefilter, flags, nl + 1, strlen(nl + 1));
	free(regex);
	free(prefilter);
	free(cause);
	free(s);
	return 0;
}
