/*
 * softhyphen.c -- soft hyphens out of a doctext before segmentation.
 *
 * Input: a doctext as an extractor left it.  Output: the same text without
 * U+00AD, words broken by one at a line end joined again, the heading and
 * page offsets moved along, and one struct textjoin per removal so that
 * segment.c reports positions as they were (softhyphen.h says why).
 *
 * One forward pass rewrites the text in place (it only shrinks) while it
 * tracks the line and column of the byte it reads; text without a soft
 * hyphen costs one memmem(3).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "softhyphen.h"
#include "utf8.h"
#include "util.h"

#define SHY		"\xc2\xad"
#define SHY_LEN		2

/* The pass: read position r in the old text, write position w. */
struct unhyphen {
	char		*t;
	size_t		 len;
	size_t		 r;
	size_t		 w;
	unsigned	 line;		/* of t[r] in the old text */
	unsigned	 column;
	unsigned	 breaks;	/* line breaks removed so far */
	struct textjoin	*joins;
	size_t		 njoins;
	size_t		 cap;
};

/* Move past n bytes of the old text, keeping line and column. */
static void
advance(struct unhyphen *u, size_t n)
{
	unsigned char c;

	for (; n > 0; n--) {
		c = (unsigned char)u->t[u->r++];
		if (c == '\n') {
			u->line++;
			u->column = 1;
		} else if (!utf8_is_cont(c))
			u->column++;
	}
}

/*
 * The bytes to remove at a soft hyphen at r: with the white space after
 * it when that holds at most one line break and more text follows (the
 * two halves of a broken word), else the hyphen alone.  Sets *nl to the
 * line breaks removed.
 */
static size_t
removal(const struct unhyphen *u, unsigned *nl)
{
	size_t k = u->r + SHY_LEN;
	unsigned breaks = 0;

	while (k < u->len && (u->t[k] == ' ' || u->t[k] == '\t' ||
	    u->t[k] == '\n')) {
		if (u->t[k] == '\n')
			breaks++;
		k++;
	}
	*nl = 0;
	if (k == u->len || breaks > 1)
		return SHY_LEN;
	*nl = breaks;
	return k - u->r;
}

/* Record that bytes were removed just before the write position. */
static void
record(struct unhyphen *u)
{
	struct textjoin *j;

	/* Removals that meet (two hyphens in a row) make one join. */
	if (u->njoins > 0 && u->joins[u->njoins - 1].off == u->w)
		j = &u->joins[u->njoins - 1];
	else {
		GROW(u->joins, u->cap, u->njoins + 1);
		j = &u->joins[u->njoins++];
	}
	j->off = u->w;
	j->line = u->line;
	j->column = u->column;
	j->breaks = u->breaks;
}

/* Where one removal ended, in the old text and in the new. */
struct moved {
	size_t		 old;
	size_t		 new;
};

/* Move ascending offsets (headings, pages) of the old text to the new.
   An offset inside removed bytes goes to the byte that followed them. */
static void
move_offsets(size_t *v, size_t *n, const struct moved *m, size_t nm)
{
	size_t i, k = 0, out = 0, shift = 0, off;

	for (i = 0; i < *n; i++) {
		while (k < nm && m[k].old <= v[i]) {
			shift = m[k].old - m[k].new;
			k++;
		}
		off = v[i] - shift;
		if (k < nm && off > m[k].new)
			off = m[k].new;
		if (out > 0 && v[out - 1] == off)
			continue;
		v[out++] = off;
	}
	*n = out;
}

void
softhyphen_remove(struct doctext *dt)
{
	struct unhyphen u;
	struct moved *m = NULL;
	size_t nm = 0, cap = 0, n;
	unsigned nl;

	if (dt->len < SHY_LEN || memmem(dt->text, dt->len, SHY, SHY_LEN) ==
	    NULL)
		return;
	memset(&u, 0, sizeof u);
	u.t = dt->text;
	u.len = dt->len;
	u.line = u.column = 1;
	while (u.r < u.len) {
		if (u.r + 1 < u.len && memcmp(u.t + u.r, SHY, SHY_LEN) == 0) {
			n = removal(&u, &nl);
			advance(&u, n);
			GROW(m, cap, nm + 1);
			m[nm].old = u.r;
			m[nm++].new = u.w;
			u.breaks += nl;
			record(&u);
			continue;
		}
		u.t[u.w++] = u.t[u.r];
		advance(&u, 1);
	}
	u.t[u.w] = '\0';
	dt->len = u.w;
	move_offsets(dt->headings, &dt->nheadings, m, nm);
	move_offsets(dt->pages, &dt->npages, m, nm);
	free(m);
	free(dt->joins);
	dt->joins = u.joins;
	dt->njoins = u.njoins;
}
