/*
 * paralang.c -- the language of each paragraph of a document.
 *
 * A paragraph is first read for function words of English, French,
 * Spanish and Portuguese (articles, prepositions, conjunctions, the verb
 * "to be"): words so frequent that a dozen of them decide between these
 * four, and cheap to count.  When they plainly agree with the document's
 * language the paragraph is in it; otherwise the n-gram detector judges
 * it, unless the function words plainly name another of the four, or
 * its answer is one of the four and the function words favour the
 * document's language over it.  Paragraphs still undetermined read as
 * their neighbours.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paralang.h"
#include "util.h"

/* A paragraph is taken to be in the document's language without the
   detector when it has at least FW_MIN of that language's function
   words and FW_RATIO times as many as of any other of the four. */
#define FW_MIN		3
#define FW_RATIO	4
/* Below this many words a paragraph is not judged on its own (the
   detector needs about as many, langdetect.c). */
#define PARA_MIN_WORDS	16

/* The four languages, in the order of the counts below. */
static const char *const fwcodes[] = { "en", "fr", "es", "pt" };

#define NFW	(sizeof(fwcodes) / sizeof(fwcodes[0]))
#define FW_EN	0x1
#define FW_FR	0x2
#define FW_ES	0x4
#define FW_PT	0x8

/* Function words that belong to one or two of the four (never "la",
   "que", "para", "as", "no" or "en", which are common to more, or to
   English), in byte order.  A word of two languages decides
   nothing between them. */
static const struct fword {
	const char	*word;
	unsigned	 langs;		/* FW_* */
} fwords[] = {
	{ "al", FW_ES },
	{ "and", FW_EN },
	{ "ao", FW_PT },
	{ "aos", FW_PT },
	{ "are", FW_EN },
	{ "au", FW_FR },
	{ "aux", FW_FR },
	{ "avec", FW_FR },
	{ "be", FW_EN },
	{ "by", FW_EN },
	{ "ces", FW_FR },
	{ "cette", FW_FR },
	{ "como", FW_ES },
	{ "dans", FW_FR },
	{ "das", FW_PT },
	{ "debe", FW_ES },
	{ "deben", FW_ES },
	{ "del", FW_ES },
	{ "des", FW_FR },
	{ "deve", FW_PT },
	{ "devem", FW_PT },
	{ "dos", FW_PT },
	{ "du", FW_FR },
	{ "e", FW_PT },
	{ "el", FW_ES },
	{ "em", FW_PT },
	{ "entre", FW_ES },
	{ "es", FW_ES },
	{ "est", FW_FR },
	{ "está", FW_ES },
	{ "están", FW_ES },
	{ "et", FW_FR },
	{ "for", FW_EN },
	{ "from", FW_EN },
	{ "has", FW_EN },
	{ "have", FW_EN },
	{ "is", FW_EN },
	{ "its", FW_EN },
	{ "las", FW_ES },
	{ "le", FW_FR },
	{ "les", FW_FR },
	{ "leur", FW_FR },
	{ "leurs", FW_FR },
	{ "los", FW_ES },
	{ "mediante", FW_ES },
	{ "nas", FW_PT },
	{ "nous", FW_FR },
	{ "não", FW_PT },
	{ "of", FW_EN },
	{ "os", FW_PT },
	{ "par", FW_FR },
	{ "pas", FW_FR },
	{ "pela", FW_PT },
	{ "pelo", FW_PT },
	{ "por", FW_ES },
	{ "pour", FW_FR },
	{ "qui", FW_FR },
	{ "ser", FW_ES | FW_PT },
	{ "seu", FW_PT },
	{ "shall", FW_EN },
	{ "should", FW_EN },
	{ "sobre", FW_ES },
	{ "son", FW_ES },
	{ "sont", FW_FR },
	{ "su", FW_ES },
	{ "sua", FW_PT },
	{ "sur", FW_FR },
	{ "sus", FW_ES },
	{ "são", FW_PT },
	{ "también", FW_ES },
	{ "também", FW_PT },
	{ "that", FW_EN },
	{ "the", FW_EN },
	{ "their", FW_EN },
	{ "this", FW_EN },
	{ "to", FW_EN },
	{ "uma", FW_PT },
	{ "una", FW_ES },
	{ "une", FW_FR },
	{ "which", FW_EN },
	{ "will", FW_EN },
	{ "with", FW_EN },
	{ "y", FW_ES },
	{ "às", FW_PT },
	{ "é", FW_PT },
	{ "être", FW_FR },
};

