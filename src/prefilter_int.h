/*
 * prefilter_int.h -- what the Hyperscan prefilter files share:
 *
 *   prefilter_rewrite.c  the patterns' sources to the expression set and
 *                        the maps between expressions and patterns;
 *   prefilter_cache.c    the compiled prefilter kept on disk;
 *   prefilter_scan.c     the struct prefilter: building the database from
 *                        the set (or the cache), and scanning with it.
 *
 * Included only by them.  Hyperscan's own types stay inside the .c files:
 * only those include hs.h.  A struct hsset owns its expressions, a struct
 * exprmap its arrays, a struct cacheimg read back its file.
 */
#ifndef PALINT_PREFILTER_INT_H
#define PALINT_PREFILTER_INT_H

#include <stddef.h>
#include <stdint.h>

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

/* prefilter_loop.c: expr, a byte-mode expression, with every repeat with
   no upper bound of a group holding alternatives written as a loop over
   the bytes the group can match (with one copy of it first when it has a
   minimum), unless that class holds "."; expr unchanged when it has a
   construct the reader does not know.  The caller frees the result. */
char	*prefilter_loop_lists(const char *expr);

/* prefilter_reach.c: the most bytes a match of the expression spans, in
   Hyperscan's UTF-8 mode or byte mode; PREFILTER_UNBOUNDED when unknown. */
size_t	 expr_reach(const char *expr, int utf8);

/*
 * What a cache file holds: the maps, the number of patterns with a source
 * (struct hsset npats), the expression ids Hyperscan took, and each
 * language's serialized database.  Read back, buf is the file mapped
 * read-only (buflen bytes, released by cache_unmap), map and taken are
 * owned copies and db points into buf, unchecked: dbsum holds the
 * checksum64() each database must have before it is used.  Written, every
 * array is borrowed and dbsum unused.
 */
struct cacheimg {
	unsigned char	*buf;
	struct exprmap	 map;
	size_t		 npats;
	unsigned	*taken;
	size_t		 ntaken;
	const char	**db;		/* by language; dblen 0: none */
	size_t		*dblen;
	uint64_t	*dbsum;
	size_t		 nlangs;
	size_t		 buflen;
};

/* prefilter_cache.c: the executable's build id (hex), NULL when it has
   none; the digest of a derived set, to stand for it then; the file for a
   ruleset under cache_dir (see prefilter_build()), or NULL when there is
   none.  ident names the code that derives the set: a build id, or the
   digest of the set.  Reading returns 0 or -1 (no file, or not one for a
   ruleset of npatterns patterns and nlangs languages); writing 0 or -1. */
const char *cache_build_id(void);
void	 cache_set_digest(const struct hsset *, char digest[65]);
char	*cache_path(const struct ruleset *, const char *ident,
	    const char *cache_dir);
int	 cache_read(const char *path, size_t npatterns, size_t nlangs,
	    struct cacheimg *);
void	 cacheimg_free(struct cacheimg *);
void	 cache_unmap(unsigned char *buf, size_t len);
int	 cache_write(const char *path, const struct cacheimg *);

#endif
