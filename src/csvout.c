/*
 * csvout.c -- CSV fields out, quoted by libcsv (contract in csvout.h).
 */
#include "config.h"

#include <csv.h>
#include <stdio.h>
#include <string.h>

#include "csvout.h"

/* Blanks at either end are quoted too: libcsv and others trim them. */
static int
needs_quotes(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
	    s[n - 1] == '\t')
		return 1;
	return strpbrk(s, ",\"\r\n") != NULL;
}

void
csvout_field(FILE *fp, const char *s, unsigned flags)
{
	size_t n;

	if (s == NULL)
		s = "";
	n = strlen(s);
	if (!(flags & CSVOUT_FIRST))
		putc(',', fp);
	if (needs_quotes(s, n))
		csv_fwrite(fp, s, n);
	else
		fputs(s, fp);
}

int
csvout_end_row(FILE *fp)
{
	fputs("\r\n", fp);
	return ferror(fp) ? -1 : 0;
}
