/*
 * ruleload.c -- the ruleset and prefilter every command starts from: rule
 * files loaded, checked and compiled, errors printed, and the Hyperscan
 * prefilter built (or its absence noted).
 */
#include "config.h"

#include <sys/mman.h>

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>

#include "compile.h"
#include "prefilter.h"
#include "rulecache.h"
#include "ruleload.h"
#include "rules.h"
#include "util.h"

/* glibc's default largest "fast" chunk on 64-bit platforms. */
#define FASTBIN_DEFAULT	128

/* The heap is grown once by this much, in huge pages (below). */
#define HEAP_GROW	(30 * 1024 * 1024)
#define HUGE_PAGE	(2 * 1024 * 1024)

/*
 * Loading the built-in rules fills some twenty megabytes of heap, and
 * faulting them in 4 KB pages was a sixth of a one-page run.  The heap is
 * grown once, ahead, and that span marked for transparent huge pages, as
 * glibc's own glibc.malloc.hugetlb=1 tunable would do; freed, it stays
 * the heap's top for the allocations to come.  The thresholds are those
 * glibc's adaptive ones reach after the first large block is freed
 * (setting any of them turns the adaptation off): blocks up to 32 MB
 * come from the heap, which is trimmed only past 64 MB free.
 */
static void
heap_prepare(void)
{
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD) && \
    defined(MADV_HUGEPAGE)
	static int done;
	uintptr_t lo, hi;
	char *p;

	if (done++)
		return;
	(void)mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	(void)mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
	if ((p = malloc(HEAP_GROW)) == NULL)
		return;
	lo = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	hi = ((uintptr_t)p + HEAP_GROW) & ~(uintptr_t)(HUGE_PAGE - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
	free(p);
#endif
}

static struct ruleset *
load(const char *const *paths, size_t n, enum compile_mode mode, int scan,
    const char *cache_dir)
{
	struct errlist errs = { NULL, 0, 0 };
	struct ruleset *rs;

	heap_prepare();
	/*
	 * Loading the rules makes and frees a few hundred thousand small
	 * blocks (the XML trees).  glibc keeps freed small blocks in its
	 * fast bins unmerged, and merges them all at the next large
	 * request, which cost a tenth of a one-page run; without fast bins
	 * while loading, each is merged as it is freed, for less.
	 */
#ifdef M_MXFAST
	(void)mallopt(M_MXFAST, 0);
#endif
	/* Scanning needs no term translated before a document does. */
	if (scan && n == 0)
		rs = rulecache_builtin(cache_dir, &errs);
	else if (scan)
		rs = rules_load_scan(paths, n, &errs);
	else if (mode == COMPILE_TERMS_ON_USE)
		rs = rules_load_deferred(paths, n, &errs);
	else
		rs = n > 0 ? rules_load_paths(paths, n, &errs) :
		    rules_load_default(&errs);
	if (rs != NULL && compile_ruleset(rs, mode, &errs) != 0) {
		ruleset_free(rs);
		rs = NULL;
	}
#ifdef M_MXFAST
	(void)mallopt(M_MXFAST, FASTBIN_DEFAULT);
#endif
	if (rs == NULL)
		errlist_print(&errs, NULL);
	errlist_free(&errs);
	return rs;
}

struct ruleset *
ruleload_rules(const char *const *paths, size_t n, enum compile_mode mode,
    int quiet)
{
	(void)quiet;
	return load(paths, n, mode, 0, NULL);
}

struct ruleset *
ruleload_scan_rules(const char *const *paths, size_t n,
    const char *cache_dir, int quiet)
{
	(void)quiet;
	return load(paths, n, COMPILE_TERMS_ON_USE, 1, cache_dir);
}

struct prefilter *
ruleload_prefilter(const struct options *o, const struct ruleset *rs)
{
	struct prefilter *pf;
	char *notice = NULL;

	if (!o->prefilter)
		return NULL;
	pf = prefilter_build(rs, o->cache_dir, &notice);
	if (notice != NULL && !o->quiet)
		log_warnx("%s", notice);
	free(notice);
	return pf;
}

void
ruleload_prefilter_free(struct prefilter *pf)
{
	const char *lost = prefilter_lost(pf);

	if (lost != NULL)
		log_warnx("prefilter: cache file %s is damaged: documents were "
		    "scanned without it, more slowly; it is removed, and the "
		    "next run rebuilds it", lost);
	prefilter_free(pf);
}

size_t
ruleload_count(const struct objective *ob, enum rule_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < ob->nrules; i++)
		n += ob->rules[i].kind == kind;
	return n;
}
