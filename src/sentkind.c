/*
 * sentkind.c -- statements told apart from headings, contents lines,
 * glossary and reference entries, acknowledgements and lists of terms.
 *
 * Input: a segmented doctext.  Output: one enum sentkind per sentence.  The
 * tests are stated in sentkind.h.  Each sentence is read once, and only its
 * first SENTKIND_WINDOW bytes, so the cost is linear in the document.
 * Each word is looked up once in a hash table of every listed word and
 * finite verb form (the lexicon, built on first use), so the tests ask
 * for its flags rather than walk the word lists.
 */
#include "config.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "sentkind.h"
#include "util.h"

#define WORDS_MAX	64	/* words of a sentence looked at */
#define WORD_LC		24	/* bytes of a word kept in lower case */
#define HEADING_WORDS	14
#define HEADING_BYTES	160
#define BULLET_WORDS	4
#define SECTION_SPAN	80	/* sentences a special section may run */
#define SECTION_PROSE	10	/* words of a modal sentence that ends one */

enum mode {
	MODE_NONE,
	MODE_DEFINITIONS,
	MODE_REFERENCES,
	MODE_THANKS
};

struct word {
	char		 lc[WORD_LC];	/* lower case ASCII, cut short */
	size_t		 off;		/* in the sentence */
	int		 upper;		/* starts with an ASCII capital */
	int		 lower;		/* starts with an ASCII small letter */
	int		 digits;	/* all ASCII digits */
	char		 after;		/* punctuation right after, or 0 */
	unsigned	 lex;		/* LEX_* flags of lc */
};

/* The fields up to lc are reset for each sentence; lc and w are written
   before they are read. */
struct sent {
	const char	*s;		/* the sentence */
	size_t		 n;		/* bytes read: at most the window */
	size_t		 body;		/* after a bullet, '#' or number */
	size_t		 nw;
	size_t		 seps;		/* commas and semicolons */
	size_t		 letters;	/* ASCII letters of the body */
	size_t		 caps;		/* ASCII capitals of the body */
	char		 last;		/* last character, closers skipped */
	int		 bullet;
	int		 atx;
	int		 numbered;
	int		 finite;	/* has a finite verb */
	int		 aim;		/* base-form verb with an object */
	int		 modal;		/* will, shall, must, should, may */
	uint64_t	 cues;		/* bit 1 << CUE_*: the phrase is in lc */
	char		 lc[SENTKIND_WINDOW + 1]; /* s in ASCII lower case,
					   NUL-terminated, for has() */
	struct word	 w[WORDS_MAX];
};

/* Phrases looked for anywhere in a sentence's lower-case window. */
enum cue {
	CUE_DOTS = 0,
	CUE_SPACED_DOTS,
	CUE_ELLIPSES,
	CUE_RULE,
	CUE_HTTP,
	CUE_HTTPS,
	CUE_WWW,
	CUE_DOI,
	CUE_ISBN,
	CUE_PP,
	CUE_VOL,
	CUE_RETRIEVED,
	CUE_AVAILABLE_AT,
	CUE_ACCESSED,
	CUE_JOURNAL,
	CUE_ET_AL,
	CUE_GRATEFUL,
	CUE_GRATITUDE,
	CUE_THANK,
	CUE_FUNDED_BY,
	CUE_FINANCED_BY,
	CUE_SPONSORED_BY,
	CUE_GENEROUS_SUPPORT,
	CUE_ACKNOWLEDG,
	CUE_SUPPORT,
	CUE_CONTRIBUTION,
	CUE_ASSISTANCE,
	CUE_INPUT,
	CUE_DONOR,
	CUE_DEFINITION,
	CUE_GLOSSARY,
	CUE_ABBREVIATION,
	CUE_ACRONYM,
	CUE_TERMINOLOGY,
	CUE_REFERENCE,
	CUE_BIBLIOGRAPHY,
	CUE_NOTES,
	CUE_SOURCES,
	CUE_WORKS_CITED,
	CUE_FURTHER_READING,
	CUE_CONTRIBUTOR,
	NCUES
};
_Static_assert(NCUES <= 64, "the cues of a sentence fit a uint64_t");
_Static_assert(HEADING_BYTES <= SENTKIND_WINDOW,
    "a heading is read whole");

