/*
 * walk.h -- operands to the sorted list of documents to read.
 *
 * Folders are walked recursively (symbolic links followed, loops detected),
 * hidden entries skipped unless asked, --include/--exclude globs applied to
 * the files found inside folders (an operand named explicitly is always
 * read), --files-from lists added.  The list is sorted by path and free of
 * repeats, so reports come out in the same order whatever the scheduling.
 * A path that cannot be walked is kept, with its error, so that the report
 * shows it instead of losing it.
 *
 * Walks never block: only regular files are read.  A FIFO, socket or
 * device met in a folder or a --files-from list is kept with the error
 * "skipped: not a regular file (FIFO)", never opened; one named as an
 * operand likewise, unless --devices=read asks for it to be read.
 */
#ifndef PALINT_WALK_H
#define PALINT_WALK_H

#include <stddef.h>

#include "options.h"
#include "util.h"

struct input {
	char		*path;		/* as reported */
	char		*error;		/* NULL, or why it cannot be read */
	int		 is_stdin;
	int		 read_any;	/* a FIFO or device may be read */
};

struct inputs {
	struct input	*v;
	size_t		 n;
	size_t		 cap;
};

/*
 * The order of documents in every report: byte order, except that "!"
 * (the archive member separator) sorts before every other byte, so that an
 * archive's members stay together where the archive itself would sort.
 */
int	 path_cmp(const char *, const char *);

/* Returns 0, or -1 for a usage problem (message in errs). */
int	 walk_inputs(const struct options *, struct inputs *, struct errlist *);
void	 inputs_free(struct inputs *);

#endif
