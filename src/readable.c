/*
 * readable.c -- the unreadable stretches of a document (readable.h).
 *
 * Input: a segmented doctext.  Output: a struct readability.  Each byte
 * is read once, character by character; a word is judged as it ends, so
 * that a line of any length costs no more than its bytes.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "paralang.h"
#include "readable.h"
#include "utf8.h"
#include "util.h"

/*
 * Letter pairs common in English, French, Spanish or Portuguese text,
 * accents folded: for each first letter a to z, the letters that often
 * follow it.  Measured over the policy corpus (pairs with at least 1 in
 * 20,000 of the pairs inside words); any other pair is rare, and text
 * that interleaves two columns letter by letter is full of them.
 */
static const char *const common_pairs[26] = {
	"bcdfgijklmnoprstuvwyz",	/* a */
	"aceijlmorstuy",		/* b */
	"acehiklnoqrstuy",		/* c */
	"adegilmnorsuvy",		/* d */
	"abcdefghiklmnopqrstuvwxy",	/* e */
	"aefilortuy",			/* f */
	"aehilnorstuy",			/* g */
	"aeimnorstuy",			/* h */
	"abcdefgiklmnopqrstuvxz",	/* i */
	"aeou",				/* j */
	"aefins",			/* k */
	"adefilmnoprstuvy",		/* l */
	"abeimopsuy",			/* m */
	"acdefghiklmnopstuvy",		/* n */
	"abcdefghijlmnoprstuvwy",	/* o */
	"adehilmoprstu",		/* p */
	"u",				/* q */
	"abcdefgiklmnoprstuvwy",	/* r */
	"acefhiklmoprstuwy",		/* s */
	"acefhilmnorstuwy",		/* t */
	"abcdefgilmnoprstx",		/* u */
	"aeiou",			/* v */
	"aehilnost",			/* w */
	"aceipt",			/* x */
	"beimops",			/* y */
	"aei",				/* z */
};

/* U+00C0-U+00FF: the letter each folds to; '?' a letter with no fold
   (Æ, Þ), '#' not a letter (× ÷). */
static const char latin1_fold[] =
    "aaaaaa?ceeeeiiiidnooooo#ouuuuy?s"
    "aaaaaa?ceeeeiiiidnooooo#ouuuuy?y";

/* What a character is to a word. */
enum chclass {
	CH_OTHER,		/* digit, punctuation, symbol */
	CH_JOINER,		/* hyphen or apostrophe inside a word */
	CH_LOWER,
	CH_UPPER,
	CH_LETTER		/* a letter without case, or unfolded */
};

struct charinfo {
	enum chclass	 cls;
	int		 fold;		/* 'a'-'z', or 0 */
};

static unsigned char	 rare_pair[26][26];
static pthread_once_t	 pairs_once = PTHREAD_ONCE_INIT;

static void
pairs_build(void)
{
	const char *p;
	size_t a, b;

	for (a = 0; a < 26; a++) {
		for (b = 0; b < 26; b++)
			rare_pair[a][b] = 1;
		for (p = common_pairs[a]; *p != '\0'; p++)
			rare_pair[a][*p - 'a'] = 0;
	}
}

static void
char_info(uint32_t cp, struct charinfo *ci)
{
	char f;

	ci->fold = 0;
	if (cp < 0x80) {
		if (cp >= 'a' && cp <= 'z') {
			ci->cls = CH_LOWER;
			ci->fold = (int)cp;
		} else if (cp >= 'A' && cp <= 'Z') {
			ci->cls = CH_UPPER;
			ci->fold = (int)(cp - 'A' + 'a');
		} else
			ci->cls = cp == '-' || cp == '\'' ? CH_JOINER :
			    CH_OTHER;
	} else if (cp >= 0xc0 && cp <= 0xff) {
		f = latin1_fold[cp - 0xc0];
		if (f == '#')
			ci->cls = CH_OTHER;
		else {
			ci->cls = cp < 0xdf ? CH_UPPER : CH_LOWER;
			ci->fold = f == '?' ? 0 : f;
		}
	} else if (cp >= 0x100 && cp <= 0x24f)
		ci->cls = (cp & 1) ? CH_LOWER : CH_UPPER;
	else if (cp == 0x2019 || cp == 0x2010 || cp == 0x2011)
		ci->cls = CH_JOINER;
	else if ((cp >= 0x370 && cp < 0x2000) || (cp >= 0x3040 &&
	    cp < 0xa000) || (cp >= 0xac00 && cp < 0xd7a4))
		ci->cls = CH_LETTER;
	else
		ci->cls = CH_OTHER;
}