static const char *const cue_text[] = {
	[CUE_DOTS] = "....",
	[CUE_SPACED_DOTS] = ". . . .",
	[CUE_ELLIPSES] = "\xe2\x80\xa6\xe2\x80\xa6",
	[CUE_RULE] = "____",
	[CUE_HTTP] = "http://",
	[CUE_HTTPS] = "https://",
	[CUE_WWW] = "www.",
	[CUE_DOI] = "doi",
	[CUE_ISBN] = "isbn",
	[CUE_PP] = "pp.",
	[CUE_VOL] = "vol.",
	[CUE_RETRIEVED] = "retrieved",
	[CUE_AVAILABLE_AT] = "available at",
	[CUE_ACCESSED] = "accessed",
	[CUE_JOURNAL] = "journal",
	[CUE_ET_AL] = "et al",
	[CUE_GRATEFUL] = "grateful",
	[CUE_GRATITUDE] = "gratitude",
	[CUE_THANK] = "thank",
	[CUE_FUNDED_BY] = "funded by",
	[CUE_FINANCED_BY] = "financed by",
	[CUE_SPONSORED_BY] = "sponsored by",
	[CUE_GENEROUS_SUPPORT] = "generous support",
	[CUE_ACKNOWLEDG] = "acknowledg",
	[CUE_SUPPORT] = "support",
	[CUE_CONTRIBUTION] = "contribution",
	[CUE_ASSISTANCE] = "assistance",
	[CUE_INPUT] = "input",
	[CUE_DONOR] = "donor",
	[CUE_DEFINITION] = "definition",
	[CUE_GLOSSARY] = "glossary",
	[CUE_ABBREVIATION] = "abbreviation",
	[CUE_ACRONYM] = "acronym",
	[CUE_TERMINOLOGY] = "terminology",
	[CUE_REFERENCE] = "reference",
	[CUE_BIBLIOGRAPHY] = "bibliography",
	[CUE_NOTES] = "notes",
	[CUE_SOURCES] = "sources",
	[CUE_WORKS_CITED] = "works cited",
	[CUE_FURTHER_READING] = "further reading",
	[CUE_CONTRIBUTOR] = "contributor",
};

static const char *const names[] = {
	[SENTKIND_STATEMENT] = "statement",
	[SENTKIND_HEADING] = "heading",
	[SENTKIND_CONTENTS] = "contents",
	[SENTKIND_DEFINITION] = "definition",
	[SENTKIND_REFERENCE] = "reference",
	[SENTKIND_ACKNOWLEDGEMENT] = "acknowledgement",
	[SENTKIND_TERMS] = "terms"
};

static const char *const auxiliaries[] = {
	"is", "are", "was", "were", "be", "been", "am", "has", "have", "had",
	"does", "do", "did", "can", "cannot", "could", "would", "might",
	"will", "shall", "must", "should", "may", "won't", "isn't", "aren't",
	NULL
};

static const char *const modals[] = {
	"will", "shall", "must", "should", "may", NULL
};

/* Past forms that the -ed rule misses. */
static const char *const irregular[] = {
	"made", "took", "became", "led", "built", "grew", "sought", "held",
	"met", "gave", "saw", "said", "says", "went", "came", "brought",
	"kept", "began", "set", NULL
};

/* Verbs of policy prose, base form; -s, -es, -ed, -ies, -ied derived. */
static const char *const verbs[] = {
	"accelerate", "achieve", "address", "adopt", "advance", "affect",
	"align", "allow", "apply", "assess", "attract", "bolster", "boost",
	"build", "champion", "collaborate", "combat", "commit", "consider",
	"continue", "contribute", "cooperate", "coordinate", "counter",
	"cover", "create", "deepen", "defend", "deliver", "deploy", "detect",
	"deter", "develop", "deliver", "enable", "encourage", "engage", "enhance",
	"ensure", "establish", "expand", "exploit", "facilitate", "foster",
	"focus", "grow", "guarantee", "harmonise", "harmonize", "help",
	"identify", "impact", "implement", "improve", "include", "increase",
	"integrate", "intend", "invest", "investigate", "involve", "join", "launch", "lead", "maintain",
	"make", "manage", "mitigate", "mobilise", "mobilize", "modernise",
	"modernize", "monitor", "need", "oversee", "participate", "plan",
	"play", "pose", "prevent", "prioritise", "prioritize", "promote",
	"prosecute", "protect", "provide", "pursue", "raise", "recognise",
	"recognize", "reduce", "regulate", "reinforce", "remain", "require",
	"respect", "respond", "review", "safeguard", "secure", "seek", "serve",
	"share", "strengthen", "support", "take", "target", "threaten",
	"train", "undermine", "undertake", "uphold", "use", "work", NULL
};

/* Words that do not end the object of an aim verb: "Support to ...". */
static const char *const linkers[] = {
	"to", "for", "of", "and", "or", "in", "on", "at", "with", "by", "from",
	"as", "against", NULL
};

/* Small words that title case leaves in lower case. */
static const char *const minor[] = {
	"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at",
	"by", "with", "from", "vs", "via", "its", "their", "our", "per",
	"into", "&", NULL
};

