/*
 * test_decode.c -- decode_text() and the plain-text side of extract.c:
 * byte order marks, UTF-16, line ends, legacy charsets, NUL bytes, format
 * sniffing and the limits of extract_document().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc_fixture.h"
#include "extract.h"
#include "sniff.h"
#include "util.h"

/* Decode a byte literal; the warning goes to *warning (may be NULL). */
static char *
dec(const char *bytes, size_t n, char **warning)
{
	size_t len;
	char *s, *w;

	s = decode_text((const unsigned char *)bytes, n, &len, &w);
	if (strlen(s) != len)
		fprintf(stderr, "decoded length %zu, strlen %zu\n", len,
		    strlen(s));
	if (warning != NULL)
		*warning = w;
	else
		free(w);
	return s;
}

static int
valid_utf8(const unsigned char *p, size_t n)
{
	size_t i = 0, k, j;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		k = p[i] >= 0xc2 && p[i] <= 0xdf ? 2 : p[i] >= 0xe0 &&
		    p[i] <= 0xef ? 3 : p[i] >= 0xf0 && p[i] <= 0xf4 ? 4 : 0;
		if (k == 0 || i + k > n)
			return 0;
		for (j = 1; j < k; j++)
			if ((p[i + j] & 0xc0) != 0x80)
				return 0;
		i += k;
	}
	return 1;
}

/* What a decoding case asks of the warning. */
enum warn_check {
	WARN_NONE,		/* there is none */
	WARN_ANY,		/* not looked at */
	WARN_IS,		/* it is .warn */
	WARN_HAS		/* it contains .warn */
};

struct dec_case {
	const char	*in;
	size_t		 n;
	const char	*want;
	enum warn_check	 check;
	const char	*warn;
};

/* A byte literal and its length, NULs included. */
#define BYTES(s)	s, sizeof(s) - 1

static const struct dec_case dec_cases[] = {
	/* UTF-8, with and without a byte order mark; line ends. */
	{ BYTES("\xef\xbb\xbfHello"), "Hello", WARN_NONE, NULL },
	{ BYTES("caf\xc3\xa9 \xe7\xbd\x91\xe7\xbb\x9c"),
	  "caf\xc3\xa9 \xe7\xbd\x91\xe7\xbb\x9c", WARN_NONE, NULL },
	{ BYTES(""), "", WARN_NONE, NULL },
	{ BYTES("a\r\nb\rc\n\r\n\r"), "a\nb\nc\n\n\n", WARN_ANY, NULL },

	/* UTF-16: "It’s", the apostrophe U+2019 staying one character. */
	{ BYTES("\xff\xfeI\0t\0\x19\x20s\0"), "It\xe2\x80\x99s", WARN_NONE,
	  NULL },
	{ BYTES("\xfe\xff\0I\0t\x20\x19\0s\0\r\0\n\0x"), "It\xe2\x80\x99s\nx",
	  WARN_NONE, NULL },
	/* A lone high surrogate, then a lone low one, then an odd byte. */
	{ BYTES("\xff\xfe" "a\0\x00\xd8" "b\0\x00\xdc" "c\0d"),
	  "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd", WARN_HAS, "U+FFFD" },
	/* Surrogate pair: U+1F600. */
	{ BYTES("\xff\xfe\x3d\xd8\x00\xde"), "\xf0\x9f\x98\x80", WARN_NONE,
	  NULL },
	/* No byte order mark, recognised by the NULs. */
	{ BYTES("H\0i\0 \0t\0h\0e\0r\0e\0"), "Hi there", WARN_HAS, "UTF-16LE" },
	{ BYTES("\0H\0i\0 \0t\0h\0e\0r\0e"), "Hi there", WARN_HAS, "UTF-16BE" },

	/* Legacy charsets: Windows-1252, GBK for 网络安全, and a GBK right
	   quote in English text. */
	{ BYTES("don\x92t"), "don\xe2\x80\x99t", WARN_IS,
	  "invalid UTF-8, read as Windows-1252" },
	{ BYTES("\xcd\xf8\xc2\xe7\xb0\xb2\xc8\xab"),
	  "\xe7\xbd\x91\xe7\xbb\x9c\xe5\xae\x89\xe5\x85\xa8", WARN_HAS,
	  "GB18030" },
	{ BYTES("The State\xa1\xafs role.\r\n"), "The State\xe2\x80\x99s role.\n",
	  WARN_HAS, "GB18030" },

	/* NUL bytes become spaces. */
	{ BYTES("a\0b\0c"), "a b c", WARN_HAS, "NUL" },
	{ BYTES("\xff\xfe" "a\0\0\0b\0"), "a b", WARN_HAS, "NUL" }
};

