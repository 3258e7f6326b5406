/*
 * prefilter_rewrite.c -- the patterns' prefilter sources to the set of
 * expressions given to Hyperscan.
 *
 * Input: a compiled ruleset whose patterns carry prefilter sources (from
 * term.c, or derived from user regexes by prefilter_source.c).  Output: a
 * struct hsset of expressions with their flags and ids, and the maps
 * between expressions and patterns in the struct prefilter.
 *
 * Correctness rests on the database matching a superset of what PCRE2
 * matches, so every choice here errs towards more candidates:
 * - every pattern is compiled with HS_FLAG_PREFILTER, which lets Hyperscan
 *   widen constructs it cannot take exactly instead of refusing them;
 * - a pattern that can match the empty string is left out (it would report
 *   at every offset) and is then always confirmed by PCRE2;
 * - every pattern with a prefilter source is included: the anchors give
 *   the sentences to search, the others (<all> members, <unless>, the
 *   modality lists) let the scanner skip searches where they cannot match;
 * - term sources are written by term.c for byte mode (a wildcard is any run
 *   of ASCII word bytes or bytes >= 0x80), so they are compiled without
 *   HS_FLAG_UTF8 unless they contain non-ASCII bytes; sources derived from
 *   user regexes are rewritten for byte mode (widen_source, below), or,
 *   where that cannot be done, left out and always confirmed;
 * - every database reads the text with each run of white space folded to
 *   one space (term_fold_text), and the rewrite writes a regex's white
 *   space for that, so that "\s+" between two words is one fixed byte;
 * - PCRE2's caseless matching folds U+212A (Kelvin sign) to "k" and U+017F
 *   (long s) to "s", which an ASCII-caseless byte-mode source cannot see.
 *   Every caseless byte-mode pattern that has that letter also gets the
 *   character itself as an expression, so the sentence holding it is
 *   confirmed by PCRE2.
 * - each language has its own database, scanned over the text of that
 *   language only.  The terms of a language with accent classes
 *   (term_lang.h) have sources written for the text folded by
 *   term_fold_text(), without accent classes, which would multiply
 *   Hyperscan's compile time; a regex of such a language, written for the
 *   text as it is, is rewritten for the folded text in byte mode (see
 *   cp_folds_to), or, where that cannot be done, left out and always
 *   confirmed;
 * - an expression with less fixed text than PREFILTER_MIN_FIXED bytes
 *   (prefilter.h) would report at almost every line: its pattern is left
 *   out, and a cut that would leave so little is not made;
 * - a repeat with no upper bound of a group holding alternatives becomes
 *   one class loop (prefilter_loop.c).
 *
 * Sources are cut at their top-level "|" and equal alternatives merged
 * into one expression (prefilter.h); a pattern counts as covered only when
 * Hyperscan took all of its expressions.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hs.h>

#include "compile.h"
#include "patsrc.h"
#include "prefilter_int.h"
#include "term_lang.h"
#include "utf8.h"
#include "util.h"

/* Characters PCRE2 folds to an ASCII letter when caseless; their markers
   take the ids after the last pattern. */
#define NMARKERS	2
static const char *const marker_expr[NMARKERS] = {
	"\\xe2\\x84\\xaa",		/* U+212A KELVIN SIGN */
	"\\xc5\\xbf"			/* U+017F LATIN SMALL LETTER LONG S */
};
static const char marker_letter[NMARKERS] = { 'k', 's' };

/* One (expression, pattern) pair, before equal expressions are merged. */
struct atom {
	char		*expr;		/* owned */
	unsigned	 space;		/* the pattern's language */
	unsigned	 flags;
	unsigned	 pattern;
	int		 anchor;
};

struct atomlist {
	struct atom	*v;
	size_t		 n;
	size_t		 cap;
};

static int
has_nonascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/*
 * Rewriting a user regex for byte mode.  Hyperscan in UTF-8 mode turns
 * Unicode classes under bounded repeats ("[^.;]{0,60}") into automata that
 * take seconds to build and then match almost everywhere; in byte mode the
 * same patterns are small and selective.  The rewrite keeps the source a
 * superset of PCRE2's UTF + UCP reading of it on valid UTF-8 text:
 * - every atom that can match a non-ASCII character (\w, \W, ".", a class
 *   with a Unicode-aware member, a negated class) may also match any run
 *   of bytes >= 0x80, which covers that character's encoding;
 * - lookarounds, anchors and word boundaries are removed (only a positive
 *   condition can be lost that way, so the pattern only widens); if a
 *   quantifier follows one, the rewrite gives up;
 * - possessive quantifiers and atomic groups become plain ones;
 * - a non-ASCII character, written as itself or as "\x{...}", becomes a
 *   run of bytes >= 0x80, in a class too (which then drops it and takes
 *   such a run besides): a curly apostrophe in one alternative of a
 *   vocabulary would otherwise put the whole vocabulary in UTF-8 mode,
 *   where a class such as [^0-9A-Za-z_] costs Hyperscan an automaton
 *   over every code point, and its compile time grows from seconds to a
 *   minute;
 * - anything else it does not know (\p, \X, \R, extended mode, verbs)
 *   makes it give up, and the pattern is left out of the database.
 */
#define NONASCII	"[\\x80-\\xff]+"

/*
 * Rewriting for folded text (term_lang.h), as a language with accent
 * classes reads it: term_fold_text() writes each accented Latin letter,
 * and the signs PCRE2 folds to a letter, as its lower-case ASCII base
 * letter, and copies every other byte.  Only letters change, and into
 * letters, so a word boundary and a non-letter read the same; what the
 * rewrite adds is that whatever could take such a character in the text
 * as it is also takes its base letter in either case:
 * - a non-ASCII literal, or a member of a class, that folds becomes its
 *   base letter, one that does not becomes a run of bytes >= 0x80;
 * - a negated class also takes any ASCII letter;
 * - \p{L}, \p{Lu}, \p{Ll} become an ASCII letter or non-ASCII bytes;
 * - the source is matched caselessly (the folded letters are lower case
 *   where the text had capitals).
 * A range with a non-ASCII end makes the rewrite give up.
 */

/* The base letter the code point folds to, or 0. */
static char
cp_folds_to(uint32_t cp)
{
	char	 buf[4];
	size_t	 len, n;

	if (cp == 0x17f)
		return 's';
	if (cp == 0x212a)
		return 'k';
	if (cp == 0x212b)
		return 'a';
	if (cp < 0x80 || cp > 0x7ff)
		return 0;
	n = utf8_encode(cp, buf);
	return term_lang_fold(buf, n, &len);
}

/* The code point of the character at p, which is at least one byte;
   *len is its length. */
static uint32_t
cp_at(const char *p, size_t *len)
{
	uint32_t	 cp;

	*len = utf8_next((const unsigned char *)p, strlen(p), &cp);
	return cp;
}

/* A "\x{...}" escape at p: its code point and length, or 0 when it is
   not one. */
static size_t
hex_brace(const char *p, uint32_t *cp)
{
	const char	*e;
	char		*end;

	if (p[0] != '\\' || p[1] != 'x' || p[2] != '{' ||
	    (e = strchr(p + 3, '}')) == NULL)
		return 0;
	*cp = (uint32_t)strtoul(p + 3, &end, 16);
	if (end != e || e == p + 3 || *cp > 0x10ffff)
		return 0;
	return (size_t)(e - p) + 1;
}