/* First words of a labelled statement ("Goal: the ..."), not a term. */
static const char *const labels[] = {
	"goal", "objective", "pillar", "priority", "action", "measure",
	"step", "note", "aim", "target", "outcome", "vision", "mission",
	"principle", "commitment", "strategic", "result", "phase", "output",
	"activity", "example", "purpose", "scope", "rationale", NULL
};

/* Subjects that make "X means" a sentence, not a definition. */
static const char *const pronouns[] = {
	"this", "that", "it", "which", "what", "these", "those", "there",
	"such", "he", "she", "they", "we", "by", "a", "the", "no", "other",
	"all", "any", NULL
};

const char *
sentkind_name(enum sentkind k)
{
	if ((size_t)k >= nitems(names))
		return "unknown";
	return names[k];
}

static int
is_ascii_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static int
word_char(unsigned char c)
{
	return is_ascii_alnum(c) || c >= 0x80;
}

/* Which word lists a word is in; LEX_FINITE: an -s, -es, -ed, -ies or
   -ied form of one of verbs[]. */
#define LEX_AUXILIARY	0x001
#define LEX_MODAL	0x002
#define LEX_IRREGULAR	0x004
#define LEX_VERB	0x008
#define LEX_FINITE	0x010
#define LEX_LINKER	0x020
#define LEX_MINOR	0x040
#define LEX_LABEL	0x080
#define LEX_PRONOUN	0x100
#define LEX_SLOTS	2048	/* a power of two, over twice the words */

struct lexent {
	char		 w[WORD_LC];	/* "" for a free slot */
	unsigned	 flags;
};

static struct lexent	 lexicon[LEX_SLOTS];
/* The cues by their first and by their second byte, as bit masks, and
   their lengths (three bytes or more). */
static uint64_t		 cue_first[256];
static uint64_t		 cue_second[256];
static size_t		 cue_len[NCUES];
static pthread_once_t	 lexicon_once = PTHREAD_ONCE_INIT;

static size_t
lex_hash(const char *w)
{
	size_t h = 2166136261u;

	for (; *w != '\0'; w++)
		h = (h ^ (unsigned char)*w) * 16777619u;
	return h & (LEX_SLOTS - 1);
}

/* The slot of w, or the free slot where it would go. */
static struct lexent *
lex_slot(const char *w)
{
	size_t i = lex_hash(w);

	while (lexicon[i].w[0] != '\0' && (lexicon[i].w[0] != w[0] ||
	    strcmp(lexicon[i].w, w) != 0))
		i = (i + 1) & (LEX_SLOTS - 1);
	return &lexicon[i];
}

/* Add stem (its first n bytes) and suffix with flags. */
static void
lex_add(const char *stem, size_t n, const char *suffix, unsigned flags)
{
	struct lexent *e;
	char w[WORD_LC];
	size_t len = n + strlen(suffix);

	/* A longer entry could never equal a word's cut-short lc. */
	if (len >= sizeof(w))
		fatal("sentkind: word list entry too long: %s", stem);
	memcpy(w, stem, n);
	memcpy(w + n, suffix, len - n + 1);
	e = lex_slot(w);
	if (e->w[0] == '\0')
		memcpy(e->w, w, len + 1);
	e->flags |= flags;
}

static void
lex_add_list(const char *const *list, unsigned flags)
{
	for (; *list != NULL; list++)
		lex_add(*list, strlen(*list), "", flags);
}

/* The finite forms that finite verbs are recognised by (sentkind.h). */
static void
lex_add_finite(const char *v)
{
	size_t n = strlen(v);

	lex_add(v, n, "s", LEX_FINITE);
	lex_add(v, n, "es", LEX_FINITE);
	lex_add(v, n, "ed", LEX_FINITE);
	if (v[n - 1] == 'e')
		lex_add(v, n, "d", LEX_FINITE);
	if (v[n - 1] == 'y') {
		lex_add(v, n - 1, "ies", LEX_FINITE);
		lex_add(v, n - 1, "ied", LEX_FINITE);
	}
}

static void
lexicon_build(void)
{
	const char *const *v;
	size_t k;

	lex_add_list(auxiliaries, LEX_AUXILIARY);
	lex_add_list(modals, LEX_MODAL);
	lex_add_list(irregular, LEX_IRREGULAR);
	lex_add_list(verbs, LEX_VERB);
	lex_add_list(linkers, LEX_LINKER);
	lex_add_list(minor, LEX_MINOR);
	lex_add_list(labels, LEX_LABEL);
	lex_add_list(pronouns, LEX_PRONOUN);
	for (v = verbs; *v != NULL; v++)
		lex_add_finite(*v);
	for (k = 0; k < NCUES; k++) {
		cue_len[k] = strlen(cue_text[k]);
		cue_first[(unsigned char)cue_text[k][0]] |= (uint64_t)1 << k;
		cue_second[(unsigned char)cue_text[k][1]] |= (uint64_t)1 << k;
	}
}

