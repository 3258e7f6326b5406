/*
 * engines.c -- benchmark tool: palint's two matching engines run alone over
 * files, so that tests/bench/run can set palint's throughput beside them.
 *
 *   engines hyperscan FILE...  one Hyperscan pass per file over the
 *                              prefilter database palint builds from the
 *                              built-in rules' default language (English;
 *                              candidates counted, none confirmed): the
 *                              cost of the prefilter alone;
 *   engines pcre2 FILE...      the textbook engine: every pattern of the
 *                              built-in rules searched over the whole file
 *                              with PCRE2 (JIT once hot), one pass per
 *                              pattern, every match counted.
 *
 * Prints "files bytes count" on stdout.  Exit 0, or 2 on any error.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "fileio.h"
#include "prefilter.h"
#include "ruleload.h"
#include "rules.h"
#include "utf8.h"

/* palint's own limits (scan.c): a pathological pattern stops, never hangs. */
#define ENGINES_MATCH_LIMIT	1000000
#define ENGINES_DEPTH_LIMIT	10000

static void
count_candidate(unsigned expr, size_t end, void *arg)
{
	(void)expr;
	(void)end;
	(*(unsigned long long *)arg)++;
}

/* Every match of every pattern, one pass per pattern; -1 on a limit. */
static int
pcre2_passes(const struct ruleset *rs, struct matchctx *mx, const char *text,
    size_t len, unsigned long long *count)
{
	size_t i, at, ms, me;
	char *cause = NULL;
	int rc;

	for (i = 0; i < rs->npatterns; i++) {
		at = 0;
		while (at <= len && (rc = pattern_find(rs->patterns[i], mx,
		    text, 0, at, len, &ms, &me, &cause)) == 1) {
			(*count)++;
			at = me > ms ? me : me + 1;
		}
		if (rc < 0) {
			fprintf(stderr, "engines: %s\n", cause);
			free(cause);
			return -1;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct ruleset *rs;
	struct prefilter *pf = NULL;
	struct prefilter_scratch *scratch = NULL;
	struct matchctx *mx;
	unsigned long long count = 0, bytes = 0;
	unsigned char *text;
	char *cause = NULL;
	size_t len;
	int i, hs, rc = 0;

	if (argc < 3 || (strcmp(argv[1], "hyperscan") != 0 &&
	    strcmp(argv[1], "pcre2") != 0)) {
		fputs("usage: engines hyperscan|pcre2 FILE...\n", stderr);
		return 2;
	}
	hs = strcmp(argv[1], "hyperscan") == 0;
	if ((rs = ruleload_rules(NULL, 0, COMPILE_TERMS_ON_USE, 1)) == NULL)
		return 2;
	if (hs) {
		if ((pf = prefilter_build(rs, getenv("ENGINES_CACHE"),
		    &cause)) == NULL) {
			fprintf(stderr, "engines: no prefilter: %s\n",
			    cause != NULL ? cause : "?");
			return 2;
		}
		scratch = prefilter_scratch_new(pf);
	}
	mx = matchctx_new(ENGINES_MATCH_LIMIT, ENGINES_DEPTH_LIMIT);
	for (i = 2; i < argc && rc == 0; i++) {
		if ((text = file_read(argv[i], 0, 0, &len, &cause)) == NULL) {
			fprintf(stderr, "engines: %s: %s\n", argv[i], cause);
			rc = 2;
			break;
		}
		/* PCRE2 is run without its own UTF check, as in palint:
		   the bench corpus is UTF-8 by construction. */
		if (utf8_validate(text, len) != len) {
			fprintf(stderr, "engines: %s: not UTF-8\n", argv[i]);
			free(text);
			rc = 2;
			break;
		}
		bytes += len;
		if (hs && prefilter_scan(pf, scratch, 0, (const char *)text, 0, len,
		    count_candidate, &count, &cause) != 0) {
			fprintf(stderr, "engines: %s: %s\n", argv[i], cause);
			rc = 2;
		} else if (!hs && pcre2_passes(rs, mx, (const char *)text, len,
		    &count) != 0)
			rc = 2;
		free(text);
	}
	printf("%d %llu %llu\n", argc - 2, bytes, count);
	free(cause);
	matchctx_free(mx);
	prefilter_scratch_free(scratch);
	prefilter_free(pf);
	ruleset_free(rs);
	return rc;
}
