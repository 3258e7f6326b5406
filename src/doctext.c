/*
 * doctext.c -- the struct doctext that every extractor fills.
 *
 * Input: UTF-8 text and the structural hints an extractor finds (heading
 * and page offsets, warnings).  Output: a struct doctext, ready for
 * segment.c.  Extractors build on this; it knows nothing of formats.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "doctext.h"
#include "segment.h"
#include "util.h"

struct doctext *
doctext_new(char *text, size_t len)
{
	struct doctext *dt;

	dt = xcalloc(1, sizeof *dt);
	if (text == NULL) {
		text = xstrdup("");
		len = 0;
	}
	dt->text = text;
	dt->len = len;
	return dt;
}

/*
 * Append to an array that has no capacity field: it grows whenever its
 * length reaches a power of two, so appends stay amortised O(1).
 */
static void
offsets_add(size_t **v, size_t *n, size_t off)
{
	size_t i;

	if (*n > 0 && (*v)[*n - 1] == off)
		return;
	if ((*n & (*n - 1)) == 0)
		*v = xreallocarray(*v, *n == 0 ? 1 : *n * 2, sizeof **v);
	/* Keep ascending order even if an extractor goes back. */
	for (i = *n; i > 0 && (*v)[i - 1] > off; i--)
		(*v)[i] = (*v)[i - 1];
	if (i > 0 && (*v)[i - 1] == off) {
		memmove(*v + i, *v + i + 1, (*n - i) * sizeof **v);
		return;
	}
	(*v)[i] = off;
	(*n)++;
}

void
doctext_add_heading(struct doctext *dt, size_t off)
{
	offsets_add(&dt->headings, &dt->nheadings, off);
}

void
doctext_add_page(struct doctext *dt, size_t off)
{
	offsets_add(&dt->pages, &dt->npages, off);
}

void
doctext_warn(struct doctext *dt, const char *fmt, ...)
{
	va_list ap;
	size_t n = dt->nwarnings;

	if ((n & (n - 1)) == 0)
		dt->warnings = xreallocarray(dt->warnings, n == 0 ? 1 : n * 2,
		    sizeof *dt->warnings);
	va_start(ap, fmt);
	dt->warnings[n] = xvasprintf(fmt, ap);
	va_end(ap);
	dt->nwarnings++;
}

void
doctext_free(struct doctext *dt)
{
	size_t i;

	if (dt == NULL)
		return;
	free(dt->text);
	free(dt->headings);
	free(dt->pages);
	for (i = 0; i < dt->nwarnings; i++)
		free(dt->warnings[i]);
	free(dt->warnings);
	free(dt->lines);
	free(dt->sentences);
	free(dt->paragraphs);
	free(dt->sections);
	free(dt->paralang);
	free(dt->joins);
	free(dt);
}

struct doctext *
doctext_from_string(const char *s, size_t len)
{
	struct doctext *dt;
	char *text;
	size_t i;

	text = xmalloc(len + 1);
	for (i = 0; i < len; i++)
		text[i] = s[i] == '\0' ? ' ' : s[i];
	text[len] = '\0';
	dt = doctext_new(text, len);
	segment_document(dt);
	return dt;
}
