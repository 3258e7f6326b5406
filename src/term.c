/*
 * term.c -- the <term> language translated to regular expressions.
 *
 * Input: a term as an analyst writes it ("undersea cable", "cyber*",
 * "data locali[sz]ation").  Output: a PCRE2 source with the semantics
 * documented in term.h, and a Hyperscan prefilter source made only of the
 * term's literal pieces.  (Prefilter sources of hand-written regexes are
 * derived by prefilter_source.c.)
 *
 * The prefilter may be compiled in Hyperscan's byte mode or with
 * HS_FLAG_UTF8 | HS_FLAG_UCP (prefilter_rewrite.c chooses), so it is written to be
 * a superset in both: a separator between pieces is any run of characters
 * that are not ASCII letters, digits or "_" (every separator and
 * apostrophe the regex allows is one, as is every byte of its UTF-8 form),
 * and a wildcard inside the term is any run of non-space characters.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "utf8.h"
#include "util.h"

/* Characters that may stand around a whole word: letters, marks, digits. */
#define WORDCHAR	"[\\p{L}\\p{M}\\p{N}_]"
#define SEPRUN		"[\\s\\-\\x{2010}\\x{2011}\\x{00AD}]+"
#define APOSTROPHE	"['\\x{2019}]"
#define PF_SEP		"[^0-9A-Za-z_]+"
#define PF_WILD		"\\S*"
/* A gap word: any word, then the separators after it. */
#define GAPWORD		WORDCHAR "+" SEPRUN
#define PF_GAPWORD	"\\S+" PF_SEP
#define GAP_MAX		3

/* Translation state for one term. */
struct tbuild {
	struct strbuf	 re;
	struct strbuf	 pf;
	int		 pf_ok;		/* 0: no prefilter possible */
	int		 pf_sep;	/* a separator is due before the next
					   prefilter piece */
	int		 last;		/* kind of the last token, TOK_* */
	size_t		 wordlen;	/* tokens in the current word */
	size_t		 words;		/* words translated so far */
	size_t		 gaps;		/* gap words before the next word */
	char		 lastc;		/* last token as an ASCII letter,
					   lower case; 0: not a letter */
	char		 prevc;		/* the token before it, likewise */
};

enum {
	TOK_NONE,
	TOK_LETTER,	/* letter, digit, class: may take a plural */
	TOK_OTHER,	/* punctuation, apostrophe */
	TOK_WILD,
	TOK_INFL	/* "~": takes its own suffixes, not a plural */
};

/* Length of a word separator at p (space, newline, hyphens, NBSP), or 0. */
static size_t
sep_len(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (*u == ' ' || *u == '-' || (*u >= '\t' && *u <= '\r'))
		return 1;
	if (u[0] == 0xc2 && (u[1] == 0xa0 || u[1] == 0xad))
		return 2;
	if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0x90 || u[2] == 0x91))
		return 3;
	return 0;
}

/* Length of an apostrophe at p (' or U+2019), or 0. */
static size_t
apos_len(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (*u == '\'')
		return 1;
	if (u[0] == 0xe2 && u[1] == 0x80 && u[2] == 0x99)
		return 3;
	return 0;
}

static int
is_ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z');
}

/* Start a prefilter piece, writing the separator it follows if any. */
static void
pf_piece(struct tbuild *tb)
{
	if (tb->pf_sep && tb->pf.len > 0) {
		strbuf_adds(&tb->pf, PF_SEP);
		if (tb->gaps > 0)
			strbuf_addf(&tb->pf, "(?:" PF_GAPWORD "){0,%zu}",
			    tb->gaps);
	}
	tb->pf_sep = 0;
}

/* Remember the token just added, for "~" to look back at. */
static void
note_letter(struct tbuild *tb, char c)
{
	tb->prevc = tb->lastc;
	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	tb->lastc = c >= 'a' && c <= 'z' ? c : 0;
}

/* One literal character (a whole UTF-8 sequence); returns its length. */
static size_t
add_literal(struct tbuild *tb, const char *p)
{
	unsigned char c = (unsigned char)*p;
	uint32_t cp;
	size_t n;

	if (c >= 0x80) {
		/* A malformed byte counts alone; the string ends at a NUL. */
		n = utf8_next((const unsigned char *)p, strnlen(p, UTF8_MAX),
		    &cp);
		strbuf_add(&tb->re, p, n);
		tb->pf_ok = 0;
		tb->last = TOK_LETTER;
		return n;
	}
	pf_piece(tb);
	if (is_ascii_alnum(c) || c == '_') {
		strbuf_addc(&tb->re, (char)c);
		strbuf_addc(&tb->pf, (char)c);
		tb->last = TOK_LETTER;
	} else if (c < 0x20 || c == 0x7f) {
		strbuf_addf(&tb->re, "\\x{%02x}", c);
		strbuf_addf(&tb->pf, "\\x%02x", c);
		tb->last = TOK_OTHER;
	} else {
		strbuf_addc(&tb->re, '\\');
		strbuf_addc(&tb->re, (char)c);
		strbuf_addc(&tb->pf, '\\');
		strbuf_addc(&tb->pf, (char)c);
		tb->last = TOK_OTHER;
	}
	return 1;
}

