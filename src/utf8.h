/*
 * utf8.h -- the one definition of well-formed UTF-8 in palint.
 *
 * Valid UTF-8 is the shortest encoding of a Unicode scalar value: a byte
 * 00-7F, or a lead byte C2-F4 followed by exactly the continuation bytes
 * (80-BF) it announces.  Rejected: overlong forms (C0 80, E0 80 80,
 * F0 80 80 80), surrogates U+D800-U+DFFF (ED A0 80), values past U+10FFFF
 * (F4 90 80 80), sequences cut short by the end of the buffer or by a byte
 * that is not a continuation byte, and stray continuation bytes.  U+0000
 * is valid.
 *
 * Decoders take the bytes available (n > 0) and never read past them, nor
 * past the first byte that breaks a sequence.  A bad byte stands alone:
 * callers that replace or skip it move on by one byte.  Functions on byte
 * values take unsigned char; those on offsets into text take char.
 *
 * The decoders are inline because the segmenter and the decoder call them
 * once per character over whole documents.
 */
#ifndef PALINT_UTF8_H
#define PALINT_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_MAX		4	/* bytes in the longest sequence */
#define UTF8_REPLACEMENT	0xfffd	/* U+FFFD, for what does not decode */
#define UTF8_REPLACEMENT_STR	"\xef\xbf\xbd"

/* Whether c continues a sequence (80-BF) rather than starting one. */
static inline int
utf8_is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* The length a sequence starting with lead announces, 1-4; 0 for a byte
   that starts no valid sequence (80-C1, F5-FF). */
static inline size_t
utf8_lead_len(unsigned char lead)
{
	if (lead < 0x80)
		return 1;
	if (lead < 0xc2)
		return 0;
	if (lead < 0xe0)
		return 2;
	if (lead < 0xf0)
		return 3;
	return lead < 0xf5 ? 4 : 0;
}

/*
 * Decode the character at p, n bytes available.  Returns its length, 1-4,
 * with the code point in *cp; or 0, with *cp = UTF8_REPLACEMENT, when the
 * bytes at p are not valid UTF-8.
 */
static inline size_t
utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((len = utf8_lead_len(p[0])) == 0 || n < len)
		goto bad;
	c = p[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if (!utf8_is_cont(p[i]))
			goto bad;
		c = c << 6 | (p[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = UTF8_REPLACEMENT;
	return 0;
}

/* Step over the character at p: like utf8_decode, but a bad byte is a
   character of its own, U+FFFD, so the length is always 1-4. */
static inline size_t
utf8_next(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t len;

	return (len = utf8_decode(p, n, cp)) > 0 ? len : 1;
}

/* The length of the valid character at p (n bytes available), or 0. */
static inline size_t
utf8_char_len(const unsigned char *p, size_t n)
{
	uint32_t cp;

	return utf8_decode(p, n, &cp);
}

/* The start of the character holding s[off]: off moved back over at most
   three continuation bytes, never before 0.  s[off] must be readable (the
   NUL at the end of a string is). */
static inline size_t
utf8_floor(const char *s, size_t off)
{
	size_t lim = off > UTF8_MAX - 1 ? off - (UTF8_MAX - 1) : 0;

	while (off > lim && utf8_is_cont((unsigned char)s[off]))
		off--;
	return off;
}

/* utf8.c */
/* Offset of the first byte of p[0, n) that is not valid UTF-8; n when all
   of it is. */
size_t	 utf8_validate(const unsigned char *p, size_t n);
/* The characters in s[0, n) of valid UTF-8: its bytes that are not
   continuation bytes. */
size_t	 utf8_count(const char *s, size_t n);
/* Encode cp into out (UTF8_MAX bytes); returns the length, 1-4, or 0 for a
   surrogate or a value past U+10FFFF. */
size_t	 utf8_encode(uint32_t cp, char *out);

#endif
