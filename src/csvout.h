/*
 * csvout.h -- the one CSV field writer, for reports, merges and eval.
 *
 * A field is written as RFC 4180 asks, with libcsv's quoting: quoted when
 * it holds a comma, a double quote, CR or LF, and also when it starts or
 * ends with a space or a tab, because common readers (libcsv among them)
 * trim unquoted blanks.  Other fields, the empty one included, are written
 * as they are.  Rows end in CRLF.  Bytes are not checked for UTF-8: the
 * caller cleans text that came from documents before writing it.
 *
 * Spreadsheet-safe by default.  Spreadsheet programs run a cell that
 * starts with "=", "+", "-" or "@" as a formula (and some skip a leading
 * TAB or CR first), so a document's sentence or file name could become
 * =HYPERLINK(...) or a DDE command in an analyst's sheet (CSV injection,
 * OWASP).  Such a field is written with a "'" in front, which makes the
 * cell text, unless it is a plain decimal number ("-0.25": -?digits with
 * an optional .digits), which stays a number.  Neutralising is idempotent:
 * a field that starts with "'" is left alone, so merging safe reports
 * gives what one safe run gives.  CSVOUT_RAW (palint --csv-raw) writes
 * the bytes unchanged.
 */
#ifndef PALINT_CSVOUT_H
#define PALINT_CSVOUT_H

#include <stdio.h>

#define CSVOUT_FIRST	0x01	/* first of its row: no comma before it */
#define CSVOUT_RAW	0x02	/* not neutralised: the bytes as they are */

/* One field, preceded by a comma unless CSVOUT_FIRST; NULL is empty. */
void	 csvout_field(FILE *, const char *, unsigned flags);
/* Ends a row; 0, or -1 when the stream has an error. */
int	 csvout_end_row(FILE *);
/* Whether csvout_field() neutralises s unless CSVOUT_RAW. */
int	 csvout_is_formula(const char *s);
/*
 * What a field read back from a neutralised CSV stood for: s without the
 * "'" csvout_field() put in front, or s itself.  A field that began with
 * "'" and a formula character before it was written reads back without
 * its "'": the one case where the two cannot be told apart.
 */
const char	*csvout_unneutral(const char *s);

#endif
