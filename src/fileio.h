/*
 * fileio.h -- reading a whole file into memory.
 */
#ifndef PALINT_FILEIO_H
#define PALINT_FILEIO_H

#include <stddef.h>

/*
 * Read a whole file (standard input when path is NULL) to its end, with a
 * size limit (0: none).  Returns the bytes (caller owns, followed by a NUL
 * that *len does not count) and *len, or NULL with *cause (caller owns; the reason
 * only, without the path).  A read interrupted by SIGINT or SIGTERM fails;
 * other interruptions are retried.
 */
unsigned char	*file_read(const char *path, size_t limit, size_t *len,
		    char **cause);

#endif