/* The LEX_* flags of a lower-case word. */
static unsigned
lex_flags(const char *w)
{
	return lex_slot(w)->flags;
}

/* A finite verb: an auxiliary, an irregular past or, unless capitalised
   (a name), a finite form of a listed verb. */
static int
word_finite(const struct word *w)
{
	return (w->lex & (LEX_AUXILIARY | LEX_IRREGULAR)) != 0 ||
	    (!w->upper && (w->lex & LEX_FINITE) != 0);
}

static int
ends_with(const char *w, const char *suffix)
{
	size_t n = strlen(w), k = strlen(suffix);

	return n > k + 2 && strcmp(w + n - k, suffix) == 0;
}

/* A bullet at s: "-", "*", "+", "•", "–", "—", "·", "▪", then a space. */
static size_t
bullet_len(const unsigned char *s, size_t n)
{
	size_t k = 0;

	if (n >= 1 && (s[0] == '-' || s[0] == '*' || s[0] == '+'))
		k = 1;
	else if (n >= 2 && s[0] == 0xc2 && s[1] == 0xb7)
		k = 2;
	else if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 &&
	    (s[2] == 0xa2 || s[2] == 0x93 || s[2] == 0x94))
		k = 3;
	else if (n >= 3 && s[0] == 0xe2 && s[1] == 0x96 && s[2] == 0xaa)
		k = 3;
	if (k == 0 || k >= n || (s[k] != ' ' && s[k] != '\t'))
		return 0;
	return k + 1;
}

static int
roman_char(unsigned char c)
{
	return c == 'i' || c == 'v' || c == 'x' || c == 'I' || c == 'V' ||
	    c == 'X';
}

/* A section number at s: "3 ", "3.2 ", "3.2. ", "IV. ", "(a) ", "a) ". */
static size_t
number_len(const unsigned char *s, size_t n)
{
	size_t i = 0, d = 0;

	if (i < n && s[i] == '(')
		i++;
	if (i < n && s[i] >= '0' && s[i] <= '9') {
		while (i < n && ((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] == '.' && i + 1 < n && s[i + 1] >= '0' &&
		    s[i + 1] <= '9')))
			i++, d++;
		if (i < n && (s[i] == '.' || s[i] == ')'))
			i++;
	} else {
		while (i < n && d < 5 && roman_char(s[i]))
			i++, d++;
		if (d == 0 && i < n && s[i] >= 'a' && s[i] <= 'z' &&
		    i + 1 < n && s[i + 1] == ')')
			i++, d++;
		if (d == 0 || i >= n || (s[i] != '.' && s[i] != ')'))
			return 0;
		i++;
	}
	if (d == 0 || i >= n || (s[i] != ' ' && s[i] != '\t'))
		return 0;
	return i + 1;
}

/* The bullet, Markdown '#' run and section number before the words. */
static void
read_prefix(struct sent *st)
{
	const unsigned char *s = (const unsigned char *)st->s;
	size_t i = 0, k;

	if ((k = bullet_len(s, st->n)) > 0) {
		st->bullet = 1;
		i = k;
	}
	while (i < st->n && s[i] == '#') {
		st->atx = 1;
		i++;
	}
	while (i < st->n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if ((k = number_len(s + i, st->n - i)) > 0) {
		/* Small roman numerals number the items of a list ("ii. define
		   minimum standards"), not sections: an item, like a bullet. */
		if (s[i + (s[i] == '(')] >= 'a')
			st->bullet = 1;
		else
			st->numbered = 1;
		i += k;
	}
	st->body = i;
}

static void
add_word(struct sent *st, size_t from, size_t to)
{
	struct word *w = &st->w[st->nw++];
	const unsigned char *s = (const unsigned char *)st->s;
	size_t i, k = 0;

	memset(w, 0, sizeof(*w));
	w->off = from;
	w->upper = s[from] >= 'A' && s[from] <= 'Z';
	w->lower = s[from] >= 'a' && s[from] <= 'z';
	w->digits = 1;
	for (i = from; i < to; i++) {
		if (s[i] < '0' || s[i] > '9')
			w->digits = 0;
		if (k + 1 < sizeof(w->lc))
			w->lc[k++] = (s[i] >= 'A' && s[i] <= 'Z') ?
			    (char)(s[i] - 'A' + 'a') : (char)s[i];
	}
	w->lc[k] = '\0';
	w->lex = lex_flags(w->lc);
	while (i < st->n && s[i] == ' ')
		i++;
	if (i < st->n && !word_char(s[i]) && s[i] != '(')
		w->after = (char)s[i];
}

/* Words, separators and the last character of the body. */
static void
read_words(struct sent *st)
{
	const unsigned char *s = (const unsigned char *)st->s;
	size_t i = st->body, from;

	while (i < st->n) {
		if (s[i] == ',' || s[i] == ';')
			st->seps++;
		if (!word_char(s[i])) {
			i++;
			continue;
		}
		from = i;
		while (i < st->n && (word_char(s[i]) || ((s[i] == '\'' ||
		    s[i] == '-') && i + 1 < st->n && word_char(s[i + 1]))))
			i++;
		if (st->nw < WORDS_MAX)
			add_word(st, from, i);
	}
	for (i = st->n; i > 0; i--)
		if (strchr(" \t\n\"')]", s[i - 1]) == NULL)
			break;
	st->last = i > 0 ? (char)s[i - 1] : 0;
}

/* ASCII letters and capitals of s[0, n), added to the counts. */
static void
count_letters(const char *s, size_t n, size_t *letters, size_t *caps)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			(*letters)++;
		else if (s[i] >= 'A' && s[i] <= 'Z')
			(*letters)++, (*caps)++;
	}
}

