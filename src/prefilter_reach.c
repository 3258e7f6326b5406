/*
 * prefilter_reach.c -- how far into a match its candidate can lie.
 *
 * Input: one expression of the Hyperscan set, as prefilter_rewrite.c
 * made it.  Output: the most bytes a match of it can span, or
 * PREFILTER_UNBOUNDED.  Every expression is a leading part of a pattern
 * (prefilter.h), so a match of the pattern that starts at s holds a
 * candidate ending at most that many bytes after s; scan.c starts its
 * confirming search there rather than at the start of the unit.
 *
 * The bound only has to be safe, not tight: every character counts four
 * bytes in UTF-8 mode (a caseless letter may match a longer form); an atom
 * that may match a space is unbounded, since the text Hyperscan reads has
 * each run of white space folded to one (TERM_FOLD_SPACE); and anything
 * this reader does not know makes the expression unbounded.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prefilter_int.h"
#include "term_lang.h"
#include "utf8.h"

/* Lengths past this are as good as unbounded for a sentence search. */
#define REACH_CAP	(1U << 20)

struct reader {
	const char	*p;
	size_t		 charw;		/* most bytes of one character */
	int		 bad;		/* unknown construct: unbounded */
};

static size_t	 reach_alternation(struct reader *);

static size_t
cap_add(size_t a, size_t b)
{
	return a + b > REACH_CAP ? REACH_CAP : a + b;
}

/* Is code point cp white space, which the text has folded? */
static int
is_space_cp(unsigned long cp)
{
	char	 buf[4];

	return cp <= 0x10ffff && term_fold_space_len(buf,
	    utf8_encode((uint32_t)cp, buf)) > 0;
}

/* An escape at r->p (past the backslash handled here). */
static size_t
reach_escape(struct reader *r)
{
	const char *e;
	size_t n = 0;

	r->p++;
	switch (*r->p) {
	case '\0':
		r->bad = 1;
		return 0;
	case 'b': case 'B': case 'A':
		r->p++;
		return 0;
	case 'Q':
		/* A literal run: each byte a character at most. */
		e = strstr(r->p + 1, "\\E");
		if (e == NULL)
			e = r->p + strlen(r->p);
		n = (size_t)(e - (r->p + 1)) * r->charw;
		if (memchr(r->p + 1, ' ', (size_t)(e - (r->p + 1))) != NULL)
			n = REACH_CAP;
		r->p = *e != '\0' ? e + 2 : e;
		return n;
	case 'x': case 'p': case 'P': case 'o':
		if (r->p[1] == '{') {
			if ((e = strchr(r->p, '}')) == NULL) {
				r->bad = 1;
				return 0;
			}
			n = *r->p == 'x' && is_space_cp(strtoul(r->p + 2, NULL,
			    16)) ? REACH_CAP : 4;
			r->p = e + 1;
			return n;
		}
		if (*r->p == 'x') {
			/* \xHH: one byte in byte mode, a character else;
			   white space, a run of it. */
			char hex[3] = { 0, 0, 0 };

			for (e = r->p + 1; n < 2 && isxdigit((unsigned char)*e);
			    e++)
				hex[n++] = *e;
			r->p = e;
			return is_space_cp(strtoul(hex, NULL, 16)) ? REACH_CAP :
			    r->charw;
		}
		r->bad = 1;	/* \pL and the like */
		return 0;
	case 's': case 'W': case 'D': case 't': case 'n': case 'r': case 'f':
	case 'v': case 'h': case 'H': case 'V':
		r->p++;
		return REACH_CAP;	/* a run of white space */
	default:
		/* \z, \Z, \G and back references never reach here (the
		   sources refuse them); be safe if they do.  \X and \R may
		   match more than one character. */
		if (strchr("zZGgkKXRC123456789", *r->p) != NULL) {
			r->bad = 1;
			return 0;
		}
		r->p++;
		return r->charw;
	}
}

/* May the class at p, len bytes, match a space?  Erring towards yes. */
static int
class_may_space(const char *p, size_t len)
{
	static const char *const spacey[] = { " ", "\\s", "\\x", "\\W",
	    "\\D", "[:", "\\t", "\\n", "\\r", "\\f", "\\v", "\\h" };
	size_t	 i;

	if (p[1] == '^')
		return 1;
	for (i = 0; i < sizeof(spacey) / sizeof(*spacey); i++)
		if (memmem(p, len, spacey[i], strlen(spacey[i])) != NULL)
			return 1;
	/* A range may span " ": "[!-~]" does not, "[\x00-~]" is caught
	   above, "[ -~]" too; one from a control character may. */
	for (i = 1; i + 2 < len; i++)
		if (p[i] == '-' && (unsigned char)p[i - 1] < ' ')
			return 1;
	return 0;
}

