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

static void
note_instr(struct signs *s, const char *p, size_t len)
{
	if (s->instr++ == 0) {
		s->example = p;
		s->example_len = len;
	}
}

static void
count_placeholders(const char *text, size_t len, struct signs *s)
{
	const char *p, *end = text + len, *q;
	size_t n;

	for (p = text; p < end; p++) {
		switch (*p) {
		case '[':
		case '<':
			if ((n = placeholder_at(p, end)) > 0)
				note_instr(s, p, n);
			break;
		case '{':
			if (p + 1 < end && p[1] == '{' &&
			    (q = memchr(p, '}', (size_t)(end - p))) != NULL &&
			    q + 1 < end && q[1] == '}' &&
			    q - p <= PLACEHOLDER_MAX)
				s->tvars++;
			break;
		case 'l':
		case 'L':
			if (starts_with(p, end, "lorem ipsum"))
				s->lorem++;
			break;
		case 'T':
		case 't':
			if (tbd_at(text, p, end))
				note_instr(s, p, 3);
			else if (starts_with(p, end, "to be determined"))
				note_instr(s, p, 16);
			else if (starts_with(p, end, "to be confirmed"))
				note_instr(s, p, 15);
			break;
		}
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

static void
count_line(const char *p, const char *eol, struct signs *s)
{
	size_t i;

	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	if (starts_with(p, eol, "```") || starts_with(p, eol, "~~~")) {
		s->fences++;
		return;
	}
	for (i = 0; i < nitems(command_prefixes); i++)
		if (starts_with(p, eol, command_prefixes[i])) {
			s->commands++;
			return;
		}
	if (software_heading(p, eol))
		s->headings++;
	if (memmem(p, (size_t)(eol - p), "[![", 3) != NULL)
		s->badges++;
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
	size_t code;

	*why = NULL;
	memset(&s, 0, sizeof(s));
	count_placeholders(doc->text, doc->len, &s);
	count_lines(doc->text, doc->len, &s);
	code = s.fences / 2 + s.commands;
	if (s.lorem > 0)
		*why = xstrdup(TEXTKIND_WARNING "filler text (lorem ipsum)");
	else if (s.tvars >= 3)
		*why = xasprintf(TEXTKIND_WARNING "a template with %zu "
		    "{{...}} variables", s.tvars);
	else if (s.instr >= 3 && s.instr * 100 >= doc->words) {
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
