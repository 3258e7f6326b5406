/*
 * term_lang.h -- the morphology of <term> in French, Spanish and
 * Portuguese, as tables that term.c applies.
 *
 * A term in one of these languages keeps the English term's syntax
 * (term.h) with these differences:
 *   - accents: a letter matches its accented and unaccented forms in
 *     either case (e = é è ê ë É ..., a = à á â ã ä, c = ç, n = ñ, i, o,
 *     u, y likewise), whichever of them the term is written with;
 *     letters are taken precomposed (NFC), as documents almost always
 *     hold them;
 *   - ligature (French): "oe" and "œ" match each other ("mise en oeuvre"
 *     finds "mise en œuvre");
 *   - apostrophes: ' and U+2019 are the same character;
 *   - elision (French): a term word may start with an elided word
 *     (l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu'), which then
 *     matches with either apostrophe and an optional space after it, and
 *     its full form (qu' = que); a full word followed by another matches
 *     its elided form (que = qu'); in the text, any elided word may stand
 *     before a term word that starts with a vowel or "h";
 *   - contractions: a term word that is a preposition with an article
 *     form (fr de/à, es de/a/en, pt de/em/a/por, or one of their
 *     contracted forms such as du, del, do, na) and is followed by
 *     another word matches every form of the group (fr de: de, du, des,
 *     de la, de l', d'); an article written after it in the term is
 *     part of the group;
 *   - articles: a definite article in a term (fr le la les l', es el la
 *     los las, pt o os as) that is followed by another word matches any
 *     definite article of the language or none, since the article
 *     follows the noun's gender and number and is often left out; an
 *     article that the term does not write is not matched, except as a
 *     part of a contraction;
 *   - "~" ending a word of at least three letters takes the gender and
 *     number of the language, written on the masculine singular: the
 *     longest ending of the word found in the language's table is
 *     replaced by each of its forms (fr -al: -al -ale -als -ales -aux);
 *   - a word without "~" ending the term takes an optional plural
 *     (fr -s or -x, es and pt -s or -es), as in English;
 *   - a gap word "*" may also be an elided word ("l'") or a word holding
 *     an apostrophe ("aujourd'hui").
 * A "[...]" class is taken as written, without accent variants.
 */
#ifndef PALINT_TERM_LANG_H
#define PALINT_TERM_LANG_H

#include <stddef.h>

/* A group of words that stand for one another ("de": de, du, des, ...). */
enum term_group_kind {
	GROUP_CONTRACTION,	/* an article after it is part of it */
	GROUP_ARTICLE,		/* optional; part of a contraction before */
	GROUP_ELISION		/* a word and its elided form */
};

struct term_group {
	const char		*keys;	/* term words, space-separated, ASCII
					   lower case; "l'" an elided one */
	const char		*forms;	/* "|"-separated forms, ASCII; words
					   joined by " ", an elided one ends
					   in "'"; accents are free */
	enum term_group_kind	 kind;
	size_t			 words;	/* words in the longest form */
};

/*
 * Gender and number of a word ending: the ending and its replacements,
 * written with the accents the language gives them, for the reader: they
 * match with or without them, like every letter of a term.
 */
struct term_suffix {
	const char	*end;		/* ASCII lower case; "" any other */
	const char	*forms;		/* "|"-separated UTF-8; may be
					   empty */
};

struct term_lang {
	const char			*code;
	const char			*elisions; /* "|"-separated, or NULL */
	const struct term_group		*groups;
	size_t				 ngroups;
	const struct term_suffix	*suffixes; /* longest ending first,
						      "" last */
	size_t				 nsuffixes;
	const char			*plural;   /* regex after a last
						      word */
	int				 oe;	   /* "oe" and the ligature
						      "œ" are one spelling */
};

/* The rules of the language with ISO 639-1 code (any case), or NULL for
   English and every language without rules. */
const struct term_lang	*term_lang_find(const char *code);

/* The lower-case ASCII base letter of the character at p (n bytes
   available), or 0 if it has no accent class; *len is set to the
   character's length. */
char	 term_lang_fold(const char *p, size_t n, size_t *len);

/* The regex of base letter c with its accented forms (a class), or NULL
   when it has none. */
const char	*term_lang_letter_re(char c);

/* The group whose keys include word (ASCII lower case), or NULL. */
const struct term_group	*term_lang_group(const struct term_lang *,
			    const char *word, size_t len);

/* The suffix rule for a word whose folded letters end with tail. */
const struct term_suffix	*term_lang_suffix(const struct term_lang *,
				    const char *tail, size_t len);

/* Is word[0, len) one of the language's elided words (without "'")? */
int	 term_lang_is_elision(const struct term_lang *, const char *word,
	    size_t len);

/*
 * The text as the prefilter reads it (the regexes read the text as it is).
 * With TERM_FOLD_ACCENTS, for the terms of these languages: each character
 * that a letter of an accent class matches caselessly, and the signs
 * U+017F and U+212A that PCRE2 folds to "s" and "k", is written as its
 * ASCII base letter, so a term's prefilter is made of ASCII letters
 * without accent classes, which Hyperscan compiles in a fraction of the
 * time.  With TERM_FOLD_SPACE, for every language: each run of white space
 * (the characters PCRE2 matches with \s under UCP: term_fold_space_len())
 * is written as one " ", so that a regex's "\s+" is a single fixed byte to
 * Hyperscan instead of a repeat (prefilter_rewrite.c).  Every other byte
 * is copied.  A folded letter stands for one character of at most
 * TERM_FOLD_SPREAD bytes, a folded space for a run of any length; the
 * characters and runs that shrank are recorded to map a folded offset
 * back.
 */
#define TERM_FOLD_SPREAD	3

struct term_fold {
	char		*text;		/* owned: the folded text */
	size_t		 len;
	size_t		 cap;
	struct {
		size_t	 at;		/* folded offset of a character that
					   shrank; ascending */
		size_t	 lost;		/* bytes lost up to and including it */
	}		*shrink;	/* owned */
	size_t		 n;
	size_t		 ncap;
};

#define TERM_FOLD_ACCENTS	0x1
#define TERM_FOLD_SPACE		0x2

/* Fold text[0, len) into f as how says (TERM_FOLD_*), reusing its buffers
   (zeroed the first time). */
void	 term_fold_text(struct term_fold *f, const char *text, size_t len,
	    unsigned how);

/* The length of the white-space character at p (n bytes left), or 0:
   exactly the characters PCRE2 matches with \s under PCRE2_UCP. */
size_t	 term_fold_space_len(const char *p, size_t n);

/* The same characters, each as a UTF-8 string. */
#define TERM_FOLD_NSPACES	26
extern const char *const term_fold_spaces[TERM_FOLD_NSPACES];

/* The offset in the text just past the character that folded byte
   end - 1 comes from; 0 for 0. */
size_t	 term_fold_origin(const struct term_fold *f, size_t end);

void	 term_fold_free(struct term_fold *f);

#endif
