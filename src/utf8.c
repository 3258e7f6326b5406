/*
 * utf8.c -- UTF-8 over whole buffers: validation, counting, encoding.
 *
 * Input: bytes of text.  Output: offsets, counts and encoded characters
 * under the definition of valid UTF-8 in utf8.h, whose inline decoders
 * these build on.
 */
#include "config.h"

#include "utf8.h"

size_t
utf8_validate(const unsigned char *p, size_t n)
{
	size_t i, len;

	for (i = 0; i < n; i += len)
		if ((len = utf8_char_len(p + i, n - i)) == 0)
			return i;
	return n;
}

size_t
utf8_count(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += !utf8_is_cont((unsigned char)s[i]);
	return k;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *u = (unsigned char *)out;

	if (cp < 0x80) {
		u[0] = cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = 0xc0 | cp >> 6;
		u[1] = 0x80 | (cp & 0x3f);
		return 2;
	}
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	if (cp < 0x10000) {
		u[0] = 0xe0 | cp >> 12;
		u[1] = 0x80 | (cp >> 6 & 0x3f);
		u[2] = 0x80 | (cp & 0x3f);
		return 3;
	}
	u[0] = 0xf0 | cp >> 18;
	u[1] = 0x80 | (cp >> 12 & 0x3f);
	u[2] = 0x80 | (cp >> 6 & 0x3f);
	u[3] = 0x80 | (cp & 0x3f);
	return 4;
}