/* Paragraphs are read for function words up to this many bytes. */
#define FW_SPAN		2048

/*
 * The function words by a hash of their bytes, built once: every word of
 * every paragraph is looked up, and a binary search of the list cost more
 * than the rest of the reading.  A slot holds an index in fwords plus
 * one; 0 is empty.
 */
#define FW_SLOTS	256	/* a power of two, over twice the words */

_Static_assert(sizeof(fwords) / sizeof(fwords[0]) < FW_SLOTS / 2,
    "FW_SLOTS too small for the function words");

static unsigned char	 fw_table[FW_SLOTS];
static size_t		 fw_longest;	/* bytes of the longest word */
static unsigned char	 fw_letter[256]; /* word_byte() of each byte */
static pthread_once_t	 fw_once = PTHREAD_ONCE_INIT;

static int	word_byte(unsigned char);

static size_t
fw_hash(const char *w, size_t len)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h & (FW_SLOTS - 1);
}

static void
fw_build(void)
{
	size_t i, h, len;

	for (i = 0; i < nitems(fw_letter); i++)
		fw_letter[i] = (unsigned char)word_byte((unsigned char)i);
	for (i = 0; i < nitems(fwords); i++) {
		len = strlen(fwords[i].word);
		if (len > fw_longest)
			fw_longest = len;
		for (h = fw_hash(fwords[i].word, len); fw_table[h] != 0;
		    h = (h + 1) & (FW_SLOTS - 1))
			;
		fw_table[h] = (unsigned char)(i + 1);
	}
}

/* The entry of the lower-case word w (len bytes), or NULL. */
static const struct fword *
fw_lookup(const char *w, size_t len)
{
	const struct fword *f;
	size_t h;

	for (h = fw_hash(w, len); fw_table[h] != 0; h = (h + 1) &
	    (FW_SLOTS - 1)) {
		f = &fwords[fw_table[h] - 1];
		if (strncmp(f->word, w, len) == 0 && f->word[len] == '\0')
			return f;
	}
	return NULL;
}

static int
fw_index(const char *code)
{
	size_t i;

	for (i = 0; i < NFW; i++)
		if (strcmp(fwcodes[i], code) == 0)
			return (int)i;
	return -1;
}

/* A byte of a word: an ASCII letter or any byte of a multibyte letter. */
static int
word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static void
fw_word(const char *w, size_t len, unsigned *counts)
{
	const struct fword *f;
	char low[12];
	size_t i;

	if (len == 0 || len > fw_longest || len >= sizeof(low))
		return;
	for (i = 0; i < len; i++)
		low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] - 'A' + 'a' :
		    w[i]);
	f = fw_lookup(low, len);
	for (i = 0; f != NULL && i < NFW; i++)
		if (f->langs & (1U << i))
			counts[i]++;
}

int
paralang_function_word(const char *w, size_t len)
{
	unsigned counts[NFW] = { 0 };
	size_t i;

	if (pthread_once(&fw_once, fw_build) != 0)
		fatal("paralang: cannot build the function word table");
	fw_word(w, len, counts);
	for (i = 0; i < NFW; i++)
		if (counts[i] != 0)
			return 1;
	return 0;
}

/* Function words of each of the four languages in text[start, end);
   returns the number of words. */
static size_t
fw_count(const char *text, struct span u, unsigned counts[NFW])
{
	size_t i = u.start, w, words = 0;

	if (u.end - u.start > FW_SPAN)
		u.end = u.start + FW_SPAN;
	memset(counts, 0, NFW * sizeof(*counts));
	while (i < u.end) {
		while (i < u.end && !fw_letter[(unsigned char)text[i]])
			i++;
		for (w = i; i < u.end && fw_letter[(unsigned char)text[i]];
		    i++)
			;
		if (i > w) {
			fw_word(text + w, i - w, counts);
			words++;
		}
	}
	return words;
}

/* Do the function words favour language a over language b (both of the
   four)?  ratio 1: any more of a; else FW_MIN and ratio times as many. */
static int
fw_favours(const unsigned *counts, int a, int b, unsigned ratio)
{
	if (ratio <= 1)
		return counts[a] > counts[b];
	return counts[a] >= FW_MIN && counts[a] >= ratio * counts[b];
}