/* What stands for code point cp outside a class in folded text. */
static void
folded_char(struct strbuf *out, uint32_t cp)
{
	char	 c;

	if (cp < 0x80)
		strbuf_addf(out, "\\x%02x", (unsigned)cp);
	else if ((c = cp_folds_to(cp)) != 0)
		strbuf_addc(out, c);
	else
		strbuf_adds(out, "(?:" NONASCII ")");
}

/*
 * Rewriting for white space.  The text Hyperscan reads has each run of
 * white space folded to one " " (TERM_FOLD_SPACE), so a "\s+" between two
 * words, which costs Hyperscan a repeat, can be a single fixed byte.  Each
 * atom that matches only white space ("\s", "\n", "\x20", "\x{a0}", with
 * any quantifier; a run of them counts as one) becomes " " when it stands
 * between two atoms that cannot match white space, the next one a literal
 * character that is not quantified: the run it matched is then the whole
 * run of the text, now one space.  Anywhere else it becomes " ?", since its
 * neighbour may have taken the one space (in "\W\s+" or at a group's
 * edge).  An atom that may match white space among other characters ("\W",
 * ".", "[^.;]", "[\s,]") keeps its class, which takes the space, with these
 * changes: after another such atom its quantifier's minimum becomes 0 (the
 * two may have shared one run); a minimum of two or more becomes 1 (two of
 * its characters may have been one run); a class that matches some white
 * space but not " " also takes " ".  Quantified groups follow the same
 * rules as the atoms they hold, as far as their start goes: a group that
 * cannot start with white space, because every alternative has a
 * character that cannot be white space before any that can
 * ("(?:\.\s?){5,}", dot leaders), shares no run with what precedes it or
 * with its own previous repeat, so it keeps its minimum.
 */

/* What one step of the rewrite made. */
#define ATOM_PLAIN	0	/* an atom that cannot match white space */
#define ATOM_SPACEY	1	/* one that may */
#define ATOM_NONE	2	/* nothing that takes a character: an anchor,
				   a boundary, "(", "|", ")", a space atom;
				   the step kept the state itself */

/* Groups nested deeper than this make the rewrite give up. */
#define WIDEN_DEPTH	32

struct widen {
	const char	*p;		/* next byte of the source */
	struct strbuf	 out;
	int		 dropped;	/* the last construct was removed */
	int		 folded;	/* accents folded (TERM_FOLD_ACCENTS) */
	/* White space (TERM_FOLD_SPACE, below). */
	int		 spacey;	/* what came last may end in white space */
	int		 before;	/* spacey before the last atom */
	int		 atom_spacey;	/* the last atom may match white space */
	int		 atom_starts;	/* ... its first character may */
	int		 space_out;	/* the output ends with a space atom */
	int		 kind;		/* what the step made: ATOM_* */
	size_t		 depth;
	struct {
		int	 before;	/* spacey before the group */
		int	 any;		/* an alternative may end spacey */
		int	 lead;		/* this alternative has had no
					   character that cannot be white
					   space yet */
		int	 starts;	/* an alternative may start with
					   white space */
		int	 solid;		/* every alternative so far has had
					   such a character */
	}		 group[WIDEN_DEPTH];
};

#define SPACE_ITSELF	0x1		/* the class matches " " */
#define SPACE_OTHER	0x2		/* ... some other white space */

/*
 * Which white space the class cls[0, len), as the rule wrote it, matches
 * in PCRE2's reading (UTF, UCP), which is what the text holds before it
 * is folded; -1 when PCRE2 refuses it alone.
 */
static int
class_space(const char *cls, size_t len)
{
	int	 matched[TERM_FOLD_NSPACES], bits = 0;
	size_t	 i;

	if (compile_probe(cls, len, term_fold_spaces, TERM_FOLD_NSPACES,
	    matched) == -1)
		return -1;
	for (i = 0; i < TERM_FOLD_NSPACES; i++)
		if (matched[i])
			bits |= term_fold_spaces[i][0] == ' ' ?
			    SPACE_ITSELF : SPACE_OTHER;
	return bits;
}

/* The length of an atom at p that matches white space only ("\s", "\n",
   "\x20", "\x{3000}", a white-space character, escaped or not), else 0. */
static size_t
space_atom_len(const char *p)
{
	uint32_t	 cp;
	size_t		 n;
	char		 buf[4];

	if (p[0] == '\\' && (p[1] == 's' || p[1] == 't' || p[1] == 'n' ||
	    p[1] == 'r' || p[1] == 'f'))
		return 2;
	if (p[0] == '\\' && p[1] == 'x' && isxdigit((unsigned char)p[2]) &&
	    isxdigit((unsigned char)p[3])) {
		char hex[3] = { p[2], p[3], '\0' };

		cp = (uint32_t)strtoul(hex, NULL, 16);
		return cp == ' ' || (cp >= '\t' && cp <= '\r') ? 4 : 0;
	}
	if ((n = hex_brace(p, &cp)) == 0) {
		if (*p == '\0')
			return 0;
		/* An escaped white-space character ("\ ") is itself. */
		if (*p == '\\')
			return (n = term_fold_space_len(p + 1,
			    strnlen(p + 1, 4))) > 0 ? n + 1 : 0;
		return term_fold_space_len(p, strnlen(p, 4));
	}
	if (cp > 0x10ffff)
		return 0;
	return term_fold_space_len(buf, utf8_encode(cp, buf)) > 0 ? n : 0;
}

static int
is_quant(const char *p)
{
	unsigned long	 lo, hi;

	return regex_quant(p, &lo, &hi) > 0;
}

static int	 group_starts_word(const char *);
static size_t	 group_len(const char *);

/* The bounds of the quantifier at q, which is one (regex_quant()). */
static void
quant_bounds(const char *q, unsigned long *lo, unsigned long *hi,
    size_t *len)
{
	*len = regex_quant(q, lo, hi);
}

/* The length of the quantifier at s, lazy or possessive mark included;
   0 when there is none. */
static size_t
quant_len(const char *s)
{
	unsigned long	 lo, hi;
	size_t		 n;

	if (!is_quant(s))
		return 0;
	quant_bounds(s, &lo, &hi, &n);
	return n;
}

/* Is p, past word boundaries and atoms of white space only, a literal
   character that cannot be white space, and not quantified? */
static int
literal_next(const char *p)
{
	size_t		 n;

	for (;;) {
		if (p[0] == '\\' && (p[1] == 'b' || p[1] == 'B'))
			p += 2;
		else if ((n = space_atom_len(p)) > 0)
			p += n + quant_len(p + n);
		else
			break;
	}
	/* A group whose every alternative starts with a letter or digit. */
	if (strncmp(p, "(?:", 3) == 0 && group_starts_word(p) &&
	    (n = group_len(p)) > 0)
		return !is_quant(p + n);
	if (p[0] == '\\' && p[1] == 'x' && isxdigit((unsigned char)p[2]) &&
	    isxdigit((unsigned char)p[3]))
		n = p[2] >= '2' && p[2] <= '7' &&
		    !(p[2] == '2' && p[3] == '0') ? 4 : 0;
	else if (p[0] == '\\')
		n = ispunct((unsigned char)p[1]) ? 2 : 0;
	else
		n = isgraph((unsigned char)*p) &&
		    strchr("[](){}|^$.*+?", *p) == NULL ? 1 : 0;
	return n > 0 && !is_quant(p + n);
}

/*
 * An atom ends inside a group (w->p is past it, at its quantifier if it
 * has one): while the alternative has had no character that cannot be
 * white space, one that may start with white space lets the group start
 * with it, and a solid one (a character that cannot be white space, or a
 * group whose every alternative has one) that must match ends that lead.
 */
