/*
 * segment.c -- lines, paragraphs, sentences, sections and words.
 *
 * Input: a doctext with text and the extractor's heading and page offsets.
 * Output: the same doctext with its line starts, its paragraph, sentence and
 * section spans and its word count filled in.  Units nest: a sentence never
 * crosses a paragraph end, and a heading line is a paragraph of its own.
 *
 * Every pass moves forward through the text and looks back or ahead only a
 * bounded number of bytes, so the cost is linear even for a single line of
 * hundreds of megabytes; nothing reads at or past len.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "segment.h"
#include "softhyphen.h"
#include "utf8.h"
#include "util.h"

/*
 * Character columns are counted from the line start, which is slow on a
 * huge line.  So the lines array carries, after its nlines entries, one
 * count per MARK_BLOCK bytes: the code points in text[0, k * MARK_BLOCK).
 * Only this file knows about the tail; doctext_free frees it with lines.
 */
#define MARK_BLOCK	4096
#define TOKEN_MAX	64	/* longest word checked as an abbreviation */
#define NONE		((size_t)-1)
#define CLAUSE_REACH	4096	/* bytes a clause extends either side of an
				   offset, to bound the cost on huge text */

struct spanlist {
	struct span	*v;
	size_t		 n;
	size_t		 cap;
};

/* Abbreviations that do not end a sentence, as usually written. */
static const char *abbreviations[] = {
	"Art", "Arts", "Co", "Corp", "Dec", "Dr", "Feb", "Fig", "Gov", "Inc",
	"Jan", "Jul", "Jun", "Ltd", "Mar", "Mr", "Mrs", "Ms", "No", "Nos",
	"Nov", "Oct", "Para", "Prof", "Sec", "Sep", "Sept", "St", "Vol", "Apr",
	"Aug", "al", "approx", "cf", "dept", "e.g", "est", "etc", "i.e",
	"max", "min", "p", "pp", "vs",
};

/* Bytes of the white-space character at p: ASCII, NBSP, the typographic
   spaces U+2000-U+200A (an em space after a list bullet), the narrow and
   mathematical spaces, ideographic. */
static size_t
space_len(const unsigned char *p, const unsigned char *end)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
	    *p == '\f' || *p == '\v')
		return 1;
	if (end - p >= 2 && p[0] == 0xc2 && p[1] == 0xa0)
		return 2;
	if (end - p < 3)
		return 0;
	if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] <= 0x8a || p[2] == 0xaf))
		return 3;
	if (p[0] == 0xe2 && p[1] == 0x81 && p[2] == 0x9f)
		return 3;
	if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	return 0;
}

/* The same, for the character that ends just before p. */
static size_t
space_len_before(const unsigned char *start, const unsigned char *p)
{
	if (p - start >= 1 && space_len(p - 1, p) == 1)
		return 1;
	if (p - start >= 2 && space_len(p - 2, p) == 2)
		return 2;
	if (p - start >= 3 && space_len(p - 3, p) == 3)
		return 3;
	return 0;
}

/* Add [s, e) trimmed of white space, unless nothing is left. */
static void
spans_add(struct spanlist *sl, const char *text, size_t s, size_t e)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t k;

	while (s < e && (k = space_len(t + s, t + e)) > 0)
		s += k;
	while (e > s && (k = space_len_before(t + s, t + e)) > 0)
		e -= k;
	if (s >= e)
		return;
	GROW(sl->v, sl->cap, sl->n + 1);
	sl->v[sl->n].start = s;
	sl->v[sl->n].end = e;
	sl->n++;
}

static struct span *
spans_take(struct spanlist *sl, size_t *n)
{
	*n = sl->n;
	if (sl->n == 0) {
		free(sl->v);
		return NULL;
	}
	return xreallocarray(sl->v, sl->n, sizeof *sl->v);
}

/* ---- Lines and character columns ---- */

