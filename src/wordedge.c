/*
 * wordedge.c -- whether a rule's regex can match starting or ending inside
 * a word, for `palint rules check`.
 *
 * Input: a PCRE2 source as a rule author wrote it.  Output: flags saying
 * which edges are open.  An edge is closed when every way through the
 * pattern meets, before any letter-like atom, a word boundary (\b), an
 * anchor, a lookaround, or an atom that cannot match a letter (a space, a
 * digit, punctuation).  It is a reading of the source, not of the
 * compiled automaton: groups are followed into, optional atoms are looked
 * past, and anything unclear counts as a letter, so that the check errs
 * towards asking for a boundary.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "prefilter.h"
#include "util.h"
#include "wordedge.h"

enum atom_kind {
	ATOM_LETTER,	/* may match a letter */
	ATOM_OTHER,	/* consumes, never a letter */
	ATOM_GUARD,	/* \b, ^, $, lookaround: closes the edge */
	ATOM_SKIP,	/* zero-width, says nothing: (?i), (*UCP) */
	ATOM_GROUP	/* a group to look into */
};

struct atom {
	enum atom_kind	 kind;
	const char	*inner;		/* ATOM_GROUP: its body */
	size_t		 innerlen;
	int		 optional;	/* quantified with a minimum of 0 */
	int		 wordrun;	/* \w* or \w+: takes the whole rest of
					   the word, so the edge is one */
};

#define ATOMS_MAX	256
#define DEPTH_MAX	32

static int
is_letter_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c >= 0x80;
}

/* Length of the group at p ("(" ... ")"), or 0 when it never closes. */
static size_t
group_len(const char *p, size_t n)
{
	size_t i, k;
	int depth = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == '\\') {
			i++;
		} else if (p[i] == '[') {
			if ((k = regex_class_len(p + i)) == 0)
				return 0;
			i += k - 1;
		} else if (p[i] == '(')
			depth++;
		else if (p[i] == ')' && --depth == 0)
			return i + 1;
	}
	return 0;
}

/* Can the class at p (len bytes, brackets included) match a letter? */
static int
class_letter(const char *p, size_t len)
{
	size_t i;

	if (p[1] == '^')
		return 1;
	for (i = 1; i + 1 < len; i++) {
		if (p[i] == '\\') {
			if (strchr("wpPX", p[i + 1]) != NULL)
				return 1;
			i++;
		} else if (p[i] == '[' && p[i + 1] == ':')
			return strncmp(p + i, "[:digit:]", 9) != 0 &&
			    strncmp(p + i, "[:space:]", 9) != 0 &&
			    strncmp(p + i, "[:punct:]", 9) != 0;
		else if (is_letter_byte((unsigned char)p[i]))
			return 1;
	}
	return 0;
}

/* A "(" group at p of len bytes: its kind and body. */
static void
group_atom(const char *p, size_t len, struct atom *a)
{
	const char *q = p + 1;

	a->kind = ATOM_GROUP;
	if (q[0] == '*') {
		a->kind = ATOM_SKIP;
		return;
	}
	if (q[0] == '?') {
		if (q[1] == '=' || q[1] == '!' || (q[1] == '<' &&
		    (q[2] == '=' || q[2] == '!'))) {
			a->kind = ATOM_GUARD;
			return;
		}
		if (q[1] == '<' || q[1] == '\'' || (q[1] == 'P' &&
		    q[2] == '<')) {
			/* A named group: the body follows the name. */
			q += 2 + strcspn(q + 2, ">'");
			if (q >= p + len - 1) {
				a->kind = ATOM_LETTER;
				return;
			}
			q++;
		} else if (q[1] == ':' || q[1] == '>' || q[1] == '|')
			q += 2;
		else {
			q += strspn(q + 1, "imnsxJU-^") + 1;
			if (*q == ')') {
				a->kind = ATOM_SKIP;
				return;
			}
			q++;	/* the ":" of "(?i:" */
		}
	}
	a->inner = q;
	a->innerlen = (size_t)(p + len - 1 - q);
}

/* An escape at p: its kind and length. */
static size_t
escape_atom(const char *p, size_t n, struct atom *a)
{
	char c = n > 1 ? p[1] : '\0';

	a->kind = ATOM_OTHER;
	if (c == 'Q') {
		p += 2;
		a->kind = n > 2 && is_letter_byte((unsigned char)*p) ?
		    ATOM_LETTER : ATOM_OTHER;
		return strstr(p, "\\E") != NULL ? (size_t)(strstr(p, "\\E") -
		    p) + 4 : n;
	}
	if (strchr("bBAzZG", c) != NULL && c != '\0')
		a->kind = ATOM_GUARD;
	else if (strchr("wSpPXNRC", c) != NULL && c != '\0')
		a->kind = ATOM_LETTER;
	else if (c == 'K')
		a->kind = ATOM_SKIP;
	if ((c == 'p' || c == 'P' || c == 'x') && n > 2 && p[2] == '{')
		return strchr(p, '}') != NULL ? (size_t)(strchr(p, '}') - p) +
		    1 : n;
	return n > 1 ? 2 : 1;
}

