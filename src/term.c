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
 *
 * A French, Spanish or Portuguese term goes through the same steps with
 * the language's tables (term_lang.c): each letter becomes its accent
 * class, a word may be a group of contracted or elided forms, and "~"
 * replaces the word's ending.  Its prefilter never gives up, and is
 * written for the text folded by term_fold_text(), where every accented
 * form of a letter is the letter: a letter is itself, a character
 * without a base any character, and a group's words room for as many
 * words between two pieces.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "term_lang.h"
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
/* A term is a phrase.  The bounds keep its regex far inside what PCRE2
   compiles (a French letter becomes a class of its accented forms, so a
   word of a few thousand letters would not compile) and stand well
   above the longest phrase and word the default rules hold (15 words,
   20 bytes). */
#define TERM_WORDS_MAX	24
#define TERM_WORD_BYTES	48
/* In French, Spanish and Portuguese a gap word may hold apostrophes or be
   an elided word ("l'"), which needs no separator after it. */
#define LANG_GAPWORD	WORDCHAR "+(?:" APOSTROPHE WORDCHAR "+)*(?:" \
			SEPRUN "|" APOSTROPHE "\\s?)"
/* Any one character, in both modes: a class Hyperscan cannot see. */
#define PF_ANYCHAR	"(?:[\\s\\S]{1,4})"
/* The letters "~" looks back at in a language's suffix table. */
#define TAIL_MAX	8
#define FOLD_MAX	32

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

	/* fr, es, pt: the language's tables (NULL: English). */
	const struct term_lang *lang;
	int		 joined;	/* the last group ends with its own
					   separator or apostrophe */
	int		 absorb;	/* a contraction: an article after it
					   is part of it */
	size_t		 pf_extra;	/* words the prefilter lets stand
					   before the next piece */
	struct {
		char	 c;		/* base letter; 0: not a letter */
		size_t	 re;		/* where it starts in re and pf */
		size_t	 pf;
	}		 tail[TAIL_MAX];	/* the last tokens of the word */
	size_t		 ntail;
	size_t		 npushed;	/* tokens ever recorded there */
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
	size_t gaps = tb->gaps + tb->pf_extra;

	if (tb->pf_sep && tb->pf.len > 0) {
		strbuf_adds(&tb->pf, PF_SEP);
		if (gaps > 0)
			strbuf_addf(&tb->pf, "(?:" PF_GAPWORD "){0,%zu}",
			    gaps);
	}
	tb->pf_sep = 0;
	tb->pf_extra = 0;
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

/* Record the token about to be written (c its base letter, 0 for none),
   for "~" to find the word's ending and cut it off. */
static void
tail_push(struct tbuild *tb, char c)
{
	if (tb->ntail == TAIL_MAX) {
		memmove(tb->tail, tb->tail + 1, sizeof(tb->tail[0]) *
		    (TAIL_MAX - 1));
		tb->ntail--;
	}
	tb->tail[tb->ntail].c = c;
	tb->tail[tb->ntail].re = tb->re.len;
	tb->tail[tb->ntail].pf = tb->pf.len;
	tb->ntail++;
	tb->npushed++;
}

/* Base letter c in the regex: its accent class, or itself. */
static void
re_letter(struct strbuf *re, char c)
{
	const char *cls;

	if ((cls = term_lang_letter_re(c)) != NULL)
		strbuf_adds(re, cls);
	else
		strbuf_addc(re, c);
}

/* Base letter c in the prefilter: the letter, as the folded text the
   prefilter of a language's term reads has it (term_fold_text). */
static void
pf_letter(struct strbuf *pf, char c)
{
	strbuf_addc(pf, c);
}

/* An ASCII form from the language's tables in the regex: each letter with
   its accents, a space a separator, an apostrophe either one. */
static void
re_form(struct strbuf *re, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ')
			strbuf_adds(re, SEPRUN);
		else if (s[i] == '\'')
			strbuf_adds(re, APOSTROPHE "\\s?");
		else
			re_letter(re, s[i]);
	}
}

/* An ending from a suffix table in the regex: its letters with their
   accents, like every letter of the term. */
static void
re_ending(struct strbuf *re, const char *s, size_t n)
{
	size_t i, len;
	char base;

	for (i = 0; i < n; i += len) {
		if ((base = term_lang_fold(s + i, n - i, &len)) != 0)
			re_letter(re, base);
		else
			strbuf_add(re, s + i, len);
	}
}