/* A base-form verb with an object, after a label or at the start. */
static int
states_aim(const struct sent *st, size_t i)
{
	const struct word *prev = i > 0 ? &st->w[i - 1] : NULL;

	if ((st->w[i].lex & LEX_VERB) == 0 || st->nw - i < 3 ||
	    (st->w[i + 1].lex & LEX_LINKER) != 0)
		return 0;
	return prev == NULL || prev->digits || prev->after == ':' ||
	    prev->after == '-' || strcmp(prev->lc, "to") == 0 ||
	    (unsigned char)prev->after >= 0x80;
}

static void
read_verbs(struct sent *st)
{
	size_t i;

	for (i = 0; i < st->nw; i++) {
		if (st->w[i].lex & LEX_MODAL)
			st->modal = 1;
		if (word_finite(&st->w[i]))
			st->finite = 1;
		if (!st->aim && states_aim(st, i))
			st->aim = 1;
	}
}

/* A byte as the lower-case window has it (ASCII letters lowered, NUL
   read as a space). */
static unsigned char
lc_byte(char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') :
	    c == '\0' ? ' ' : (unsigned char)c;
}

/* The cues of want (bits 1 << CUE_*) in the lower-case window lc[0, n),
   in one pass: at each byte, only the cues that start with it and the
   next byte are compared. */
static uint64_t
cues_in(const char *lc, size_t n, uint64_t want)
{
	const unsigned char *s = (const unsigned char *)lc;
	uint64_t m, bit, found = 0;
	size_t i, k;

	for (i = 0; i + 2 < n; i++) {
		m = cue_first[s[i]] & cue_second[s[i + 1]] & want & ~found;
		while (m != 0) {
			k = (size_t)__builtin_ctzll(m);
			bit = (uint64_t)1 << k;
			m &= ~bit;
			if (cue_len[k] <= n - i &&
			    memcmp(s + i, cue_text[k], cue_len[k]) == 0)
				found |= bit;
		}
	}
	return found;
}

static void
read_cues(struct sent *st)
{
	st->cues = cues_in(st->lc, st->n, ~(uint64_t)0);
}

static void
sent_read(struct sent *st, const char *s, size_t n)
{
	size_t i, pletters = 0, pcaps = 0;

	memset(st, 0, offsetof(struct sent, lc));
	st->s = s;
	st->n = n < SENTKIND_WINDOW ? n : SENTKIND_WINDOW;
	for (i = 0; i < st->n; i++) {
		st->lc[i] = (char)lc_byte(s[i]);
		/* A letter is the only byte lc_byte() changes or keeps in
		   a..z; the capitals are those it changed. */
		if (st->lc[i] >= 'a' && st->lc[i] <= 'z') {
			st->letters++;
			st->caps += st->lc[i] != s[i];
		}
	}
	st->lc[st->n] = '\0';
	read_cues(st);
	read_prefix(st);
	/* The counts are of the body: take out the prefix's. */
	count_letters(s, st->body, &pletters, &pcaps);
	st->letters -= pletters;
	st->caps -= pcaps;
	read_words(st);
	read_verbs(st);
}

/* Is the phrase anywhere in the window, whatever its case? */
static int
has(const struct sent *st, enum cue k)
{
	return (st->cues & ((uint64_t)1 << k)) != 0;
}

static int
all_caps(const struct sent *st)
{
	return st->letters >= 4 && st->caps == st->letters;
}

static int
title_case(const struct sent *st)
{
	size_t i, up = 0, n = 0;

	for (i = 0; i < st->nw; i++) {
		if (st->w[i].digits || (i > 0 && (st->w[i].lex & LEX_MINOR)))
			continue;
		n++;
		up += st->w[i].upper;
	}
	return all_caps(st) || (n > 0 && up * 10 >= n * 6);
}

