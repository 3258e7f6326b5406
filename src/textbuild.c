/*
 * textbuild.c -- document text from a walk over a markup tree.
 *
 * Input: text runs, block boundaries and heading starts, in document order,
 * from the HTML, XML, DOCX and ODT walkers.  Output: a doctext whose
 * paragraphs are separated by exactly one blank line, with the byte offset
 * of every heading's first character.  Boundaries are lazy: they only
 * become "\n\n" when more text follows, so empty elements add nothing and
 * the text never starts or ends with blank lines.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doctext.h"
#include "markup.h"
#include "utf8.h"
#include "util.h"

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

/* Control characters other than tab and line feed never reach the text. */
static int
is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
}

void
textbuild_init(struct textbuild *tb)
{
	memset(tb, 0, sizeof(*tb));
}

static void
trim_trailing_blanks(struct textbuild *tb)
{
	while (tb->sb.len > 0 && (tb->sb.s[tb->sb.len - 1] == ' ' ||
	    tb->sb.s[tb->sb.len - 1] == '\t'))
		tb->sb.s[--tb->sb.len] = '\0';
}

/* Make the pending boundary or space real before visible text. */
static void
flush(struct textbuild *tb)
{
	size_t nl;

	if (tb->brk) {
		trim_trailing_blanks(tb);
		if (tb->sb.len > 0) {
			nl = 0;
			while (nl < 2 && nl < tb->sb.len &&
			    tb->sb.s[tb->sb.len - 1 - nl] == '\n')
				nl++;
			for (; nl < 2; nl++)
				strbuf_addc(&tb->sb, '\n');
		}
	} else if (tb->space && tb->sb.len > 0 &&
	    !is_space((unsigned char)tb->sb.s[tb->sb.len - 1]))
		strbuf_addc(&tb->sb, ' ');
	tb->brk = tb->space = tb->glue = 0;
	if (tb->heading) {
		GROW(tb->headings, tb->capheadings, tb->nheadings + 1);
		tb->headings[tb->nheadings++] = tb->sb.len;
		tb->heading = 0;
		tb->heading_run = 1;
	} else if (tb->in_heading == 0)
		tb->heading_run = 0;
}

static void
text_folded(struct textbuild *tb, const char *s, size_t len)
{
	size_t i, j;

	for (i = 0; i < len; i = j) {
		if (is_space((unsigned char)s[i]) ||
		    is_control((unsigned char)s[i])) {
			tb->space = 1;
			j = i + 1;
			continue;
		}
		for (j = i; j < len && !is_space((unsigned char)s[j]) &&
		    !is_control((unsigned char)s[j]); j++)
			;
		flush(tb);
		strbuf_add(&tb->sb, s + i, j - i);
	}
}

/* Preformatted text: line ends normalised, nothing folded. */
static void
text_kept(struct textbuild *tb, const char *s, size_t len)
{
	size_t i;
	char c;

	for (i = 0; i < len; i++) {
		c = s[i];
		if (c == '\r') {
			if (i + 1 < len && s[i + 1] == '\n')
				continue;
			c = '\n';
		} else if (is_control((unsigned char)c) || c == '\f' ||
		    c == '\v')
			c = ' ';
		if (is_space((unsigned char)c)) {
			if (tb->brk || tb->sb.len == 0)
				continue;
			tb->space = 0;
			strbuf_addc(&tb->sb, c);
			continue;
		}
		flush(tb);
		strbuf_addc(&tb->sb, c);
	}
}

/*
 * A copy of s with every byte that starts no UTF-8 sequence replaced by
 * U+FFFD, or NULL when s is valid.  libxml2 can pass such bytes on when it
 * misreads an HTML page's encoding, and the scanner must never see them
 * (PCRE2 runs without its own UTF-8 check).
 */
static char *
utf8_repair(const char *s, size_t len, size_t *outlen)
{
	const unsigned char *u = (const unsigned char *)s;
	struct strbuf sb = { NULL, 0, 0 };
	size_t i, n;

	if ((i = utf8_validate(u, len)) == len)
		return NULL;
	strbuf_add(&sb, s, i);
	for (; i < len; i += n) {
		if ((n = utf8_char_len(u + i, len - i)) == 0) {
			strbuf_adds(&sb, UTF8_REPLACEMENT_STR);
			n = 1;
		} else
			strbuf_add(&sb, s + i, n);
	}
	*outlen = sb.len;
	return strbuf_take(&sb);
}

void
textbuild_text(struct textbuild *tb, const char *s, size_t len, int keep)
{
	char *fixed;

	if ((fixed = utf8_repair(s, len, &len)) != NULL)
		s = fixed;
	if (keep)
		text_kept(tb, s, len);
	else
		text_folded(tb, s, len);
	free(fixed);
}

void
textbuild_char(struct textbuild *tb, char c)
{
	if (tb->brk || tb->sb.len == 0)
		return;
	if (c == '\n')
		trim_trailing_blanks(tb);
	tb->space = 0;
	strbuf_addc(&tb->sb, c);
}

void
textbuild_break(struct textbuild *tb)
{
	if (tb->glue) {
		tb->glue = 0;
		tb->space = 1;
		return;
	}
	tb->brk = 1;
}

void
textbuild_glue(struct textbuild *tb)
{
	tb->glue = 1;
}

void
textbuild_heading_begin(struct textbuild *tb, int join)
{
	if (tb->in_heading++ > 0)
		return;
	if (join && tb->heading_run) {
		tb->brk = 0;
		tb->space = 1;
	} else {
		tb->brk = 1;
		tb->heading = 1;
	}
}

void
textbuild_heading_end(struct textbuild *tb)
{
	if (tb->in_heading == 0 || --tb->in_heading > 0)
		return;
	tb->heading = 0;
	tb->brk = 1;
}

struct doctext *
textbuild_finish(struct textbuild *tb)
{
	struct doctext *dt;
	size_t i, len;

	while (tb->sb.len > 0 && is_space((unsigned char)tb->sb.s[
	    tb->sb.len - 1]))
		tb->sb.s[--tb->sb.len] = '\0';
	if (tb->sb.len > 0)
		strbuf_addc(&tb->sb, '\n');
	len = tb->sb.len;
	dt = doctext_new(strbuf_take(&tb->sb), len);
	for (i = 0; i < tb->nheadings; i++)
		doctext_add_heading(dt, tb->headings[i]);
	textbuild_free(tb);
	return dt;
}

void
textbuild_free(struct textbuild *tb)
{
	if (tb == NULL)
		return;
	strbuf_free(&tb->sb);
	free(tb->headings);
	textbuild_init(tb);
}