/* Length of "oe" or of the ligature "œ" (either case) at p, or 0. */
static size_t
oe_len(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (u[0] == 0xc5 && (u[1] == 0x92 || u[1] == 0x93))
		return 2;
	if ((u[0] == 'o' || u[0] == 'O') && (u[1] == 'e' || u[1] == 'E'))
		return 2;
	return 0;
}

/*
 * "oe" or "œ" in a French term: either spelling.  The prefilter takes the
 * ligature as any one non-ASCII character, since its capital has no
 * single code in byte mode.  Not a letter "~" may cut.
 */
static void
add_oe(struct tbuild *tb)
{
	pf_piece(tb);
	tail_push(tb, 0);
	strbuf_adds(&tb->re, "(?:\\x{153}|");
	re_letter(&tb->re, 'o');
	re_letter(&tb->re, 'e');
	strbuf_addc(&tb->re, ')');
	strbuf_adds(&tb->pf, "(?:");
	pf_letter(&tb->pf, 'o');
	pf_letter(&tb->pf, 'e');
	strbuf_adds(&tb->pf, "|[^\\x00-\\x7f]{1,2})");
	tb->last = TOK_LETTER;
}

/*
 * One letter of a term in a language with accent classes, at p: the
 * letter with its accented forms, or a letter without a base taken as it
 * is, which the prefilter lets be any character.  Returns its length, or
 * 0 for an ASCII character that is not a letter.
 */
static size_t
add_lang_letter(struct tbuild *tb, const char *p)
{
	size_t n;
	char base;

	if (tb->lang->oe && (n = oe_len(p)) > 0) {
		add_oe(tb);
		return n;
	}
	base = term_lang_fold(p, strnlen(p, UTF8_MAX), &n);
	if (base == 0 && (unsigned char)*p < 0x80)
		return 0;
	pf_piece(tb);
	tail_push(tb, base);
	if (base == 0) {
		strbuf_add(&tb->re, p, n);
		strbuf_adds(&tb->pf, PF_ANYCHAR);
	} else {
		re_letter(&tb->re, base);
		pf_letter(&tb->pf, base);
	}
	tb->last = TOK_LETTER;
	return n;
}

