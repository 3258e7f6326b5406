/*
 * prefilter_none.c -- the prefilter of a build without Hyperscan.
 *
 * Input: whatever prefilter.h is given.  Output: no prefilter at all:
 * prefilter_build() returns NULL with a notice, nothing is covered, and
 * the scanner confirms every pattern with PCRE2 itself: correct, only
 * slower.  The build links this file instead of the Hyperscan ones.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "prefilter.h"
#include "util.h"

/* Built without Hyperscan: the scanner confirms every pattern itself. */
struct prefilter *
prefilter_build(const struct ruleset *rs, const char *cache_dir,
    char **notice)
{
	if (notice != NULL)
		*notice = xstrdup("built without Hyperscan; scanning with "
		    "PCRE2 only");
	return NULL;
}

void
prefilter_free(struct prefilter *pf)
{
}

enum prefilter_fit
prefilter_pattern_fit(const struct ruleset *rs, const struct pattern *p,
    char **expr)
{
	*expr = NULL;
	return PREFILTER_FITS;
}

int
prefilter_covers(const struct prefilter *pf, unsigned pattern)
{
	return 0;
}

size_t
prefilter_nexprs(const struct prefilter *pf)
{
	return 0;
}

const unsigned *
prefilter_patterns_of(const struct prefilter *pf, unsigned expr, size_t *n)
{
	*n = 0;
	return NULL;
}

const unsigned *
prefilter_anchors_of(const struct prefilter *pf, unsigned expr, size_t *n)
{
	*n = 0;
	return NULL;
}

const unsigned *
prefilter_exprs_of(const struct prefilter *pf, unsigned pattern, size_t *n)
{
	*n = 0;
	return NULL;
}

size_t
prefilter_reach(const struct prefilter *pf, unsigned expr)
{
	return PREFILTER_UNBOUNDED;
}

struct prefilter_scratch *
prefilter_scratch_new(const struct prefilter *pf)
{
	return NULL;
}

void
prefilter_scratch_free(struct prefilter_scratch *ps)
{
}

int
prefilter_scan(const struct prefilter *pf, struct prefilter_scratch *ps,
    unsigned lang, const char *text, size_t start, size_t end,
    prefilter_cb *cb, void *arg, char **cause)
{
	if (cause != NULL)
		*cause = xstrdup("built without Hyperscan");
	return -1;
}

const char *
prefilter_lost(const struct prefilter *pf)
{
	return NULL;
}

void
prefilter_get_info(const struct prefilter *pf, struct prefilter_info *info)
{
	memset(info, 0, sizeof(*info));
}

void
prefilter_set_block(struct prefilter *pf, size_t block)
{
}