/* Characters that stand for no text: what a decoder could not read, a
   font's private code points, control characters. */
static int
char_bad(uint32_t cp)
{
	return cp == UTF8_REPLACEMENT || (cp >= 0xe000 && cp <= 0xf8ff) ||
	    cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/* The word being read: what it counts toward once it ends. */
struct word {
	size_t		 start;		/* byte offset of its first letter */
	size_t		 end;		/* just past its last letter */
	unsigned	 letters;
	unsigned	 pairs;
	unsigned	 rare;
	int		 switched;
	int		 lower;		/* it has a lower-case letter */
	int		 broken;	/* a letter after other characters */
	int		 trail;		/* other characters after a letter */
	int		 prevfold;	/* the last letter's fold, or 0 */
	enum chclass	 prevcls;
};

static void
word_char(struct word *w, size_t off, size_t len, const struct charinfo *ci)
{
	int f = ci->fold;

	if (ci->cls == CH_OTHER || ci->cls == CH_JOINER) {
		if (w->letters > 0)
			w->trail = ci->cls == CH_OTHER ? 1 : w->trail;
		w->prevfold = 0;
		w->prevcls = ci->cls;
		return;
	}
	if (w->letters == 0)
		w->start = off;
	else if (w->trail)
		w->broken = 1;
	w->end = off + len;
	w->letters++;
	w->lower |= ci->cls == CH_LOWER || ci->cls == CH_LETTER;
	if (ci->cls == CH_UPPER && w->prevcls == CH_LOWER)
		w->switched = 1;
	if (f != 0 && w->prevfold != 0) {
		w->pairs++;
		w->rare += rare_pair[w->prevfold - 'a'][f - 'a'];
	}
	w->prevfold = f;
	w->prevcls = ci->cls;
}

static void
word_end(const char *text, struct word *w, struct readstat *st)
{
	if (w->letters > 0 && paralang_function_word(text + w->start,
	    w->end - w->start))
		st->fwords++;
	if (w->letters > 0 && !w->broken && w->lower) {
		st->letterwords++;
		st->singles += w->letters == 1;
		st->switched += w->switched;
		st->pairs += w->pairs;
		st->rare += w->rare;
	}
	memset(w, 0, sizeof(*w));
}

static int
space_at(const unsigned char *p, size_t n)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
	    *p == '\f' || *p == '\v')
		return 1;
	return n >= 2 && p[0] == 0xc2 && p[1] == 0xa0 ? 2 : 0;
}

void
readable_count(const char *text, size_t start, size_t end,
    struct readstat *st)
{
	const unsigned char *t = (const unsigned char *)text;
	struct word w;
	struct charinfo ci;
	uint32_t cp, prev = 0;
	size_t i = start, len, sp;
	int inword = 0;

	if (pthread_once(&pairs_once, pairs_build) != 0)
		fatal("readable: cannot build the letter pair table");
	memset(&w, 0, sizeof(w));
	while (i < end) {
		if ((sp = (size_t)space_at(t + i, end - i)) > 0) {
			if (inword)
				word_end(text, &w, st);
			inword = 0;
			prev = 0;
			i += sp;
			continue;
		}
		if ((len = utf8_decode(t + i, end - i, &cp)) == 0)
			len = 1;
		if (!inword)
			st->words++;
		inword = 1;
		st->chars++;
		st->bad += char_bad(cp);
		if (((prev == 0xc3 || prev == 0xc2) && cp >= 0x80 &&
		    cp <= 0xbf) || (prev == 0xe2 && cp == 0x20ac))
			st->mojibake++;
		char_info(cp, &ci);
		word_char(&w, i, len, &ci);
		prev = cp;
		i += len;
	}
	if (inword)
		word_end(text, &w, st);
}