static int
fw_plain(const unsigned *counts, int d)
{
	size_t i;

	for (i = 0; i < NFW; i++)
		if ((int)i != d && !fw_favours(counts, d, (int)i, FW_RATIO))
			return 0;
	return 1;
}

/* The one of the four the function words plainly favour, or -1. */
static int
fw_plain_any(const unsigned *counts)
{
	size_t i;

	for (i = 0; i < NFW; i++)
		if (fw_plain(counts, (int)i))
			return (int)i;
	return -1;
}

/*
 * A paragraph too short to judge ("und") reads as its neighbours: the
 * language of the nearest judged paragraphs before and after it when they
 * agree, or of the only one there is; else as the document's.
 */
static void
fill_undetermined(char (*codes)[LANG_CODE_SIZE], size_t n,
    const char *doclang)
{
	size_t i, j, prev = (size_t)-1, next;
	const char *c;

	for (i = 0; i < n; i = next) {
		if (strcmp(codes[i], LANG_UNDETERMINED) != 0) {
			prev = i;
			next = i + 1;
			continue;
		}
		for (next = i; next < n &&
		    strcmp(codes[next], LANG_UNDETERMINED) == 0; next++)
			;
		if (prev != (size_t)-1 && next < n &&
		    strcmp(codes[prev], codes[next]) == 0)
			c = codes[prev];
		else if (prev != (size_t)-1 && next == n)
			c = codes[prev];
		else if (prev == (size_t)-1 && next < n)
			c = codes[next];
		else
			c = doclang;
		for (j = i; j < next; j++)
			snprintf(codes[j], LANG_CODE_SIZE, "%s", c);
	}
}

void
paralang_detect(const struct langdetect *ld, const struct doctext *doc,
    const char *doclang, char (*codes)[LANG_CODE_SIZE])
{
	unsigned counts[NFW];
	int d = fw_index(doclang), l;
	size_t i, words;

	if (pthread_once(&fw_once, fw_build) != 0)
		fatal("paralang: cannot build the function word table");
	for (i = 0; i < doc->nparagraphs; i++) {
		strcpy(codes[i], LANG_UNDETERMINED);
		words = fw_count(doc->text, doc->paragraphs[i], counts);
		if (d >= 0 && fw_plain(counts, d)) {
			snprintf(codes[i], LANG_CODE_SIZE, "%s", doclang);
			continue;
		}
		/* Too short for the detector, which would say "und". */
		if (words < PARA_MIN_WORDS)
			continue;
		/* Plainly another of the four: the detector, which costs
		   more than the rest of the reading, would only agree. */
		if ((l = fw_plain_any(counts)) >= 0) {
			snprintf(codes[i], LANG_CODE_SIZE, "%s", fwcodes[l]);
			continue;
		}
		if (ld == NULL)
			continue;
		langdetect_spans(ld, doc->text, &doc->paragraphs[i], 1,
		    &codes[i]);
		/* The detector's answer against the function words: a list
		   of names or figures is no evidence of another language. */
		if (d >= 0 && (l = fw_index(codes[i])) >= 0 && l != d &&
		    fw_favours(counts, d, l, 1))
			snprintf(codes[i], LANG_CODE_SIZE, "%s", doclang);
	}
	fill_undetermined(codes, doc->nparagraphs, doclang);
}

static int
share_cmp(const void *a, const void *b)
{
	const struct langshare *x = a, *y = b;

	if (x->share != y->share)
		return x->share > y->share ? -1 : 1;
	return strcmp(x->code, y->code);
}

struct langshare *
paralang_mix(const struct doctext *doc, char (*codes)[LANG_CODE_SIZE],
    size_t *nmix)
{
	struct langshare *mix;
	size_t i, k, n = 0, total = 0, len;

	mix = xcalloc(doc->nparagraphs + 1, sizeof(*mix));
	for (i = 0; i < doc->nparagraphs; i++) {
		len = doc->paragraphs[i].end - doc->paragraphs[i].start;
		total += len;
		for (k = 0; k < n; k++)
			if (strcmp(mix[k].code, codes[i]) == 0)
				break;
		if (k == n)
			memcpy(mix[n++].code, codes[i], LANG_CODE_SIZE);
		mix[k].share += (double)len;
	}
	for (k = 0; k < n; k++)
		mix[k].share = total > 0 ? mix[k].share / (double)total : 0;
	if (n > 1)
		qsort(mix, n, sizeof(*mix), share_cmp);
	*nmix = n;
	return mix;
}
