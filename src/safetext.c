/*
 * safetext.c -- untrusted strings made safe to show (contract in
 * safetext.h).  Below the reports, log.c and eval: it calls only the
 * UTF-8 decoder and strbuf.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "safetext.h"
#include "utf8.h"
#include "util.h"

static int
is_bidi_control(uint32_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

static int
char_allowed(uint32_t c)
{
	if (c == '\t' || c == '\n' || c == '\r')
		return 1;
	if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
		return 0;
	return c != 0xfffe && c != 0xffff && !is_bidi_control(c);
}

void
safe_text(struct strbuf *sb, const char *s, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, len;
	uint32_t c;

	if (s == NULL)
		return;
	for (n = strlen(s); n > 0; p += len, n -= len) {
		len = utf8_decode(p, n, &c);
		if (len == 0 || !char_allowed(c))
			strbuf_adds(sb, UTF8_REPLACEMENT_STR);
		else if ((flags & SAFE_ONELINE) && c < 0x20)
			strbuf_addc(sb, ' ');
		else
			strbuf_add(sb, (const char *)p, len);
		if (len == 0)
			len = 1;
	}
}

const char *
safe_str(struct strbuf *sb, const char *s, unsigned flags)
{
	sb->len = 0;
	strbuf_add(sb, "", 0);
	safe_text(sb, s, flags);
	return sb->s;
}
