/*
 * prefilter_source.c -- prefilter sources derived from hand-written
 * regexes.
 *
 * Input: a rule's PCRE2 regex as its author wrote it.  Output: a source
 * Hyperscan takes, matching a superset of the regex, or NULL when no safe
 * widening is known (the pattern is then always confirmed by PCRE2).
 * prefilter_rewrite.c later reduces these sources, like term.c's, to the
 * expressions of the database.  Needs no Hyperscan: rules are loaded, and
 * their sources derived, the same in a build without it.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "prefilter.h"
#include "util.h"

size_t
regex_class_len(const char *p)
{
	const char *q = p + 1;

	if (*q == '^')
		q++;
	if (*q == ']')
		q++;
	while (*q != '\0' && *q != ']') {
		if (*q == '\\' && q[1] != '\0')
			q += 2;
		else if (q[0] == '[' && q[1] == ':' &&
		    strstr(q + 2, ":]") != NULL)
			q = strstr(q + 2, ":]") + 2;
		else
			q++;
	}
	return *q == ']' ? (size_t)(q - p) + 1 : 0;
}

size_t
regex_quant(const char *q, unsigned long *lo, unsigned long *hi)
{
	const char *s = q, *d;
	char *e;

	if (*q != '?' && *q != '*' && *q != '+') {
		/* "{n}", "{n,}", "{n,m}"; anything else is a literal "{". */
		if (q[0] != '{' || q[1] < '0' || q[1] > '9')
			return 0;
		for (d = q + 1; (*d >= '0' && *d <= '9') || *d == ','; d++)
			continue;
		if (*d != '}')
			return 0;
	}
	*lo = *q == '+';
	*hi = *q == '?' ? 1 : ULONG_MAX;
	if (*q == '{') {
		*lo = *hi = strtoul(q + 1, &e, 10);
		if (*e == ',')
			*hi = e[1] == '}' ? ULONG_MAX : strtoul(e + 1, NULL, 10);
		q = strchr(q, '}');
	}
	q++;
	if (*q == '?' || *q == '+')
		q++;
	return (size_t)(q - s);
}

/* Is the "(?" group at p (pointing after "(?") one Hyperscan accepts? */
static int
group_ok(const char *p)
{
	if (strchr(":=!>#", *p) != NULL || *p == '\'')
		return 1;
	/* Lookbehinds are fine: the prefilter removes lookarounds, which
	   only widens the pattern. */
	if (p[0] == '<')
		return 1;
	if (p[0] == 'P')
		return p[1] == '<';
	/* Inline flags: only the ones Hyperscan knows. */
	while (*p != '\0' && strchr("ismx-", *p) != NULL)
		p++;
	return *p == ':' || *p == ')';
}

/* Escapes Hyperscan rejects, or that refer back to captured text. */
static int
escape_ok(char c)
{
	if (c >= '1' && c <= '9')
		return 0;
	return strchr("gkKRNC", c) == NULL;
}

/* Is p an assertion of the unit's start or end ("$", "\z", "\Z", "\A",
   "\G")?  Its length, or 0.  The scanner searches a sentence or a clause
   at a time, which the prefilter, scanning the whole text, does not see:
   the expression drops the assertion, which only widens it. */
static size_t
unit_edge_len(const char *p)
{
	if (p[0] == '$')
		return 1;
	if (p[0] == '\\' && p[1] != '\0' && strchr("zZAG", p[1]) != NULL)
		return 2;
	return 0;
}

/*
 * The pass behind regex_to_prefilter(): copy what Hyperscan takes, fail on
 * what it cannot.
 */