static void
lead_atom(struct widen *w, int starts, int solid)
{
	unsigned long	 lo = 1, hi;
	size_t		 n;

	if (w->depth == 0 || !w->group[w->depth - 1].lead)
		return;
	if (starts)
		w->group[w->depth - 1].starts = 1;
	if (is_quant(w->p))
		quant_bounds(w->p, &lo, &hi, &n);
	if (solid && lo > 0)
		w->group[w->depth - 1].lead = 0;
}

/* Where an atom ends: the state for the next one (see above).  starts:
   its first character may be white space; spacey: some may. */
static void
atom_done(struct widen *w, int before, int starts, int spacey)
{
	w->before = before;
	w->atom_spacey = spacey;
	w->atom_starts = starts;
	w->spacey = spacey;
	w->space_out = 0;
	/* Two such atoms may have shared one run of white space: the
	   second may now find none. */
	if (starts && before && !is_quant(w->p))
		strbuf_addc(&w->out, '?');
}

/* An atom of white space only at w->p, n bytes, and its quantifier: one
   " " or " ?" for a run of them. */
static void
widen_space(struct widen *w, size_t n)
{
	unsigned long	 lo = 1, hi;
	size_t		 qn = 0;

	w->p += n;
	if (is_quant(w->p))
		quant_bounds(w->p, &lo, &hi, &qn);
	w->p += qn;
	if (!w->space_out)
		strbuf_adds(&w->out, lo > 0 && !w->spacey &&
		    literal_next(w->p) ? " " : " ?");
	w->before = w->spacey;
	w->atom_spacey = 1;
	w->atom_starts = 1;
	w->spacey = 1;
	w->space_out = 1;
	w->dropped = 0;
	lead_atom(w, 1, 0);
}

static int
ascii_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* Does every alternative of the "(?:" group at g start with a literal
   ASCII word character that is not repeated ("(?:we|our)")? */
static int
group_starts_word(const char *g)
{
	const char *q = g + 3;
	size_t n;
	int depth = 0, start = 1;

	for (;;) {
		if (start && (!ascii_word(*q) || is_quant(q + 1)))
			return 0;
		start = 0;
		if (*q == '\\') {
			if (q[1] == '\0' || q[1] == 'Q')
				return 0;
			q += 2;
			continue;
		}
		if (*q == '[') {
			if ((n = regex_class_len(q)) == 0)
				return 0;
			q += n;
			continue;
		}
		if (*q == '\0')
			return 0;
		if (*q == '(')
			depth++;
		else if (*q == ')' && depth-- == 0)
			return 1;
		else if (*q == '|' && depth == 0)
			start = 1;
		q++;
	}
}

/*
 * Whether a "\b" can stay in the byte-mode source.  Byte mode reads \b as
 * an ASCII word boundary, PCRE2 (UCP) as a Unicode one.  Next to a literal
 * ASCII word character the ASCII reading is the wider one -- every Unicode
 * non-word character is an ASCII non-word byte -- so keeping it loses no
 * match, and it keeps "\bAI\b" from matching inside "said"; so before a
 * group whose every alternative starts with one ("\b(?:we|our)").
 * Elsewhere it is dropped.
 */
static int
word_boundary_kept(const struct widen *w)
{
	const char *o = w->out.s;
	size_t n = w->out.len;

	if (is_quant(w->p + 2))
		return 0;
	if (ascii_word(w->p[2]) && !is_quant(w->p + 3))
		return 1;
	if (strncmp(w->p + 2, "(?:", 3) == 0 && group_starts_word(w->p + 2))
		return 1;
	return n > 0 && ascii_word(o[n - 1]) && (n < 2 || o[n - 2] != '\\') &&
	    !w->dropped;
}

/* Length of "\\pL", "\\p{L}", "\\p{Lu}", "\\p{Ll}" or "\\p{Lt}" at p, else 0. */
static size_t
letter_property(const char *p)
{
	if (p[0] != '\\' || p[1] != 'p')
		return 0;
	if (p[2] == 'L')
		return 3;
	if (strncmp(p + 2, "{L}", 3) == 0)
		return 5;
	if (p[2] == '{' && p[3] == 'L' && strchr("ult", p[4]) != NULL &&
	    p[4] != '\0' && p[5] == '}')
		return 6;
	return 0;
}

/* An escape outside a class.  Returns 0, or -1 to give up. */
static int
widen_escape(struct widen *w)
{
	char	 c = w->p[1];
	uint32_t cp;
	size_t	 n;

	if ((n = hex_brace(w->p, &cp)) > 0) {
		if (w->folded)
			folded_char(&w->out, cp);
		else if (cp < 0x80)
			strbuf_addf(&w->out, "\\x%02x", (unsigned)cp);
		else
			strbuf_adds(&w->out, "(?:" NONASCII ")");
		w->p += n;
		return 0;
	}
	if (w->folded && (n = letter_property(w->p)) > 0) {
		strbuf_adds(&w->out, "(?:[A-Za-z]|" NONASCII ")");
		w->p += n;
		return 0;
	}
	/* "\\s" is an atom of white space (widen_space). */
	if (c == 'w' || c == 'W' || c == 'd' || c == 'D' || c == 'S') {
		strbuf_addf(&w->out, "(?:\\%c|" NONASCII ")", c);
		if (c == 'W' || c == 'D')
			w->kind = ATOM_SPACEY;
		w->p += 2;
		return 0;
	}
	if (c == 'b' && word_boundary_kept(w)) {
		strbuf_add(&w->out, "\\b", 2);
		w->kind = ATOM_NONE;
		w->p += 2;
		return 0;
	}
	if (c == 'b' || c == 'B' || c == 'A' || c == 'z' || c == 'Z' ||
	    c == 'G') {
		w->dropped = 1;
		w->kind = ATOM_NONE;
		w->p += 2;
		return 0;
	}
	if (c == 'x' && w->p[2] >= '0' && w->p[2] <= '7' &&
	    isxdigit((unsigned char)w->p[3])) {
		strbuf_add(&w->out, w->p, 4);	/* \xHH, ASCII only */
		w->p += 4;
		return 0;
	}
	if (c == '\0' || (c >= 'a' && c <= 'z' && strchr("tnrfea", c) ==
	    NULL) || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    (unsigned char)c >= 0x80)
		return -1;
	strbuf_add(&w->out, w->p, 2);
	w->p += 2;
	return 0;
}

/* After a class src[0, len) was written from output offset olen: whether
   it may match white space, and if it matches some but not " ", which
   stands for all of it in the folded text, " " besides.  -1 when PCRE2
   does not take the class alone. */
static int
class_done(struct widen *w, const char *src, size_t len, size_t olen)
{
	char	*made;
	int	 bits;

	if ((bits = class_space(src, len)) == -1)
		return -1;
	if (bits != 0)
		w->kind = ATOM_SPACEY;
	if (bits == SPACE_OTHER) {
		made = xstrdup(w->out.s + olen);
		w->out.len = olen;
		strbuf_addf(&w->out, "(?:%s| )", made);
		free(made);
	}
	return 0;
}

/*
 * A "[...]" class.  ASCII members are kept; a class that can match a
 * non-ASCII character also accepts a run of bytes >= 0x80.
 */