/* Each case decodes to its text, with the warning it asks for. */
static void
test_cases(void)
{
	const struct dec_case *c;
	size_t i;
	int failures;
	char *s, *w;

	for (i = 0; i < nitems(dec_cases); i++) {
		c = &dec_cases[i];
		failures = check_failures;
		s = dec(c->in, c->n, &w);
		CHECK_STR(s, c->want);
		switch (c->check) {
		case WARN_NONE:
			CHECK(w == NULL);
			break;
		case WARN_ANY:
			break;
		case WARN_IS:
			CHECK_STR(w, c->warn);
			break;
		case WARN_HAS:
			CHECK(w != NULL && strstr(w, c->warn) != NULL);
			break;
		}
		if (check_failures != failures)
			fprintf(stderr, "in decoding case %zu\n", i);
		free(s);
		free(w);
	}
}

/* Cases that check only part of the text. */
static void
test_legacy(void)
{
	static const char fr[] = "La strat\xe9gie nationale pr\xe9voit une "
	    "coop\xe9ration europ\xe9\x65nne renforc\xe9\x65.\n";
	char *s, *w;

	s = dec(fr, sizeof fr - 1, &w);
	CHECK(strstr(s, "strat\xc3\xa9gie") != NULL);
	CHECK_STR(w, "invalid UTF-8, read as Windows-1252");
	free(s);
	free(w);
	/* Bytes CP1252 leaves undefined still give valid text. */
	s = dec("a\x81\x8d\x8f\x90\x9d" "b", 7, NULL);
	CHECK(s[0] == 'a' && s[strlen(s) - 1] == 'b');
	CHECK(valid_utf8((unsigned char *)s, strlen(s)));
	free(s);
}

/* Random bytes, and random mutations of UTF-16: valid UTF-8, no crash. */
static void
test_fuzz(void)
{
	unsigned char buf[512];
	unsigned long seed = 12345;
	size_t i, n, len, bad = 0;
	int round;
	char *s, *w;

	for (round = 0; round < 3000; round++) {
		n = round % nitems(buf);
		for (i = 0; i < n; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			buf[i] = (unsigned char)(seed >> 33);
			if (round % 3 == 1 && i % 2 == 1)
				buf[i] = 0;
		}
		if (round % 5 == 0 && n >= 2) {
			buf[0] = 0xff;
			buf[1] = 0xfe;
		}
		s = decode_text(buf, n, &len, &w);
		if (!valid_utf8((unsigned char *)s, len) || strlen(s) != len)
			bad++;
		free(s);
		free(w);
	}
	CHECK_INT(bad, 0);
}

/* A GBK-encoded corpus file, when the shared corpus is around. */
static void
test_corpus(void)
{
	const char *top = getenv("top_srcdir");
	unsigned char *buf;
	size_t n, len;
	char *s, *w, *path;
	FILE *f;

	path = xasprintf("%s/../shared/corpus/"
	    "kenya-national-cybersecurity-strategy-2014.txt",
	    top != NULL ? top : ".");
	f = fopen(path, "rb");
	free(path);
	if (f == NULL) {
		fprintf(stderr, "corpus GBK check skipped: no ../shared/corpus\n");
		return;
	}
	buf = xmalloc(1 << 20);
	n = fread(buf, 1, 1 << 20, f);
	fclose(f);
	s = decode_text(buf, n, &len, &w);
	CHECK(w != NULL && strstr(w, "GB18030") != NULL);
	CHECK(strstr(s, "\xe2\x80\x99") != NULL);	/* ’ */
	CHECK(strstr(s, "\xc2\xa1\xc2\xaf") == NULL);	/* ¡¯ mojibake */
	CHECK(strchr(s, '\r') == NULL);
	free(s);
	free(w);
	free(buf);
}

static enum doc_format
sniff(const char *name, const char *bytes, size_t n)
{
	return sniff_format(name, (const unsigned char *)bytes, n);
}