/* The code point of the UTF-8 character at p (n bytes available); a
   malformed one counts as its first byte. */
static uint32_t
code_point(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	uint32_t cp;

	return utf8_decode(u, n, &cp) > 0 ? cp : u[0];
}

/* Check the body of a class: non-empty, ranges in order (by code point,
   as PCRE2 checks them). */
static int
class_check(const char *body, size_t n, char **cause)
{
	size_t i, s;

	if (n == 0 || (n == 1 && body[0] == '^')) {
		*cause = xstrdup("empty character class \"[]\"");
		return -1;
	}
	for (i = 1; i + 1 < n; i++) {
		if (body[i] != '-' || (i == 1 && body[0] == '^'))
			continue;
		/* Back to the start of the character before the "-". */
		s = utf8_floor(body, i - 1);
		if (code_point(body + s, i - s) >
		    code_point(body + i + 1, n - i - 1)) {
			*cause = xasprintf("range out of order in \"[%.*s]\"",
			    (int)n, body);
			return -1;
		}
	}
	return 0;
}

/*
 * A "[...]" class at p, copied as a class: only "\", "[" and the
 * characters that would open a POSIX "[:name:]", "[.x.]" or "[=x=]" are
 * escaped, so that everything inside stays a literal member.  Returns the
 * length consumed, or 0 with *cause.
 */
static size_t
add_class(struct tbuild *tb, const char *p, char **cause)
{
	const char *end;
	size_t n, i;
	int ascii = 1;

	if ((end = strchr(p + 1, ']')) == NULL) {
		*cause = xstrdup("unclosed \"[\"");
		return 0;
	}
	n = (size_t)(end - (p + 1));
	if (class_check(p + 1, n, cause) != 0)
		return 0;
	pf_piece(tb);
	strbuf_addc(&tb->re, '[');
	strbuf_addc(&tb->pf, '[');
	for (i = 0; i < n; i++) {
		char c = p[1 + i];

		if ((unsigned char)c >= 0x80)
			ascii = 0;
		if (c == '\\' || c == '[' || c == ':' || c == '.' ||
		    c == '=') {
			strbuf_addc(&tb->re, '\\');
			strbuf_addc(&tb->pf, '\\');
		}
		strbuf_addc(&tb->re, c);
		strbuf_addc(&tb->pf, c);
	}
	strbuf_addc(&tb->re, ']');
	strbuf_addc(&tb->pf, ']');
	/* A negated class matches multi-byte characters the byte-wise
	   prefilter class would miss. */
	if (!ascii || p[1] == '^')
		tb->pf_ok = 0;
	tb->last = TOK_LETTER;
	return n + 2;
}

/* Is p at the end of the term once separators are skipped? */
static int
only_seps(const char *p)
{
	size_t n;

	while ((n = sep_len(p)) > 0)
		p += n;
	return *p == '\0';
}

/* A "*" at p: valid only at the end of a non-empty word. */
static int
add_wild(struct tbuild *tb, const char *p, char **cause)
{
	if (tb->wordlen == 0) {
		*cause = xstrdup("\"*\" must follow the start of a word");
		return -1;
	}
	if (p[1] != '\0' && sep_len(p + 1) == 0) {
		*cause = xstrdup("\"*\" is allowed only at the end of a word");
		return -1;
	}
	strbuf_adds(&tb->re, WORDCHAR "*");
	/* At the end of the term the prefilter just stops; inside it, the
	   next piece must be allowed to come after the suffix. */
	if (!only_seps(p + 1)) {
		strbuf_adds(&tb->pf, PF_WILD);
		tb->pf_sep = 0;
	}
	tb->last = TOK_WILD;
	return 0;
}

/*
 * "~" ending a word: the regular English inflections of its stem.  A final
 * "e" is dropped before "ing", "ion(s)" and "ive" and kept before "s",
 * "d", "r(s)" and "ment(s)"; a final "y" after a consonant becomes "ies",
 * "ied", "ier(s)".  The prefilter keeps the part of the stem every form
 * shares.
 */
