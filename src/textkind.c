/*
 * textkind.c -- signs that a document is not policy text (textkind.h).
 *
 * Input: a segmented struct doctext.  Output: DOCFLAG_* and a warning.
 * One pass over the text counts placeholders and filler; one pass over
 * its lines counts the marks of software documentation.  Matching is
 * plain ASCII case folding: every sign looked for is English or markup.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "textkind.h"
#include "util.h"

/* Longest placeholder, in bytes, between its brackets. */
#define PLACEHOLDER_MAX	120
/* Bytes of the first placeholder quoted in the warning. */
#define EXAMPLE_MAX	48
/* The text looked at: its beginning, where a README says how to build
   and a template shows its blanks; the cost stays the same for a long
   document. */
#define LOOK_MAX	8192

struct signs {
	size_t		 lorem;
	size_t		 tvars;		/* {{...}} */
	size_t		 instr;		/* instruction placeholders */
	const char	*example;	/* the first of them */
	size_t		 example_len;
	size_t		 fences;	/* ``` lines */
	size_t		 commands;	/* shell command lines */
	size_t		 headings;	/* Installation, Usage, ... */
	size_t		 badges;	/* [![ */
};

/* Words that open an instruction to whoever fills in a template. */
static const char *const instr_words[] = {
	"insert", "enter", "add ", "describe", "specify", "provide", "fill",
	"type ", "list ", "name of", "choose", "select", "state ", "include",
	"summarise", "summarize", "explain", "outline", "replace"
};

/* Prefixes of a line that runs a command. */
static const char *const command_prefixes[] = {
	"$ ", "sudo ", "npm install", "npm run", "yarn add", "pip install",
	"pip3 install", "python -m", "python3 -m", "git clone", "make install",
	"make check", "./configure", "./autogen.sh", "cmake ", "cargo build",
	"cargo install", "docker run", "docker build", "apt-get install",
	"apt install", "brew install", "go get", "go install"
};

/* Whole lines (a heading's words) that software documentation has. */
static const char *const software_headings[] = {
	"installation", "install", "installing", "usage", "building",
	"build", "getting started", "quick start", "quickstart",
	"contributing", "dependencies", "requirements", "license",
	"running the tests", "api"
};

static int
starts_with(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);

	return (size_t)(end - s) >= n && strncasecmp(s, prefix, n) == 0;
}

static int
is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* At p, '[' or '<': an instruction placeholder ending at or before end?
   Its length, or 0. */
static size_t
placeholder_at(const char *p, const char *end)
{
	char close = *p == '[' ? ']' : '>';
	const char *q, *lim;
	size_t i;

	lim = end - p > PLACEHOLDER_MAX ? p + PLACEHOLDER_MAX : end;
	for (q = p + 1; q < lim && *q != close && *q != '\n'; q++)
		;
	if (q >= lim || *q != close)
		return 0;
	for (p++; p < q && *p == ' '; p++)
		;
	for (i = 0; i < nitems(instr_words); i++)
		if (starts_with(p, q, instr_words[i]))
			return (size_t)(q - p) + 2;
	return 0;
}

/* TBD, TBC or TBA as a word of its own, in capitals. */
static int
tbd_at(const char *text, const char *p, const char *end)
{
	if (end - p < 3 || p[0] != 'T' || p[1] != 'B' ||
	    (p[2] != 'D' && p[2] != 'C' && p[2] != 'A'))
		return 0;
	if (p > text && is_word_char(p[-1]))
		return 0;
	return end - p == 3 || !is_word_char(p[3]);
}

/* Count a placeholder; the example is the first in the text. */
static void
note_instr(struct signs *s, const char *p, size_t len)
{
	s->instr++;
	if (s->example == NULL || p < s->example) {
		s->example = p;
		s->example_len = len;
	}
}

/* Occurrences of needle in text, a plain byte search. */
static size_t
count_string(const char *text, size_t len, const char *needle)
{
	const char *p = text, *end = text + len, *q;
	size_t n = 0, nl = strlen(needle);

	while ((q = memmem(p, (size_t)(end - p), needle, nl)) != NULL) {
		n++;
		p = q + nl;
	}
	return n;
}

/* "to be determined" and its kin, "TBD", "TBC", "TBA": each a blank. */
static void
count_blanks(const char *text, size_t len, struct signs *s)
{
	static const char *const phrases[] = {
		"to be determined", "To be determined", "to be confirmed",
		"To be confirmed"
	};
	const char *p = text, *end = text + len, *q;
	size_t i, n;

	for (i = 0; i < nitems(phrases); i++) {
		if ((n = count_string(text, len, phrases[i])) == 0)
			continue;
		note_instr(s, memmem(text, len, phrases[i],
		    strlen(phrases[i])), strlen(phrases[i]));
		s->instr += n - 1;
	}
	while ((q = memmem(p, (size_t)(end - p), "TB", 2)) != NULL) {
		if (tbd_at(text, q, end))
			note_instr(s, q, 3);
		p = q + 2;
	}
}