static void
find_lines(struct doctext *dt)
{
	const char *p, *end = dt->text + dt->len;
	size_t n = 1, nmarks = dt->len / MARK_BLOCK + 1, i, k, cps;

	for (p = dt->text; (p = memchr(p, '\n', end - p)) != NULL; p++)
		if (p + 1 < end)
			n++;
	dt->lines = xreallocarray(NULL, n + nmarks, sizeof *dt->lines);
	dt->nlines = n;
	dt->lines[0] = 0;
	n = 1;
	for (p = dt->text; (p = memchr(p, '\n', end - p)) != NULL; p++)
		if (p + 1 < end)
			dt->lines[n++] = p + 1 - dt->text;
	cps = 0;
	for (k = 0; k < nmarks; k++) {
		dt->lines[dt->nlines + k] = cps;
		i = k * MARK_BLOCK;
		cps += utf8_count(dt->text + i, k + 1 < nmarks ? MARK_BLOCK :
		    dt->len - i);
	}
}

/* Code points in text[0, off), with the help of the block marks. */
static size_t
cps_before(const struct doctext *dt, size_t off)
{
	size_t k = off / MARK_BLOCK;

	return dt->lines[dt->nlines + k] + utf8_count(dt->text +
	    k * MARK_BLOCK, off - k * MARK_BLOCK);
}

/* ---- Paragraphs ---- */

static int
line_blank(const struct doctext *dt, size_t s, size_t e)
{
	const unsigned char *t = (const unsigned char *)dt->text;
	size_t k;

	while (s < e && (k = space_len(t + s, t + e)) > 0)
		s += k;
	return s >= e;
}

static size_t
line_end(const struct doctext *dt, size_t i)
{
	return i + 1 < dt->nlines ? dt->lines[i + 1] - 1 : dt->len;
}

/*
 * Paragraph size bounds.  Many real documents (text from PDFs, UTF-16
 * exports) have no blank lines at all, which would make the whole document
 * one paragraph: paragraph scope would mean document scope, and the
 * scanner, which searches paragraph by paragraph, would rescan the whole
 * text for every candidate.  So past PARA_SOFT bytes a line that ends a
 * sentence also ends the paragraph, past PARA_HARD any line end does, and a
 * single line longer than that is cut at a sentence end or a space.
 */
#define PARA_SOFT	2048
#define PARA_HARD	16384

static int
line_ends_sentence(const struct doctext *dt, size_t ls, size_t le)
{
	while (le > ls && (dt->text[le - 1] == ' ' || dt->text[le - 1] == '\t'))
		le--;
	return le > ls && strchr(".!?:;", dt->text[le - 1]) != NULL;
}

/* Where to cut a too-long line after pos: a sentence end past PARA_SOFT,
   else the last space before PARA_HARD, else a character boundary. */
static size_t
long_line_cut(const struct doctext *dt, size_t pos)
{
	const char *t = dt->text;
	size_t i, lim = pos + PARA_HARD;

	for (i = pos + PARA_SOFT; i + 1 < lim; i++)
		if ((t[i] == '.' || t[i] == '!' || t[i] == '?') &&
		    t[i + 1] == ' ')
			return i + 1;
	for (i = lim; i > pos + PARA_SOFT; i--)
		if (t[i] == ' ' || t[i] == '\t')
			return i;
	i = utf8_floor(t, lim);
	return i > pos ? i : pos;
}

static void
paragraph_add(struct doctext *dt, struct spanlist *sl, size_t s, size_t e)
{
	size_t cut;

	while (e - s > PARA_HARD) {
		cut = long_line_cut(dt, s);
		spans_add(sl, dt->text, s, cut);
		s = cut;
	}
	spans_add(sl, dt->text, s, e);
}

/*
 * Paragraphs are runs of non-blank lines, bounded in size as above.  A line
 * holding a heading offset is a paragraph of its own from that offset, so
 * sections and sentences start cleanly at headings.
 */
static void
find_paragraphs(struct doctext *dt)
{
	struct spanlist sl = { NULL, 0, 0 };
	size_t i, ls, le, h = 0, start = NONE;

	for (i = 0; i < dt->nlines; i++) {
		ls = dt->lines[i];
		le = line_end(dt, i);
		while (h < dt->nheadings && dt->headings[h] < ls)
			h++;
		if (line_blank(dt, ls, le)) {
			if (start != NONE)
				paragraph_add(dt, &sl, start, ls);
			start = NONE;
		} else if (h < dt->nheadings && dt->headings[h] <= le) {
			if (start == NONE)
				start = ls;
			paragraph_add(dt, &sl, start, dt->headings[h]);
			paragraph_add(dt, &sl, dt->headings[h], le);
			start = NONE;
		} else {
			if (start == NONE)
				start = ls;
			if (le - start >= PARA_HARD || (le - start >= PARA_SOFT &&
			    line_ends_sentence(dt, ls, le))) {
				paragraph_add(dt, &sl, start, le);
				start = NONE;
			}
		}
	}
	if (start != NONE)
		paragraph_add(dt, &sl, start, dt->len);
	dt->paragraphs = spans_take(&sl, &dt->nparagraphs);
}

