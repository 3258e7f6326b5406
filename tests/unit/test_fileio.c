/*
 * test_fileio.c -- file_read() reads regular files whole, refuses FIFOs and
 * devices unless told otherwise, without ever waiting on one, and stops an
 * endless device at the size limit.  An alarm turns a hang into a failure.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fileio.h"
#include "util.h"

static char dir[] = "/tmp/test_fileio.XXXXXX";

/* Read path; the bytes (or NULL) are dropped, the cause kept in *cause. */
static int
try_read(const char *path, int flags, size_t limit, size_t *len,
    char **cause)
{
	unsigned char *data;

	*cause = NULL;
	data = file_read(path, flags, limit, len, cause);
	free(data);
	return data != NULL ? 0 : -1;
}

static void
test_regular(void)
{
	char *path, *cause;
	size_t len = 0;
	FILE *f;

	path = xasprintf("%s/doc.txt", dir);
	if ((f = fopen(path, "w")) == NULL)
		abort();
	fputs("We will protect undersea cables.\n", f);
	fclose(f);
	CHECK_INT(try_read(path, 0, 0, &len, &cause), 0);
	CHECK_INT(len, 33);
	CHECK_INT(try_read(path, FILE_READ_ANY, 0, &len, &cause), 0);
	CHECK_INT(try_read(path, 0, 10, &len, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "file too large") != NULL);
	free(cause);
	unlink(path);
	free(path);
}

/* A FIFO nobody writes to: without FILE_READ_ANY the open must not wait
   for a writer (the walk's check may be out of date when it is read). */
static void
test_fifo(void)
{
	char *path, *cause;
	size_t len;

	path = xasprintf("%s/fifo", dir);
	if (mkfifo(path, 0600) != 0)
		abort();
	CHECK_INT(try_read(path, 0, 0, &len, &cause), -1);
	CHECK_STR(cause, "skipped: not a regular file (FIFO)");
	free(cause);
	unlink(path);
	free(path);
}

static void
test_devices(void)
{
	char *cause;
	size_t len;

	CHECK_INT(try_read("/dev/zero", 0, 0, &len, &cause), -1);
	CHECK_STR(cause, "skipped: not a regular file (character device)");
	free(cause);
	CHECK_INT(try_read("/dev/zero", FILE_READ_ANY, 1 << 20, &len, &cause),
	    -1);
	CHECK(cause != NULL && strstr(cause, "file too large") != NULL);
	free(cause);
	CHECK_INT(try_read("/dev/null", FILE_READ_ANY, 0, &len, &cause), 0);
	CHECK_INT(len, 0);
	CHECK_INT(try_read(dir, 0, 0, &len, &cause), -1);
	CHECK_STR(cause, "skipped: not a regular file (directory)");
	free(cause);
}

int
main(void)
{
	alarm(20);
	if (mkdtemp(dir) == NULL)
		abort();
	test_regular();
	test_fifo();
	test_devices();
	rmdir(dir);
	return CHECK_DONE();
}