static int
add_inflection(struct tbuild *tb, const char *p, char **cause)
{
	char c = tb->lastc;
	int yrule;

	if (p[1] != '\0' && sep_len(p + 1) == 0) {
		*cause = xstrdup("\"~\" is allowed only at the end of a word");
		return -1;
	}
	if (tb->wordlen < 3 || c == 0 || tb->last != TOK_LETTER) {
		*cause = xstrdup("\"~\" must follow a word of at least three "
		    "letters ending in an ASCII letter");
		return -1;
	}
	yrule = c == 'y' && tb->prevc != 0 && strchr("aeiou", tb->prevc) ==
	    NULL;
	if (c == 'e' || yrule) {
		/* The letter is the last byte of both translations. */
		tb->re.s[--tb->re.len] = '\0';
		tb->pf.s[--tb->pf.len] = '\0';
	}
	if (c == 'e')
		strbuf_adds(&tb->re, "(?:e(?:s|d|rs?|ments?)?|ing|ions?|ive)");
	else if (yrule)
		strbuf_adds(&tb->re, "(?:y(?:ing)?|ie[sd]|iers?)");
	else
		strbuf_adds(&tb->re, "(?:e?s|ed|ing|ions?|ive|ers?|ments?)?");
	if (!only_seps(p + 1)) {
		strbuf_adds(&tb->pf, PF_WILD);
		tb->pf_sep = 0;
	}
	tb->last = TOK_INFL;
	return 0;
}

/* One token of a word at p; returns its length or 0 with *cause. */
static size_t
add_token(struct tbuild *tb, const char *p, char **cause)
{
	size_t n;

	if (*p == '[')
		n = add_class(tb, p, cause);
	else if (*p == '*')
		n = add_wild(tb, p, cause) == 0 ? 1 : 0;
	else if (*p == '~')
		n = add_inflection(tb, p, cause) == 0 ? 1 : 0;
	else if ((n = apos_len(p)) > 0) {
		strbuf_adds(&tb->re, APOSTROPHE);
		tb->pf_sep = 1;
		tb->last = TOK_OTHER;
	} else
		n = add_literal(tb, p);
	if (n > 0) {
		tb->wordlen++;
		note_letter(tb, n == 1 && tb->last == TOK_LETTER ? *p : 0);
	}
	return n;
}

/* Is p a gap word, a "*" standing alone? */
static int
is_gap(const char *p)
{
	return p[0] == '*' && (p[1] == '\0' || sep_len(p + 1) > 0);
}

/* The separator before a word, with the gap words that precede it. */
static void
add_separator(struct tbuild *tb)
{
	strbuf_adds(&tb->re, SEPRUN);
	if (tb->gaps > 0)
		strbuf_addf(&tb->re, "(?:" GAPWORD "){0,%zu}", tb->gaps);
	tb->pf_sep = 1;
}

/* One word at p, up to a separator; returns its length or 0. */
static size_t
add_word(struct tbuild *tb, const char *p, char **cause)
{
	const char *start = p;
	size_t n;

	if (tb->words > 0)
		add_separator(tb);
	tb->wordlen = 0;
	while (*p != '\0' && sep_len(p) == 0) {
		if ((n = add_token(tb, p, cause)) == 0)
			return 0;
		p += n;
	}
	tb->gaps = 0;
	tb->words++;
	return (size_t)(p - start);
}

static int
translate(struct tbuild *tb, const char *p, char **cause)
{
	size_t n;

	while ((n = sep_len(p)) > 0)
		p += n;
	if (*p == '\0') {
		*cause = xstrdup("empty term");
		return -1;
	}
	strbuf_adds(&tb->re, "(?<!" WORDCHAR ")");
	while (*p != '\0') {
		if ((n = sep_len(p)) > 0)
			p += n;
		else if (is_gap(p)) {
			if (tb->words == 0 || only_seps(p + 1)) {
				*cause = xstrdup("a gap \"*\" must stand "
				    "between two words");
				return -1;
			}
			if (++tb->gaps > GAP_MAX) {
				*cause = xasprintf("more than %d gap words "
				    "\"*\" in a row", GAP_MAX);
				return -1;
			}
			p++;
		} else if ((n = add_word(tb, p, cause)) == 0)
			return -1;
		else
			p += n;
	}
	if (tb->last == TOK_LETTER)
		strbuf_adds(&tb->re, "(?:e?s)?");
	strbuf_adds(&tb->re, "(?!" WORDCHAR ")");
	return 0;
}

int
term_to_regex(const char *term, char **regex, char **prefilter, char **cause)
{
	return term_to_regex_lang(term, NULL, regex, prefilter, cause);
}

int
term_to_regex_lang(const char *term, const char *lang, char **regex,
    char **prefilter, char **cause)
{
	struct tbuild tb;

	memset(&tb, 0, sizeof(tb));
	(void)lang;
	tb.pf_ok = 1;
	*regex = *prefilter = *cause = NULL;
	if (translate(&tb, term, cause) != 0) {
		strbuf_free(&tb.re);
		strbuf_free(&tb.pf);
		return -1;
	}
	*regex = strbuf_take(&tb.re);
	if (tb.pf_ok && tb.pf.len > 0)
		*prefilter = strbuf_take(&tb.pf);
	strbuf_free(&tb.pf);
	return 0;
}
