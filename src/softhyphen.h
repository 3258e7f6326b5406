/*
 * softhyphen.h -- soft hyphens taken out of a document's text.
 *
 * Typesetting breaks long words at line ends with U+00AD SOFT HYPHEN, and
 * text copied out of a PDF keeps it with the line break after it:
 * "ciberse<SHY>\n  guridad".  No term can match a word cut that way, so
 * before segmentation the hyphen goes: followed by white space that holds
 * at most one line break and then more text, the hyphen and that white
 * space are removed and the two halves joined ("ciberseguridad"); any
 * other soft hyphen is dropped alone.  An ordinary hyphen at a line end
 * is left as it is: it may belong to a compound ("cyber-\nsecurity"), and
 * terms already read a hyphen and a line break as a word separator.
 *
 * Each removal is recorded in the doctext (struct textjoin, model.h) with
 * the line and column the following byte had before, so that reports
 * still point at the text as the extractor gave it; segment.c applies
 * them.  Heading and page offsets move with the text.
 */
#ifndef PALINT_SOFTHYPHEN_H
#define PALINT_SOFTHYPHEN_H

#include "model.h"

/* Remove the soft hyphens of an unsegmented doctext, recording each
   removal in its joins.  A text without any is left untouched. */
void	 softhyphen_remove(struct doctext *);

#endif
