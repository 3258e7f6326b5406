/*
 * csvread.h -- a small CSV file read whole through libcsv, for the files a
 * person writes by hand (--waivers) and the CSV reports read back
 * (--baseline).  Each record keeps the line it starts on, so that every
 * complaint about it can say "path:line: message".
 *
 * RFC 4180 as libcsv reads it: fields may be quoted, quoted fields may hold
 * commas, quotes and line breaks; blank lines are skipped.  Fields are
 * returned as written (a "'" csvout.c put in front is not removed).
 */
#ifndef PALINT_CSVREAD_H
#define PALINT_CSVREAD_H

#include <stddef.h>

struct csvrecord {
	char		**f;		/* fields, owned, NUL-terminated */
	size_t		 n;
	unsigned	 line;		/* 1-based, where the record starts */
};

struct csvfile {
	struct csvrecord *v;
	size_t		 n;
	size_t		 cap;
};

/* 0, or -1 with *cause ("path:line: malformed CSV: why", or "path: why"
   when it cannot be read; caller owns).  The file is the caller's to free
   with csvread_free() in both cases. */
int	 csvread_file(const char *path, struct csvfile *, char **cause);
void	 csvread_free(struct csvfile *);

#endif
