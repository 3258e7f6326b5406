/*
 * fileio.c -- the one whole-file reader: every document, rule file and
 * cache is read through file_read(), so size limits, interrupted reads and
 * error messages behave the same everywhere.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "outfile.h"
#include "util.h"

unsigned char *
file_read(const char *path, size_t limit, size_t *len, char **cause)
{
	unsigned char *buf = NULL;
	size_t n = 0, cap = 0;
	ssize_t r;
	int fd;

	fd = path == NULL ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		*cause = xstrdup(strerror(errno));
		return NULL;
	}
	/* Read to the end rather than trusting the size from stat: the file
	   may change while it is read. */
	for (;;) {
		GROW(buf, cap, n + 65536);
		r = read(fd, buf + n, cap - n);
		if (r == 0)
			break;
		if (r < 0) {
			/* A stop signal ends a read from a FIFO that never
			   ends; other interruptions are retried. */
			if (errno == EINTR && signal_caught() == 0)
				continue;
			*cause = xstrdup(strerror(errno));
			goto fail;
		}
		n += (size_t)r;
		if (limit > 0 && n > limit) {
			*cause = xasprintf("file too large (more than %zu "
			    "bytes; see --max-file-size)", limit);
			goto fail;
		}
	}
	if (path != NULL)
		close(fd);
	buf[n] = '\0';		/* GROW left room: cap > n */
	*len = n;
	return buf;
fail:
	if (path != NULL)
		close(fd);
	free(buf);
	return NULL;
}