/* One literal character (a whole UTF-8 sequence); returns its length. */
static size_t
add_literal(struct tbuild *tb, const char *p)
{
	unsigned char c = (unsigned char)*p;
	uint32_t cp;
	size_t n;

	if (tb->lang != NULL && (n = add_lang_letter(tb, p)) > 0)
		return n;
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
	size_t n, i, mark;
	int ascii = 1;

	if ((end = strchr(p + 1, ']')) == NULL) {
		*cause = xstrdup("unclosed \"[\"");
		return 0;
	}
	n = (size_t)(end - (p + 1));
	if (class_check(p + 1, n, cause) != 0)
		return 0;
	pf_piece(tb);
	mark = tb->pf.len;
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
	if ((!ascii || p[1] == '^') && tb->lang != NULL) {
		tb->pf.s[tb->pf.len = mark] = '\0';
		strbuf_adds(&tb->pf, PF_ANYCHAR);
	} else if (!ascii || p[1] == '^')
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
 * "~" ending a word in a language with a suffix table: the longest ending
 * of the word's letters found in the table is replaced by each of its
 * forms, or the forms of "" are added when no ending is found or the
 * ending would take the whole word.  The prefilter keeps the stem.
 */
static int
add_lang_inflection(struct tbuild *tb, const char *p, char **cause)
{
	const struct term_suffix *sx;
	char tail[TAIL_MAX];
	size_t i, k = 0, cut;
	const char *f, *e;

	for (i = tb->ntail; i > 0 && tb->tail[i - 1].c != 0; i--)
		k++;
	if (tb->wordlen < 3 || k == 0 || tb->last != TOK_LETTER) {
		*cause = xstrdup("\"~\" must follow a word of at least three "
		    "letters ending in a letter");
		return -1;
	}
	for (i = 0; i < k; i++)
		tail[i] = tb->tail[tb->ntail - k + i].c;
	sx = term_lang_suffix(tb->lang, tail, k);
	if ((cut = strlen(sx->end)) >= k || cut >= tb->wordlen) {
		sx = term_lang_suffix(tb->lang, "", 0);
		cut = 0;
	}
	if (cut > 0) {
		i = tb->ntail - cut;
		tb->re.s[tb->re.len = tb->tail[i].re] = '\0';
		tb->pf.s[tb->pf.len = tb->tail[i].pf] = '\0';
	}
	strbuf_adds(&tb->re, "(?:");
	for (f = sx->forms; ; f = e + 1) {
		if ((e = strchr(f, '|')) == NULL)
			e = f + strlen(f);
		re_ending(&tb->re, f, (size_t)(e - f));
		if (*e == '\0')
			break;
		strbuf_addc(&tb->re, '|');
	}
	strbuf_addc(&tb->re, ')');
	if (!only_seps(p + 1)) {
		strbuf_adds(&tb->pf, PF_WILD);
		tb->pf_sep = 0;
	}
	tb->last = TOK_INFL;
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
	if (tb->lang != NULL)
		return add_lang_inflection(tb, p, cause);
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
	size_t n, pushed = tb->npushed;

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
		/* A letter has recorded itself; anything else ends the
		   letters "~" may replace. */
		if (tb->lang != NULL && tb->npushed == pushed)
			tail_push(tb, 0);
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

/* Length of the word at p, up to a separator or the end. */
static size_t
word_len(const char *p)
{
	const char *q = p;

	while (*q != '\0' && sep_len(q) == 0)
		q++;
	return (size_t)(q - p);
}

/* Does another word follow p, after separators and gap words? */
static int
word_follows(const char *p)
{
	size_t n;

	for (;;) {
		if ((n = sep_len(p)) > 0)
			p += n;
		else if (is_gap(p))
			p++;
		else
			return *p != '\0';
	}
}

/*
 * The lower-case unaccented form of the word p[0, n) in buf, apostrophes
 * as "'"; returns its length, or 0 when a character has no such form or
 * the word is too long to be in a table.  *bytes gets, for each folded
 * character, the length of the term text it came from.
 */
static size_t
fold_word(const char *p, size_t n, char *buf, size_t *bytes)
{
	size_t i = 0, k = 0, len;
	char c;

	while (i < n) {
		if ((len = apos_len(p + i)) > 0)
			c = '\'';
		else if ((c = term_lang_fold(p + i, n - i, &len)) == 0)
			return 0;
		if (k + 1 >= FOLD_MAX)
			return 0;
		bytes[k] = len;
		buf[k++] = c;
		i += len;
	}
	buf[k] = '\0';
	return k;
}

/*
 * What stands before a word in a language with tables: the separator,
 * unless the group before ends with its own, and the gap words.  The
 * prefilter lets the gaps stand before its next piece.
 */
static void
lang_lead(struct tbuild *tb)
{
	if (tb->words > 0 && !tb->joined)
		strbuf_adds(&tb->re, SEPRUN);
	if (tb->gaps > 0)
		strbuf_addf(&tb->re, "(?:" LANG_GAPWORD "){0,%zu}", tb->gaps);
	tb->pf_extra += tb->gaps;
	tb->gaps = 0;
	tb->pf_sep = 1;
}

/*
 * A contraction or article group: any of its forms, each followed by a
 * separator or, elided, by an apostrophe and an optional space; an article
 * may also be absent, and after a contraction it is already part of it.
 * The prefilter has nothing of it, only room for its words.
 */
static void
add_group(struct tbuild *tb, const struct term_group *g)
{
	const char *f, *e;

	lang_lead(tb);
	if (g->kind == GROUP_ARTICLE && tb->absorb)
		return;
	strbuf_adds(&tb->re, "(?:");
	for (f = g->forms; ; f = e + 1) {
		if ((e = strchr(f, '|')) == NULL)
			e = f + strlen(f);
		re_form(&tb->re, f, (size_t)(e - f));
		if (e[-1] != '\'')
			strbuf_adds(&tb->re, SEPRUN);
		if (*e == '\0')
			break;
		strbuf_addc(&tb->re, '|');
	}
	strbuf_adds(&tb->re, g->kind == GROUP_ARTICLE ? ")?" : ")");
	tb->pf_extra += g->words;
	tb->joined = 1;
	tb->absorb = g->kind == GROUP_CONTRACTION;
}

/* Length of the elided word that starts fold[0, n) ("l'"), apostrophe
   included, when more of the word follows it; else 0. */
static size_t
elision_len(const struct term_lang *tl, const char *fold, size_t n)
{
	const char *a;

	if (n == 0 || (a = memchr(fold, '\'', n)) == NULL || a == fold ||
	    (size_t)(a - fold) + 1 == n)
		return 0;
	return term_lang_is_elision(tl, fold, (size_t)(a - fold)) ?
	    (size_t)(a - fold) + 1 : 0;
}

/*
 * Before a word that starts with a vowel or "h", a French text may have
 * any elided word; a group before it has its own.
 */
static void
add_optional_elision(struct tbuild *tb, char first)
{
	const char *e = tb->lang->elisions;

	if (e == NULL || tb->joined || tb->words == 0 || first == '\0' ||
	    strchr("aeiouyh", first) == NULL)
		return;
	strbuf_addf(&tb->re, "(?:(?:%s)" APOSTROPHE "\\s?)?", e);
	tb->pf_extra++;
}

/*
 * May the folded word stand for a group's word?  Groups are looked up
 * without accents, but an accent may make another word of one: French
 * "dès" (from) is not "des", "là" (there) not "la", Spanish "él" (he) not
 * "el", Portuguese "nós" (we) not "nos".  Only the grave a of the
 * contractions ("à", "às") is one.
 */
static int
group_spelling(const char *fold, const size_t *bytes, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++)
		if (bytes[i] > 1 && fold[i] != '\'')
			return strcmp(fold, "a") == 0 || strcmp(fold, "as") == 0;
	return 1;
}

/* One word at p in a language with tables; returns its length or 0. */
static size_t
add_lang_word(struct tbuild *tb, const char *p, char **cause)
{
	const struct term_group *g;
	char fold[FOLD_MAX];
	size_t bytes[FOLD_MAX];
	size_t n = word_len(p), k, e, i, m, t;

	k = fold_word(p, n, fold, bytes);
	if (k > 0 && word_follows(p + n) && group_spelling(fold, bytes, k) &&
	    (g = term_lang_group(tb->lang, fold, k)) != NULL) {
		add_group(tb, g);
		tb->words++;
		return n;
	}
	if ((e = elision_len(tb->lang, fold, k)) > 0 &&
	    (g = term_lang_group(tb->lang, fold, e)) != NULL) {
		add_group(tb, g);
		for (i = m = 0; i < e; i++)
			m += bytes[i];
	} else {
		m = 0;
		lang_lead(tb);
		add_optional_elision(tb, k > 0 ? fold[0] : oe_len(p) > 0 ?
		    'o' : '\0');
	}
	tb->joined = tb->absorb = 0;
	tb->wordlen = tb->ntail = 0;
	for (i = m; i < n; i += t) {
		if ((t = add_token(tb, p + i, cause)) == 0)
			return 0;
	}
	tb->words++;
	return n;
}

/* One word at p, up to a separator; returns its length or 0. */
static size_t
add_word(struct tbuild *tb, const char *p, char **cause)
{
	const char *start = p;
	size_t n;

	if (tb->lang != NULL)
		return add_lang_word(tb, p, cause);
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
		} else if (tb->words == TERM_WORDS_MAX) {
			*cause = xasprintf("more than %d words; a term is "
			    "a phrase", TERM_WORDS_MAX);
			return -1;
		} else if ((n = add_word(tb, p, cause)) == 0)
			return -1;
		else if (n > TERM_WORD_BYTES) {
			*cause = xasprintf("word %zu is longer than %d bytes",
			    tb->words, TERM_WORD_BYTES);
			return -1;
		} else
			p += n;
	}
	if (tb->last == TOK_LETTER)
		strbuf_adds(&tb->re, tb->lang != NULL ? tb->lang->plural :
		    "(?:e?s)?");
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
	tb.lang = term_lang_find(lang);
	tb.pf_ok = 1;
	*regex = *prefilter = *cause = NULL;
	if (translate(&tb, term, cause) != 0) {
		strbuf_free(&tb.re);
		strbuf_free(&tb.pf);
		return -1;
	}
	*regex = strbuf_take(&tb.re);
	/* A language's letters all have a prefilter form; a term made of
	   nothing else is still given one, which matches everywhere. */
	if (tb.lang != NULL && tb.pf.len == 0)
		strbuf_adds(&tb.pf, PF_ANYCHAR);
	if (tb.pf_ok && tb.pf.len > 0)
		*prefilter = strbuf_take(&tb.pf);
	strbuf_free(&tb.pf);
	return 0;
}
