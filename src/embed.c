/*
 * embed.c -- build-time tool: writes C arrays for files given as
 * "name path" pairs, so the binary carries its default rules and schemas.
 * Output: "const char embedded_NAME[]" (NUL-terminated) and
 * "const size_t embedded_NAME_len" on stdout.
 *
 * "-s name path" embeds the scan copy of a rule file instead: the same
 * XML without what scanning never reads (comments, <example> elements and
 * the indentation between elements), each replaced by the line breaks it
 * held, so that every element left keeps its line number for messages.
 * White space that is the whole content of an element is kept: it is that
 * element's text.  Rule files have no mixed content (the schema allows
 * none), so no other white space between two tags is text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A file's bytes, and the scan copy being written from them. */
struct buf {
	char		*p;
	size_t		 len;
};

static int
slurp(const char *path, struct buf *b)
{
	FILE *f;
	size_t cap = 65536, n;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	b->len = 0;
	if ((b->p = malloc(cap)) == NULL)
		goto fail;
	while ((n = fread(b->p + b->len, 1, cap - b->len, f)) > 0) {
		b->len += n;
		if (b->len == cap && (b->p = realloc(b->p, cap *= 2)) == NULL)
			goto fail;
	}
	if (ferror(f))
		goto fail;
	/* Room is left: the buffer grows as soon as it is full. */
	b->p[b->len] = '\0';
	fclose(f);
	return 0;
fail:
	perror(path);
	fclose(f);
	return -1;
}

/* Keep only the line breaks of [s, e) in out. */
static void
breaks(struct buf *out, const char *s, const char *e)
{
	for (; s < e; s++)
		if (*s == '\n')
			out->p[out->len++] = '\n';
}

static void
copy(struct buf *out, const char *s, const char *e)
{
	memcpy(out->p + out->len, s, (size_t)(e - s));
	out->len += (size_t)(e - s);
}

/* The end of the construct opened at s by the delimiter close; NULL when
   it runs off the end. */
static const char *
past(const char *s, const char *end, const char *close)
{
	size_t n = strlen(close);

	for (; s + n <= end; s++)
		if (memcmp(s, close, n) == 0)
			return s + n;
	return NULL;
}

/* The end of the tag opened at s: its '>' outside quoted values. */
static const char *
tag_end(const char *s, const char *end)
{
	char q = 0;

	for (; s < end; s++) {
		if (q != 0) {
			if (*s == q)
				q = 0;
		} else if (*s == '"' || *s == '\'')
			q = *s;
		else if (*s == '>')
			return s + 1;
	}
	return NULL;
}

/* Is the tag at s a start tag of element name? */
static int
is_start(const char *s, const char *end, const char *name)
{
	size_t n = strlen(name);

	return (size_t)(end - s) > n + 1 && memcmp(s + 1, name, n) == 0 &&
	    strchr(" \t\r\n/>", s[1 + n]) != NULL;
}

/* The end of the element whose start tag is [s, t): past its end tag,
   skipping comments and CDATA inside it. */
static const char *
element_end(const char *t, const char *end, const char *name)
{
	size_t n = strlen(name);

	if (t[-2] == '/')
		return t;
	while (t < end) {
		if (*t != '<')
			t++;
		else if (end - t >= 4 && memcmp(t, "<!--", 4) == 0)
			t = past(t, end, "-->");
		else if (end - t >= 9 && memcmp(t, "<![CDATA[", 9) == 0)
			t = past(t, end, "]]>");
		else if ((size_t)(end - t) > n + 2 && t[1] == '/' &&
		    memcmp(t + 2, name, n) == 0 &&
		    strchr(" \t\r\n>", t[2 + n]) != NULL)
			return tag_end(t, end);
		else
			t++;
		if (t == NULL)
			return NULL;
	}
	return NULL;
}

/*
 * White space between two pieces of markup: dropped (all but its line
 * breaks) unless it lies between a start tag and an end tag, where it is
 * an element's text.
 */
static void
blank(struct buf *out, const char *s, const char *e, int after_start)
{
	if (after_start && e[0] == '<' && e[1] == '/')
		copy(out, s, e);
	else
		breaks(out, s, e);
}

static int
scan_copy(const struct buf *in, struct buf *out)
{
	const char *s = in->p, *end = in->p + in->len, *t, *e;
	int after_start = 0;

	if ((out->p = malloc(in->len + 1)) == NULL)
		return -1;
	out->len = 0;
	while (s < end) {
		if (*s != '<') {
			for (t = s; t < end && strchr(" \t\r\n", *t) != NULL;
			    t++)
				;
			if (t < end && *t == '<') {
				blank(out, s, t, after_start);
				s = t;
				continue;
			}
			/* Text: copied up to the next markup. */
			for (t = s; t < end && *t != '<'; t++)
				;
			copy(out, s, t);
			s = t;
			after_start = 0;
			continue;
		}
		if (end - s >= 4 && memcmp(s, "<!--", 4) == 0) {
			if ((t = past(s, end, "-->")) == NULL)
				return -1;
			breaks(out, s, t);
			/* A comment leaves an element's text as it was. */
			s = t;
			continue;
		} else if (end - s >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
			if ((t = past(s, end, "]]>")) == NULL)
				return -1;
			copy(out, s, t);
		} else if (end - s >= 2 && (s[1] == '?' || s[1] == '!')) {
			if ((t = tag_end(s, end)) == NULL)
				return -1;
			copy(out, s, t);
		} else {
			if ((t = tag_end(s, end)) == NULL)
				return -1;
			if (is_start(s, end, "example")) {
				if ((e = element_end(t, end, "example")) ==
				    NULL)
					return -1;
				breaks(out, s, e);
				s = e;
				after_start = 0;
				continue;
			}
			copy(out, s, t);
			after_start = s[1] != '/' && t[-2] != '/';
			s = t;
			continue;
		}
		s = t;
		after_start = 0;
	}
	return 0;
}

static void
put_array(const char *name, const struct buf *b)
{
	size_t i;

	printf("const char embedded_%s[] = {", name);
	for (i = 0; i < b->len; i++)
		printf("%s%d,", i % 16 == 0 ? "\n\t" : "",
		    (unsigned char)b->p[i]);
	printf("\n\t0\n};\nconst size_t embedded_%s_len = %zu;\n\n", name,
	    b->len);
}

static int
embed(const char *name, const char *path, int scan)
{
	struct buf in, out;

	if (slurp(path, &in) != 0)
		return -1;
	if (!scan)
		put_array(name, &in);
	else if (scan_copy(&in, &out) != 0) {
		fprintf(stderr, "%s: unterminated markup\n", path);
		free(in.p);
		free(out.p);
		return -1;
	} else {
		put_array(name, &out);
		free(out.p);
	}
	free(in.p);
	return 0;
}

int
main(int argc, char **argv)
{
	int i, scan;

	printf("/* Generated by embed; do not edit. */\n");
	printf("#include <stddef.h>\n#include \"embedded.h\"\n\n");
	for (i = 1; i + 1 < argc; i += 2) {
		if ((scan = strcmp(argv[i], "-s") == 0) && ++i + 1 >= argc)
			return 1;
		if (embed(argv[i], argv[i + 1], scan) != 0)
			return 1;
	}
	return i == argc ? 0 : 1;
}