/*
 * Section numbers followed by a capitalised word ("4.1 Telecommunications",
 * "6 Strategic Pillars"): a contents list that lost its line breaks and
 * page numbers in extraction reads as one long sentence of such titles.
 */
static size_t
numbered_titles(const struct sent *st)
{
	size_t i, j, n = 0;

	for (i = 0; i + 1 < st->nw; i = j) {
		j = i + 1;
		if (!st->w[i].digits || strlen(st->w[i].lc) > 2)
			continue;
		/* "4.1", "4.1.2": the number's other parts */
		while (j + 1 < st->nw && st->w[j - 1].after == '.' &&
		    st->w[j].digits && strlen(st->w[j].lc) <= 2)
			j++;
		if (st->w[j].upper)
			n++;
	}
	return n;
}

/*
 * Dot leaders; a page number closing a verbless, unstopped line; or three
 * numbered titles in a row of which none states an aim ("2.1 Establish a
 * national CSIRT; 2.2 ..." is a list of commitments, not contents), five
 * when a finite verb may be part of a title.
 */
static int
is_contents(const struct sent *st)
{
	const struct word *lw;
	size_t titles;

	if (has(st, CUE_DOTS) || has(st, CUE_SPACED_DOTS) ||
	    has(st, CUE_ELLIPSES) || has(st, CUE_RULE))
		return 1;
	titles = numbered_titles(st);
	if (!st->aim && titles >= (st->finite ? 5 : 3))
		return 1;
	if (st->nw < 3 || st->finite || st->nw > WORDS_MAX - 1)
		return 0;
	lw = &st->w[st->nw - 1];
	return lw->digits && strlen(lw->lc) <= 3 &&
	    st->last >= '0' && st->last <= '9' &&
	    (title_case(st) || st->numbered || st->seps == 0);
}

/* A line of its own: only blanks between it and the line ends. */
static int
own_line(const struct doctext *dt, struct span u)
{
	size_t i;

	for (i = u.start; i > 0 && (dt->text[i - 1] == ' ' ||
	    dt->text[i - 1] == '\t'); i--)
		;
	if (i > 0 && dt->text[i - 1] != '\n')
		return 0;
	for (i = u.end; i < dt->len && (dt->text[i] == ' ' ||
	    dt->text[i] == '\t' || dt->text[i] == '\r'); i++)
		;
	return i >= dt->len || dt->text[i] == '\n';
}

/* Heading-shaped and marked as one; strong marks end special sections. */
static int
heading_mark(const struct sent *st, int hint, int *strong)
{
	*strong = hint || st->atx || st->numbered || all_caps(st);
	if (st->bullet || st->nw == 0 || st->nw > HEADING_WORDS ||
	    st->n > HEADING_BYTES || st->finite || st->aim)
		return 0;
	if (st->last == '.' || st->last == '!' || st->last == '?' ||
	    st->last == ';' || st->last == ',')
		return 0;
	return *strong || title_case(st);
}

/* Is there a finite verb among the first n words? */
static int
finite_before(const struct sent *st, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < st->nw; i++)
		if (word_finite(&st->w[i]))
			return 1;
	return 0;
}

/* "X means", "X refers to", "X is defined as", "X: a ..." where X has no
   verb ("The pillars are: the ..." is a sentence). */
static int
is_definition(const struct sent *st)
{
	size_t i;

	for (i = 1; i < st->nw && i <= 6; i++) {
		if ((strcmp(st->w[i].lc, "means") == 0 ||
		    strcmp(st->w[i].lc, "refers") == 0 ||
		    strcmp(st->w[i].lc, "denotes") == 0 ||
		    (strcmp(st->w[i].lc, "defined") == 0 && i + 1 < st->nw &&
		    strcmp(st->w[i + 1].lc, "as") == 0)) &&
		    (st->w[0].lex & LEX_PRONOUN) == 0 &&
		    (st->w[i - 1].lex & LEX_PRONOUN) == 0)
			return i + 1 < st->nw &&
			    strcmp(st->w[i + 1].lc, "that") != 0;
		if ((st->w[i - 1].after == ':' ||
		    (unsigned char)st->w[i - 1].after >= 0x80 ||
		    st->w[i - 1].after == '-') && i <= 5 && !st->modal &&
		    (st->w[0].lex & LEX_LABEL) == 0 && !st->w[i - 1].digits &&
		    !finite_before(st, i) &&
		    (strcmp(st->w[i].lc, "a") == 0 ||
		    strcmp(st->w[i].lc, "an") == 0 ||
		    strcmp(st->w[i].lc, "the") == 0 ||
		    strcmp(st->w[i].lc, "any") == 0))
			return 1;
	}
	return 0;
}

