/*
 * fileio.c -- the one whole-file reader: every document, rule file and
 * cache is read through file_read(), so size limits, interrupted reads and
 * error messages behave the same everywhere.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "outfile.h"
#include "util.h"

const char *
file_kind(mode_t mode)
{
	if (S_ISREG(mode))
		return "regular file";
	if (S_ISDIR(mode))
		return "directory";
	if (S_ISFIFO(mode))
		return "FIFO";
	if (S_ISSOCK(mode))
		return "socket";
	if (S_ISCHR(mode))
		return "character device";
	if (S_ISBLK(mode))
		return "block device";
	if (S_ISLNK(mode))
		return "symbolic link";
	return "special file";
}

char *
file_refusal(mode_t mode)
{
	return xasprintf("skipped: not a regular file (%s)", file_kind(mode));
}

/*
 * Open path to read it whole.  A document must be a regular file: the walk
 * saw one, but something else may have taken its place since, and opening
 * a FIFO waits for a writer that may never come.  So the open does not
 * wait, fstat decides, and only a regular file is kept, in blocking mode.
 */
static int
file_open(const char *path, int flags, char **cause)
{
	struct stat st;
	int fd, fl;

	if (flags & FILE_READ_ANY)
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	else
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd == -1) {
		*cause = xstrdup(strerror(errno));
		return -1;
	}
	if (flags & FILE_READ_ANY)
		return fd;
	if (fstat(fd, &st) == -1 || (fl = fcntl(fd, F_GETFL)) == -1 ||
	    (S_ISREG(st.st_mode) && fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) ==
	    -1)) {
		*cause = xstrdup(strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*cause = file_refusal(st.st_mode);
		close(fd);
		return -1;
	}
	return fd;
}

unsigned char *
file_read(const char *path, int flags, size_t limit, size_t *len,
    char **cause)
{
	unsigned char *buf = NULL;
	size_t n = 0, cap = 0;
	ssize_t r;
	int fd;

	fd = path == NULL ? STDIN_FILENO : file_open(path, flags, cause);
	if (fd == -1)
		return NULL;
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
