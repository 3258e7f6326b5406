/*
 * embed.c -- build-time tool: writes C arrays for files given as
 * "name path" pairs, so the binary carries its default rules and schemas.
 * Output: "const char embedded_NAME[]" (NUL-terminated),
 * "const size_t embedded_NAME_len" and "const char embedded_NAME_sha256[]"
 * (the SHA-256 of the file, lowercase hex) on stdout.  The digest is made
 * here, with no library, so that a run need not hash a megabyte to name
 * the built-in rules; the test suite compares it with nettle's.
 *
 * "-s name path" embeds the scan copy of a rule file instead: the same
 * XML without what scanning never reads (comments, <example> elements and
 * the indentation between elements), each replaced by the line breaks it
 * held, so that every element left keeps its line number for messages.
 * White space that is the whole content of an element is kept: it is that
 * element's text.  Rule files have no mixed content (the schema allows
 * none), so no other white space between two tags is text.
 *
 * "-x path" writes the scan copy itself, for the test suite.
 */
#include <stdint.h>
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

/* SHA-256 (FIPS 180-4) of a whole buffer, in hex. */
static const uint32_t sha_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR(x, n)	(((x) >> (n)) | ((x) << (32 - (n))))

static void
sha_block(uint32_t h[8], const unsigned char *b)
{
	uint32_t w[64], v[8], t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 |
		    (uint32_t)b[4 * i + 2] << 8 | b[4 * i + 3];
	for (; i < 64; i++)
		w[i] = w[i - 16] + (ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
		    (w[i - 15] >> 3)) + w[i - 7] + (ROR(w[i - 2], 17) ^
		    ROR(w[i - 2], 19) ^ (w[i - 2] >> 10));
	memcpy(v, h, sizeof(v));
	for (i = 0; i < 64; i++) {
		t1 = v[7] + (ROR(v[4], 6) ^ ROR(v[4], 11) ^ ROR(v[4], 25)) +
		    ((v[4] & v[5]) ^ (~v[4] & v[6])) + sha_k[i] + w[i];
		t2 = (ROR(v[0], 2) ^ ROR(v[0], 13) ^ ROR(v[0], 22)) +
		    ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
		memmove(v + 1, v, 7 * sizeof(v[0]));
		v[4] += t1;
		v[0] = t1 + t2;
	}
	for (i = 0; i < 8; i++)
		h[i] += v[i];
}

static void
sha256_hex(const unsigned char *p, size_t len, char out[65])
{
	uint32_t h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	unsigned char last[128];
	uint64_t bits = (uint64_t)len * 8;
	size_t i, n, tail = len % 64;
	int k;

	for (i = 0; i + 64 <= len; i += 64)
		sha_block(h, p + i);
	/* The tail, a 1 bit, zeros, and the length in bits: one or two
	   blocks. */
	memset(last, 0, sizeof(last));
	memcpy(last, p + i, tail);
	last[tail] = 0x80;
	n = tail < 56 ? 64 : 128;
	for (k = 0; k < 8; k++)
		last[n - 1 - k] = (unsigned char)(bits >> (8 * k));
	for (i = 0; i < n; i += 64)
		sha_block(h, last + i);
	for (k = 0; k < 8; k++)
		snprintf(out + 8 * k, 9, "%08lx", (unsigned long)h[k]);
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
put_array(const char *name, const struct buf *b, const struct buf *from)
{
	char digest[65];
	size_t i;

	printf("const char embedded_%s[] = {", name);
	for (i = 0; i < b->len; i++)
		printf("%s%d,", i % 16 == 0 ? "\n\t" : "",
		    (unsigned char)b->p[i]);
	printf("\n\t0\n};\nconst size_t embedded_%s_len = %zu;\n", name,
	    b->len);
	sha256_hex((const unsigned char *)from->p, from->len, digest);
	printf("const char embedded_%s_sha256[] = \"%s\";\n\n", name,
	    digest);
}

static int
embed(const char *name, const char *path, int scan)
{
	struct buf in, out;

	if (slurp(path, &in) != 0)
		return -1;
	if (!scan)
		put_array(name, &in, &in);
	else if (scan_copy(&in, &out) != 0) {
		fprintf(stderr, "%s: unterminated markup\n", path);
		free(in.p);
		free(out.p);
		return -1;
	} else {
		put_array(name, &out, &in);
		free(out.p);
	}
	free(in.p);
	return 0;
}

/* The scan copy of path on stdout, as is. */
static int
show_scan_copy(const char *path)
{
	struct buf in, out;
	int rc = 0;

	if (slurp(path, &in) != 0)
		return 1;
	if (scan_copy(&in, &out) != 0) {
		fprintf(stderr, "%s: unterminated markup\n", path);
		rc = 1;
	} else if (fwrite(out.p, 1, out.len, stdout) != out.len)
		rc = 1;
	free(in.p);
	free(out.p);
	return rc;
}

int
main(int argc, char **argv)
{
	int i, scan;

	if (argc == 3 && strcmp(argv[1], "-x") == 0)
		return show_scan_copy(argv[2]);

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
