/*
 * section.c -- heading paths: the doctext's heading offsets turned into
 * "1 Scope > 1.2 Terms" strings, one per heading, found by offset.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "section.h"
#include "utf8.h"
#include "util.h"

/* Longest heading kept in a path, in bytes; longer ones are cut. */
#define HEADING_MAX	120
/* Deepest level kept apart; deeper headings share the last one. */
#define LEVEL_MAX	16
#define SEPARATOR	" > "

struct section_paths {
	size_t		*offsets;	/* the doctext's headings */
	char		**paths;	/* one per heading */
	size_t		 n;
};

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * The heading's first line, trimmed, without Markdown marks; *marks gets
 * how many "#" led it (0: none).  Owned by the caller.
 */
static char *
heading_text(const struct doctext *dt, size_t off, unsigned *marks)
{
	const char *s = dt->text + off, *end = dt->text + dt->len, *e;
	size_t n;

	while (s < end && is_blank(*s))
		s++;
	*marks = 0;
	while (s < end && *s == '#') {
		s++;
		(*marks)++;
	}
	if (*marks > 6)
		*marks = 0;
	while (s < end && is_blank(*s))
		s++;
	if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
		e = end;
	while (e > s && (is_blank(e[-1]) || (*marks > 0 && e[-1] == '#')))
		e--;
	n = (size_t)(e - s);
	if (n > HEADING_MAX)
		n = utf8_floor(s, HEADING_MAX);
	return xstrndup(s, n);
}

/* "2.3 Title" is at level 2, "2 Title" and "2. Title" at 1; 0 when the
   heading is not numbered that way. */
static unsigned
numbered_level(const char *s)
{
	unsigned level = 0;

	while (*s >= '0' && *s <= '9') {
		while (*s >= '0' && *s <= '9')
			s++;
		level++;
		if (*s != '.')
			break;
		s++;
	}
	return level > 0 && (*s == ' ' || *s == '\t' || *s == '\0') ?
	    level : 0;
}

/*
 * The level of a heading: its marks, its numbering, or, unnumbered, one
 * below the heading before it when that one had a level of its own, else
 * the same level as that one (1 at the start).
 */
static unsigned
heading_level(const char *text, unsigned marks, unsigned *prev, int *own)
{
	unsigned level;

	if (marks > 0 || (level = numbered_level(text)) > 0) {
		level = marks > 0 ? marks : numbered_level(text);
		*own = 1;
	} else {
		level = *own ? *prev + 1 : (*prev > 0 ? *prev : 1);
		*own = 0;
	}
	*prev = level;
	return level > LEVEL_MAX ? LEVEL_MAX : level;
}

static void
build_paths(struct section_paths *sp, const struct doctext *dt)
{
	char *stack[LEVEL_MAX];
	struct strbuf sb = { NULL, 0, 0 };
	unsigned marks, level, depth = 0, prev = 0, i;
	int own = 0;
	size_t k;
	char *text;

	for (k = 0; k < sp->n; k++) {
		text = heading_text(dt, sp->offsets[k], &marks);
		level = heading_level(text, marks, &prev, &own);
		while (depth >= level)
			free(stack[--depth]);
		stack[depth++] = text;
		sb.len = 0;
		strbuf_adds(&sb, "");
		for (i = 0; i < depth; i++) {
			if (i > 0)
				strbuf_adds(&sb, SEPARATOR);
			strbuf_adds(&sb, stack[i]);
		}
		sp->paths[k] = xstrdup(sb.s);
	}
	while (depth > 0)
		free(stack[--depth]);
	strbuf_free(&sb);
}

struct section_paths *
section_paths_new(const struct doctext *dt)
{
	struct section_paths *sp;

	if (dt->nheadings == 0)
		return NULL;
	sp = xcalloc(1, sizeof(*sp));
	sp->n = dt->nheadings;
	sp->offsets = xcalloc(sp->n, sizeof(*sp->offsets));
	memcpy(sp->offsets, dt->headings, sp->n * sizeof(*sp->offsets));
	sp->paths = xcalloc(sp->n, sizeof(*sp->paths));
	build_paths(sp, dt);
	return sp;
}

const char *
section_path_at(const struct section_paths *sp, size_t off)
{
	size_t lo = 0, hi, mid;

	if (sp == NULL || sp->offsets[0] > off)
		return NULL;
	/* The last heading at or before off. */
	for (hi = sp->n; hi - lo > 1;) {
		mid = lo + (hi - lo) / 2;
		if (sp->offsets[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return sp->paths[lo];
}

void
section_paths_free(struct section_paths *sp)
{
	size_t i;

	if (sp == NULL)
		return;
	for (i = 0; i < sp->n; i++)
		free(sp->paths[i]);
	free(sp->paths);
	free(sp->offsets);
	free(sp);
}