static int
widen_class(struct widen *w)
{
	const char	*q = w->p + 1, *src = w->p;
	size_t		 olen = w->out.len;
	int		 wide = 0;

	if (*q == '^') {
		wide = 1;
		q++;
	}
	if (*q == ']')
		q++;
	for (; *q != ']'; q++) {
		if (*q == '\0' || (unsigned char)*q >= 0x80)
			return -1;
		if (q[0] == '[' && q[1] == ':') {
			if ((q = strstr(q + 2, ":]")) == NULL)
				return -1;
			wide = 1;
			q++;
		} else if (*q == '\\') {
			q++;
			if (*q == '\0' || strchr("pPXRNhHvVC", *q) != NULL ||
			    (*q == 'x' && q[1] == '{') ||
			    (*q == 'x' && (q[1] < '0' || q[1] > '7')))
				return -1;
			if (strchr("wWdDsS", *q) != NULL)
				wide = 1;
		}
	}
	q++;
	if (wide)
		strbuf_adds(&w->out, "(?:");
	strbuf_add(&w->out, w->p, (size_t)(q - w->p));
	if (wide)
		strbuf_adds(&w->out, "|" NONASCII ")");
	w->p = q;
	return class_done(w, src, (size_t)(q - src), olen);
}

/* A non-ASCII member of a class, of code point cp, at q (len bytes), in a
   class that starts at start: in folded text its base letter added to
   cls, or else *wide set.  -1 when it is the end of a range. */
static int
folded_member(struct strbuf *cls, const char *start, const char *q,
    size_t len, uint32_t cp, int folded, int *wide)
{
	char		 c;
	const char	*first = start + (start[1] == '^' ? 2 : 1);

	/* A "-" first in the class is itself, not a range. */
	if ((q > first && q[-1] == '-' && q - 1 > first) ||
	    (q[len] == '-' && q[len + 1] != ']'))
		return -1;
	if (folded && (c = cp_folds_to(cp)) != 0)
		strbuf_addc(cls, c);
	else
		*wide = 1;
	return 0;
}

/* One member of a class at *q: copied to cls, or its folded form, or
   for a non-ASCII one outside folded text, *wide set.  -1 to give up. */
static int
folded_class_step(struct strbuf *cls, const char *start, const char **q,
    int folded, int *wide)
{
	const char	*r = *q;
	uint32_t	 cp;
	size_t		 n;

	if ((n = hex_brace(r, &cp)) > 0 || (unsigned char)*r >= 0x80) {
		if (n == 0)
			cp = cp_at(r, &n);
		if (cp >= 0x80 && folded_member(cls, start, r, n, cp,
		    folded, wide) == -1)
			return -1;
		if (cp < 0x80)
			strbuf_addf(cls, "\\x%02x", (unsigned)cp);
		*q = r + n;
		return 0;
	}
	if (r[0] == '[' && r[1] == ':') {
		if ((r = strstr(r + 2, ":]")) == NULL)
			return -1;
		*wide = 1;
		n = (size_t)(r + 2 - *q);
	} else if (*r == '\\') {
		if (r[1] == '\0' || strchr("pPXRNhHvVCx", r[1]) != NULL)
			return -1;
		if (strchr("wWdDsS", r[1]) != NULL)
			*wide = 1;
		n = 2;
	} else
		n = 1;
	strbuf_add(cls, *q, n);
	*q += n;
	return 0;
}

/*
 * A class in folded text (see cp_folds_to): a negated one also takes any
 * ASCII letter, and drops its non-ASCII members, which only widens it.
 * Also a class with a "\x{...}" member in the text as it is: non-ASCII
 * members are dropped and the class takes any run of non-ASCII bytes.
 */
static int
widen_class_folded(struct widen *w)
{
	struct strbuf	 cls = { NULL, 0, 0 };
	const char	*q = w->p + 1, *src = w->p;
	size_t		 olen = w->out.len;
	int		 negated = 0, wide = 0;

	if (*q == '^') {
		negated = wide = 1;
		q++;
	}
	if (*q == ']')
		strbuf_addc(&cls, *q++);
	while (*q != ']') {
		if (*q == '\0' || folded_class_step(&cls, w->p, &q,
		    w->folded, &wide) == -1) {
			strbuf_free(&cls);
			return -1;
		}
	}
	w->p = q + 1;
	if (cls.len == 0 && !negated)
		strbuf_adds(&w->out, "(?:" NONASCII ")");
	else if (negated && !w->folded && cls.len == 0)
		strbuf_adds(&w->out, "(?:[\\x00-\\x7f]|" NONASCII ")");
	else if (negated && !w->folded)
		strbuf_addf(&w->out, "(?:[^%.*s]|" NONASCII ")",
		    (int)cls.len, cls.s);
	else if (negated)
		strbuf_addf(&w->out, "(?:[^%.*s]|[A-Za-z]|" NONASCII ")",
		    (int)cls.len, cls.s == NULL ? "" : cls.s);
	else
		strbuf_addf(&w->out, wide ? "(?:[%.*s]|" NONASCII ")" :
		    "[%.*s]", (int)cls.len, cls.s);
	strbuf_free(&cls);
	return class_done(w, src, (size_t)(w->p - src), olen);
}

/* Does the class at p have a non-ASCII member, or a "\x{...}" one?
   widen_class() takes neither. */
static int
class_has_brace(const char *p)
{
	size_t	 i, n = regex_class_len(p);

	for (i = 0; i < n; i++)
		if ((unsigned char)p[i] >= 0x80)
			return 1;
	return n > 0 && memmem(p, n, "\\x{", 3) != NULL;
}

/* Skip a lookaround group, nested groups and classes included. */
static int
skip_group(struct widen *w)
{
	size_t	 n;
	int	 depth = 0;

	for (;;) {
		if (*w->p == '\0')
			return -1;
		if (*w->p == '\\' && w->p[1] != '\0')
			w->p += 2;
		else if (*w->p == '[' && (w->folded ||
		    class_has_brace(w->p))) {
			if ((n = regex_class_len(w->p)) == 0)
				return -1;
			w->p += n;
		} else if (*w->p == '[') {
			struct widen	 tmp;

			memset(&tmp, 0, sizeof(tmp));
			tmp.p = w->p;

			if (widen_class(&tmp) == -1) {
				strbuf_free(&tmp.out);
				return -1;
			}
			strbuf_free(&tmp.out);
			w->p = tmp.p;
		} else if (*w->p == '(') {
			depth++;
			w->p++;
		} else if (*w->p++ == ')' && --depth == 0)
			return 0;
	}
}

/* "|" or ")": an alternative starts where its group did; a group ends
   spacey if one of its alternatives may. */
static int
widen_group_end(struct widen *w)
{
	int	 before;

	if (w->depth == 0) {
		if (*w->p == ')')
			return -1;
		w->spacey = 0;		/* a new expression */
	} else {
		w->group[w->depth - 1].any |= w->spacey;
		w->group[w->depth - 1].solid &= !w->group[w->depth - 1].lead;
		w->group[w->depth - 1].lead = 1;
		w->spacey = w->group[w->depth - 1].before;
	}
	w->space_out = 0;
	strbuf_addc(&w->out, *w->p);
	if (*w->p++ == '|') {
		w->kind = ATOM_NONE;
		return 0;
	}
	w->depth--;
	before = w->group[w->depth].before;
	/* An empty alternative or a group that may match nothing: what
	   came before still ends next to what follows. */
	w->kind = ATOM_NONE;
	atom_done(w, before, w->group[w->depth].starts,
	    w->group[w->depth].any);
	w->spacey |= before;
	lead_atom(w, w->group[w->depth].starts, w->group[w->depth].solid);
	return 0;
}

/* A group opens: its alternatives start after what came before it. */
static int
group_open(struct widen *w)
{
	if (w->depth == WIDEN_DEPTH)
		return -1;
	w->group[w->depth].before = w->spacey;
	w->group[w->depth].any = 0;
	w->group[w->depth].lead = 1;
	w->group[w->depth].starts = 0;
	w->group[w->depth].solid = 1;
	w->depth++;
	w->kind = ATOM_NONE;
	return 0;
}

