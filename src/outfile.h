/*
 * outfile.h -- reports (and caches) written atomically, and clean stops on
 * signals.
 *
 * A report goes to a temporary file beside its destination and is renamed
 * into place only when complete, so an interrupted or failed run never
 * leaves a truncated report in place of a previous one.  SIGINT and SIGTERM
 * only raise a flag; the batch loop polls it, aborts the outputs (removing
 * the temporary files) and exits 128 + signal.
 */
#ifndef PALINT_OUTFILE_H
#define PALINT_OUTFILE_H

#include <stdio.h>

struct outfile {
	FILE		*fp;
	char		*path;		/* NULL: standard output */
	char		*tmp;
};

/* path NULL or "-": standard output.  0, or -1 with *cause. */
int	 outfile_open(struct outfile *, const char *path, char **cause);
/* The same for a file only its owner may read, such as a cache. */
int	 outfile_open_private(struct outfile *, const char *path,
	    char **cause);
int	 outfile_commit(struct outfile *, char **cause);
void	 outfile_abort(struct outfile *);

void	 signals_install(void);
int	 signal_caught(void);		/* the signal number, or 0 */

#endif
