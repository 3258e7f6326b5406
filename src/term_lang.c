/*
 * term_lang.c -- the French, Spanish and Portuguese tables of the term
 * language: accent classes, contraction and article groups, elided words,
 * gender and number endings.
 *
 * Everything is written unaccented and in lower case: term.c folds the
 * term's letters the same way before it looks a word up, and writes every
 * letter of a form through its accent class, so that "a" stands for "à"
 * as well.  The semantics are described in term_lang.h.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "term_lang.h"
#include "utf8.h"
#include "util.h"

/*
 * The base letter of U+00E0..U+00FF, or "." for a letter that is not an
 * accented Latin vowel, c, n or y (æ, ð, ø, þ, and the sign ÷).  Capitals
 * U+00C0..U+00DE are these plus 0x20; U+0178 is the capital of ÿ.
 */
static const char latin1_base[] = "aaaaaa.ceeeeiiii.nooooo..uuuuy.y";

/*
 * The accent class of each base letter.  The class is lower case: PCRE2's
 * caseless UTF matching adds the capitals, and with them the two signs
 * that fold to a letter of a class (U+212B to å, like U+212A to k and
 * U+017F to s for plain letters), which term_lang_fold_text() folds too.
 */
static const struct {
	char		 base;
	const char	*re;
} accents[] = {
	{ 'a', "[a\\x{e0}-\\x{e5}]" },
	{ 'c', "[c\\x{e7}]" },
	{ 'e', "[e\\x{e8}-\\x{eb}]" },
	{ 'i', "[i\\x{ec}-\\x{ef}]" },
	{ 'n', "[n\\x{f1}]" },
	{ 'o', "[o\\x{f2}-\\x{f6}]" },
	{ 'u', "[u\\x{f9}-\\x{fc}]" },
	{ 'y', "[y\\x{fd}\\x{ff}]" }
};

static const struct term_group fr_groups[] = {
	{ "de du des d'", "de|du|des|de la|de l'|d'", GROUP_CONTRACTION, 2 },
	{ "a au aux", "a|au|aux|a la|a l'", GROUP_CONTRACTION, 2 },
	{ "le la les l'", "le|la|les|l'", GROUP_ARTICLE, 1 },
	{ "que qu'", "que|qu'", GROUP_ELISION, 1 },
	{ "je j'", "je|j'", GROUP_ELISION, 1 },
	{ "me m'", "me|m'", GROUP_ELISION, 1 },
	{ "ne n'", "ne|n'", GROUP_ELISION, 1 },
	{ "se s'", "se|s'", GROUP_ELISION, 1 },
	{ "si", "si|s'", GROUP_ELISION, 1 },
	{ "te t'", "te|t'", GROUP_ELISION, 1 },
	{ "ce c'", "ce|c'", GROUP_ELISION, 1 },
	{ "jusque jusqu'", "jusque|jusqu'", GROUP_ELISION, 1 },
	{ "lorsque lorsqu'", "lorsque|lorsqu'", GROUP_ELISION, 1 },
	{ "puisque puisqu'", "puisque|puisqu'", GROUP_ELISION, 1 }
};

static const struct term_suffix fr_suffixes[] = {
	{ "eau", "eau|eaux" },
	{ "eux", "eux|euse|euses" },
	{ "al", "al|ale|als|ales|aux" },
	{ "el", "el|els|elle|elles" },
	{ "en", "en|ens|enne|ennes" },
	{ "er", "er|ers|\xc3\xa8re|\xc3\xa8res" },
	{ "et", "et|ets|\xc3\xa8te|\xc3\xa8tes|ette|ettes" },
	{ "if", "if|ifs|ive|ives" },
	{ "on", "on|ons|onne|onnes" },
	{ "e", "e|es|\xc3\xa9" "e|\xc3\xa9" "es" },
	{ "s", "s|se|ses" },
	{ "x", "x" },
	{ "", "|e|s|es|x" }
};

static const struct term_group es_groups[] = {
	{ "de del", "de|del|de la|de los|de las", GROUP_CONTRACTION, 2 },
	{ "a al", "a|al|a la|a los|a las", GROUP_CONTRACTION, 2 },
	{ "en", "en|en el|en la|en los|en las", GROUP_CONTRACTION, 2 },
	{ "el la los las", "el|la|los|las", GROUP_ARTICLE, 1 }
};

static const struct term_suffix es_suffixes[] = {
	{ "cion", "ci\xc3\xb3n|ciones" },
	{ "sion", "si\xc3\xb3n|siones" },
	{ "es", "\xc3\xa9s|esa|esas|eses" },
	{ "or", "or|ora|oras|ores" },
	{ "z", "z|ces" },
	{ "o", "o|a|os|as" },
	{ "a", "a|as" },
	{ "e", "e|es" },
	{ "i", "i|is|ies" },
	{ "u", "u|us|ues" },
	{ "", "|es" }
};