/* A year in brackets "(2019)" or after a comma ", 2019". */
static int
has_year(const struct sent *st)
{
	const char *s = st->s;
	size_t i;

	for (i = 1; i + 4 < st->n; i++) {
		if ((s[i] != '1' && s[i] != '2') || s[i + 1] < '0' ||
		    s[i + 1] > '9' || s[i + 2] < '0' || s[i + 2] > '9' ||
		    s[i + 3] < '0' || s[i + 3] > '9')
			continue;
		if (s[i - 1] == '(' && s[i + 4] == ')')
			return 1;
		if (i >= 2 && s[i - 1] == ' ' && s[i - 2] == ',' &&
		    strchr(".,)", s[i + 4]) != NULL)
			return 1;
	}
	return 0;
}

static int
is_reference(const struct sent *st)
{
	const unsigned char *s = (const unsigned char *)st->s;
	int score = 0;

	if (st->modal)
		return 0;
	score += has(st, CUE_HTTP) || has(st, CUE_HTTPS) ||
	    has(st, CUE_WWW) || has(st, CUE_DOI) || has(st, CUE_ISBN);
	score += has_year(st);
	score += has(st, CUE_PP) || has(st, CUE_VOL) || has(st, CUE_RETRIEVED) ||
	    has(st, CUE_AVAILABLE_AT) || has(st, CUE_ACCESSED) ||
	    has(st, CUE_JOURNAL) || has(st, CUE_ET_AL);
	score += (st->n > 2 && s[0] == '[' && s[1] >= '0' && s[1] <= '9') ||
	    (st->nw >= 2 && st->w[0].upper && st->w[0].after == ',' &&
	    st->w[1].upper && strlen(st->w[1].lc) == 1 &&
	    st->w[1].after == '.');
	return score >= 2;
}

static int
is_thanks(const struct sent *st)
{
	if (st->modal)
		return 0;
	if (has(st, CUE_GRATEFUL) || has(st, CUE_GRATITUDE) ||
	    has(st, CUE_THANK) || has(st, CUE_FUNDED_BY) ||
	    has(st, CUE_FINANCED_BY) || has(st, CUE_SPONSORED_BY) ||
	    has(st, CUE_GENEROUS_SUPPORT))
		return 1;
	if (has(st, CUE_ACKNOWLEDG) && (has(st, CUE_SUPPORT) ||
	    has(st, CUE_CONTRIBUTION) || has(st, CUE_ASSISTANCE) ||
	    has(st, CUE_INPUT)))
		return 1;
	return has(st, CUE_DONOR) && !st->finite && st->seps >= 2;
}

/* Words before the first comma or semicolon. */
static size_t
first_item_words(const struct sent *st)
{
	size_t i, end = strcspn(st->s + st->body, ",;") + st->body;

	for (i = 0; i < st->nw && st->w[i].off < end; i++)
		;
	return i;
}

static int
is_terms(const struct sent *st)
{
	if (st->finite || st->aim || st->nw == 0)
		return 0;
	/* "- Enhancing incident response": an action, not a term. */
	if (st->bullet || st->numbered)
		return st->nw <= BULLET_WORDS && !(st->nw >= 3 &&
		    ends_with(st->w[0].lc, "ing"));
	/* A clause before the list makes it a sentence about the list. */
	return st->seps >= 2 && st->nw <= WORDS_MAX - 1 &&
	    st->nw <= 4 * (st->seps + 1) && first_item_words(st) <= 5;
}

/* Every cue heading_mode looks for: a heading without one opens
   nothing. */
#define CUE_BIT(k)	((uint64_t)1 << (k))
static const uint64_t mode_cues = CUE_BIT(CUE_DEFINITION) |
    CUE_BIT(CUE_GLOSSARY) | CUE_BIT(CUE_ABBREVIATION) | CUE_BIT(CUE_ACRONYM) |
    CUE_BIT(CUE_TERMINOLOGY) | CUE_BIT(CUE_REFERENCE) |
    CUE_BIT(CUE_BIBLIOGRAPHY) | CUE_BIT(CUE_NOTES) | CUE_BIT(CUE_SOURCES) |
    CUE_BIT(CUE_WORKS_CITED) | CUE_BIT(CUE_FURTHER_READING) |
    CUE_BIT(CUE_ACKNOWLEDG) | CUE_BIT(CUE_CONTRIBUTOR) | CUE_BIT(CUE_DONOR);

