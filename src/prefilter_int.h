/*
 * prefilter_int.h -- what the Hyperscan prefilter files share:
 *
 *   prefilter_rewrite.c  the patterns' sources to the expression set and
 *                        the maps between expressions and patterns;
 *   prefilter_cache.c    a compiled database kept on disk;
 *   prefilter_scan.c     the struct prefilter: building the database from
 *                        the set (or the cache), and scanning with it.
 *
 * Included only by them.  Hyperscan's own types stay inside the .c files:
 * only those include hs.h.  A struct hsset owns its expressions, a struct
 * exprmap its arrays, a struct cached its buffer.
 */
#ifndef PALINT_PREFILTER_INT_H
#define PALINT_PREFILTER_INT_H

#include <stddef.h>

#include "prefilter.h"

/* The expressions offered to Hyperscan, parallel arrays as it wants them;
   compile_set() removes those it refuses. */
struct hsset {
	char		**expr;		/* owned */
	unsigned	 *flags;
	unsigned	 *ids;		/* expression ids */
	unsigned	 *space;	/* the language of each: one database
					   per language, in ascending order */
	size_t		  n;
	size_t		  npats;	/* patterns with a source */
};

/* Which patterns each expression stands for, and back. */
struct exprmap {
	size_t		 npatterns;	/* of the ruleset */
	size_t		 nexprs;	/* expression ids 0 .. nexprs - 1 */
	unsigned	*pat_off;	/* expression e stands for patterns */
	unsigned	*pats;		/* pats[pat_off[e] .. pat_off[e + 1]),
					   anchors first, up to anc_end[e] */
	unsigned	*anc_end;
	unsigned	*expr_off;	/* pattern p has expressions */
	unsigned	*exprs;		/* exprs[expr_off[p] .. expr_off[p + 1]) */
	size_t		*reach;		/* by expression: prefilter_reach() */
};

/* prefilter_rewrite.c */
void	 hsset_collect(const struct ruleset *, struct hsset *,
	    struct exprmap *);
void	 hsset_remove(struct hsset *, size_t);
void	 hsset_free(struct hsset *);
void	 exprmap_free(struct exprmap *);
/* Are the sources of language lang's terms written for folded text
   (term_fold_text)?  Then its database scans that. */
int	 prefilter_folds(const struct ruleset *, unsigned lang);

/* prefilter_reach.c: the most bytes a match of the expression spans, in
   Hyperscan's UTF-8 mode or byte mode; PREFILTER_UNBOUNDED when unknown. */
size_t	 expr_reach(const char *expr, int utf8);

/* A cache file's contents, checked against the set it was made for. */
struct cached {
	unsigned char	*buf;		/* owned: the whole file */
	unsigned	*taken;		/* owned: ids Hyperscan took */
	size_t		 ntaken;
	const char	*db;		/* the serialized database, in buf */
	size_t		 dblen;
};

/* prefilter_cache.c: the file for a set under cache_dir (see
   prefilter_build()), or NULL when there is none.  Reading returns 0 or
   -1 (no file, or not one for this set); writing 0 or -1, and is given
   the set and its serialized database (NULL when the set is empty). */
char	*cache_path(const struct ruleset *, const struct hsset *,
	    const char *cache_dir);
int	 cache_read(const char *path, const struct hsset *, struct cached *);
void	 cached_free(struct cached *);
int	 cache_write(const char *path, const struct hsset *, const char *db,
	    size_t dblen);

#endif
