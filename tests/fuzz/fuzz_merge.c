/*
 * fuzz_merge.c -- libFuzzer target: the CSV and XML report readers of
 * `palint merge`.  They are private to merge.c, so the input goes through
 * the command itself: it is cut at the first form feed into two shard
 * files in a private directory, and palint_main() merges them into a third.
 * Whether a shard is CSV or XML follows its first byte, as in a real run.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fuzz.h"
#include "util.h"

static char	*dir;

static void
put(const char *path, const uint8_t *p, size_t n)
{
	FILE *f;

	if ((f = fopen(path, "wb")) == NULL)
		fatal("%s: cannot create", path);
	if (n > 0 && fwrite(p, 1, n, f) != n)
		fatal("%s: cannot write", path);
	if (fclose(f) != 0)
		fatal("%s: cannot write", path);
}

static void
cleanup(void)
{
	char *p;

	p = xasprintf("%s/a", dir);
	unlink(p);
	free(p);
	p = xasprintf("%s/b", dir);
	unlink(p);
	free(p);
	rmdir(dir);
	free(dir);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *ff;
	char *a, *b, *out;
	/* Writable copies: main()'s argv is char *[]. */
	static char arg0[] = "palint", arg1[] = "merge", arg2[] = "-o";
	char *argv[8];
	int argc = 0;

	if (dir == NULL) {
		dir = xasprintf("%s/palint-fuzz-merge.XXXXXX",
		    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
		if (mkdtemp(dir) == NULL)
			fatal("%s: cannot create", dir);
		atexit(cleanup);
	}
	a = xasprintf("%s/a", dir);
	b = xasprintf("%s/b", dir);
	out = xasprintf("%s/out", dir);
	ff = size > 0 ? memchr(data, '\f', size) : NULL;
	argv[argc++] = arg0;
	argv[argc++] = arg1;
	argv[argc++] = arg2;
	argv[argc++] = out;
	argv[argc++] = a;
	if (ff != NULL) {
		put(a, data, (size_t)(ff - data));
		put(b, ff + 1, size - (size_t)(ff - data) - 1);
		argv[argc++] = b;
	} else
		put(a, data, size);
	argv[argc] = NULL;
	palint_main(argc, argv);
	unlink(out);
	free(a);
	free(b);
	free(out);
	return 0;
}