static void
test_sniff(void)
{
	static const char zip_docx[] = "PK\003\004\024\0\0\0\0\0\0\0\0\0"
	    "\0\0\0\0\0\0\0\0\0\0\0\0\023\0\0\0[Content_Types].xml"
	    "PK\003\004\024\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
	    "\021\0\0\0word/document.xml";
	static const char zip_odt[] = "PK\003\004\024\0\0\0\0\0\0\0\0\0"
	    "\0\0\0\0\047\0\0\0\047\0\0\0\010\0\0\0mimetype"
	    "application/vnd.oasis.opendocument.text";
	char bin[64];

	CHECK_INT(sniff("a.pdf", "%PDF-1.7\n", 9), DOC_PDF);
	CHECK_INT(sniff("x", zip_docx, sizeof zip_docx - 1), DOC_DOCX);
	CHECK_INT(sniff("x", zip_odt, sizeof zip_odt - 1), DOC_ODT);
	CHECK_INT(sniff("a.zip", "PK\003\004\0\0", 6), DOC_ZIP);
	CHECK_INT(sniff("a.docx", "PK\003\004\0\0", 6), DOC_DOCX);
	CHECK_INT(sniff("a.tgz", "\x1f\x8b\x08\0", 4), DOC_TAR);
	CHECK_INT(sniff("a.tar.xz", "\xfd" "7zXZ\0\0", 7), DOC_TAR);
	CHECK_INT(sniff("a", "<?xml version=\"1.0\"?><law/>", 27), DOC_XML);
	CHECK_INT(sniff("a", "<!DOCTYPE html><p>x", 19), DOC_HTML);
	CHECK_INT(sniff("a", " <html><body>x", 14), DOC_HTML);
	CHECK_INT(sniff("a.md", "# Title\n", 8), DOC_MARKDOWN);
	CHECK_INT(sniff("a.txt", "<not markup>\n", 13), DOC_TEXT);
	CHECK_INT(sniff("a.html", "just text", 9), DOC_HTML);
	CHECK_INT(sniff(NULL, "just text", 9), DOC_TEXT);
	CHECK_INT(sniff("u16", "\xff\xfe<\0h\0t\0m\0l\0>\0", 14), DOC_HTML);
	CHECK_INT(sniff("u16.txt", "\xff\xfeh\0i\0", 6), DOC_TEXT);
	memset(bin, 0, sizeof bin);
	memcpy(bin, "\x7f" "ELF\002\001", 6);
	CHECK_INT(sniff("a.txt", bin, sizeof bin), DOC_UNKNOWN);
	CHECK_STR(doc_format_name(DOC_MARKDOWN), "markdown");
	CHECK_STR(doc_format_name(DOC_UNKNOWN), "unknown");
}

static void
test_extract(void)
{
	static const char md[] = "# Title\n\nText.\n\n```\n# not a heading\n"
	    "```\n## Part two\nMore.\n";
	struct extract_opts o;
	struct doctext *dt;
	char *cause = NULL;

	if ((dt = fx_markdown(md)) != NULL) {
		CHECK_INT(dt->nheadings, 2);
		CHECK_INT(dt->headings[0], 0);
		CHECK_INT(dt->headings[1], strstr(md, "## Part") - md);
		CHECK_INT(dt->nsections, 2);
		CHECK(dt->nsentences > 0);
	}
	doctext_free(dt);
	extract_opts_default(&o);
	CHECK_INT(o.max_file_size, 256 << 20);
	CHECK_INT(o.max_members, 10000);
	CHECK_INT(o.max_ratio, 200);
	CHECK_INT(o.max_xml_depth, 256);
	o.max_file_size = 4;
	dt = extract_document("a.txt", (const unsigned char *)"hello", 5, &o,
	    &cause);
	CHECK(dt == NULL);
	CHECK_STR(cause, "file too large (5 bytes > limit 4)");
	free(cause);
	dt = extract_document("a.txt", (const unsigned char *)"", 0, NULL,
	    &cause);
	CHECK(dt == NULL);
	CHECK_STR(cause, "empty file");
	free(cause);
	dt = extract_document("a.zip", (const unsigned char *)"PK\003\004",
	    4, NULL, &cause);
	CHECK(dt == NULL);
	CHECK_STR(cause, "is an archive");
	free(cause);
	dt = extract_document("x.txt", (const unsigned char *)"don\x92t", 5,
	    NULL, &cause);
	CHECK(dt != NULL && dt->nwarnings == 1);
	if (dt != NULL)
		CHECK_STR(dt->warnings[0],
		    "invalid UTF-8, read as Windows-1252");
	doctext_free(dt);
	doctext_free(NULL);
}

int
main(void)
{
	test_cases();
	test_legacy();
	test_fuzz();
	test_corpus();
	test_sniff();
	test_extract();
	return CHECK_DONE();
}
