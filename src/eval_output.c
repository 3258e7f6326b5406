/*
 * eval_output.c -- what both modes of `palint eval` write with: the report
 * file (standard output, or -o FILE written atomically) in text or CSV.
 * Below eval.c and eval_docs.c, which both call it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "eval.h"
#include "outfile.h"
#include "util.h"

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
	fn(of.fp, o->format_set && o->format == FORMAT_CSV, options_csvflags(o),
	    arg);
	if (outfile_commit(&of, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}