/* What a bare heading opens: a glossary, references, thanks or nothing. */
static enum mode
heading_mode(const struct sent *st)
{
	if (st->nw > 5 || (st->cues & mode_cues) == 0)
		return MODE_NONE;
	if (has(st, CUE_DEFINITION) || has(st, CUE_GLOSSARY) ||
	    has(st, CUE_ABBREVIATION) || has(st, CUE_ACRONYM) ||
	    has(st, CUE_TERMINOLOGY))
		return MODE_DEFINITIONS;
	if (has(st, CUE_REFERENCE) || has(st, CUE_BIBLIOGRAPHY) ||
	    has(st, CUE_NOTES) || has(st, CUE_SOURCES) ||
	    has(st, CUE_WORKS_CITED) || has(st, CUE_FURTHER_READING))
		return MODE_REFERENCES;
	if (has(st, CUE_ACKNOWLEDG) || has(st, CUE_CONTRIBUTOR) ||
	    has(st, CUE_DONOR))
		return MODE_THANKS;
	return MODE_NONE;
}

static const enum sentkind mode_kind[] = {
	[MODE_NONE] = SENTKIND_STATEMENT,
	[MODE_DEFINITIONS] = SENTKIND_DEFINITION,
	[MODE_REFERENCES] = SENTKIND_REFERENCE,
	[MODE_THANKS] = SENTKIND_ACKNOWLEDGEMENT
};

struct classifier {
	const struct doctext *dt;
	size_t		 heading;	/* next extractor heading to pass */
	enum mode	 mode;
	size_t		 mode_left;	/* sentences the mode may still run */
};

/* Is there an extractor heading between the previous sentence and u? */
static int
heading_hint(struct classifier *c, size_t from, struct span u)
{
	const struct doctext *dt = c->dt;

	while (c->heading < dt->nheadings && dt->headings[c->heading] < from)
		c->heading++;
	return c->heading < dt->nheadings &&
	    dt->headings[c->heading] <= u.start;
}

static enum sentkind
classify(struct classifier *c, const struct sent *st, int hint,
    int line)
{
	int strong;

	if (is_contents(st))
		return SENTKIND_CONTENTS;
	if (line && heading_mark(st, hint, &strong) &&
	    (c->mode == MODE_NONE || strong)) {
		c->mode = heading_mode(st);
		c->mode_left = SECTION_SPAN;
		return SENTKIND_HEADING;
	}
	/* Prose that commits to something is past a glossary's end. */
	if (c->mode != MODE_NONE && c->mode_left > 0 &&
	    !(st->modal && st->nw >= SECTION_PROSE)) {
		c->mode_left--;
		return mode_kind[c->mode];
	}
	c->mode = MODE_NONE;
	if (is_definition(st))
		return SENTKIND_DEFINITION;
	if (is_reference(st))
		return SENTKIND_REFERENCE;
	if (is_thanks(st))
		return SENTKIND_ACKNOWLEDGEMENT;
	if (is_terms(st))
		return SENTKIND_TERMS;
	return SENTKIND_STATEMENT;
}

/*
 * Could this sentence change the special section?  Outside one, only a
 * heading can, and a heading is short, has no final stop and names what
 * it opens (mode_cues); inside one, any sentence counts.  The others need
 * not be read unless wanted.
 */
static int
may_turn(const struct classifier *c, const struct doctext *dt, struct span u)
{
	char lc[HEADING_BYTES];
	size_t e = u.end, n = u.end - u.start, i;

	if (c->mode != MODE_NONE)
		return 1;
	if (n > HEADING_BYTES)
		return 0;
	while (e > u.start && strchr(" \t\n\"')]", dt->text[e - 1]) != NULL)
		e--;
	if (e > u.start && strchr(".!?;,", dt->text[e - 1]) != NULL)
		return 0;
	for (i = 0; i < n; i++)
		lc[i] = (char)lc_byte(dt->text[u.start + i]);
	return cues_in(lc, n, mode_cues) != 0;
}

unsigned char *
sentkind_document(const struct doctext *dt, const unsigned char *wanted)
{
	struct classifier c;
	struct sent *st;
	unsigned char *kinds;
	struct span u;
	size_t i, from;
	enum sentkind k;
	int hint;

	if (dt->nsentences == 0)
		return NULL;
	if (pthread_once(&lexicon_once, lexicon_build) != 0)
		fatal("sentkind: cannot build the word lists");
	memset(&c, 0, sizeof(c));
	c.dt = dt;
	st = xmalloc(sizeof(*st));
	kinds = xmalloc(dt->nsentences);
	for (i = 0; i < dt->nsentences; i++) {
		u = dt->sentences[i];
		from = i > 0 ? dt->sentences[i - 1].end : 0;
		hint = heading_hint(&c, from, u);
		kinds[i] = SENTKIND_STATEMENT;
		if (wanted != NULL && !wanted[i] && !may_turn(&c, dt, u))
			continue;
		sent_read(st, dt->text + u.start, u.end - u.start);
		k = classify(&c, st, hint, own_line(dt, u));
		kinds[i] = (unsigned char)k;
	}
	free(st);
	return kinds;
}