/* "(" and what follows it up to the group's body. */
static int
widen_group(struct widen *w)
{
	const char	*q = w->p + 1;

	if (*q != '?') {
		strbuf_addc(&w->out, '(');
		w->p++;
		return group_open(w);
	}
	q++;
	if (*q == '=' || *q == '!' || (*q == '<' && (q[1] == '=' ||
	    q[1] == '!'))) {
		w->dropped = 1;
		w->kind = ATOM_NONE;
		return skip_group(w);
	}
	if (*q == '#') {
		if ((q = strchr(q, ')')) == NULL)
			return -1;
		w->p = q + 1;
		w->kind = ATOM_NONE;
		return 0;
	}
	if (*q == ':' || *q == '>') {
		strbuf_adds(&w->out, "(?:");
		w->p = q + 1;
		return group_open(w);
	}
	if (*q == '<' || *q == '\'' || (*q == 'P' && q[1] == '<')) {
		strbuf_addc(&w->out, '(');	/* named: capture is harmless */
		q = strpbrk(q, ">'");
		if (q == NULL)
			return -1;
		w->p = q + 1;
		return group_open(w);
	}
	/* Inline flags: i, s, m, and their negations. */
	while (*q != '\0' && strchr("ism-", *q) != NULL)
		q++;
	if (*q != ':' && *q != ')')
		return -1;
	strbuf_add(&w->out, w->p, (size_t)(q + 1 - w->p));
	w->p = q + 1;
	if (*q == ')') {
		w->kind = ATOM_NONE;	/* for the rest of the source */
		return 0;
	}
	return group_open(w);
}

/* A quantifier: copied, possessive made greedy, its minimum lowered
   after an atom that may match white space (see above). */
static int
widen_quant(struct widen *w)
{
	const char	*q = w->p;
	unsigned long	 lo, hi;
	size_t		 n, base;

	if (w->dropped)
		return -1;
	quant_bounds(q, &lo, &hi, &n);
	base = *q == '{' ? (size_t)(strchr(q, '}') + 1 - q) : 1;
	if (w->atom_starts && lo > 0 && (w->before || lo >= 2)) {
		lo = w->before ? 0 : 1;
		if (hi == ULONG_MAX)
			strbuf_addf(&w->out, "{%lu,}", lo);
		else
			strbuf_addf(&w->out, "{%lu,%lu}", lo, hi);
	} else
		strbuf_add(&w->out, q, base);
	if (n > base && q[base] == '?')
		strbuf_addc(&w->out, '?');	/* lazy; possessive dropped */
	w->p += n;
	/* The atom may have matched nothing: what came before it may be
	   what ends next to the next atom. */
	if (lo == 0)
		w->spacey = w->before || w->atom_spacey;
	w->kind = ATOM_NONE;
	return 0;
}

static int
widen_step(struct widen *w)
{
	unsigned char	 c = (unsigned char)*w->p;
	int		 before = w->spacey, rc;
	size_t		 n;

	if (is_quant(w->p))
		return widen_quant(w);
	if ((n = space_atom_len(w->p)) > 0) {
		widen_space(w, n);
		return 0;
	}
	w->dropped = 0;
	w->kind = ATOM_PLAIN;
	if (c >= 0x80) {
		uint32_t cp = cp_at(w->p, &n);

		if (w->folded)
			folded_char(&w->out, cp);
		else
			strbuf_adds(&w->out, "(?:" NONASCII ")");
		w->p += n;
		rc = 0;
	} else if (c == '\\')
		rc = widen_escape(w);
	else if (c == '[' && (w->folded || class_has_brace(w->p)))
		rc = widen_class_folded(w);
	else if (c == '[')
		rc = widen_class(w);
	else if (c == '(')
		rc = widen_group(w);
	else if (c == '|' || c == ')')
		rc = widen_group_end(w);
	else if (c == '^' || c == '$') {
		w->dropped = 1;
		w->kind = ATOM_NONE;
		w->p++;
		rc = 0;
	} else {
		if (c == '.') {
			strbuf_adds(&w->out, "(?:.|" NONASCII ")");
			w->kind = ATOM_SPACEY;
		} else
			strbuf_addc(&w->out, (char)c);
		w->p++;
		rc = 0;
	}
	if (rc == 0 && w->kind != ATOM_NONE) {
		atom_done(w, before, w->kind == ATOM_SPACEY,
		    w->kind == ATOM_SPACEY);
		lead_atom(w, w->kind == ATOM_SPACEY, w->kind == ATOM_PLAIN);
	}
	return rc;
}

/* The byte-mode form of a regex-derived source, for the text as it is or
   folded, or NULL. */
static char *
widen_source(const char *src, int folded)
{
	struct widen	 w;

	memset(&w, 0, sizeof(w));
	w.p = src;
	w.folded = folded;

	while (*w.p != '\0') {
		if (widen_step(&w) == -1) {
			strbuf_free(&w.out);
			return NULL;
		}
	}
	if (w.out.len == 0 || w.depth != 0) {
		strbuf_free(&w.out);
		return NULL;
	}
	return strbuf_take(&w.out);
}

static char *
widen_for_bytes(const char *src)
{
	return widen_source(src, 0);
}

/*
 * term.c writes the French ligature as "oe" or any one or two non-ASCII
 * bytes or characters, which reads right in both of Hyperscan's modes.
 * In byte mode its two encodings can be spelt out (U+0152, U+0153: the
 * mode does not fold their case): the wide form also takes the
 * apostrophe of every "l’a", and leaves "OEA" a single fixed byte.
 */
#define LIGATURE_ANY	"(?:oe|[^\\x00-\\x7f]{1,2})"
#define LIGATURE_BYTES	"(?:oe|\\xc5[\\x92\\x93])"

static char *
narrow_ligature(const char *src)
{
	struct strbuf	 sb = { NULL, 0, 0 };
	const char	*p = src, *q;

	while ((q = strstr(p, LIGATURE_ANY)) != NULL) {
		strbuf_add(&sb, p, (size_t)(q - p));
		strbuf_adds(&sb, LIGATURE_BYTES);
		p = q + strlen(LIGATURE_ANY);
	}
	strbuf_adds(&sb, p);
	return strbuf_take(&sb);
}

/*
 * The expression and flags Hyperscan gets for a pattern: term sources as
 * term.c wrote them, for byte mode; regex sources rewritten for byte mode
 * and the folded text, or NULL when they cannot be: the pattern is then
 * left out (its source, read in UTF-8 mode as written, could miss a match
 * in text whose white space is folded).
 */
static char *
pattern_expr(const struct pattern *p, const char *src, int folded,
    unsigned *flags)
{
	*flags = HS_FLAG_PREFILTER;
	/* The folded text has "e" for "É": only caseless sees it. */
	if (!p->case_sensitive || folded)
		*flags |= HS_FLAG_CASELESS;
	if ((p->is_term || folded) && !has_nonascii(src))
		return narrow_ligature(src);
	if (p->is_term) {
		*flags |= HS_FLAG_UTF8 | HS_FLAG_UCP;
		return xstrdup(src);
	}
	return widen_for_bytes(src);
}

/* A byte-mode caseless source that has the letter misses its folded form. */
static int
needs_marker(const char *src, unsigned flags, char letter)
{
	if ((flags & HS_FLAG_UTF8) != 0 || (flags & HS_FLAG_CASELESS) == 0)
		return 0;
	return strchr(src, letter) != NULL ||
	    strchr(src, letter - 'a' + 'A') != NULL;
}

