/*
 * csvdump.c -- test tool: re-reads a CSV report with libcsv's parser (an
 * independent reader, not palint's writer) and prints one line per record:
 * the field count, then the fields, tab-separated, with backslash, tab, CR
 * and LF escaped.  Exits 1 when the file is not valid RFC 4180 CSV.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static void
field(void *s, size_t n, void *arg)
{
	const char *p = s;
	size_t *count = arg, i;

	(*count)++;
	putchar('\t');
	for (i = 0; i < n; i++) {
		switch (p[i]) {
		case '\\': fputs("\\\\", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		default: putchar(p[i]); break;
		}
	}
}

static void
record(int c, void *arg)
{
	size_t *count = arg;

	(void)c;
	printf("\t#%zu\n", *count);
	*count = 0;
}

int
main(int argc, char **argv)
{
	struct csv_parser p;
	char buf[65536];
	size_t n, count = 0;
	FILE *f;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: csvdump FILE\n");
		return 2;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return 2;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (csv_parse(&p, buf, n, field, record, &count) != n) {
			fprintf(stderr, "%s: %s\n", argv[1],
			    csv_strerror(csv_error(&p)));
			return 1;
		}
	if (csv_fini(&p, field, record, &count) != 0) {
		fprintf(stderr, "%s: %s\n", argv[1],
		    csv_strerror(csv_error(&p)));
		return 1;
	}
	csv_free(&p);
	fclose(f);
	return 0;
}