/*
 * Placeholders and filler.  The words are found by memmem(3), which is
 * fast; the brackets, rare in prose, by a byte loop that stops only on
 * them.
 */
static void
count_placeholders(const char *text, size_t len, struct signs *s)
{
	const char *p, *end = text + len, *q;
	size_t n;

	s->lorem = count_string(text, len, "orem ipsum");
	count_blanks(text, len, s);
	for (p = text; p < end; p++) {
		if (*p != '[' && *p != '<' && *p != '{')
			continue;
		if (*p == '{') {
			if (p + 1 < end && p[1] == '{' &&
			    (q = memchr(p, '}', (size_t)(end - p))) != NULL &&
			    q + 1 < end && q[1] == '}' &&
			    q - p <= PLACEHOLDER_MAX)
				s->tvars++;
		} else if ((n = placeholder_at(p, end)) > 0)
			note_instr(s, p, n);
	}
}

/* A line, without its leading spaces and Markdown heading marks, equal
   to a software heading? */
static int
software_heading(const char *p, const char *eol)
{
	size_t i, n;

	while (p < eol && (*p == '#' || *p == ' ' || *p == '\t'))
		p++;
	while (eol > p && (eol[-1] == ' ' || eol[-1] == ':' ||
	    eol[-1] == '\r' || eol[-1] == '\t'))
		eol--;
	for (i = 0; i < nitems(software_headings); i++) {
		n = strlen(software_headings[i]);
		if ((size_t)(eol - p) == n &&
		    strncasecmp(p, software_headings[i], n) == 0)
			return 1;
	}
	return 0;
}

/* The longest line that may be a software heading, with its marks. */
#define HEADING_MAX	32

static void
count_line(const char *p, const char *eol, struct signs *s)
{
	size_t i;

	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	if (p == eol)
		return;
	if (starts_with(p, eol, "```") || starts_with(p, eol, "~~~")) {
		s->fences++;
		return;
	}
	for (i = 0; i < nitems(command_prefixes); i++)
		if ((*p | 0x20) == command_prefixes[i][0] &&
		    starts_with(p, eol, command_prefixes[i])) {
			s->commands++;
			return;
		}
	if (eol - p <= HEADING_MAX && software_heading(p, eol))
		s->headings++;
}

static void
count_lines(const char *text, size_t len, struct signs *s)
{
	const char *p = text, *end = text + len, *eol;

	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		count_line(p, eol, s);
		p = eol + 1;
	}
}

/* The first placeholder, cut at a character boundary. */
static char *
example_of(const struct signs *s)
{
	size_t n = s->example_len;

	if (n > EXAMPLE_MAX) {
		n = EXAMPLE_MAX;
		while (n > 0 && ((unsigned char)s->example[n] & 0xC0) == 0x80)
			n--;
	}
	return xstrndup(s->example, n);
}

unsigned
textkind_check(const struct doctext *doc, char **why)
{
	struct signs s;
	char *ex;
	size_t code, len, words;

	*why = NULL;
	memset(&s, 0, sizeof(s));
	len = doc->len;
	words = doc->words;
	if (len > LOOK_MAX) {
		/* Cut at a line end; the words in proportion. */
		for (len = LOOK_MAX; len > 0 && doc->text[len - 1] != '\n';
		    len--)
			;
		if (len == 0)
			len = LOOK_MAX;
		words = (size_t)((double)doc->words * len / doc->len);
	}
	count_placeholders(doc->text, len, &s);
	count_lines(doc->text, len, &s);
	s.badges = count_string(doc->text, len, "[![");
	code = s.fences / 2 + s.commands;
	if (s.lorem > 0)
		*why = xstrdup(TEXTKIND_WARNING "filler text (lorem ipsum)");
	else if (s.tvars >= 3)
		*why = xasprintf(TEXTKIND_WARNING "a template with %zu "
		    "{{...}} variables", s.tvars);
	else if (s.instr >= 3 && s.instr * 100 >= words) {
		ex = example_of(&s);
		*why = xasprintf(TEXTKIND_WARNING "a template with %zu "
		    "placeholders, the first \"%s\"", s.instr, ex);
		free(ex);
	} else if (code >= 2 && code + s.headings + s.badges >= 4)
		*why = xasprintf(TEXTKIND_WARNING "software documentation "
		    "(%zu code blocks, %zu command lines, %zu headings such "
		    "as Installation or Usage)", s.fences / 2, s.commands,
		    s.headings);
	return *why != NULL ? DOCFLAG_NOT_POLICY : 0;
}
