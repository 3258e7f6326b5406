/*
 * extract_plain.c -- plain text and Markdown to a doctext.
 *
 * Input: bytes of unknown encoding.  Output: UTF-8 text (decode.c) and,
 * for Markdown, the offset of every ATX heading outside code fences.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doctext.h"
#include "extract_int.h"
#include "util.h"

/* A code fence line: "```" or "~~~" after up to three spaces. */
static int
is_fence(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	return n - i >= 3 && (memcmp(s + i, "```", 3) == 0 ||
	    memcmp(s + i, "~~~", 3) == 0);
}

/* An ATX heading: up to three spaces, 1-6 '#', then a space or the end. */
static int
is_heading(const char *s, size_t n)
{
	size_t i = 0, k = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	while (i + k < n && s[i + k] == '#')
		k++;
	return k >= 1 && k <= 6 && (i + k == n || s[i + k] == ' ' ||
	    s[i + k] == '\t');
}

/* Record each Markdown heading line outside code fences. */
static void
markdown_headings(struct doctext *dt)
{
	const char *s = dt->text, *end = dt->text + dt->len, *nl;
	int fenced = 0;
	size_t n;

	while (s < end) {
		if ((nl = memchr(s, '\n', end - s)) == NULL)
			nl = end;
		n = nl - s;
		if (is_fence(s, n))
			fenced = !fenced;
		else if (!fenced && is_heading(s, n))
			doctext_add_heading(dt, s - dt->text);
		s = nl + 1;
	}
}

struct doctext *
extract_plain(const unsigned char *p, size_t n, int markdown,
    const struct extract_opts *opts, char **cause)
{
	struct doctext *dt;
	char *text, *warning;
	size_t len;

	text = decode_text(p, n, &len, &warning);
	dt = doctext_new(text, len);
	if (warning != NULL) {
		doctext_warn(dt, "%s", warning);
		free(warning);
	}
	if (markdown)
		markdown_headings(dt);
	return dt;
}
