/*
 * csvout.c -- CSV fields out, quoted by libcsv and neutralised against
 * formula injection (contract in csvout.h).
 */
#include "config.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "util.h"

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

/* -?digits[.digits]: what palint writes for a number. */
static int
is_plain_number(const char *s)
{
	size_t n;

	if (*s == '-')
		s++;
	if ((n = strspn(s, "0123456789")) == 0)
		return 0;
	s += n;
	if (*s == '.' && (n = strspn(s + 1, "0123456789")) > 0)
		s += 1 + n;
	return *s == '\0';
}

int
csvout_is_formula(const char *s)
{
	return s != NULL && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL &&
	    !is_plain_number(s);
}

const char *
csvout_unneutral(const char *s)
{
	return s[0] == '\'' && csvout_is_formula(s + 1) ? s + 1 : s;
}

static void
put(FILE *fp, const char *s)
{
	size_t n = strlen(s);

	if (needs_quotes(s, n))
		csv_fwrite(fp, s, n);
	else
		fputs(s, fp);
}

void
csvout_field(FILE *fp, const char *s, unsigned flags)
{
	char *safe;

	if (s == NULL)
		s = "";
	if (!(flags & CSVOUT_FIRST))
		putc(',', fp);
	if ((flags & CSVOUT_RAW) || !csvout_is_formula(s)) {
		put(fp, s);
		return;
	}
	safe = xasprintf("'%s", s);
	put(fp, safe);
	free(safe);
}

int
csvout_end_row(FILE *fp)
{
	fputs("\r\n", fp);
	return ferror(fp) ? -1 : 0;
}
