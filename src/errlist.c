/*
 * errlist.c -- input errors collected so that all of them can be shown at
 * once, like a compiler does, instead of stopping at the first.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "util.h"

void
errlist_add(struct errlist *el, const char *fmt, ...)
{
	va_list ap;

	GROW(el->v, el->cap, el->n + 1);
	va_start(ap, fmt);
	el->v[el->n++] = xvasprintf(fmt, ap);
	va_end(ap);
}

void
errlist_print(const struct errlist *el, const char *prefix)
{
	size_t i;

	for (i = 0; i < el->n; i++)
		log_line(prefix != NULL ? prefix : "", el->v[i]);
}

void
errlist_warn(const struct errlist *el)
{
	size_t i;

	for (i = 0; i < el->n; i++)
		log_warnx("%s", el->v[i]);
}

void
errlist_free(struct errlist *el)
{
	size_t i;

	if (el == NULL)
		return;
	for (i = 0; i < el->n; i++)
		free(el->v[i]);
	free(el->v);
	el->v = NULL;
	el->n = el->cap = 0;
}
