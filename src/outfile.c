/*
 * outfile.c -- temporary file + rename for every report, and the signal
 * flag that lets a batch stop cleanly.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "util.h"

static volatile sig_atomic_t caught;

static void
on_signal(int sig)
{
	caught = sig;
}

void
signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int
signal_caught(void)
{
	return caught;
}

static int
open_file(struct outfile *of, const char *path, int private, char **cause)
{
	struct stat st;
	int fd;

	memset(of, 0, sizeof(*of));
	if (path == NULL || strcmp(path, "-") == 0) {
		of->fp = stdout;
		return 0;
	}
	/* A device or a pipe (-o /dev/null, -o /dev/stdout) cannot be
	   replaced by a rename: write to it directly. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((of->fp = fopen(path, "w")) == NULL) {
			*cause = xasprintf("%s: cannot write: %s", path,
			    strerror(errno));
			return -1;
		}
		of->path = xstrdup(path);
		return 0;
	}
	of->path = xstrdup(path);
	of->tmp = xasprintf("%s.tmp.XXXXXX", path);
	if ((fd = mkstemp(of->tmp)) == -1) {
		*cause = xasprintf("%s: cannot create: %s", path,
		    strerror(errno));
		free(of->tmp);
		free(of->path);
		of->tmp = of->path = NULL;
		return -1;
	}
	/* mkstemp makes the file private; a report is an ordinary file. */
	if (!private)
		(void)fchmod(fd, 0666 & ~umask(umask(0)));
	if ((of->fp = fdopen(fd, "w")) == NULL)
		fatal("fdopen: %s", strerror(errno));
	return 0;
}

int
outfile_open(struct outfile *of, const char *path, char **cause)
{
	return open_file(of, path, 0, cause);
}

int
outfile_open_private(struct outfile *of, const char *path, char **cause)
{
	return open_file(of, path, 1, cause);
}

int
outfile_commit(struct outfile *of, char **cause)
{
	int bad;

	if (of->fp == NULL)
		return 0;
	bad = fflush(of->fp) != 0 || ferror(of->fp);
	if (of->path == NULL) {
		of->fp = NULL;
		if (bad)
			*cause = xasprintf("standard output: %s",
			    strerror(errno));
		return bad ? -1 : 0;
	}
	bad |= fclose(of->fp) != 0;
	of->fp = NULL;
	if (!bad && of->tmp == NULL) {
		free(of->path);
		of->path = NULL;
		return 0;
	}
	if (!bad && of->tmp != NULL && rename(of->tmp, of->path) == 0) {
		free(of->tmp);
		free(of->path);
		of->tmp = of->path = NULL;
		return 0;
	}
	*cause = xasprintf("%s: cannot write: %s", of->path, strerror(errno));
	outfile_abort(of);
	return -1;
}

void
outfile_abort(struct outfile *of)
{
	if (of->fp != NULL && of->path != NULL)
		fclose(of->fp);
	of->fp = NULL;
	if (of->tmp != NULL)
		unlink(of->tmp);
	free(of->tmp);
	free(of->path);
	of->tmp = of->path = NULL;
}