/* ---- Sentences ---- */

static int
is_upper(unsigned cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return 1;
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		return 1;
	if (cp >= 0x100 && cp <= 0x137)
		return cp % 2 == 0;
	if (cp >= 0x139 && cp <= 0x148)
		return cp % 2 == 1;
	if (cp >= 0x14a && cp <= 0x177)
		return cp % 2 == 0;
	if (cp == 0x178 || cp == 0x179 || cp == 0x17b || cp == 0x17d)
		return 1;
	return (cp >= 0x391 && cp <= 0x3a9) || (cp >= 0x400 && cp <= 0x42f);
}

/*
 * Geometric shapes, dingbats and the Symbol/Wingdings private-use code
 * points that PDF and Word conversions leave for list bullets.
 */
static int
is_symbol_bullet(unsigned cp)
{
	return (cp >= 0x25a0 && cp <= 0x25ff) || (cp >= 0x2700 &&
	    cp <= 0x27bf) || (cp >= 0xf000 && cp <= 0xf0ff);
}

/* A bullet that only marks a list item: "\u2022", "\u2023", "\u2043",
   "\u2219", or a symbol bullet.  '-', '*' and the middle dot are not:
   they also stand inside text. */
static int
is_item_bullet(unsigned cp)
{
	return (cp >= 0x2022 && cp <= 0x2023) || cp == 0x2043 ||
	    cp == 0x2219 || is_symbol_bullet(cp);
}

/* What may open a sentence after a full stop and white space; '*' and '_'
   for Markdown emphasis; a bullet, where extraction ran a list into one
   line ("the aims are these. \u2022 Train staff. \u2022 ..."). */
static int
opens_sentence(unsigned cp)
{
	if (is_upper(cp) || (cp >= '0' && cp <= '9') || is_item_bullet(cp))
		return 1;
	switch (cp) {
	case '"': case '\'': case '(': case '[': case '*': case '_':
	case 0xa1: case 0xab: case 0xbf:		/* ¡ « ¿ */
	case 0x2018: case 0x201c:			/* ‘ “ */
		return 1;
	}
	return 0;
}

/* What may follow a full stop inside the sentence it ends. */
static int
closes_sentence(unsigned cp)
{
	switch (cp) {
	case ')': case ']': case '}': case '"': case '\'': case '*': case '_':
	case 0xbb: case 0x2019: case 0x201d:		/* » ’ ” */
	case 0x300d: case 0x300f: case 0xff09:		/* 」 』 ） */
		return 1;
	}
	return 0;
}

