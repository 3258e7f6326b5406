/*
 * sentkind.c -- statements told apart from headings, contents lines,
 * glossary and reference entries, acknowledgements and lists of terms.
 *
 * Input: a segmented doctext.  Output: one enum sentkind per sentence.  The
 * tests are stated in sentkind.h.  Each sentence is read once, and only its
 * first SENTKIND_WINDOW bytes, so the cost is linear in the document.
 */
#include "config.h"

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
};

struct sent {
	const char	*s;		/* the sentence */
	size_t		 n;		/* bytes read: at most the window */
	char		 lc[SENTKIND_WINDOW + 1]; /* s in ASCII lower case,
					   NUL-terminated, for has() */
	size_t		 body;		/* after a bullet, '#' or number */
	struct word	 w[WORDS_MAX];
	size_t		 nw;
	size_t		 seps;		/* commas and semicolons */
	char		 last;		/* last character, closers skipped */
	int		 bullet;
	int		 atx;
	int		 numbered;
	int		 finite;	/* has a finite verb */
	int		 aim;		/* base-form verb with an object */
	int		 modal;		/* will, shall, must, should, may */
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

static int
in_words(const char *w, const char *const *list)
{
	for (; *list != NULL; list++)
		if (w[0] == (*list)[0] && strcmp(w, *list) == 0)
			return 1;
	return 0;
}

/* Does w end with suffix, leaving stem (of length n) before it? */
static int
inflected(const char *w, const char *stem, size_t n, const char *suffix)
{
	size_t wl = strlen(w), sl = strlen(suffix);

	return wl == n + sl && strncmp(w, stem, n) == 0 &&
	    strcmp(w + n, suffix) == 0;
}

/* w is a finite form (-s, -es, -ed, -ies, -ied) of a listed verb. */
static int
finite_form(const char *w)
{
	const char *const *v;
	size_t n, wl = strlen(w);

	/* Every finite form ends in "s" or "d". */
	if (wl < 3 || (w[wl - 1] != 's' && w[wl - 1] != 'd'))
		return 0;
	for (v = verbs; *v != NULL; v++) {
		if ((*v)[0] != w[0])
			continue;
		n = strlen(*v);
		if (inflected(w, *v, n, "s") || inflected(w, *v, n, "es") ||
		    inflected(w, *v, n, "ed") ||
		    ((*v)[n - 1] == 'e' && inflected(w, *v, n, "d")))
			return 1;
		if ((*v)[n - 1] == 'y' && (inflected(w, *v, n - 1, "ies") ||
		    inflected(w, *v, n - 1, "ied")))
			return 1;
	}
	return 0;
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

/* A base-form verb with an object, after a label or at the start. */
static int
states_aim(const struct sent *st, size_t i)
{
	const struct word *prev = i > 0 ? &st->w[i - 1] : NULL;

	if (!in_words(st->w[i].lc, verbs) || st->nw - i < 3 ||
	    in_words(st->w[i + 1].lc, linkers))
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
		if (in_words(st->w[i].lc, modals))
			st->modal = 1;
		if (in_words(st->w[i].lc, auxiliaries) ||
		    in_words(st->w[i].lc, irregular) ||
		    (!st->w[i].upper && finite_form(st->w[i].lc)))
			st->finite = 1;
		if (!st->aim && states_aim(st, i))
			st->aim = 1;
	}
}

static void
sent_read(struct sent *st, const char *s, size_t n)
{
	size_t i;
	char c;

	memset(st, 0, sizeof(*st));
	st->s = s;
	st->n = n < SENTKIND_WINDOW ? n : SENTKIND_WINDOW;
	for (i = 0; i < st->n; i++) {
		c = s[i];
		st->lc[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') :
		    c == '\0' ? ' ' : c;
	}
	st->lc[st->n] = '\0';
	read_prefix(st);
	read_words(st);
	read_verbs(st);
}

/* Case-insensitive search for a lower-case needle in the window. */
static int
has(const struct sent *st, const char *needle)
{
	return strstr(st->lc, needle) != NULL;
}

static int
all_caps(const struct sent *st)
{
	const unsigned char *s = (const unsigned char *)st->s;
	size_t i, caps = 0, letters = 0;

	for (i = st->body; i < st->n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			letters++;
		else if (s[i] >= 'A' && s[i] <= 'Z')
			letters++, caps++;
	}
	return letters >= 4 && caps == letters;
}

static int
title_case(const struct sent *st)
{
	size_t i, up = 0, n = 0;

	for (i = 0; i < st->nw; i++) {
		if (st->w[i].digits || (i > 0 && in_words(st->w[i].lc, minor)))
			continue;
		n++;
		up += st->w[i].upper;
	}
	return all_caps(st) || (n > 0 && up * 10 >= n * 6);
}

/* Dot leaders, or a page number closing a verbless, unstopped line. */
static int
is_contents(const struct sent *st)
{
	const struct word *lw;

	if (has(st, "....") || has(st, ". . . .") ||
	    has(st, "\xe2\x80\xa6\xe2\x80\xa6") || has(st, "____"))
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
		if (in_words(st->w[i].lc, auxiliaries) ||
		    in_words(st->w[i].lc, irregular) ||
		    (!st->w[i].upper && finite_form(st->w[i].lc)))
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
		    !in_words(st->w[0].lc, pronouns) &&
		    !in_words(st->w[i - 1].lc, pronouns))
			return i + 1 < st->nw &&
			    strcmp(st->w[i + 1].lc, "that") != 0;
		if ((st->w[i - 1].after == ':' ||
		    (unsigned char)st->w[i - 1].after >= 0x80 ||
		    st->w[i - 1].after == '-') && i <= 5 && !st->modal &&
		    !in_words(st->w[0].lc, labels) && !st->w[i - 1].digits &&
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
	score += has(st, "http://") || has(st, "https://") ||
	    has(st, "www.") || has(st, "doi") || has(st, "isbn");
	score += has_year(st);
	score += has(st, "pp.") || has(st, "vol.") || has(st, "retrieved") ||
	    has(st, "available at") || has(st, "accessed") ||
	    has(st, "journal") || has(st, "et al");
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
	if (has(st, "grateful") || has(st, "gratitude") ||
	    has(st, "thank") || has(st, "funded by") ||
	    has(st, "financed by") || has(st, "sponsored by") ||
	    has(st, "generous support"))
		return 1;
	if (has(st, "acknowledg") && (has(st, "support") ||
	    has(st, "contribution") || has(st, "assistance") ||
	    has(st, "input")))
		return 1;
	return has(st, "donor") && !st->finite && st->seps >= 2;
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

/* What a bare heading opens: a glossary, references, thanks or nothing. */
static enum mode
heading_mode(const struct sent *st)
{
	if (st->nw > 5)
		return MODE_NONE;
	if (has(st, "definition") || has(st, "glossary") ||
	    has(st, "abbreviation") || has(st, "acronym") ||
	    has(st, "terminology"))
		return MODE_DEFINITIONS;
	if (has(st, "reference") || has(st, "bibliography") ||
	    has(st, "notes") || has(st, "sources") ||
	    has(st, "works cited") || has(st, "further reading"))
		return MODE_REFERENCES;
	if (has(st, "acknowledg") || has(st, "contributor") ||
	    has(st, "donor"))
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
 * heading can, and a heading is short and has no final stop; inside one,
 * any sentence counts.  The others need not be read unless wanted.
 */
static int
may_turn(const struct classifier *c, const struct doctext *dt, struct span u)
{
	size_t e = u.end;

	if (c->mode != MODE_NONE)
		return 1;
	if (u.end - u.start > HEADING_BYTES)
		return 0;
	while (e > u.start && strchr(" \t\n\"')]", dt->text[e - 1]) != NULL)
		e--;
	return e == u.start || strchr(".!?;,", dt->text[e - 1]) == NULL;
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
