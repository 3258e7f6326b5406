/*
 * test_utf8.c -- the UTF-8 module: what decodes, what is rejected (overlong
 * forms, surrogates, values past U+10FFFF, truncated sequences, stray
 * continuation bytes), validation offsets, counting, encoding and the
 * character boundaries that excerpts are cut at.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "utf8.h"
#include "util.h"

/*
 * Decode s (n bytes, copied to a buffer of exactly n bytes so that a read
 * past it is a sanitizer error); the length, with the code point in *cp.
 */
static size_t
dec(const char *s, size_t n, uint32_t *cp)
{
	unsigned char *p = xmalloc(n);
	size_t len;

	memcpy(p, s, n);
	len = utf8_decode(p, n, cp);
	free(p);
	return len;
}

#define CHECK_DEC(s, want_len, want_cp) do {				\
	uint32_t cp_;							\
	CHECK_INT(dec((s), sizeof(s) - 1, &cp_), (want_len));		\
	CHECK_INT(cp_, (want_cp));					\
} while (0)

#define CHECK_BAD(s) CHECK_DEC(s, 0, UTF8_REPLACEMENT)

static void
test_valid(void)
{
	uint32_t cp;

	CHECK_DEC("A", 1, 'A');
	CHECK_DEC("\x7f", 1, 0x7f);
	CHECK_INT(utf8_decode((const unsigned char *)"", 1, &cp), 1);
	CHECK_INT(cp, 0);
	CHECK_DEC("\xc2\x80", 2, 0x80);
	CHECK_DEC("\xc3\xa9", 2, 0xe9);
	CHECK_DEC("\xdf\xbf", 2, 0x7ff);
	CHECK_DEC("\xe0\xa0\x80", 3, 0x800);
	CHECK_DEC("\xe2\x82\xac", 3, 0x20ac);
	CHECK_DEC("\xed\x9f\xbf", 3, 0xd7ff);
	CHECK_DEC("\xee\x80\x80", 3, 0xe000);
	CHECK_DEC("\xef\xbf\xbd", 3, UTF8_REPLACEMENT);
	CHECK_DEC("\xef\xbf\xbf", 3, 0xffff);
	CHECK_DEC("\xf0\x90\x80\x80", 4, 0x10000);
	CHECK_DEC("\xf0\x9f\x98\x80", 4, 0x1f600);
	CHECK_DEC("\xf4\x8f\xbf\xbf", 4, 0x10ffff);
	/* Only the first character is decoded. */
	CHECK_DEC("\xc3\xa9z", 2, 0xe9);
}

static void
test_invalid(void)
{
	/* Overlong forms. */
	CHECK_BAD("\xc0\x80");
	CHECK_BAD("\xc1\xbf");
	CHECK_BAD("\xe0\x80\x80");
	CHECK_BAD("\xe0\x9f\xbf");
	CHECK_BAD("\xf0\x80\x80\x80");
	CHECK_BAD("\xf0\x8f\xbf\xbf");
	/* Surrogates. */
	CHECK_BAD("\xed\xa0\x80");
	CHECK_BAD("\xed\xbf\xbf");
	/* Past U+10FFFF, and lead bytes that never start a sequence. */
	CHECK_BAD("\xf4\x90\x80\x80");
	CHECK_BAD("\xf5\x80\x80\x80");
	CHECK_BAD("\xff");
	/* Truncated by the end of the buffer or by a non-continuation. */
	CHECK_BAD("\xc3");
	CHECK_BAD("\xe2\x82");
	CHECK_BAD("\xf0\x9f\x98");
	CHECK_BAD("\xe2\x82z");
	CHECK_BAD("\xf0\x9f\x98\xc3\xa9");
	/* Stray continuation bytes. */
	CHECK_BAD("\x80");
	CHECK_BAD("\xbf\x80");
}