/* A group at r->p, "(" to ")". */
static size_t
reach_group(struct reader *r)
{
	size_t n;

	r->p++;
	if (r->p[0] == '?') {
		if (r->p[1] == '=' || r->p[1] == '!' || (r->p[1] == '<' &&
		    (r->p[2] == '=' || r->p[2] == '!'))) {
			/* Hyperscan may widen a lookaround into text it
			   consumes: no bound. */
			r->bad = 1;
			return 0;
		}
		if (r->p[1] == '#') {
			if ((r->p = strchr(r->p, ')')) == NULL) {
				r->bad = 1;
				return 0;
			}
			r->p++;
			return 0;
		}
		r->p++;
		if (*r->p == 'P' && r->p[1] == '<')
			r->p++;
		if (*r->p == '<' || *r->p == '\'') {
			if ((r->p = strpbrk(r->p + 1, ">'")) == NULL) {
				r->bad = 1;
				return 0;
			}
			r->p++;
		} else if (*r->p == ':' || *r->p == '>' || *r->p == '|') {
			r->p++;
		} else {
			/* Inline options, then ":" or ")".  Extended mode
			   would make spaces and comments text to skip. */
			while (*r->p != '\0' && strchr("imsn-", *r->p) != NULL)
				r->p++;
			if (*r->p == ')') {
				r->p++;
				return 0;
			}
			if (*r->p != ':') {
				r->bad = 1;
				return 0;
			}
			r->p++;
		}
	}
	n = reach_alternation(r);
	if (*r->p != ')') {
		r->bad = 1;
		return 0;
	}
	r->p++;
	return n;
}

/* The quantifier after an atom of length n, if any. */
static size_t
reach_quant(struct reader *r, size_t n)
{
	unsigned long lo, hi;
	char *e;

	switch (*r->p) {
	case '?':
		r->p++;
		break;
	case '*':
	case '+':
		r->p++;
		n = n == 0 ? 0 : REACH_CAP;
		break;
	case '{':
		if (r->p[1] < '0' || r->p[1] > '9')
			return n;	/* a literal "{" */
		lo = strtoul(r->p + 1, &e, 10);
		hi = lo;
		if (*e == ',') {
			if (e[1] == '}')
				hi = REACH_CAP;
			else
				hi = strtoul(e + 1, &e, 10);
		}
		if (*e != '}') {
			r->bad = 1;
			return 0;
		}
		r->p = e + 1;
		n = hi >= REACH_CAP || (n > 0 && hi > REACH_CAP / n) ?
		    (n == 0 ? 0 : REACH_CAP) : n * hi;
		break;
	default:
		return n;
	}
	if (*r->p == '?' || *r->p == '+')
		r->p++;
	return n > REACH_CAP ? REACH_CAP : n;
}

/* One atom and its quantifier. */
static size_t
reach_atom(struct reader *r)
{
	size_t n;

	switch (*r->p) {
	case '\\':
		n = reach_escape(r);
		break;
	case '[':
		if ((n = regex_class_len(r->p)) == 0) {
			r->bad = 1;
			return 0;
		}
		n = class_may_space(r->p, n) ? REACH_CAP : r->charw;
		r->p += regex_class_len(r->p);
		break;
	case '.':
	case ' ':
		r->p++;
		n = REACH_CAP;
		break;
	case '(':
		n = reach_group(r);
		break;
	case '^':
	case '$':
		r->p++;
		n = 0;
		break;
	default:
		r->p++;
		n = r->charw;
		break;
	}
	if (r->bad)
		return 0;
	return reach_quant(r, n);
}

/* Alternatives up to a ")" or the end; the longest counts. */
static size_t
reach_alternation(struct reader *r)
{
	size_t best = 0, n = 0;

	while (!r->bad && *r->p != '\0' && *r->p != ')') {
		if (*r->p == '|') {
			r->p++;
			if (n > best)
				best = n;
			n = 0;
			continue;
		}
		n = cap_add(n, reach_atom(r));
	}
	return n > best ? n : best;
}

size_t
expr_reach(const char *expr, int utf8)
{
	struct reader r;
	size_t n;

	r.p = expr;
	r.charw = utf8 ? 4 : 1;
	r.bad = 0;
	n = reach_alternation(&r);
	if (r.bad || *r.p != '\0' || n >= REACH_CAP)
		return PREFILTER_UNBOUNDED;
	return n;
}