int
prefilter_folds(const struct ruleset *rs, unsigned lang)
{
	return lang < rs->nlanguages &&
	    term_lang_find(rs->languages[lang]) != NULL;
}

/* Every pattern with a source: anchors give the sentences to search, the
   others (<all> members, <unless>, modality) let the scanner skip a PCRE2
   search wherever they have no candidate.  In a language whose text is
   folded, every source has been written for that text (folded_source). */
static int
wanted(const char *src)
{
	return src != NULL && *src != '\0';
}

/*
 * The source of a regex or a concept of a language whose text is folded,
 * rewritten for that text: a concept's terms as term.c wrote them (for
 * it), its regexes through widen_source().  NULL when a part has no
 * source, cannot be rewritten, or is a term with non-ASCII bytes (those
 * are compiled in UTF-8 mode alone).  The caller frees it.
 */
#define FOLD_DEPTH	8		/* concepts in concepts */

static char *
folded_source(const struct ruleset *rs, const struct pattern *p, int depth)
{
	const struct pattern	*part;
	struct strbuf		 sb = { NULL, 0, 0 };
	char			*re = NULL, *pf = NULL, *cause = NULL, *out;
	size_t			 i;

	if (p->is_concept && p->vocab != NULL && depth < FOLD_DEPTH) {
		for (i = 0; i < p->vocab->pats.n; i++) {
			part = &p->vocab->pats.v[i];
			if (part->lang != p->lang)
				continue;
			if ((out = folded_source(rs, part, depth + 1)) == NULL) {
				strbuf_free(&sb);
				return NULL;
			}
			strbuf_addf(&sb, "%s(?:%s)", sb.len > 0 ? "|" : "",
			    out);
			free(out);
		}
		return sb.len > 0 ? strbuf_take(&sb) : NULL;
	}
	if (p->is_concept || patsrc_make(rs, p, &re, &pf, &cause) == -1 ||
	    pf == NULL)
		out = NULL;
	else if (p->is_term)
		out = has_nonascii(pf) ? NULL : xstrdup(pf);
	else
		out = widen_source(pf, 1);
	free(re);
	free(pf);
	free(cause);
	return out;
}

/*
 * The prefilter source of a pattern: its own, or for a deferred one made
 * now (patsrc.h) into *own, which the caller frees.  The concepts of one
 * vocabulary and language share theirs, made once in memo (one slot per
 * vocabulary and language, owned by the caller; NULL: no sharing).
 */
static const char *
pattern_source(const struct ruleset *rs, const struct pattern *p,
    char **memo, char **own)
{
	char	*re = NULL, *pf = NULL, *cause = NULL, **slot = NULL;
	int	 folded = !p->is_term && prefilter_folds(rs, p->lang);

	*own = NULL;
	if (!p->deferred && !folded)
		return p->prefilter;
	if (memo != NULL && p->is_concept && p->vocab != NULL) {
		slot = &memo[(size_t)(p->vocab - rs->vocabularies) *
		    rs->nlanguages + p->lang];
		if (*slot != NULL)
			return **slot != '\0' ? *slot : NULL;
	}
	/* A deferred pattern that does not translate has no source: it is
	   then confirmed everywhere, where it fails as it would anyway. */
	if (folded)
		pf = folded_source(rs, p, 0);
	else if (patsrc_make(rs, p, &re, &pf, &cause) == -1)
		pf = NULL;
	free(re);
	free(cause);
	if (slot == NULL)
		return *own = pf;
	*slot = pf != NULL ? pf : xstrdup("");
	return pf;
}

/* An expression for pattern p, taking expr; in byte mode, its repeated
   lists written as loops (prefilter_loop.c). */
static void
atom_add(struct atomlist *al, char *expr, unsigned flags,
    const struct pattern *p)
{
	char	*looped;

	if ((flags & HS_FLAG_UTF8) == 0) {
		looped = prefilter_loop_lists(expr);
		free(expr);
		expr = looped;
	}
	GROW(al->v, al->cap, al->n + 1);
	al->v[al->n].expr = expr;
	al->v[al->n].space = p->lang;
	al->v[al->n].flags = flags;
	al->v[al->n].pattern = p->index;
	al->v[al->n].anchor = p->anchor;
	al->n++;
}

/* By language, equal expressions together, and within one, anchors
   first. */
static int
atom_cmp(const void *a, const void *b)
{
	const struct atom	*x = a, *y = b;
	int			 c;

	if (x->space != y->space)
		return x->space < y->space ? -1 : 1;
	if (x->flags != y->flags)
		return x->flags < y->flags ? -1 : 1;
	if ((c = strcmp(x->expr, y->expr)) != 0)
		return c;
	if (x->anchor != y->anchor)
		return x->anchor ? -1 : 1;
	return x->pattern < y->pattern ? -1 : x->pattern > y->pattern;
}

/*
 * Reducing a source to what the prefilter needs.  A candidate is only an
 * end offset inside some match, so any part that every match must start
 * with will do: its end lies inside the match.  Three rewrites use that,
 * each making the database smaller and the scan cheaper:
 * - "a|b" is two expressions, and a whole "(?:a|b)" group is opened, so
 *   that rules share their words ("cyber\w*|digital" recurs in dozens of
 *   <all> groups): each is then reported once per occurrence, not once per
 *   pattern;
 * - a non-anchor source is cut before its first top-level bounded repeat
 *   such as "(?:[^.;]|...){0,60}" or "(?:\w+\s+){0,3}": those cost
 *   Hyperscan an automaton each.  Anchors keep theirs: a cut anchor wakes
 *   the PCRE2 confirmation of every sentence with its first word, which
 *   costs more than the automaton saves;
 * - trailing quantified parts are dropped: "develop\w*" reported an end
 *   after every letter of "development", "develop" reports one.
 * A rewrite is made only when what is left still has at least two
 * characters besides word boundaries, so that it stays selective; if
 * Hyperscan still finds it matches the empty string it refuses it, and the
 * pattern is then confirmed everywhere, as any uncovered pattern is.
 */
struct tatom {
	size_t	 start;		/* the atom */
	size_t	 end;
	size_t	 qend;		/* its quantifier is [end, qend) */
	int	 bar;		/* a top-level "|" */
};

struct tatoms {
	struct tatom	*v;
	size_t		 n;
	size_t		 cap;
};

/* Length of the escape at s ("\x{2010}", "\x2d" and "\p{L}" included):
   a cut inside one would change what it means, or leave a bare "\x". */
static size_t
escape_len(const char *s)
{
	const char	*e;

	if (s[1] == '\0')
		return 1;
	if (s[1] == 'x' && s[2] != '{')
		return 2 + (isxdigit((unsigned char)s[2]) ?
		    1 + (isxdigit((unsigned char)s[3]) != 0) : 0);
	if (s[1] == 'Q') {
		e = strstr(s + 2, "\\E");
		return e == NULL ? strlen(s) : (size_t)(e - s) + 2;
	}
	if (strchr("xpPNo", s[1]) != NULL && s[2] == '{' &&
	    (e = strchr(s + 3, '}')) != NULL)
		return (size_t)(e - s) + 1;
	return 2;
}

/* Length of the group at s, "(" to its ")" (0 if unbalanced). */
static size_t
group_len(const char *s)
{
	const char	*q = s;
	size_t		 n;
	int		 depth = 0;

	while (*q != '\0') {
		if (*q == '\\')
			q += escape_len(q);
		else if (*q == '[') {
			if ((n = regex_class_len(q)) == 0)
				return 0;
			q += n;
		} else {
			if (*q == '(')
				depth++;
			else if (*q == ')' && --depth == 0)
				return (size_t)(q - s) + 1;
			q++;
		}
	}
	return 0;
}