enum readkind
readable_judge(const struct readstat *st)
{
	double soup;

	if (st->words < READABLE_MIN_WORDS)
		return READ_OK;
	if (st->bad * 5 >= st->chars)
		return READ_SYMBOLS;
	if (st->mojibake >= 3 && st->mojibake * 20 >= st->words)
		return READ_MOJIBAKE;
	if (st->singles * 2 >= st->words)
		return READ_SPACED;
	if (st->pairs < READABLE_MIN_PAIRS || st->fwords * 100 >=
	    READABLE_FW_PCT * st->words || st->rare * 100 <
	    READABLE_RARE_PCT * st->pairs)
		return READ_OK;
	soup = (double)st->rare / st->pairs + (double)st->switched /
	    (2.0 * st->letterwords);
	return soup * 100 >= READABLE_SOUP_PCT ? READ_SOUP : READ_OK;
}

enum readkind
readable_string(const char *s)
{
	struct readstat st;

	memset(&st, 0, sizeof(st));
	readable_count(s, 0, strlen(s), &st);
	return readable_judge(&st);
}

const char *
readkind_name(enum readkind k)
{
	switch (k) {
	case READ_OK:
		break;
	case READ_SYMBOLS:
		return "symbols in place of letters";
	case READ_MOJIBAKE:
		return "mojibake";
	case READ_SPACED:
		return "spaced-out letters";
	case READ_SOUP:
		return "letter soup";
	}
	return "readable";
}

static void
stat_add(struct readstat *a, const struct readstat *b)
{
	a->words += b->words;
	a->fwords += b->fwords;
	a->singles += b->singles;
	a->letterwords += b->letterwords;
	a->switched += b->switched;
	a->pairs += b->pairs;
	a->rare += b->rare;
	a->chars += b->chars;
	a->bad += b->bad;
	a->mojibake += b->mojibake;
}

struct measure {
	struct readability *r;
	size_t		 cap;
	int		 flagged;	/* the current paragraph has a span */
};

/* Judge text[s, e) and record it when unreadable. */
static void
stretch_judge(struct measure *m, const struct readstat *st, size_t s,
    size_t e)
{
	struct readability *r = m->r;

	if (e <= s || readable_judge(st) == READ_OK)
		return;
	m->flagged = 1;
	r->bytes += e - s;
	if (r->nspans > 0 && r->spans[r->nspans - 1].end + 1 >= s) {
		r->spans[r->nspans - 1].end = e;
		return;
	}
	GROW(r->spans, m->cap, r->nspans + 1);
	r->spans[r->nspans].start = s;
	r->spans[r->nspans++].end = e;
}

static void
paragraph_measure(const char *text, struct span p, struct measure *m)
{
	struct readstat acc, line;
	const char *nl;
	size_t pos = p.start, le, from = p.start;

	memset(&acc, 0, sizeof(acc));
	m->flagged = 0;
	while (pos < p.end) {
		nl = memchr(text + pos, '\n', p.end - pos);
		le = nl != NULL ? (size_t)(nl - text) : p.end;
		memset(&line, 0, sizeof(line));
		readable_count(text, pos, le, &line);
		if (line.words >= READABLE_STRETCH) {
			stretch_judge(m, &acc, from, pos);
			stretch_judge(m, &line, pos, le);
			memset(&acc, 0, sizeof(acc));
			from = le + 1;
		} else {
			stat_add(&acc, &line);
			if (acc.words >= READABLE_STRETCH) {
				stretch_judge(m, &acc, from, le);
				memset(&acc, 0, sizeof(acc));
				from = le + 1;
			}
		}
		pos = le + 1;
	}
	if (from < p.end)
		stretch_judge(m, &acc, from, p.end);
	m->r->paragraphs += m->flagged;
}

void
readable_measure(const struct doctext *doc, struct readability *r)
{
	struct measure m = { r, 0, 0 };
	size_t i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < doc->nparagraphs; i++) {
		r->total += doc->paragraphs[i].end - doc->paragraphs[i].start;
		paragraph_measure(doc->text, doc->paragraphs[i], &m);
	}
}

int
readable_at(const struct readability *r, size_t off)
{
	size_t lo = 0, hi = r->nspans, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (off < r->spans[mid].start)
			hi = mid;
		else if (off >= r->spans[mid].end)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

double
readable_share(const struct readability *r)
{
	return r->total > 0 ? (double)r->bytes / (double)r->total : 0;
}

void
readable_clear(struct readability *r)
{
	free(r->spans);
	memset(r, 0, sizeof(*r));
}
