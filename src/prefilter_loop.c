/*
 * prefilter_loop.c -- a repeated list becomes one class loop.
 *
 * Input: one byte-mode expression of the Hyperscan set, as
 * prefilter_rewrite.c made it.  Output: the same expression where every
 * repeat with no upper bound of a group holding alternatives
 * ("(?:,? ?(?:and ?|or ?)?(?:detect\w*|respond|block\w*))*") is written as
 * a loop over one class, the bytes the group can match ("[\w ,]*"); with a
 * minimum, one copy of the group comes first, so that its fixed text
 * stays.
 *
 * Why: a list of verbs repeated before a gap of words costs Hyperscan an
 * automaton over every alternative in every position, and such a pattern
 * alone once made its scan of a corpus four times slower; the class loop
 * is a single state.  The loop matches every string the repeat matches (a
 * superset, which is all the prefilter needs) and more: it is only made
 * when its class lacks ".", so that a candidate still cannot run across a
 * sentence's end.  A repeated group with no alternative ("(?:\. ?){5,}")
 * keeps its exact count: it costs little and its minimum is what makes it
 * selective.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prefilter_int.h"
#include "util.h"

/* A set of bytes. */
struct byteset {
	uint64_t	 w[4];
};

struct looper {
	const char	*p;
	int		 bad;		/* a construct this reader does not
					   know: the expression is kept */
};

static void
set_add(struct byteset *s, unsigned c)
{
	s->w[c >> 6] |= (uint64_t)1 << (c & 63);
}

static int
set_has(const struct byteset *s, unsigned c)
{
	return (s->w[c >> 6] >> (c & 63)) & 1;
}

static void
set_range(struct byteset *s, unsigned lo, unsigned hi)
{
	for (; lo <= hi; lo++)
		set_add(s, lo);
}

static void
set_union(struct byteset *s, const struct byteset *t)
{
	size_t	 i;

	for (i = 0; i < 4; i++)
		s->w[i] |= t->w[i];
}

/* A byte, and its other case: a group may be caseless ("(?i:") in an
   expression that is not. */
static void
set_byte(struct byteset *s, unsigned c)
{
	set_add(s, c);
	if (c < 0x80 && isalpha((int)c))
		set_add(s, (unsigned)(isupper((int)c) ? tolower((int)c) :
		    toupper((int)c)));
}

/* The bytes of the shorthand class \c (w, d, s and their complements);
   0 when c is none of them. */
static int
set_shorthand(struct byteset *s, char c)
{
	struct byteset	 t;
	size_t		 i;

	memset(&t, 0, sizeof(t));
	switch (tolower((unsigned char)c)) {
	case 'w':
		set_range(&t, '0', '9');
		set_range(&t, 'A', 'Z');
		set_range(&t, 'a', 'z');
		set_add(&t, '_');
		break;
	case 'd':
		set_range(&t, '0', '9');
		break;
	case 's':
		set_range(&t, '\t', '\r');
		set_add(&t, ' ');
		break;
	default:
		return 0;
	}
	if (isupper((unsigned char)c))
		for (i = 0; i < 4; i++)
			t.w[i] = ~t.w[i];
	set_union(s, &t);
	return 1;
}

/* The escape at p (its backslash) when it stands for one byte ("\x2d",
   "\n", "\."): that byte in *byte, and its length; else 0. */
static size_t
escape_byte(const char *p, int *byte)
{
	/* Not \v, which PCRE2 reads as a class of vertical space. */
	static const char ctl[] = "n\nt\tr\rf\fe\033a\007";
	const char	*c;
	char		 hex[3] = { 0, 0, 0 };

	if (p[1] == 'x' && isxdigit((unsigned char)p[2]) &&
	    isxdigit((unsigned char)p[3])) {
		hex[0] = p[2];
		hex[1] = p[3];
		*byte = (int)strtoul(hex, NULL, 16);
		return 4;
	}
	for (c = ctl; *c != '\0'; c += 2)
		if (p[1] == c[0]) {
			*byte = (unsigned char)c[1];
			return 2;
		}
	/* An escaped punctuation character is itself; other letters and
	   digits are escapes this reader does not know (\p, \Q, \1). */
	if (ispunct((unsigned char)p[1]) || p[1] == ' ') {
		*byte = (unsigned char)p[1];
		return 2;
	}
	return 0;
}

