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
	/* \z, \Z and \G see the end or start of the paragraph the scanner
	   searches, which the prefilter, scanning the whole text, does not. */
	return strchr("gkKRNCzZG", c) == NULL;
}

/*
 * The pass behind both functions below: copy what Hyperscan takes, fail on
 * what it cannot, and keep or drop word boundaries.
 */
static char *
to_prefilter(const char *regex, int keep_boundaries)
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
			if (p[1] == 'b' && keep_boundaries)
				strbuf_add(&sb, p, 2);
			p += 2;
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
		else if (p[0] == '$')
			goto fail;	/* see escape_ok() */
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
	return to_prefilter(regex, 1);
}

char *
prefilter_drop_boundaries(const char *src)
{
	return to_prefilter(src, 0);
}
