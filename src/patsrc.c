/*
 * patsrc.c -- a pattern's PCRE2 and prefilter sources, made now or when
 * first needed (patsrc.h).
 *
 * Input: a loaded ruleset and one of its terms or concepts.  Output: the
 * PCRE2 source the pattern is compiled from and the prefilter source its
 * expressions are cut from.  One code path for both times, so that a
 * source made late is the one an eager load makes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "patsrc.h"
#include "prefilter.h"
#include "term.h"
#include "util.h"

/* A part's sources: its own when made, else made now (*owned set, so
   that the caller frees them). */
static int
part_sources(const struct ruleset *rs, const struct pattern *p,
    const char **regex, const char **prefilter, char **own_re,
    char **own_pf, char **cause)
{
	*own_re = *own_pf = NULL;
	if (!p->deferred) {
		*regex = p->regex;
		*prefilter = p->prefilter;
		return 0;
	}
	if (patsrc_make(rs, p, own_re, own_pf, cause) == -1)
		return -1;
	*regex = *own_re;
	*prefilter = *own_pf;
	return 0;
}

/*
 * A regex as it is matched: a space written between words stands for any
 * run of white space, since documents wrap lines wherever a space was.  A
 * space followed by a quantifier, or inside a class, stands for one
 * white-space character, so "a ?b" and "[- ]" keep their meaning.
 * The source itself is kept as written, for messages and explain.
 *
 * When at is not NULL, *at is set to the
 * offset in src of the character whose widened form holds offset want of
 * the result (the length of src past its end), so that an error PCRE2
 * reports in the widened regex points into the regex as written.
 */
static char *
widen_spaces(const char *src, size_t want, size_t *at)
{
	struct strbuf sb = { NULL, 0, 0 };
	unsigned char behind[64];	/* per open group: inside a lookbehind */
	int depth = 0, in_class = 0, lb;
	const char *s;

	/* left as it is: the loader reports it as empty */
	if (src[strspn(src, " \t\r\n")] == '\0')
		return xstrdup(src);
	for (s = src; *s != '\0'; s++) {
		if (at != NULL && sb.len <= want)
			*at = (size_t)(s - src);
		lb = depth > 0 && behind[(depth - 1) % sizeof(behind)];
		if (*s == '\\' && s[1] != '\0') {
			/* both characters map to the escape */
			strbuf_addc(&sb, *s++);
			strbuf_addc(&sb, *s);
			continue;
		}
		if (in_class) {
			if (*s == ']')
				in_class = 0;
			if (*s == ' ')
				strbuf_adds(&sb, "\\s");
			else
				strbuf_addc(&sb, *s);
			continue;
		}
		if (*s == '[') {
			in_class = 1;
			strbuf_addc(&sb, *s);
			if (s[1] == '^')
				strbuf_addc(&sb, *++s);
			if (s[1] == ']')
				strbuf_addc(&sb, *++s);
			continue;
		}
		if (*s == '(') {
			/* a lookbehind must keep a fixed length: one character */
			behind[depth % sizeof(behind)] = lb ||
			    strncmp(s, "(?<=", 4) == 0 || strncmp(s, "(?<!", 4) == 0;
			depth++;
		} else if (*s == ')' && depth > 0)
			depth--;
		if (*s == ' ')
			strbuf_adds(&sb, lb || (s[1] != '\0' &&
			    strchr("?*+{", s[1]) != NULL) ? "\\s" : "\\s+");
		else
			strbuf_addc(&sb, *s);
	}
	if (at != NULL && sb.len <= want)
		*at = strlen(src);
	return strbuf_take(&sb);
}

char *
patsrc_regex(const char *src)
{
	return widen_spaces(src, 0, NULL);
}

size_t
patsrc_regex_offset(const char *src, size_t off)
{
	size_t at = 0;

	free(widen_spaces(src, off, &at));
	return at;
}

int
patsrc_make(const struct ruleset *rs, const struct pattern *p, char **regex,
    char **prefilter, char **cause)
{
	*regex = *prefilter = *cause = NULL;
	if (p->is_concept) {
		if (p->vocab == NULL) {
			*cause = xasprintf("concept \"%s\" is not resolved",
			    p->source);
			return -1;
		}
		if (patsrc_join(rs, p->vocab, p->lang, regex, prefilter,
		    cause) == -1)
			return -1;
		if (*regex == NULL) {
			*cause = xasprintf("vocabulary %s has no part in "
			    "language %s", p->vocab->id,
			    rs->languages[p->lang]);
			return -1;
		}
		return 0;
	}
	if (p->is_term)
		return term_to_regex_lang(p->source,
		    p->lang < rs->nlanguages ? rs->languages[p->lang] : NULL,
		    regex, prefilter, cause);
	if (p->deferred) {
		*regex = patsrc_regex(p->source);
		*prefilter = regex_to_prefilter(*regex);
		return 0;
	}
	*regex = xstrdup(p->regex);
	*prefilter = p->prefilter != NULL ? xstrdup(p->prefilter) : NULL;
	return 0;
}

void
patsrc_join_flags(const struct vocabulary *v, unsigned lang,
    struct vocabjoin *j)
{
	const struct pattern *p;
	size_t i;

	j->case_sensitive = j->all_terms = 1;
	j->nparts = 0;
	j->deferred = 0;
	for (i = 0; i < v->pats.n; i++) {
		p = &v->pats.v[i];
		if (p->lang != lang)
			continue;
		j->case_sensitive &= p->case_sensitive;
		j->all_terms &= p->is_term;
		j->deferred |= p->deferred;
		j->nparts++;
	}
}

int
patsrc_join(const struct ruleset *rs, const struct vocabulary *v,
    unsigned lang, char **regex, char **prefilter, char **cause)
{
	struct strbuf re, pf;
	const struct pattern *p;
	const char *pre, *ppf;
	char *own_re, *own_pf;
	size_t i, n = 0;
	int pf_ok = 1;

	*regex = *prefilter = NULL;
	memset(&re, 0, sizeof(re));
	memset(&pf, 0, sizeof(pf));
	strbuf_adds(&re, "(?:");
	for (i = 0; i < v->pats.n; i++) {
		p = &v->pats.v[i];
		if (p->lang != lang)
			continue;
		if (part_sources(rs, p, &pre, &ppf, &own_re, &own_pf,
		    cause) == -1) {
			strbuf_free(&re);
			strbuf_free(&pf);
			return -1;
		}
		strbuf_addf(&re, "%s(?%s:%s)", n > 0 ? "|" : "",
		    p->case_sensitive ? "-i" : "i", pre);
		if (ppf == NULL)
			pf_ok = 0;
		else
			strbuf_addf(&pf, "%s(?:%s)", n > 0 ? "|" : "", ppf);
		free(own_re);
		free(own_pf);
		n++;
	}
	strbuf_adds(&re, ")");
	*regex = n > 0 ? strbuf_take(&re) : NULL;
	*prefilter = n > 0 && pf_ok ? strbuf_take(&pf) : NULL;
	strbuf_free(&re);
	strbuf_free(&pf);
	return 0;
}
