/*
 * mkzip.c -- writes the hostile zip archives of tests/hostile.sh.
 *
 * Input: an output path and member specifications.  Output: a zip file
 * whose members are stored (not compressed), so that names, types and
 * counts that the zip(1) tool would refuse or rewrite ("../../x", symbolic
 * links, 100,000 members) can be made at test time without big fixtures.
 *
 *   mkzip OUT [-n COUNT] [MEMBER...]
 *
 * MEMBER is NAME=FILE (the bytes of FILE), NAME:TEXT (TEXT itself) or
 * NAME@TARGET (a symbolic link to TARGET).  -n adds COUNT small text
 * members named m000000.txt, m000001.txt, ...  More than 65,535 members
 * get the zip64 end records.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define ZIP_DOS_TIME	0x6000		/* 12:00:00 */
#define ZIP_DOS_DATE	0x5821		/* 2024-01-01 */
#define ZIP_MAX_ENTRIES	0xffff

struct member {
	char		*name;
	unsigned char	*data;
	size_t		 len;
	int		 link;
	uint32_t	 crc;
	uint32_t	 offset;
};

struct zip {
	FILE		*fp;
	struct member	*v;
	size_t		 n;
	size_t		 cap;
	uint32_t	 pos;
};

static uint32_t
crc32(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffU;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320U & (0U - (c & 1)));
	}
	return c ^ 0xffffffffU;
}

static void
put16(struct zip *z, unsigned v)
{
	fputc(v & 0xff, z->fp);
	fputc((v >> 8) & 0xff, z->fp);
	z->pos += 2;
}

static void
put32(struct zip *z, uint32_t v)
{
	put16(z, v & 0xffff);
	put16(z, v >> 16);
}

static void
put64(struct zip *z, uint64_t v)
{
	put32(z, (uint32_t)v);
	put32(z, (uint32_t)(v >> 32));
}

static void
putbytes(struct zip *z, const void *p, size_t n)
{
	fwrite(p, 1, n, z->fp);
	z->pos += (uint32_t)n;
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	unsigned char *buf = NULL;
	size_t cap = 0, r;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		fatal("%s: cannot open", path);
	*len = 0;
	do {
		GROW(buf, cap, *len + 65536);
		r = fread(buf + *len, 1, cap - *len, f);
		*len += r;
	} while (r > 0);
	fclose(f);
	return buf;
}

static void
member_add(struct zip *z, const char *name, size_t namelen,
    unsigned char *data, size_t len, int link)
{
	struct member *m;

	GROW(z->v, z->cap, z->n + 1);
	m = &z->v[z->n++];
	m->name = xstrndup(name, namelen);
	m->data = data;
	m->len = len;
	m->link = link;
	m->crc = crc32(data, len);
}

/* NAME=FILE, NAME:TEXT or NAME@TARGET. */
static void
member_parse(struct zip *z, const char *spec)
{
	size_t n = strcspn(spec, "=:@"), len;
	unsigned char *data;

	if (spec[n] == '\0' || n == 0)
		fatal("%s: want NAME=FILE, NAME:TEXT or NAME@TARGET", spec);
	if (spec[n] == '=')
		data = slurp(spec + n + 1, &len);
	else {
		data = (unsigned char *)xstrdup(spec + n + 1);
		len = strlen(spec + n + 1);
	}
	member_add(z, spec, n, data, len, spec[n] == '@');
}

/* From "version needed" to the name length, both headers say the same. */
static void
put_shared_fields(struct zip *z, const struct member *m)
{
	put16(z, 10);			/* version needed */
	put16(z, 0);			/* flags */
	put16(z, 0);			/* stored */
	put16(z, ZIP_DOS_TIME);
	put16(z, ZIP_DOS_DATE);
	put32(z, m->crc);
	put32(z, (uint32_t)m->len);
	put32(z, (uint32_t)m->len);
	put16(z, (unsigned)strlen(m->name));
}

static void
local_header(struct zip *z, struct member *m)
{
	m->offset = z->pos;
	put32(z, 0x04034b50);
	put_shared_fields(z, m);
	put16(z, 0);			/* extra */
	putbytes(z, m->name, strlen(m->name));
	putbytes(z, m->data, m->len);
}

static void
central_header(struct zip *z, const struct member *m)
{
	uint32_t mode = m->link ? 0120777 : 0100644;

	put32(z, 0x02014b50);
	put16(z, 3 << 8 | 20);		/* made by Unix, spec 2.0 */
	put_shared_fields(z, m);
	put16(z, 0);			/* extra */
	put16(z, 0);			/* comment */
	put16(z, 0);			/* disk */
	put16(z, 0);			/* internal attributes */
	put32(z, mode << 16);		/* external: Unix mode */
	put32(z, m->offset);
	putbytes(z, m->name, strlen(m->name));
}

/* The end records; zip64 ones first when the count needs them. */
static void
end_records(struct zip *z, uint32_t cdstart)
{
	uint32_t cdsize = z->pos - cdstart, z64 = z->pos;
	unsigned count = z->n > ZIP_MAX_ENTRIES ? ZIP_MAX_ENTRIES :
	    (unsigned)z->n;

	if (z->n > ZIP_MAX_ENTRIES) {
		put32(z, 0x06064b50);
		put64(z, 44);
		put16(z, 45);
		put16(z, 45);
		put32(z, 0);
		put32(z, 0);
		put64(z, z->n);
		put64(z, z->n);
		put64(z, cdsize);
		put64(z, cdstart);
		put32(z, 0x07064b50);
		put32(z, 0);
		put64(z, z64);
		put32(z, 1);
	}
	put32(z, 0x06054b50);
	put16(z, 0);
	put16(z, 0);
	put16(z, count);
	put16(z, count);
	put32(z, cdsize);
	put32(z, cdstart);
	put16(z, 0);
}

int
main(int argc, char **argv)
{
	struct zip z;
	char name[32];
	size_t i, count = 0;
	uint32_t cdstart;
	int a = 2;

	if (argc < 2)
		fatal("usage: mkzip OUT [-n COUNT] [NAME=FILE|NAME:TEXT|"
		    "NAME@TARGET]...");
	memset(&z, 0, sizeof(z));
	if (argc > 3 && strcmp(argv[2], "-n") == 0) {
		count = strtoul(argv[3], NULL, 10);
		a = 4;
	}
	for (i = 0; i < count; i++) {
		snprintf(name, sizeof(name), "m%06zu.txt", i);
		member_add(&z, name, strlen(name),
		    (unsigned char *)xstrdup("Text.\n"), 6, 0);
	}
	for (; a < argc; a++)
		member_parse(&z, argv[a]);
	if ((z.fp = fopen(argv[1], "wb")) == NULL)
		fatal("%s: cannot create", argv[1]);
	for (i = 0; i < z.n; i++)
		local_header(&z, &z.v[i]);
	cdstart = z.pos;
	for (i = 0; i < z.n; i++)
		central_header(&z, &z.v[i]);
	end_records(&z, cdstart);
	if (fclose(z.fp) != 0)
		fatal("%s: cannot write", argv[1]);
	for (i = 0; i < z.n; i++) {
		free(z.v[i].name);
		free(z.v[i].data);
	}
	free(z.v);
	return 0;
}