/* The top-level atoms of src; -1 when it does not lex. */
static int
top_atoms(const char *src, struct tatoms *t)
{
	size_t	 i = 0, n;

	t->n = 0;
	while (src[i] != '\0') {
		GROW(t->v, t->cap, t->n + 1);
		t->v[t->n].start = i;
		t->v[t->n].bar = src[i] == '|';
		if (src[i] == '\\')
			n = escape_len(src + i);
		else if (src[i] == '[')
			n = regex_class_len(src + i);
		else if (src[i] == '(')
			n = group_len(src + i);
		else
			n = 1;
		if (n == 0)
			return -1;
		i += n;
		t->v[t->n].end = i;
		if (!t->v[t->n].bar)
			i += quant_len(src + i);
		t->v[t->n].qend = i;
		t->n++;
	}
	return 0;
}

/* A repeat with room to vary: "{0,60}", "{2,}"; not "{2}". */
static int
heavy_quant(const char *q, size_t len)
{
	unsigned long	 lo, hi;
	char		*e;

	if (len == 0 || *q != '{')
		return 0;
	lo = strtoul(q + 1, &e, 10);
	if (*e != ',')
		return 0;
	if (e[1] == '}')
		return 1;
	hi = strtoul(e + 1, NULL, 10);
	return hi >= lo + 2;
}

/* At least two characters that are not word boundaries. */
static int
has_substance(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len && s[i + 1] == 'b')
			i++;
		else
			n++;
	}
	return n >= 2;
}

/* Whether s[0, len) keeps enough fixed text to stand for the whole
   (prefilter.h): a cut that leaves "[\"']" of "[\"'][^\"']{2,60}\" means"
   would wake on every quote mark. */
static int
strong_prefix(const char *s, size_t len)
{
	char	*cut = xstrndup(s, len);
	int	 strong;

	strong = prefilter_fixed_bytes(cut) >= PREFILTER_MIN_FIXED;
	free(cut);
	return strong;
}

/*
 * Whether a source may be taken apart: only when every group is a plain
 * "(?:" one, or one that sets options for itself alone ("(?-i:CERT)"),
 * and nothing refers back to a group, so that each piece means alone what
 * it meant in the whole.  Options set for the rest of the source
 * ("(?i)a|b"), back references, branch resets and lookarounds keep it
 * whole.
 */
static int
splittable(const char *src)
{
	const char	*p;

	for (p = src; *p != '\0'; p++) {
		if (*p == '\\') {
			if (p[1] == 'g' || p[1] == 'k' ||
			    (p[1] >= '1' && p[1] <= '9'))
				return 0;
			if (p[1] != '\0')
				p++;
		} else if (p[0] == '(' && p[1] == '?' &&
		    p[2 + strspn(p + 2, "ims-")] != ':')
			return 0;
	}
	return 1;
}

#define REDUCE_DEPTH	8

static void reduce(struct atomlist *, const char *, size_t, unsigned,
    const struct pattern *, int);

static void
reduce_alternatives(struct atomlist *al, const char *src,
    const struct tatoms *t, unsigned flags, const struct pattern *p,
    int depth)
{
	size_t	 i, from = 0;

	for (i = 0; i <= t->n; i++) {
		if (i < t->n && !t->v[i].bar)
			continue;
		reduce(al, src + from, (i < t->n ? t->v[i].start :
		    strlen(src)) - from, flags, p, depth + 1);
		if (i < t->n)
			from = t->v[i].end;
	}
}

/* "\b(?:a|b)" is "\ba" and "\bb": the group at g, of length len.
   Returns -1, having added nothing, if the group does not lex. */
static int
reduce_bounded_group(struct atomlist *al, const char *g, size_t len,
    unsigned flags, const struct pattern *p, int depth)
{
	struct tatoms	 t = { NULL, 0, 0 };
	char		*inner = xstrndup(g + 3, len - 4), *alt;
	size_t		 i, from = 0, to;
	int		 rc;

	if ((rc = top_atoms(inner, &t)) == 0) {
		for (i = 0; i <= t.n; i++) {
			if (i < t.n && !t.v[i].bar)
				continue;
			to = i < t.n ? t.v[i].start : strlen(inner);
			alt = xasprintf("\\b%.*s", (int)(to - from),
			    inner + from);
			reduce(al, alt, strlen(alt), flags, p, depth + 1);
			free(alt);
			if (i < t.n)
				from = t.v[i].end;
		}
	}
	free(t.v);
	free(inner);
	return rc;
}

/* Add src[0, len) to al, reduced as described above. */
static void
reduce(struct atomlist *al, const char *src, size_t len, unsigned flags,
    const struct pattern *p, int depth)
{
	struct tatoms	 t = { NULL, 0, 0 };
	char		*s = xstrndup(src, len);
	size_t		 i, n;

	if (depth > REDUCE_DEPTH || !splittable(s) || top_atoms(s, &t) != 0)
		goto whole;
	for (i = 0; i < t.n; i++)
		if (t.v[i].bar) {
			reduce_alternatives(al, s, &t, flags, p, depth);
			goto done;
		}
	for (i = 0; i < t.n; i++)
		if (heavy_quant(s + t.v[i].end, t.v[i].qend - t.v[i].end))
			break;
	n = t.n;
	if (i < t.n && !p->anchor && has_substance(s, t.v[i].start) &&
	    strong_prefix(s, t.v[i].start))
		n = i;
	while (n > 1 && t.v[n - 1].qend > t.v[n - 1].end &&
	    has_substance(s, t.v[n - 1].start) &&
	    strong_prefix(s, t.v[n - 1].start))
		n--;
	if (n == 1 && t.v[0].qend == t.v[0].end &&
	    strncmp(s, "(?:", 3) == 0) {
		reduce(al, s + 3, t.v[0].end - 4, flags, p, depth + 1);
		goto done;
	}
	if (n == 2 && t.v[0].end == 2 && t.v[0].qend == 2 &&
	    strncmp(s, "\\b(?:", 5) == 0 && t.v[1].qend == t.v[1].end &&
	    reduce_bounded_group(al, s + 2, t.v[1].end - 2, flags, p,
	    depth) == 0)
		goto done;
	if (n < t.n) {
		reduce(al, s, t.v[n].start, flags, p, depth + 1);
		goto done;
	}
whole:
	atom_add(al, s, flags, p);
	s = NULL;
done:
	free(t.v);
	free(s);
}

/* Both maps between expressions and patterns, from sorted atoms. */
static void
build_maps(struct exprmap *map, const struct atomlist *al,
    const unsigned *expr_of_atom)
{
	size_t		 i, k = 0, e;
	unsigned	*fill;

	map->pat_off = xcalloc(map->nexprs + 1, sizeof(*map->pat_off));
	map->anc_end = xcalloc(map->nexprs + 1, sizeof(*map->anc_end));
	map->pats = xcalloc(al->n + 1, sizeof(*map->pats));
	for (i = 0; i < al->n; i++) {
		e = expr_of_atom[i];
		if (i == 0 || e != expr_of_atom[i - 1])
			map->pat_off[e] = map->anc_end[e] = (unsigned)k;
		else if (al->v[i].pattern == al->v[i - 1].pattern)
			continue;	/* "a|a" */
		map->pats[k++] = al->v[i].pattern;
		if (al->v[i].anchor)
			map->anc_end[e] = (unsigned)k;
	}
	map->pat_off[map->nexprs] = (unsigned)k;

	map->expr_off = xcalloc(map->npatterns + 2, sizeof(*map->expr_off));
	map->exprs = xcalloc(k + 1, sizeof(*map->exprs));
	for (i = 0; i < k; i++)
		map->expr_off[map->pats[i] + 2]++;
	for (i = 2; i < map->npatterns + 2; i++)
		map->expr_off[i] += map->expr_off[i - 1];
	fill = map->expr_off + 1;
	for (e = 0; e < map->nexprs; e++)
		for (i = map->pat_off[e]; i < map->pat_off[e + 1]; i++)
			map->exprs[fill[map->pats[i]]++] = (unsigned)e;
}

