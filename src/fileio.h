/*
 * fileio.h -- reading a whole file into memory.
 */
#ifndef PALINT_FILEIO_H
#define PALINT_FILEIO_H

#include <sys/types.h>

#include <stddef.h>

/* file_read() flags. */
#define FILE_READ_ANY	0x1	/* FIFOs and devices too, not only files */

/*
 * Read a whole file (standard input, whatever it is, when path is NULL) to
 * its end, with a size limit (0: none).  Without FILE_READ_ANY the open
 * never waits and anything but a regular file is refused, with the reason
 * file_refusal() gives; with it a FIFO is waited for and read to its end.
 * Returns the bytes (caller owns, followed by a NUL that *len does not
 * count) and *len, or NULL with *cause (caller owns; the reason only,
 * without the path).  A read interrupted by SIGINT or SIGTERM fails; other
 * interruptions are retried.
 */
unsigned char	*file_read(const char *path, int flags, size_t limit,
		    size_t *len, char **cause);

/* What a file of this type is, in words: "FIFO", "socket", "character
   device", "block device", "directory"... */
const char	*file_kind(mode_t);
/* Why a file of this type is not read as a document: "skipped: not a
   regular file (FIFO)" (caller owns). */
char		*file_refusal(mode_t);

#endif