static void
test_lengths(void)
{
	const unsigned char *u = (const unsigned char *)"\xe2\x82";
	uint32_t cp;

	CHECK_INT(utf8_lead_len('a'), 1);
	CHECK_INT(utf8_lead_len(0x80), 0);
	CHECK_INT(utf8_lead_len(0xc1), 0);
	CHECK_INT(utf8_lead_len(0xc2), 2);
	CHECK_INT(utf8_lead_len(0xe0), 3);
	CHECK_INT(utf8_lead_len(0xf4), 4);
	CHECK_INT(utf8_lead_len(0xf5), 0);
	CHECK(utf8_is_cont(0x80) && utf8_is_cont(0xbf));
	CHECK(!utf8_is_cont('a') && !utf8_is_cont(0xc2));
	CHECK_INT(utf8_char_len((const unsigned char *)"\xe2\x82\xac", 3), 3);
	CHECK_INT(utf8_char_len(u, 2), 0);
	/* A bad byte is stepped over alone, as U+FFFD. */
	CHECK_INT(utf8_next(u, 2, &cp), 1);
	CHECK_INT(cp, UTF8_REPLACEMENT);
	CHECK_INT(utf8_next((const unsigned char *)"\xc3\xa9", 2, &cp), 2);
	CHECK_INT(cp, 0xe9);
}

static void
test_validate(void)
{
#define VALIDATE(s) utf8_validate((const unsigned char *)(s), sizeof(s) - 1)
	CHECK_INT(VALIDATE(""), 0);
	CHECK_INT(VALIDATE("plain ASCII"), 11);
	CHECK_INT(VALIDATE("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), 14);
	CHECK_INT(VALIDATE("nul\0ok"), 6);
	CHECK_INT(VALIDATE("ab\xc0\x80"), 2);
	CHECK_INT(VALIDATE("a\xe2\x82\xac\x80"), 4);
	CHECK_INT(VALIDATE("abc\xed\xa0\x80"), 3);
	CHECK_INT(VALIDATE("\xf4\x90\x80\x80"), 0);
	CHECK_INT(VALIDATE("tail\xe2\x82"), 4);
#undef VALIDATE
	CHECK_INT(utf8_count("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 10), 4);
	CHECK_INT(utf8_count("abc", 0), 0);
}

/* Every scalar value encodes and decodes back; the rest do not encode. */
static void
test_encode(void)
{
	unsigned char buf[UTF8_MAX];
	uint32_t c, cp;
	size_t n, bad = 0;

	CHECK_INT(utf8_encode(0x24, (char *)buf), 1);
	CHECK_INT(utf8_encode(0xa2, (char *)buf), 2);
	CHECK(memcmp(buf, "\xc2\xa2", 2) == 0);
	CHECK_INT(utf8_encode(0x20ac, (char *)buf), 3);
	CHECK(memcmp(buf, "\xe2\x82\xac", 3) == 0);
	CHECK_INT(utf8_encode(0x10348, (char *)buf), 4);
	CHECK(memcmp(buf, "\xf0\x90\x8d\x88", 4) == 0);
	CHECK_INT(utf8_encode(0xd800, (char *)buf), 0);
	CHECK_INT(utf8_encode(0xdfff, (char *)buf), 0);
	CHECK_INT(utf8_encode(0x110000, (char *)buf), 0);
	for (c = 0; c <= 0x10ffff; c++) {
		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		n = utf8_encode(c, (char *)buf);
		if (n == 0 || utf8_decode(buf, n, &cp) != n || cp != c ||
		    utf8_lead_len(buf[0]) != n)
			bad++;
	}
	CHECK_INT(bad, 0);
}

/* Cuts for excerpts land on a character start and never move forward. */
static void
test_floor(void)
{
	/* "a", U+20AC at 1-3, "b" at 4, U+1F600 at 5-8, then NUL at 9. */
	const char *s = "a\xe2\x82\xac" "b\xf0\x9f\x98\x80";
	const char *stray = "a\x80\x80\x80\x80\x80";
	size_t i, want[] = { 0, 1, 1, 1, 4, 5, 5, 5, 5, 9 };

	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		CHECK_INT(utf8_floor(s, i), want[i]);
	/* A run of stray bytes is not a character: look back only 3. */
	CHECK_INT(utf8_floor(stray, 5), 2);
	CHECK_INT(utf8_floor(stray, 3), 0);
	CHECK_INT(utf8_floor("\x80\x80", 1), 0);
}

int
main(void)
{
	test_valid();
	test_invalid();
	test_lengths();
	test_validate();
	test_encode();
	test_floor();
	return CHECK_DONE();
}
