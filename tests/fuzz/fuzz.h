/*
 * fuzz.h -- what the fuzz targets share: the libFuzzer entry point's
 * prototype and the invariants every extracted text must keep, checked
 * with abort() so that the fuzzer (or the replay runner) reports them.
 */
#ifndef PALINT_FUZZ_H
#define PALINT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "model.h"
#include "segment.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

/* Well-formed UTF-8, no surrogates, nothing past U+10FFFF, no NUL. */
static inline int
fuzz_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k, n;
	unsigned cp;

	while (i < len) {
		if (p[i] == 0)
			return 0;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] >= 0xc2 && p[i] <= 0xdf)
			n = 2, cp = p[i] & 0x1f;
		else if (p[i] >= 0xe0 && p[i] <= 0xef)
			n = 3, cp = p[i] & 0x0f;
		else if (p[i] >= 0xf0 && p[i] <= 0xf4)
			n = 4, cp = p[i] & 0x07;
		else
			return 0;
		if (len - i < n)
			return 0;
		for (k = 1; k < n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += n;
	}
	return 1;
}

/* Units of one scope: inside the text, not empty, in order. */
static inline void
fuzz_check_spans(const struct span *v, size_t n, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(v[i].start < v[i].end && v[i].end <= len);
		FUZZ_ASSERT(i == 0 || v[i - 1].end <= v[i].start);
	}
}

/* What scan.c relies on in a segmented doctext. */
static inline void
fuzz_check_doctext(const struct doctext *dt)
{
	unsigned line, col, page;
	size_t i;

	FUZZ_ASSERT(dt->text != NULL && dt->text[dt->len] == '\0');
	FUZZ_ASSERT(fuzz_utf8_valid(dt->text, dt->len));
	for (i = 0; i < dt->len; i++)
		FUZZ_ASSERT(dt->text[i] != '\r');
	for (i = 0; i < dt->nheadings; i++)
		FUZZ_ASSERT(dt->headings[i] <= dt->len &&
		    (i == 0 || dt->headings[i - 1] < dt->headings[i]));
	for (i = 0; i < dt->nlines; i++)
		FUZZ_ASSERT(dt->lines[i] <= dt->len);
	fuzz_check_spans(dt->sentences, dt->nsentences, dt->len);
	fuzz_check_spans(dt->paragraphs, dt->nparagraphs, dt->len);
	fuzz_check_spans(dt->sections, dt->nsections, dt->len);
	for (i = 0; i < dt->nsentences; i++) {
		segment_position(dt, dt->sentences[i].start, &line, &col,
		    &page);
		FUZZ_ASSERT(line >= 1 && col >= 1);
		FUZZ_ASSERT(segment_find(dt->sentences, dt->nsentences,
		    dt->sentences[i].start) == i);
	}
	segment_position(dt, dt->len, &line, &col, &page);
}

#endif
