/*
 * prefilter_int.h -- what the Hyperscan prefilter files share.  Included
 * only by them, and the only header that includes hs.h:
 *
 *   prefilter_rewrite.c  the patterns' sources to the expression set;
 *   prefilter_cache.c    the compiled database on disk;
 *   prefilter_scan.c     building the database, and scanning with it.
 *
 * A struct prefilter owns its database (in a bigbuf once placed), the
 * scratch prototype and the maps between expressions and patterns.  A
 * struct hsset owns its expressions.
 */
#ifndef PALINT_PREFILTER_INT_H
#define PALINT_PREFILTER_INT_H

#include <stddef.h>

#include <hs.h>

#include "prefilter.h"

struct prefilter {
	hs_database_t	*db;		/* NULL: no pattern could be taken */
	size_t		 dblen;		/* db is a bigbuf of this size */
	hs_scratch_t	*proto;		/* cloned for each thread */
	unsigned char	*covered;	/* by pattern index */
	size_t		 npatterns;
	size_t		 ncovered;
	size_t		 ndropped;
	size_t		 nexprs;	/* expression ids 0 .. nexprs - 1 */
	unsigned	*pat_off;	/* expression e stands for patterns */
	unsigned	*pats;		/* pats[pat_off[e] .. pat_off[e + 1]),
					   anchors first, up to anc_end[e] */
	unsigned	*anc_end;
	unsigned	*expr_off;	/* pattern p has expressions */
	unsigned	*exprs;		/* exprs[expr_off[p] .. expr_off[p + 1]) */
	size_t		 block;		/* largest length given to hs_scan */
	int		 cache_loaded;
	int		 cache_written;
};

/* The expressions offered to Hyperscan, parallel arrays as it wants them;
   compile_set() removes those it refuses. */
struct hsset {
	char		**expr;		/* owned */
	unsigned	 *flags;
	unsigned	 *ids;		/* expression ids */
	size_t		  n;
	size_t		  npats;	/* patterns with a source */
};

/* prefilter_rewrite.c: fills set, and pf's nexprs and maps. */
void	 hsset_collect(const struct ruleset *, struct hsset *,
	    struct prefilter *);
void	 hsset_remove(struct hsset *, size_t);
void	 hsset_free(struct hsset *);

/* prefilter_cache.c: the cache file for a set, NULL when there is none
   (see prefilter_build() for cache_dir); loading returns 0 or -1, having
   left pf as it was; saving sets pf->cache_written or fails silently. */
char	*cache_path(const struct ruleset *, const struct hsset *,
	    const char *cache_dir);
int	 cache_load(struct prefilter *, const struct hsset *,
	    const char *path);
void	 cache_save(struct prefilter *, const struct hsset *,
	    const char *path);

/* prefilter_scan.c: the database of pf, for the cache. */
int	 db_place(struct prefilter *, const char *bytes, size_t len);
void	 db_free(struct prefilter *);
void	 mark_covered(struct prefilter *, const struct hsset *,
	    const unsigned *taken, size_t ntaken);

#endif