static int
is_terminator(unsigned cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* Full-width terminators end a sentence without a following space. */
static int
is_cjk_terminator(unsigned cp)
{
	return cp == 0x3002 || cp == 0xff01 || cp == 0xff1f;
}

static int
in_list(const char *tok, size_t len)
{
	size_t i;
	const char *a;

	for (i = 0; i < nitems(abbreviations); i++) {
		a = abbreviations[i];
		if (strlen(a) != len)
			continue;
		if (memcmp(a, tok, len) == 0)
			return 1;
		/* "Etc." and "E.g." at a sentence start. */
		if (a[0] >= 'a' && a[0] <= 'z' && tok[0] == a[0] - 'a' + 'A' &&
		    memcmp(a + 1, tok + 1, len - 1) == 0)
			return 1;
	}
	return 0;
}

static int
is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* "U.S", "e.g", "Ph.D": short letter groups joined by periods. */
static int
dotted(const char *tok, size_t len)
{
	size_t i, group = 0, dots = 0;

	for (i = 0; i < len; i++) {
		if (tok[i] == '.') {
			if (group == 0)
				return 0;
			dots++;
			group = 0;
		} else if (is_alpha(tok[i]) && group < 3)
			group++;
		else
			return 0;
	}
	return dots > 0 && group > 0;
}

/* "3", "b", "iv", "3.2.1": what numbers a list item or a section at the
   start of a line. */
static int
list_number(const unsigned char *t, size_t len)
{
	size_t i, digits = 0, roman = 0, dots = 0;

	if (len == 1 && is_alpha(t[0]))
		return 1;
	for (i = 0; i < len; i++) {
		if (t[i] >= '0' && t[i] <= '9')
			digits++;
		else if (t[i] == '.' && i > 0 && t[i - 1] != '.')
			dots++;
		else if (strchr("ivxIVX", t[i]) != NULL && t[i] != '\0')
			roman++;
	}
	if (dots > 0)
		return len <= 12 && digits + dots == len;
	return len > 0 && len <= 4 && (digits == len || roman == len);
}

/* Skip opening quotes and brackets at the front of a word. */
static size_t
skip_openers(const unsigned char *t, size_t s, size_t e)
{
	uint32_t cp;
	size_t k;

	while (s < e) {
		k = utf8_next(t + s, e - s, &cp);
		if (cp != '(' && cp != '[' && cp != '"' && cp != '\'' &&
		    cp != 0x201c && cp != 0x2018 && cp != 0xab)
			break;
		s += k;
	}
	return s;
}

/*
 * Does the full stop at dot belong to an abbreviation, an initial or a list
 * number at the start of a line ("1.", "b.", "IV.")?  The word before it is
 * read back to white space, at most TOKEN_MAX bytes.
 */
static int
is_abbreviation(const struct doctext *dt, size_t ps, size_t dot)
{
	const unsigned char *t = (const unsigned char *)dt->text;
	size_t s = dot, len, k;

	while (s > ps && dot - s <= TOKEN_MAX && space_len(t + s - 1,
	    t + dot) != 1)
		s--;
	if (dot - s > TOKEN_MAX)
		return 0;
	k = s;
	while (k > ps && (t[k - 1] == ' ' || t[k - 1] == '\t'))
		k--;
	if ((k == ps || t[k - 1] == '\n') && list_number(t + s, dot - s))
		return 1;
	s = skip_openers(t, s, dot);
	len = dot - s;
	if (len == 0)
		return 0;
	if (len == 1 && t[s] >= 'A' && t[s] <= 'Z')
		return 1;
	return in_list((const char *)t + s, len) ||
	    dotted((const char *)t + s, len);
}

/* A roman numeral of one case, "iv" or "XII", up to 39 (xxxix). */
static int
is_roman(const unsigned char *t, size_t n)
{
	const char *x = "x", *v = "v", *i = "i";
	size_t k = 0, c;

	if (n > 0 && t[0] >= 'A' && t[0] <= 'Z') {
		x = "X";
		v = "V";
		i = "I";
	}
	for (c = 0; k < n && t[k] == *x && c < 3; c++)
		k++;
	if (k + 2 == n && t[k] == *i &&
	    (t[k + 1] == *x || t[k + 1] == *v))
		return 1;			/* ix, iv */
	if (k < n && t[k] == *v)
		k++;
	for (c = 0; k < n && t[k] == *i && c < 3; c++)
		k++;
	return n > 0 && k == n;
}

/* A section number at i and a capitalised word after it: "3.2 Cyber
   diplomacy", "1.4.2. The ...".  A figure that wraps to a line start
   ("3.2 million") has no capital after it. */
static int
section_number(const unsigned char *t, size_t i, size_t e)
{
	size_t parts = 0, digits;

	for (;;) {
		for (digits = 0; i < e && t[i] >= '0' && t[i] <= '9' &&
		    digits < 3; digits++)
			i++;
		if (digits == 0)
			return 0;
		parts++;
		if (i < e && t[i] == '.' && i + 1 < e && t[i + 1] >= '0' &&
		    t[i + 1] <= '9') {
			i++;
			continue;
		}
		break;
	}
	if (parts < 2)
		return 0;
	if (i < e && t[i] == '.')
		i++;
	if (i + 2 >= e || (t[i] != ' ' && t[i] != '\t'))
		return 0;
	i++;
	/* An upper-case letter, then a lower-case one: not "2.4 GHz". */
	return t[i] >= 'A' && t[i] <= 'Z' && ((t[i + 1] >= 'a' &&
	    t[i + 1] <= 'z') || t[i + 1] >= 0x80);
}

/* A bullet or list number at i, where a line starts: "- ", "2) ", "(a) ",
   "3. ", "iv. ", "3.2 Title". */
static int
starts_item(const unsigned char *t, size_t i, size_t e)
{
	size_t n = 0, k;
	uint32_t cp;

	while (i < e && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if (i >= e)
		return 0;
	k = utf8_next(t + i, e - i, &cp);
	if (is_symbol_bullet(cp))
		return 1;
	/* The space after the bullet may be any but a line break: Word and
	   PDF conversions often leave an em space or a no-break space. */
	if (cp == '-' || cp == '*' || cp == '+' || cp == 0xb7 ||
	    cp == 0x2013 || cp == 0x2014 || cp == 0x2212 ||
	    is_item_bullet(cp))
		return i + k < e && t[i + k] != '\n' &&
		    space_len(t + i + k, t + e) > 0;
	if (section_number(t, i, e))
		return 1;
	if (t[i] == '(')
		i++;
	while (i + n < e && n < 4 && (is_alpha(t[i + n]) ||
	    (t[i + n] >= '0' && t[i + n] <= '9')))
		n++;
	if (n == 0 || i + n + 1 >= e || (t[i + n + 1] != ' ' &&
	    t[i + n + 1] != '\t'))
		return 0;
	if (t[i + n] == ')')
		return 1;
	/* "1." and "iv." but not "Dr." or "etc.": numbers only. */
	return t[i + n] == '.' && ((t[i] >= '0' && t[i] <= '9') ||
	    is_roman(t + i, n));
}

/* A Markdown heading line: up to three spaces, 1-6 '#', then a space. */
static int
is_atx(const unsigned char *t, size_t i, size_t e)
{
	size_t sp = 0, n = 0;

	while (i < e && t[i] == ' ' && sp < 3) {
		i++;
		sp++;
	}
	while (i < e && t[i] == '#' && n < 7) {
		i++;
		n++;
	}
	return n >= 1 && n <= 6 && (i == e || t[i] == ' ' || t[i] == '\t' ||
	    t[i] == '\n');
}

struct sentscan {
	const struct doctext *dt;
	const unsigned char *t;
	struct spanlist	*out;
	size_t		 ps, pe;	/* the paragraph */
	size_t		 start;		/* of the current sentence */
	int		 cut_at_eol;	/* in a heading line */
};

static void
cut(struct sentscan *ss, size_t at)
{
	spans_add(ss->out, ss->dt->text, ss->start, at);
	ss->start = at;
}

/* At a line break inside the paragraph: items and headings start anew. */
static void
at_newline(struct sentscan *ss, size_t nl)
{
	if (ss->cut_at_eol) {
		cut(ss, nl);
		ss->cut_at_eol = 0;
	}
	if (nl + 1 >= ss->pe)
		return;
	if (is_atx(ss->t, nl + 1, ss->pe)) {
		cut(ss, nl + 1);
		ss->cut_at_eol = 1;
	} else if (starts_item(ss->t, nl + 1, ss->pe))
		cut(ss, nl + 1);
}

/*
 * At a terminator at i: read the run of terminators and closing marks,
 * then the white space; cut when what follows may start a sentence.
 * Returns where scanning goes on.
 */
static size_t
at_terminator(struct sentscan *ss, size_t i)
{
	const unsigned char *t = ss->t;
	size_t e = i, w, k, nterm = 0;
	uint32_t cp;

	while (e < ss->pe) {
		k = utf8_next(t + e, ss->pe - e, &cp);
		if (is_terminator(cp))
			nterm++;
		else if (!closes_sentence(cp))
			break;
		e += k;
	}
	for (w = e; w < ss->pe && (k = space_len(t + w, t + ss->pe)) > 0;)
		w += k;
	if (w == e || w >= ss->pe)
		return e;
	utf8_next(t + w, ss->pe - w, &cp);
	if (!opens_sentence(cp))
		return e;
	if (t[i] == '.' && nterm == 1 && is_abbreviation(ss->dt, ss->ps, i))
		return e;
	cut(ss, e);
	return e;
}

/* The bytes the sentence scan stops at: a line end, a terminator, or
   the first byte of a multibyte character; most of the text is
   neither. */
#define ONES16	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
static const unsigned char sent_stop[256] = {
	['\n'] = 1, ['!'] = 1, ['.'] = 1, ['?'] = 1,
	[0x80] = ONES16, ONES16, ONES16, ONES16, ONES16, ONES16, ONES16, ONES16
};
#undef ONES16

static void
sentences_in(const struct doctext *dt, struct spanlist *out, struct span p)
{
	struct sentscan ss;
	size_t i, k;
	uint32_t cp;

	ss.dt = dt;
	ss.t = (const unsigned char *)dt->text;
	ss.out = out;
	ss.ps = ss.start = p.start;
	ss.pe = p.end;
	ss.cut_at_eol = is_atx(ss.t, p.start, p.end);
	for (i = p.start; i < p.end;) {
		if (!sent_stop[ss.t[i]]) {
			i++;
			continue;
		}
		if (ss.t[i] == '\n') {
			at_newline(&ss, i);
			i++;
			continue;
		}
		k = utf8_next(ss.t + i, p.end - i, &cp);
		if (is_terminator(cp))
			i = at_terminator(&ss, i);
		else if (is_cjk_terminator(cp)) {
			i += k;
			while (i < p.end && (k = utf8_next(ss.t + i,
			    p.end - i, &cp)) > 0 && closes_sentence(cp))
				i += k;
			cut(&ss, i);
		} else
			i += k;
	}
	cut(&ss, p.end);
}

static void
find_sentences(struct doctext *dt)
{
	struct spanlist sl = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < dt->nparagraphs; i++)
		sentences_in(dt, &sl, dt->paragraphs[i]);
	dt->sentences = spans_take(&sl, &dt->nsentences);
}

/* ---- Sections and words ---- */

static void
find_sections(struct doctext *dt)
{
	struct spanlist sl = { NULL, 0, 0 };
	size_t i, start = 0;

	for (i = 0; i < dt->nheadings; i++) {
		if (dt->headings[i] <= start && i > 0)
			continue;
		if (dt->headings[i] >= dt->len)
			break;
		spans_add(&sl, dt->text, start, dt->headings[i]);
		start = dt->headings[i];
	}
	spans_add(&sl, dt->text, start, dt->len);
	dt->sections = spans_take(&sl, &dt->nsections);
}

/* Ideographs and kana are words of one character each. */
static int
is_ideograph(unsigned cp)
{
	return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 &&
	    cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 &&
	    cp <= 0x3ffff);
}