/* A marker's candidate may lie anywhere in the match that has the
   character: no bound.  In folded text a byte stands for up to
   TERM_FOLD_SPREAD bytes of the text. */
static size_t
expr_reach_of(const char *expr, unsigned flags, int folded)
{
	size_t	 m, r;

	for (m = 0; m < NMARKERS; m++)
		if (strcmp(expr, marker_expr[m]) == 0)
			return PREFILTER_UNBOUNDED;
	r = expr_reach(expr, (flags & HS_FLAG_UTF8) != 0);
	if (!folded || r == PREFILTER_UNBOUNDED)
		return r;
	return r > PREFILTER_UNBOUNDED / TERM_FOLD_SPREAD ?
	    PREFILTER_UNBOUNDED : r * TERM_FOLD_SPREAD;
}

/*
 * Whether one of the expressions al holds from first on has too little
 * fixed text (prefilter.h): "[A-Z]" or "\w+:" would report at almost
 * every word.  Its pattern is then left out of the database and confirmed
 * by PCRE2 wherever its rule asks, which costs less.
 */
static int
atoms_weak(const struct atomlist *al, size_t first)
{
	size_t	 i;

	for (i = first; i < al->n; i++)
		if (prefilter_fixed_bytes(al->v[i].expr) < PREFILTER_MIN_FIXED)
			return 1;
	return 0;
}

static void
atoms_drop(struct atomlist *al, size_t first)
{
	while (al->n > first)
		free(al->v[--al->n].expr);
}

/*
 * Every pattern's source cut into alternatives, equal ones of a language
 * merged into one expression; a caseless byte-mode source that has a "k"
 * or an "s" also gets the marker of the character PCRE2 folds to it,
 * unless the text it reads is folded, which has the letter instead.
 */
void
hsset_collect(const struct ruleset *rs, struct hsset *set,
    struct exprmap *map)
{
	const struct pattern	*p;
	struct atomlist		 al = { NULL, 0, 0 };
	unsigned		*expr_of_atom, flags;
	size_t			 i, m, nmemo, first;
	const char		*src;
	char			*full, *own, **memo;
	int			 folded;

	memset(set, 0, sizeof(*set));
	nmemo = rs->nvocabularies * rs->nlanguages;
	memo = xcalloc(nmemo + 1, sizeof(*memo));
	for (i = 0; i < rs->npatterns; i++) {
		p = rs->patterns[i];
		src = pattern_source(rs, p, memo, &own);
		if (!wanted(src)) {
			free(own);
			continue;
		}
		folded = prefilter_folds(rs, p->lang);
		full = pattern_expr(p, src, folded, &flags);
		free(own);
		if (full == NULL)
			continue;
		set->npats++;
		first = al.n;
		reduce(&al, full, strlen(full), flags, p, 0);
		if (atoms_weak(&al, first)) {
			atoms_drop(&al, first);
			free(full);
			continue;
		}
		for (m = 0; m < NMARKERS && !folded; m++)
			if (needs_marker(full, flags, marker_letter[m]))
				atom_add(&al, xstrdup(marker_expr[m]), 0, p);
		free(full);
	}
	for (i = 0; i < nmemo; i++)
		free(memo[i]);
	free(memo);
	if (al.n > 0)
		qsort(al.v, al.n, sizeof(*al.v), atom_cmp);
	set->expr = xcalloc(al.n + 1, sizeof(*set->expr));
	set->flags = xcalloc(al.n + 1, sizeof(*set->flags));
	set->ids = xcalloc(al.n + 1, sizeof(*set->ids));
	set->space = xcalloc(al.n + 1, sizeof(*set->space));
	expr_of_atom = xcalloc(al.n + 1, sizeof(*expr_of_atom));
	for (i = 0; i < al.n; i++) {
		if (set->n > 0 && al.v[i].space == set->space[set->n - 1] &&
		    al.v[i].flags == set->flags[set->n - 1] &&
		    strcmp(al.v[i].expr, set->expr[set->n - 1]) == 0) {
			free(al.v[i].expr);
			expr_of_atom[i] = expr_of_atom[i - 1];
			continue;
		}
		expr_of_atom[i] = (unsigned)set->n;
		set->expr[set->n] = al.v[i].expr;
		set->flags[set->n] = al.v[i].flags;
		set->space[set->n] = al.v[i].space;
		set->ids[set->n] = (unsigned)set->n;
		set->n++;
	}
	map->npatterns = rs->npatterns;
	map->nexprs = set->n;
	build_maps(map, &al, expr_of_atom);
	map->reach = xcalloc(set->n + 1, sizeof(*map->reach));
	for (i = 0; i < set->n; i++)
		map->reach[i] = expr_reach_of(set->expr[i], set->flags[i],
		    prefilter_folds(rs, set->space[i]));
	free(expr_of_atom);
	free(al.v);
}

enum prefilter_fit
prefilter_pattern_fit(const struct ruleset *rs, const struct pattern *p,
    char **expr)
{
	struct atomlist	 al = { NULL, 0, 0 };
	const char	*src;
	char		*own, *full;
	unsigned	 flags;
	size_t		 i;
	enum prefilter_fit fit = PREFILTER_FITS;

	*expr = NULL;
	src = pattern_source(rs, p, NULL, &own);
	if (!wanted(src)) {
		free(own);
		return PREFILTER_NO_SOURCE;
	}
	full = pattern_expr(p, src, prefilter_folds(rs, p->lang), &flags);
	free(own);
	if (full == NULL)
		return PREFILTER_NO_SOURCE;
	reduce(&al, full, strlen(full), flags, p, 0);
	free(full);
	for (i = 0; i < al.n; i++) {
		if (fit == PREFILTER_FITS && prefilter_fixed_bytes(al.v[i].expr) <
		    PREFILTER_MIN_FIXED) {
			fit = PREFILTER_WEAK;
			*expr = al.v[i].expr;
		} else
			free(al.v[i].expr);
	}
	free(al.v);
	return fit;
}

void
hsset_remove(struct hsset *set, size_t i)
{
	size_t	 tail = set->n - i - 1;

	free(set->expr[i]);
	memmove(set->expr + i, set->expr + i + 1, tail * sizeof(*set->expr));
	memmove(set->flags + i, set->flags + i + 1,
	    tail * sizeof(*set->flags));
	memmove(set->ids + i, set->ids + i + 1, tail * sizeof(*set->ids));
	memmove(set->space + i, set->space + i + 1,
	    tail * sizeof(*set->space));
	set->n--;
}

void
hsset_free(struct hsset *set)
{
	size_t	 i;

	for (i = 0; i < set->n; i++)
		free(set->expr[i]);
	free(set->expr);
	free(set->flags);
	free(set->ids);
	free(set->space);
}

void
exprmap_free(struct exprmap *map)
{
	free(map->pat_off);
	free(map->pats);
	free(map->anc_end);
	free(map->expr_off);
	free(map->exprs);
	free(map->reach);
}