static const struct term_group pt_groups[] = {
	{ "de do da dos das", "de|do|da|dos|das", GROUP_CONTRACTION, 1 },
	{ "em no na nos nas", "em|no|na|nos|nas", GROUP_CONTRACTION, 1 },
	{ "a ao aos", "a|ao|as|aos", GROUP_CONTRACTION, 1 },
	{ "por pelo pela pelos pelas", "por|pelo|pela|pelos|pelas",
	    GROUP_CONTRACTION, 1 },
	{ "o os as", "o|a|os|as", GROUP_ARTICLE, 1 }
};

static const struct term_suffix pt_suffixes[] = {
	{ "vel", "vel|veis" },
	{ "ao", "\xc3\xa3o|\xc3\xb5" "es|\xc3\xa3" "es|\xc3\xa3os|"
	    "\xc3\xa3|\xc3\xa3s" },
	{ "al", "al|ais" },
	{ "el", "el|\xc3\xa9is" },
	{ "il", "il|is|eis" },
	{ "ol", "ol|\xc3\xb3is" },
	{ "ul", "ul|uis" },
	{ "es", "\xc3\xaas|esa|esas|eses" },
	{ "or", "or|ora|oras|ores" },
	{ "m", "m|ns" },
	{ "r", "r|res" },
	{ "z", "z|zes" },
	{ "s", "s|ses" },
	{ "o", "o|a|os|as" },
	{ "a", "a|as" },
	{ "e", "e|es" },
	{ "", "|s" }
};

static const struct term_lang langs[] = {
	{ "fr", "l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu",
	    fr_groups, nitems(fr_groups), fr_suffixes, nitems(fr_suffixes),
	    "(?:s|x)?", 1 },
	{ "es", NULL, es_groups, nitems(es_groups), es_suffixes,
	    nitems(es_suffixes), "(?:e?s)?", 0 },
	{ "pt", NULL, pt_groups, nitems(pt_groups), pt_suffixes,
	    nitems(pt_suffixes), "(?:e?s)?", 0 }
};

const struct term_lang *
term_lang_find(const char *code)
{
	size_t i;

	if (code == NULL)
		return NULL;
	for (i = 0; i < nitems(langs); i++)
		if (strcasecmp(code, langs[i].code) == 0)
			return &langs[i];
	return NULL;
}

char
term_lang_fold(const char *p, size_t n, size_t *len)
{
	unsigned char c = (unsigned char)*p;
	uint32_t cp;

	if (c < 0x80) {
		*len = 1;
		if (c >= 'A' && c <= 'Z')
			return (char)(c - 'A' + 'a');
		return c >= 'a' && c <= 'z' ? (char)c : 0;
	}
	*len = utf8_next((const unsigned char *)p, n, &cp);
	if (cp == 0x178)
		return 'y';
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		cp += 0x20;
	if (cp < 0xe0 || cp > 0xff || latin1_base[cp - 0xe0] == '.')
		return 0;
	return latin1_base[cp - 0xe0];
}

const char *
term_lang_letter_re(char c)
{
	size_t i;

	for (i = 0; i < nitems(accents); i++)
		if (accents[i].base == c)
			return accents[i].re;
	return NULL;
}

/* Is word[0, len) one of the words of the list, each followed by sep? */
static int
in_list(const char *list, char sep, const char *word, size_t len)
{
	const char *p = list, *e;

	while (*p != '\0') {
		if ((e = strchr(p, sep)) == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == len && strncmp(p, word, len) == 0)
			return 1;
		p = *e == '\0' ? e : e + 1;
	}
	return 0;
}

const struct term_group *
term_lang_group(const struct term_lang *tl, const char *word, size_t len)
{
	size_t i;

	for (i = 0; i < tl->ngroups; i++)
		if (in_list(tl->groups[i].keys, ' ', word, len))
			return &tl->groups[i];
	return NULL;
}

const struct term_suffix *
term_lang_suffix(const struct term_lang *tl, const char *tail, size_t len)
{
	size_t i, n;

	/* The table puts longer endings first and "" last. */
	for (i = 0; i < tl->nsuffixes; i++) {
		n = strlen(tl->suffixes[i].end);
		if (n <= len && memcmp(tail + len - n, tl->suffixes[i].end,
		    n) == 0)
			return &tl->suffixes[i];
	}
	return &tl->suffixes[tl->nsuffixes - 1];
}

int
term_lang_is_elision(const struct term_lang *tl, const char *word,
    size_t len)
{
	return tl->elisions != NULL && in_list(tl->elisions, '|', word, len);
}

/*
 * The base letter the character at p (n bytes, n >= 1) folds to, or 0 to
 * copy it; *len is its length.
 */