/* The escape at l->p, outside a class: its bytes into s, its length
   returned; \b and \B add nothing. */
static size_t
read_escape(struct looper *l, struct byteset *s)
{
	size_t		 n;
	int		 byte;

	if ((n = escape_byte(l->p, &byte)) > 0) {
		set_byte(s, (unsigned)byte);
		return n;
	}
	if (l->p[1] == 'b' || l->p[1] == 'B')
		return 2;
	if (l->p[1] != '\0' && set_shorthand(s, l->p[1]))
		return 2;
	l->bad = 1;
	return 0;
}

/* One member of a class at l->p: a byte (*byte), or a shorthand whose
   bytes go into s (*byte -1).  Its length; 0 when unknown. */
static size_t
class_member(struct looper *l, struct byteset *s, int *byte)
{
	size_t		 n;

	*byte = (unsigned char)*l->p;
	if (*l->p != '\\')
		return 1;
	if ((n = escape_byte(l->p, byte)) > 0)
		return n;
	*byte = -1;
	if (l->p[1] != '\0' && set_shorthand(s, l->p[1]))
		return 2;
	l->bad = 1;
	return 0;
}

/* A byte of a class: with its other case, unless the class is negated
   (it then excludes the other case only if the expression is caseless;
   keeping it in the class is the superset either way). */
static void
class_byte(struct byteset *s, unsigned c, int neg)
{
	if (neg)
		set_add(s, c);
	else
		set_byte(s, c);
}

/* The class at l->p, "[" to "]": its bytes into s, l->p past it. */
static void
read_class(struct looper *l, struct byteset *s)
{
	struct byteset	 t;
	size_t		 n, i;
	int		 neg, lo, hi, first = 1;

	memset(&t, 0, sizeof(t));
	l->p++;
	if ((neg = *l->p == '^'))
		l->p++;
	while (*l->p != '\0' && (*l->p != ']' || first)) {
		first = 0;
		if (l->p[0] == '[' && l->p[1] == ':')
			goto bad;	/* POSIX classes: not written here */
		if ((n = class_member(l, &t, &lo)) == 0)
			goto bad;
		l->p += n;
		if (l->p[0] != '-' || l->p[1] == ']' || l->p[1] == '\0') {
			if (lo >= 0)
				class_byte(&t, (unsigned)lo, neg);
			continue;
		}
		/* A range: both ends single bytes. */
		l->p++;
		if (lo < 0 || (n = class_member(l, &t, &hi)) == 0 || hi < lo)
			goto bad;
		l->p += n;
		for (i = (size_t)lo; i <= (size_t)hi; i++)
			class_byte(&t, (unsigned)i, neg);
	}
	if (*l->p != ']')
		goto bad;
	l->p++;
	if (neg)
		for (i = 0; i < 4; i++)
			t.w[i] = ~t.w[i];
	set_union(s, &t);
	return;
bad:
	l->bad = 1;
}

/* The class of the bytes in s, as Hyperscan reads it in byte mode. */
static void
write_class(struct strbuf *out, const struct byteset *s)
{
	unsigned	 i, j;

	strbuf_addc(out, '[');
	for (i = 0; i < 256; i = j + 1) {
		if (!set_has(s, i)) {
			j = i;
			continue;
		}
		for (j = i; j + 1 < 256 && set_has(s, j + 1); j++)
			continue;
		if (j == i)
			strbuf_addf(out, "\\x%02x", i);
		else
			strbuf_addf(out, "\\x%02x-\\x%02x", i, j);
	}
	strbuf_addc(out, ']');
}

