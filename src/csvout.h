/*
 * csvout.h -- the one CSV field writer, for reports, merges and eval.
 *
 * A field is written as RFC 4180 asks, with libcsv's quoting: quoted when
 * it holds a comma, a double quote, CR or LF, and also when it starts or
 * ends with a space or a tab, because common readers (libcsv among them)
 * trim unquoted blanks.  Other fields, the empty one included, are written
 * as they are.  Rows end in CRLF.  Bytes are not checked or changed: the
 * caller cleans text that came from documents before writing it.
 *
 * The flags argument is where a field's provenance will go once cells from
 * untrusted text are neutralised against spreadsheet formula injection.
 */
#ifndef PALINT_CSVOUT_H
#define PALINT_CSVOUT_H

#include <stdio.h>

#define CSVOUT_FIRST	0x01	/* first of its row: no comma before it */

/* One field, preceded by a comma unless CSVOUT_FIRST; NULL is empty. */
void	 csvout_field(FILE *, const char *, unsigned flags);
/* Ends a row; 0, or -1 when the stream has an error. */
int	 csvout_end_row(FILE *);

#endif