/* A quantifier at p: its length, whether it allows zero, whether it has
   no upper bound. */
static size_t
quantifier(const char *p, size_t n, int *optional, int *unbounded)
{
	size_t i = 0;

	*optional = *unbounded = 0;
	if (n == 0)
		return 0;
	*unbounded = p[0] == '*' || p[0] == '+';
	if (p[0] == '?' || p[0] == '*')
		*optional = i = 1;
	else if (p[0] == '+')
		i = 1;
	else if (p[0] == '{' && n > 1 && p[1] >= '0' && p[1] <= '9') {
		*optional = p[1] == '0' && n > 2 &&
		    (p[2] == ',' || p[2] == '}');
		while (i < n && p[i] != '}')
			i++;
		i = i < n ? i + 1 : 0;
		if (i == 0)
			return 0;
	}
	/* A lazy run stops at the first chance, inside a word. */
	if (i > 0 && i < n && p[i] == '?')
		*unbounded = 0;
	if (i > 0 && i < n && (p[i] == '?' || p[i] == '+'))
		i++;
	return i;
}

/* Split one alternative into atoms; -1 when it is too odd to read. */
static int
atoms_of(const char *p, size_t n, struct atom *v, size_t *nv)
{
	size_t i = 0, len;
	int opt, unbounded, word;

	*nv = 0;
	while (i < n) {
		struct atom *a = &v[*nv];

		if (*nv == ATOMS_MAX)
			return -1;
		memset(a, 0, sizeof(*a));
		if (p[i] == '\\')
			len = escape_atom(p + i, n - i, a);
		else if (p[i] == '[') {
			if ((len = regex_class_len(p + i)) == 0)
				return -1;
			a->kind = class_letter(p + i, len) ? ATOM_LETTER :
			    ATOM_OTHER;
		} else if (p[i] == '(') {
			if ((len = group_len(p + i, n - i)) == 0)
				return -1;
			group_atom(p + i, len, a);
		} else if (p[i] == '^' || p[i] == '$') {
			a->kind = ATOM_GUARD;
			len = 1;
		} else {
			a->kind = p[i] == '.' ||
			    is_letter_byte((unsigned char)p[i]) ? ATOM_LETTER :
			    ATOM_OTHER;
			len = 1;
		}
		/* An escape cut short at the end of the alternative must not
		   carry the reading past it. */
		if (len == 0 || len > n - i)
			return -1;
		word = p[i] == '\\' && len == 2 && p[i + 1] == 'w';
		i += len;
		i += quantifier(p + i, n - i, &opt, &unbounded);
		a->optional = opt;
		a->wordrun = word && unbounded;
		(*nv)++;
	}
	return 0;
}

static int edge_closed(const char *, size_t, int, int);

/* One alternative, read from its start (or its end when from_end). */
static int
alt_closed(const char *p, size_t n, int from_end, int depth)
{
	struct atom *v;
	size_t nv, k, i;
	int closed = 1;

	v = xcalloc(ATOMS_MAX, sizeof(*v));
	if (atoms_of(p, n, v, &nv) != 0) {
		free(v);
		return 0;
	}
	for (k = 0; k < nv; k++) {
		i = from_end ? nv - 1 - k : k;
		if (v[i].kind == ATOM_SKIP)
			continue;
		if (v[i].kind == ATOM_GUARD)
			break;
		if (v[i].kind == ATOM_LETTER) {
			closed = v[i].wordrun;
			break;
		}
		if (v[i].kind == ATOM_GROUP && !edge_closed(v[i].inner,
		    v[i].innerlen, from_end, depth + 1)) {
			closed = 0;
			break;
		}
		if (!v[i].optional)
			break;
	}
	free(v);
	return closed;
}

/* Every top-level alternative of p[0, n) must be closed at that edge. */
static int
edge_closed(const char *p, size_t n, int from_end, int depth)
{
	size_t i, start = 0, k;
	int level = 0;

	if (depth > DEPTH_MAX)
		return 0;
	for (i = 0; i <= n; i++) {
		if (i < n && p[i] == '\\') {
			i++;
			continue;
		}
		if (i < n && p[i] == '[') {
			if ((k = regex_class_len(p + i)) == 0)
				return 0;
			i += k - 1;
			continue;
		}
		if (i < n && p[i] == '(')
			level++;
		else if (i < n && p[i] == ')')
			level--;
		else if (i == n || (p[i] == '|' && level == 0)) {
			if (!alt_closed(p + start, i - start, from_end, depth))
				return 0;
			start = i + 1;
		}
	}
	return 1;
}

int
regex_word_edges(const char *regex)
{
	size_t n = strlen(regex);
	int open = 0;

	if (!edge_closed(regex, n, 0, 0))
		open |= WORDEDGE_START;
	if (!edge_closed(regex, n, 1, 0))
		open |= WORDEDGE_END;
	return open;
}
