/*
 * section.h -- the path of headings above a place in a document, for the
 * evidence report ("2 Strategic objectives > 2.3 International
 * cooperation").
 *
 * Input: a doctext whose extractor gave heading offsets.  A heading's text
 * is its first line, Markdown "#" marks and surrounding blanks removed.
 * Its level comes, in this order, from its Markdown marks ("##" is 2), from
 * its numbering ("2.3" is 2, "2" or "2." is 1), or, for an unnumbered
 * heading, from the heading before it: one level below it when that one
 * was marked or numbered, its level when it was not (1 at the start).  A
 * heading closes every open heading at its level or deeper.
 *
 * Ownership: the struct section_paths and the strings it returns belong
 * to it; section_paths_free() accepts NULL.
 */
#ifndef PALINT_SECTION_H
#define PALINT_SECTION_H

#include <stddef.h>

#include "model.h"

struct section_paths;

/* The paths of every heading of doc; NULL when it has none. */
struct section_paths *section_paths_new(const struct doctext *);
/* The path at byte offset off: of the last heading starting at or before
   it; NULL before the first heading or when sp is NULL. */
const char	*section_path_at(const struct section_paths *, size_t off);
void		 section_paths_free(struct section_paths *);

#endif