static void	 loop_alternation(struct looper *, struct strbuf *,
		    struct byteset *, int *);

/* A group at l->p, "(?:", "(?i:" or "(?-i:" to ")", and its quantifier. */
static void
loop_group(struct looper *l, struct strbuf *out, struct byteset *s,
    int *alts)
{
	struct strbuf	 inner = { NULL, 0, 0 };
	struct byteset	 t;
	const char	*open = l->p;
	unsigned long	 lo, hi;
	size_t		 qn, on;
	int		 inner_alts = 0;

	if (strncmp(l->p, "(?:", 3) == 0)
		on = 3;
	else if (strncmp(l->p, "(?i:", 4) == 0)
		on = 4;
	else if (strncmp(l->p, "(?-i:", 5) == 0)
		on = 5;
	else {
		l->bad = 1;
		return;
	}
	l->p += on;
	memset(&t, 0, sizeof(t));
	loop_alternation(l, &inner, &t, &inner_alts);
	if (l->bad || *l->p != ')') {
		l->bad = 1;
		strbuf_free(&inner);
		return;
	}
	l->p++;
	set_union(s, &t);
	qn = regex_quant(l->p, &lo, &hi);
	if (qn == 0 || hi != ULONG_MAX || !inner_alts || set_has(&t, '.')) {
		strbuf_add(out, open, on);
		strbuf_add(out, inner.s, inner.len);
		strbuf_addc(out, ')');
		strbuf_add(out, l->p, qn);
		*alts |= inner_alts;
	} else {
		/* One copy for the minimum, then the loop. */
		if (lo > 0) {
			strbuf_add(out, open, on);
			strbuf_add(out, inner.s, inner.len);
			strbuf_addc(out, ')');
		}
		write_class(out, &t);
		strbuf_addc(out, '*');
	}
	l->p += qn;
	strbuf_free(&inner);
}

/* One alternative: atoms and their quantifiers, up to "|" or ")". */
static void
loop_sequence(struct looper *l, struct strbuf *out, struct byteset *s,
    int *alts)
{
	unsigned long	 lo, hi;
	const char	*a;
	size_t		 n;

	while (!l->bad && *l->p != '\0' && *l->p != '|' && *l->p != ')') {
		a = l->p;
		switch (*l->p) {
		case '(':
			loop_group(l, out, s, alts);
			continue;	/* it wrote its quantifier */
		case '[':
			read_class(l, s);
			break;
		case '\\':
			l->p += read_escape(l, s);
			break;
		case '.':
			set_range(s, 0, 255);
			l->p++;
			break;
		case '^':
		case '$':
			l->p++;
			break;
		case '*': case '+': case '?': case '{': case '}':
			/* A quantifier with no atom, or a literal brace:
			   not written here. */
			l->bad = 1;
			return;
		default:
			set_byte(s, (unsigned char)*l->p);
			l->p++;
			break;
		}
		if (l->bad)
			return;
		l->p += regex_quant(l->p, &lo, &hi);
		n = (size_t)(l->p - a);
		strbuf_add(out, a, n);
	}
}

static void
loop_alternation(struct looper *l, struct strbuf *out, struct byteset *s,
    int *alts)
{
	loop_sequence(l, out, s, alts);
	while (!l->bad && *l->p == '|') {
		*alts = 1;
		strbuf_addc(out, '|');
		l->p++;
		loop_sequence(l, out, s, alts);
	}
}

char *
prefilter_loop_lists(const char *expr)
{
	struct looper	 l;
	struct strbuf	 out = { NULL, 0, 0 };
	struct byteset	 s;
	int		 alts = 0;

	memset(&l, 0, sizeof(l));
	memset(&s, 0, sizeof(s));
	l.p = expr;
	loop_alternation(&l, &out, &s, &alts);
	if (l.bad || *l.p != '\0') {
		strbuf_free(&out);
		return xstrdup(expr);
	}
	strbuf_addc(&out, '\0');
	out.len--;
	return strbuf_take(&out);
}
