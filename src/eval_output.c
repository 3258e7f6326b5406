/*
 * eval_output.c -- what both modes of `palint eval` write with: the report
 * file (standard output, or -o FILE written atomically) in text or CSV, and
 * the CSV field quoting.  Below eval.c and eval_docs.c, which both call it.
 */
#include "config.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "outfile.h"
#include "util.h"

/* Blanks at either end are quoted too: libcsv and others trim them. */
void
eval_csv_field(FILE *fp, const char *s, int first)
{
	size_t n = strlen(s);

	if (!first)
		putc(',', fp);
	if (strpbrk(s, ",\"\r\n") != NULL || (n > 0 && (s[0] == ' ' ||
	    s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')))
		csv_fwrite(fp, s, n);
	else
		fputs(s, fp);
}

int
eval_output(const struct options *o, eval_write_fn *fn, void *arg)
{
	struct outfile of;
	char *cause = NULL;

	if (outfile_open(&of, o->output, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		return -1;
	}
	fn(of.fp, o->format_set && o->format == FORMAT_CSV, arg);
	if (outfile_commit(&of, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}