static char
fold_char(const char *p, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)p;

	*len = 1;
	if (u[0] < 0x80)
		return 0;
	if (n >= 2 && u[0] == 0xc5 && u[1] == 0xbf) {
		*len = 2;
		return 's';			/* long s */
	}
	if (n >= 3 && u[0] == 0xe2 && u[1] == 0x84 &&
	    (u[2] == 0xaa || u[2] == 0xab)) {
		*len = 3;
		return u[2] == 0xaa ? 'k' : 'a'; /* Kelvin, Angstrom signs */
	}
	return term_lang_fold(p, n, len);
}

const char *const term_fold_spaces[TERM_FOLD_NSPACES] = {
	" ", "\t", "\n", "\v", "\f", "\r", "\xc2\x85", "\xc2\xa0",
	"\xe1\x9a\x80", "\xe1\xa0\x8e", "\xe2\x80\x80", "\xe2\x80\x81",
	"\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x84", "\xe2\x80\x85",
	"\xe2\x80\x86", "\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89",
	"\xe2\x80\x8a", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xaf",
	"\xe2\x81\x9f", "\xe3\x80\x80"
};

size_t
term_fold_space_len(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;

	if (u[0] < 0x80)
		return u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r');
	if (n >= 2 && u[0] == 0xc2)
		return u[1] == 0x85 || u[1] == 0xa0 ? 2 : 0;
	if (n < 3)
		return 0;
	if (u[0] == 0xe1)		/* U+1680, U+180E */
		return (u[1] == 0x9a && u[2] == 0x80) ||
		    (u[1] == 0xa0 && u[2] == 0x8e) ? 3 : 0;
	if (u[0] == 0xe2 && u[1] == 0x80)	/* U+2000-200A, 2028, 2029, 202F */
		return (u[2] >= 0x80 && u[2] <= 0x8a) || u[2] == 0xa8 ||
		    u[2] == 0xa9 || u[2] == 0xaf ? 3 : 0;
	if (u[0] == 0xe2 && u[1] == 0x81)	/* U+205F */
		return u[2] == 0x9f ? 3 : 0;
	if (u[0] == 0xe3)		/* U+3000 */
		return u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
	return 0;
}

/* The shrink map: from folded offset at on, lost more bytes of the text
   lie behind each offset. */
static void
fold_lose(struct term_fold *f, size_t at, size_t more, size_t *lost)
{
	if (more == 0)
		return;
	*lost += more;
	GROW(f->shrink, f->ncap, f->n + 1);
	f->shrink[f->n].at = at;
	f->shrink[f->n++].lost = *lost;
}

void
term_fold_text(struct term_fold *f, const char *text, size_t len,
    unsigned how)
{
	size_t i, n, run, first, lost = 0;
	uint32_t cp;
	char c;

	f->len = f->n = 0;
	GROW(f->text, f->cap, len + 1);
	for (i = 0; i < len; i += n) {
		if ((how & TERM_FOLD_SPACE) &&
		    (n = term_fold_space_len(text + i, len - i)) > 0) {
			first = n;
			while (i + n < len && (run = term_fold_space_len(
			    text + i + n, len - i - n)) > 0)
				n += run;
			/* An end just past the space maps to just past the
			   run's first character, which lies next to what the
			   match held before it, in the same sentence. */
			fold_lose(f, f->len, first - 1, &lost);
			fold_lose(f, f->len + 1, n - first, &lost);
			f->text[f->len++] = ' ';
			continue;
		}
		c = 0;
		if ((unsigned char)text[i] >= 0x80 &&
		    (how & TERM_FOLD_ACCENTS) != 0)
			c = fold_char(text + i, len - i, &n);
		else if ((unsigned char)text[i] >= 0x80)
			n = utf8_next((const unsigned char *)text + i, len - i,
			    &cp);
		else	/* a run of plain ASCII, copied in one go */
			for (n = 1; i + n < len &&
			    (unsigned char)text[i + n] > ' ' &&
			    (unsigned char)text[i + n] < 0x80; n++)
				continue;
		if (c == 0) {
			memcpy(f->text + f->len, text + i, n);
			f->len += n;
			continue;
		}
		fold_lose(f, f->len, n - 1, &lost);
		f->text[f->len++] = c;
	}
	f->text[f->len] = '\0';
}

size_t
term_fold_origin(const struct term_fold *f, size_t end)
{
	size_t lo = 0, hi = f->n, mid;

	/* The last character that shrank before end. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (f->shrink[mid].at < end)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? end : end + f->shrink[lo - 1].lost;
}

void
term_fold_free(struct term_fold *f)
{
	free(f->text);
	free(f->shrink);
	memset(f, 0, sizeof(*f));
}
