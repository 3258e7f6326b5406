/*
 * scan.h -- stage 4: one segmented document and a compiled ruleset to hits.
 *
 * Matching runs sentence by sentence, so that a phrase broken across a
 * line break matches but nothing matches across a sentence or paragraph
 * end.  With a prefilter, only the sentences where it found a candidate for
 * a pattern are searched for that pattern, and <all> members and <unless>
 * exceptions are searched only where they have a candidate; the hits are
 * the same as without it.  Then
 * <all> and <near> groups are checked in their scope (<near> and a
 * windowed <all> also within their number of words), a conflict rule's hit
 * is dropped when its clause holds a stance cue, <unless> exceptions
 * cancel hits in their scope, a support hit is dropped when a conflict
 * rule of its objective fires in its sentence (one polarity per sentence
 * and objective), and each remaining hit gets its line,
 * column, page, sentence and the sentence's modality and kind
 * (sentkind.h).
 */
#ifndef PALINT_SCAN_H
#define PALINT_SCAN_H

#include <stddef.h>

#include "model.h"
#include "prefilter.h"

/* Per-thread scratch space; the ruleset and prefilter must outlive it. */
struct scanner;

struct scanner	*scanner_new(const struct ruleset *, const struct prefilter *);
void		 scanner_free(struct scanner *);

/*
 * Optional statistics for `rules check --corpus`: cancelled[rule->index *
 * stride + i] counts the hits that rule's i-th <unless> cancelled, where
 * stride is the largest nunless of the ruleset.  The caller owns the array
 * and must not share it between threads.
 */
struct scan_stats {
	size_t		*cancelled;
	size_t		 stride;
};

void		 scanner_set_stats(struct scanner *, struct scan_stats *);

/*
 * Returns 0 with *hits (caller owns; hits_free) sorted by start then rule
 * index, or -1 with *cause ("rule ID: match limit exceeded at line N") when
 * a pattern hit a PCRE2 limit.
 */
int		 scan_document(struct scanner *, const struct doctext *,
		    struct hit **hits, size_t *nhits, char **cause);
/* The strings one hit owns freed (the hit itself is not). */
void		 hit_clear(struct hit *);
void		 hits_free(struct hit *, size_t);

#endif