static char *
to_prefilter(const char *regex)
{
	struct strbuf sb;
	const char *p = regex, *q;
	size_t n;
	int content = 0;

	memset(&sb, 0, sizeof(sb));
	while (*p != '\0') {
		if (p[0] == '\\' && p[1] == 'Q') {
			q = strstr(p + 2, "\\E");
			n = q == NULL ? strlen(p) : (size_t)(q - p) + 2;
		} else if (p[0] == '\\' && (p[1] == 'b' || p[1] == 'B')) {
			/* Dropping a boundary only widens, unless something
			   quantifies it. */
			if (p[2] != '\0' && strchr("?*+{", p[2]) != NULL)
				goto fail;
			if (p[1] == 'b')
				strbuf_add(&sb, p, 2);
			p += 2;
			continue;
		} else if ((n = unit_edge_len(p)) > 0) {
			/* As for a boundary: dropped, unless quantified. */
			if (p[n] != '\0' && strchr("?*+{", p[n]) != NULL)
				goto fail;
			p += n;
			continue;
		} else if (p[0] == '\\') {
			if (p[1] == '\0' || !escape_ok(p[1]))
				goto fail;
			n = 2;
		} else if (p[0] == '[') {
			if ((n = regex_class_len(p)) == 0)
				goto fail;
		} else if (p[0] == '(' && p[1] == '*')
			goto fail;
		else if (p[0] == '(' && p[1] == '?') {
			if (!group_ok(p + 2))
				goto fail;
			n = 2;
		} else
			n = 1;
		strbuf_add(&sb, p, n);
		content = 1;
		p += n;
	}
	if (!content)
		goto fail;
	return strbuf_take(&sb);
fail:
	strbuf_free(&sb);
	return NULL;
}

char *
regex_to_prefilter(const char *regex)
{
	return to_prefilter(regex);
}

/*
 * Guaranteed literal bytes: how many bytes every match of an expression
 * must take from fixed text.  A sequence adds its atoms' counts, times the
 * least number of times each repeats; an alternation takes its poorest
 * branch.  A literal byte counts one, and so does a small class such as
 * "[Rr]" or "[ao]", which Hyperscan's literal matcher takes as a few
 * literals; classes of many members, ".", escapes such as \w, and
 * anchors, word boundaries and lookarounds count nothing.
 */
#define FIXED_MAX	((size_t)1 << 20)	/* saturate, never overflow */
#define SMALL_CLASS	4

static size_t	fixed_alt(const char **);

/* One member of a class at *p: 1 for a plain character or an escaped
   punctuation or byte, 0 for a range or an escape that stands for many. */
static int
class_member_plain(const char **p)
{
	const char *q = *p;

	if (*q == '\\') {
		if (q[1] == 'x' && q[2] != '{') {
			*p = q + 4;
			return 1;
		}
		*p = q + 2;
		return q[1] != '\0' && strchr("wWsSdDhHvVpPNRX", q[1]) == NULL;
	}
	if (q[0] == '[' && q[1] == ':')
		return 0;
	*p = q + 1;
	return q[1] != '-' || q[2] == ']';
}

static size_t
class_fixed(const char *p, size_t len)
{
	const char *q = p + 1, *end = p + len - 1;
	size_t n = 0;

	if (*q == '^')
		return 0;
	if (*q == ']') {
		q++;
		n++;
	}
	while (q < end) {
		if (!class_member_plain(&q))
			return 0;
		n++;
	}
	return n > 0 && n <= SMALL_CLASS;
}

/* An escape outside a class: its length and its count. */
static size_t
escape_fixed(const char *p, size_t *len)
{
	const char *e;

	*len = 2;
	if (p[1] == '\0') {
		*len = 1;
		return 1;
	}
	if (p[1] == 'Q') {
		e = strstr(p + 2, "\\E");
		*len = e == NULL ? strlen(p) : (size_t)(e - p) + 2;
		return e == NULL ? *len - 2 : *len - 4;
	}
	if (p[1] == 'x') {
		/* "\x{...}", or up to two hex digits: a cut source may end
		   inside one. */
		if (p[2] == '{')
			*len = (e = strchr(p + 3, '}')) != NULL ?
			    (size_t)(e - p) + 1 : strlen(p);
		else
			*len = 2 + (isxdigit((unsigned char)p[2]) ?
			    1 + (isxdigit((unsigned char)p[3]) != 0) : 0);
		return 1;
	}
	if ((p[1] == 'p' || p[1] == 'P') && p[2] == '{' &&
	    (e = strchr(p + 3, '}')) != NULL) {
		*len = (size_t)(e - p) + 1;
		return 0;
	}
	if (strchr("tnrfea", p[1]) != NULL)
		return 1;
	if ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') ||
	    (p[1] >= '0' && p[1] <= '9'))
		return 0;
	return 1;
}

