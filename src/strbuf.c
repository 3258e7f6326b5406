/*
 * strbuf.c -- growable strings for building text, reports and messages.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
strbuf_add(struct strbuf *sb, const char *p, size_t n)
{
	GROW(sb->s, sb->cap, sb->len + n + 1);
	if (n > 0)
		memcpy(sb->s + sb->len, p, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void
strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void
strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	strbuf_adds(sb, p);
	free(p);
}

char *
strbuf_take(struct strbuf *sb)
{
	char *s;

	if (sb->s == NULL)
		return xstrdup("");
	s = sb->s;
	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void
strbuf_free(struct strbuf *sb)
{
	if (sb == NULL)
		return;
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}
