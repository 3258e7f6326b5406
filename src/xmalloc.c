/*
 * xmalloc.c -- allocation that cannot fail, and fatal() for broken invariants.
 */
#include "config.h"

#include <sys/mman.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Here rather than in log.c, which allocates to clean its messages: the
   allocators must not depend on what depends on them.  The messages are
   palint's own, so they need no cleaning. */
void
fatal(const char *fmt, ...)
{
	va_list ap;

	fputs("palint: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

void *
xmalloc(size_t size)
{
	void *p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatal("out of memory (%zu bytes)", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
xrealloc(void *old, size_t size)
{
	void *p;

	if (size == 0)
		size = 1;
	if ((p = realloc(old, size)) == NULL)
		fatal("out of memory (%zu bytes)", size);
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		fatal("allocation overflow (%zu x %zu bytes)", n, size);
	return xrealloc(old, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	char *p;

	if (vasprintf(&p, fmt, ap) < 0)
		fatal("out of memory formatting a message");
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
xgrow(void **v, size_t *cap, size_t need, size_t sz)
{
	size_t ncap;

	if (need <= *cap)
		return;
	ncap = *cap < 8 ? 8 : *cap;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			fatal("allocation overflow");
		ncap *= 2;
	}
	*v = xreallocarray(*v, ncap, sz);
	*cap = ncap;
}

/*
 * Page faults are the hidden cost of a short run: on a virtualised host
 * each costs around ten microseconds, and a megabyte-sized table touched
 * page by page costs a few milliseconds before any work is done.  A span
 * aligned to 2 MB and advised for transparent huge pages is faulted in
 * once, and the TLB holds it in one entry while it is read.  Without THP
 * the advice is ignored and the span behaves as plain memory.
 */
#define HUGE_SPAN	((size_t)2 << 20)

static size_t
bigbuf_span(size_t len)
{
	if (len > SIZE_MAX - 2 * HUGE_SPAN)
		fatal("allocation overflow");
	return (len + HUGE_SPAN - 1) & ~(HUGE_SPAN - 1);
}

void *
bigbuf_alloc(size_t len)
{
	size_t span = bigbuf_span(len == 0 ? 1 : len), head;
	char *p, *q;

	p = mmap(NULL, span + HUGE_SPAN, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		fatal("out of memory (%zu bytes)", len);
	q = (char *)(((uintptr_t)p + HUGE_SPAN - 1) & ~(uintptr_t)(HUGE_SPAN - 1));
	head = (size_t)(q - p);
	if (head > 0)
		(void)munmap(p, head);
	(void)munmap(q + span, HUGE_SPAN - head);
#ifdef MADV_HUGEPAGE
	(void)madvise(q, span, MADV_HUGEPAGE);
#endif
	return q;
}

void
bigbuf_free(void *p, size_t len)
{
	if (p != NULL)
		(void)munmap(p, bigbuf_span(len == 0 ? 1 : len));
}
