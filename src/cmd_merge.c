/*
 * cmd_merge.c -- `palint merge [-o FILE] REPORT...`: the merged report
 * (merge.c) written atomically to -o FILE or to standard output, nothing
 * left behind when a shard is bad or a signal stops the run.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "merge.h"
#include "outfile.h"
#include "util.h"

int
cmd_merge(const struct options *o)
{
	struct errlist errs = { NULL, 0, 0 };
	struct outfile out;
	char *cause = NULL;
	int rc;

	if (o->nargs == 0) {
		log_warnx("merge wants one or more reports");
		return EXIT_TROUBLE;
	}
	if (outfile_open(&out, o->output, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	signals_install();
	rc = merge_reports(o, out.fp, &errs);
	if (rc != 0 || signal_caught() != 0) {
		outfile_abort(&out);
		errlist_print(&errs, NULL);
		errlist_free(&errs);
		return signal_caught() != 0 ? 128 + signal_caught() :
		    EXIT_TROUBLE;
	}
	errlist_free(&errs);
	if (outfile_commit(&out, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	return EXIT_OK;
}