/* Letters and digits; beyond ASCII, all but punctuation and symbols. */
static int
is_word_char(unsigned cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || is_alpha(cp);
	if (cp <= 0xbf || cp == 0xd7 || cp == 0xf7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f))
		return 0;
	if ((cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xfe30 && cp <= 0xfe4f))
		return 0;
	if ((cp >= 0xff00 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) ||
	    (cp >= 0xff3b && cp <= 0xff40) || (cp >= 0xff5b && cp <= 0xff65))
		return 0;
	return cp != 0xfeff && cp != 0xfffd;
}

/* Words that start in text[s, e). */
static size_t
count_words(const struct doctext *dt, size_t s, size_t e)
{
	const unsigned char *p = (const unsigned char *)dt->text + s;
	const unsigned char *end = (const unsigned char *)dt->text + e;
	size_t words = 0;
	uint32_t cp;
	int in_word = 0, w;

	while (p < end) {
		if (*p < 0x80) {
			/* No ASCII character is an ideograph. */
			w = is_word_char(*p++);
			words += w && !in_word;
			in_word = w;
			continue;
		}
		p += utf8_next(p, end - p, &cp);
		if (is_ideograph(cp)) {
			words++;
			in_word = 0;
		} else if (is_word_char(cp)) {
			words += !in_word;
			in_word = 1;
		} else
			in_word = 0;
	}
	return words;
}

