/*
 * replay.c -- runs a fuzz target without libFuzzer: each file named on the
 * command line (or each file inside a named folder) is given once to
 * LLVMFuzzerTestOneInput().  Built with the ordinary compiler, it lets
 * `make check` replay the seed corpora and every crash found so far.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "fuzz.h"
#include "util.h"

static int
replay_file(const char *path)
{
	unsigned char *data;
	size_t len;
	char *cause = NULL;

	if ((data = file_read(path, FILE_READ_ANY, 0, &len, &cause)) == NULL) {
		fprintf(stderr, "%s: %s\n", path, cause);
		free(cause);
		return 1;
	}
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of a folder, in name order. */
static int
replay_dir(const char *path)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;
	int bad = 0;

	if ((d = opendir(path)) == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xasprintf("%s/%s", path, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		bad |= replay_file(names[i]);
		free(names[i]);
	}
	free(names);
	return bad;
}

int
main(int argc, char **argv)
{
	struct stat st;
	int i, bad = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			bad |= replay_dir(argv[i]);
		else
			bad |= replay_file(argv[i]);
	}
	return bad;
}