/* The least repeat count of the quantifier at *p (1 when there is none),
   which is skipped. */
static size_t
quant_min(const char **p)
{
	const char *q = *p;
	size_t n = 1;

	if (*q == '?' || *q == '*')
		n = 0;
	else if (*q == '+')
		n = 1;
	else if (*q == '{' && q[1] >= '0' && q[1] <= '9' &&
	    q[strspn(q + 1, "0123456789,") + 1] == '}') {
		n = strtoul(q + 1, NULL, 10);
		q = strchr(q, '}');
	} else
		return 1;
	q++;
	if (*q == '?' || *q == '+')
		q++;
	*p = q;
	return n;
}

/* A group at *p, "(" to ")"; *p is left after it. */
static size_t
group_fixed(const char **p)
{
	const char *q = *p + 1;
	size_t n;
	int look = 0;

	if (*q == '?') {
		q++;
		if (*q == '#') {
			*p = strchr(q, ')') != NULL ? strchr(q, ')') + 1 :
			    q + strlen(q);
			return 0;
		}
		if (*q == '=' || *q == '!' || (*q == '<' && (q[1] == '=' ||
		    q[1] == '!')))
			look = 1;
		else if (*q == '<' || *q == 'P' || *q == '\'')
			q = strpbrk(q, ">'") != NULL ? strpbrk(q, ">'") : q;
		else
			q += strspn(q, "imsx-");
		if (*q == ')') {		/* options for what follows */
			*p = q + 1;
			return 0;
		}
		q++;
	}
	n = fixed_alt(&q);
	if (*q == ')')
		q++;
	*p = q;
	return look ? 0 : n;
}

static size_t
sat_mul(size_t a, size_t b)
{
	if (a == 0 || b == 0)
		return 0;
	return a > FIXED_MAX / b ? FIXED_MAX : a * b;
}

/* A branch: up to "|", ")" or the end. */
static size_t
fixed_seq(const char **p)
{
	const char *q = *p;
	size_t n = 0, w, len;

	while (*q != '\0' && *q != '|' && *q != ')') {
		if (*q == '\\') {
			w = escape_fixed(q, &len);
			q += len;
		} else if (*q == '[') {
			if ((len = regex_class_len(q)) == 0)
				len = strlen(q);
			w = class_fixed(q, len);
			q += len;
		} else if (*q == '(')
			w = group_fixed(&q);
		else {
			w = strchr(".^$", *q) == NULL;
			q++;
		}
		w = sat_mul(w, quant_min(&q));
		n = n + w > FIXED_MAX ? FIXED_MAX : n + w;
	}
	*p = q;
	return n;
}

static size_t
fixed_alt(const char **p)
{
	size_t n, least = FIXED_MAX;

	for (;;) {
		n = fixed_seq(p);
		if (n < least)
			least = n;
		if (**p != '|')
			return least;
		(*p)++;
	}
}

size_t
prefilter_fixed_bytes(const char *expr)
{
	const char *p = expr;
	size_t n = 0, least = FIXED_MAX;

	/* Stray ")" at the top level end nothing: read on. */
	for (;;) {
		n = fixed_alt(&p);
		if (n < least)
			least = n;
		if (*p == '\0')
			return least;
		p++;
	}
}