/* ---- Entry points ---- */

void
segment_document(struct doctext *dt)
{
	free(dt->lines);
	free(dt->sentences);
	free(dt->paragraphs);
	free(dt->sections);
	softhyphen_remove(dt);
	find_lines(dt);
	find_paragraphs(dt);
	find_sentences(dt);
	find_sections(dt);
	dt->words = count_words(dt, 0, dt->len);
}

size_t
segment_find(const struct span *v, size_t n, size_t off)
{
	size_t lo = 0, hi = n, mid;

	if (n == 0)
		return 0;
	/* The last unit with start <= off, or the first one. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (v[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

const struct span *
segment_units(const struct doctext *dt, enum scope scope, size_t *n)
{
	switch (scope) {
	case SCOPE_SENTENCE:
		*n = dt->nsentences;
		return dt->sentences;
	case SCOPE_PARAGRAPH:
		*n = dt->nparagraphs;
		return dt->paragraphs;
	case SCOPE_SECTION:
		*n = dt->nsections;
		return dt->sections;
	case SCOPE_DOCUMENT:
	case SCOPE_CLAUSE:
		break;
	}
	*n = 0;
	return NULL;
}

/* Characters in text[s, off), s and off on one line. */
static size_t
chars_between(const struct doctext *dt, size_t s, size_t off)
{
	if (off - s < 2 * MARK_BLOCK)
		return utf8_count(dt->text + s, off - s);
	return cps_before(dt, off) - cps_before(dt, s);
}

/*
 * Line and column of off as they were before soft hyphens were taken out
 * (softhyphen.h), from its line start ls and its line in the text now.
 * After a join on the same line, count from the join's old position;
 * else the line is intact, only lower by the line breaks removed above.
 */
static void
position_before_joins(const struct doctext *dt, size_t off, size_t ls,
    unsigned *line, unsigned *column)
{
	const struct textjoin *j = dt->joins;
	size_t lo = 0, hi = dt->njoins, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (j[mid].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return;
	j += lo - 1;
	if (j->off >= ls) {
		*line = j->line;
		*column = j->column + chars_between(dt, j->off, off);
	} else
		*line += j->breaks;
}

void
segment_position(const struct doctext *dt, size_t off, unsigned *line,
    unsigned *column, unsigned *page)
{
	size_t lo = 0, hi, mid, ls;

	if (off > dt->len)
		off = dt->len;
	*line = *column = 1;
	*page = 0;
	if (dt->npages > 0) {
		for (lo = 0, hi = dt->npages; lo < hi;) {
			mid = lo + (hi - lo) / 2;
			if (dt->pages[mid] <= off)
				lo = mid + 1;
			else
				hi = mid;
		}
		*page = lo > 0 ? lo : 1;
	}
	if (dt->lines == NULL || dt->nlines == 0)
		return;
	for (lo = 0, hi = dt->nlines; hi - lo > 1;) {
		mid = lo + (hi - lo) / 2;
		if (dt->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	ls = dt->lines[lo];
	*line = lo + 1;
	*column = chars_between(dt, ls, off) + 1;
	if (dt->njoins > 0)
		position_before_joins(dt, off, ls, line, column);
}

size_t
segment_words(const struct doctext *dt, size_t start, size_t end)
{
	if (end > dt->len)
		end = dt->len;
	return start < end ? count_words(dt, start, end) : 0;
}

/* ---- Clauses ---- */

/* Conjunctions that open a clause after a comma. */
static const char *clause_openers[] = {
	"although", "but", "whereas", "which", "while",
};

/*
 * Words that open a sentence-initial phrase of purpose or reason: "To
 * fight crime, the police may ...".  The phrase names an aim, not the
 * measure, so the comma that closes it ends a clause and a cue in it
 * ("combat", "threat") says nothing of the measure after it.
 */
static const char *intro_openers[] = {
	"to", "in order to", "so as to", "because", "since", "given",
	"in view of", "in the interest of", "in the interests of",
	"for the sake of", "with a view to", "due to", "owing to",
	"pour", "afin de", "afin d'", "parce que", "puisque", "compte tenu",
	"para", "a fin de", "con el fin de", "porque", "dado que", "ya que",
	"debido a", "a fim de", "com o objetivo de", "devido a",
};

static int
is_space_at(const struct doctext *dt, size_t i)
{
	const unsigned char *t = (const unsigned char *)dt->text;

	return i < dt->len && space_len(t + i, t + dt->len) > 0;
}

/* Bytes of a dash at i: "-", en dash or em dash; 0 if none. */
static size_t
dash_len(const struct doctext *dt, size_t i)
{
	const unsigned char *t = (const unsigned char *)dt->text;

	if (t[i] == '-')
		return 1;
	if (i + 2 < dt->len && t[i] == 0xe2 && t[i + 1] == 0x80 &&
	    (t[i + 2] == 0x93 || t[i + 2] == 0x94))
		return 3;
	return 0;
}

/* ", but" and the like at i: a comma, white space, an opener word. */
static int
comma_opens(const struct doctext *dt, size_t i, size_t end)
{
	const char *t = dt->text;
	size_t j = i + 1, k, n;

	if (t[i] != ',' || !is_space_at(dt, j))
		return 0;
	while (j < end && is_space_at(dt, j))
		j++;
	for (k = 0; k < nitems(clause_openers); k++) {
		n = strlen(clause_openers[k]);
		if (j + n <= end && strncasecmp(t + j, clause_openers[k], n) ==
		    0 && (j + n == end || !is_alpha((unsigned char)t[j + n])))
			return 1;
	}
	return 0;
}

/*
 * The comma at i closes an introductory phrase of purpose or reason: the
 * sentence [start, end) opens with an intro_openers phrase and has no
 * comma before i.
 */
static int
comma_ends_intro(const struct doctext *dt, size_t i, size_t start)
{
	const char *t = dt->text;
	size_t j = start, k, n;

	if (t[i] != ',')
		return 0;
	while (j < i && !is_alpha((unsigned char)t[j]))
		j++;
	for (k = j; k < i; k++)
		if (t[k] == ',')
			return 0;
	for (k = 0; k < nitems(intro_openers); k++) {
		n = strlen(intro_openers[k]);
		if (j + n < i && strncasecmp(t + j, intro_openers[k], n) == 0 &&
		    (intro_openers[k][n - 1] == '\'' ||
		    !is_alpha((unsigned char)t[j + n])))
			return 1;
	}
	return 0;
}

/*
 * The length of the clause boundary at i inside [start, end), or 0: ";",
 * ":" before white space or the end, "(" and ")", a dash with white space
 * on both sides, the comma of ", but" (see clause_openers) and the comma
 * that closes an introductory phrase (see intro_openers).
 */
static size_t
clause_break(const struct doctext *dt, size_t i, size_t start, size_t end)
{
	const char *t = dt->text;
	size_t n;

	if (t[i] == ';' || t[i] == '(' || t[i] == ')')
		return 1;
	if (t[i] == ':')
		return i + 1 == end || is_space_at(dt, i + 1) ? 1 : 0;
	if ((n = dash_len(dt, i)) > 0)
		return i > start && is_space_at(dt, i - 1) && i + n < end &&
		    is_space_at(dt, i + n) ? n : 0;
	return comma_opens(dt, i, end) || comma_ends_intro(dt, i, start) ?
	    1 : 0;
}

struct span
segment_clause(const struct doctext *dt, size_t off)
{
	const unsigned char *t = (const unsigned char *)dt->text;
	struct span u = { 0, dt->len }, c;
	size_t i, n, lo, hi;

	if (dt->nsentences > 0)
		u = dt->sentences[segment_find(dt->sentences, dt->nsentences,
		    off)];
	if (off < u.start || off >= u.end)
		return u;
	lo = off - u.start > CLAUSE_REACH ? utf8_floor(dt->text,
	    off - CLAUSE_REACH) : u.start;
	hi = u.end - off > CLAUSE_REACH ? utf8_floor(dt->text,
	    off + CLAUSE_REACH) : u.end;
	c.start = lo;
	c.end = hi;
	for (i = lo; i < off; i++)
		if ((n = clause_break(dt, i, u.start, u.end)) > 0 &&
		    i + n <= off)
			c.start = i + n;
	for (i = off; i < hi; i++)
		if (clause_break(dt, i, u.start, u.end) > 0) {
			c.end = i;
			break;
		}
	while (c.start < off && (n = space_len(t + c.start, t + c.end)) > 0)
		c.start += n;
	while (c.end > off + 1 && (n = space_len_before(t + c.start,
	    t + c.end)) > 0)
		c.end -= n;
	return c;
}
