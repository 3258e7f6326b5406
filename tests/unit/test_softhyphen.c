/*
 * test_softhyphen.c -- soft hyphens taken out before segmentation: which
 * are joined with the white space after them, which are dropped alone,
 * and the positions reported afterwards, as in the text before.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doctext.h"
#include "segment.h"
#include "util.h"

#define SHY "\xc2\xad"

/* The text once segmented. */
static char *
joined(const char *text)
{
	struct doctext *dt;
	char *s;

	dt = doctext_from_string(text, strlen(text));
	s = xstrdup(dt->text);
	CHECK_INT(strlen(s), dt->len);
	doctext_free(dt);
	return s;
}

#define CHECK_JOINED(text, want) do {					\
	char *got_ = joined(text);					\
	CHECK_STR(got_, (want));					\
	free(got_);							\
} while (0)

static void
test_text(void)
{
	CHECK_JOINED("no hyphen here", "no hyphen here");
	CHECK_JOINED("bro" SHY "\n  ken word", "broken word");
	CHECK_JOINED("bro" SHY " ken", "broken");
	CHECK_JOINED("bro" SHY "\t\n\tken", "broken");
	CHECK_JOINED("in" SHY "side", "inside");
	CHECK_JOINED("two" SHY SHY "fold", "twofold");
	CHECK_JOINED(SHY "lead", "lead");
	/* A blank line or the end of the text: only the hyphen goes. */
	CHECK_JOINED("para" SHY "\n\ngraph", "para\n\ngraph");
	CHECK_JOINED("end" SHY "\n", "end\n");
	CHECK_JOINED("end" SHY, "end");
	/* An ordinary hyphen at a line end stays, line break and all. */
	CHECK_JOINED("cyber-\nsecurity", "cyber-\nsecurity");
	/* A lone lead byte is not a soft hyphen. */
	CHECK_JOINED("a\xc2", "a\xc2");
}

/* Line and column of the first occurrence of needle, as reported. */
static void
position(const char *text, const char *needle, unsigned *line,
    unsigned *column)
{
	struct doctext *dt;
	unsigned page;
	char *p;

	dt = doctext_from_string(text, strlen(text));
	p = strstr(dt->text, needle);
	CHECK(p != NULL);
	segment_position(dt, p != NULL ? (size_t)(p - dt->text) : 0, line,
	    column, &page);
	doctext_free(dt);
}

#define CHECK_POS(text, needle, wl, wc) do {				\
	unsigned l_, c_;						\
	position((text), (needle), &l_, &c_);				\
	CHECK_INT(l_, (wl));						\
	CHECK_INT(c_, (wc));						\
} while (0)

static void
test_positions(void)
{
	const char *t = "One line.\nThe bro" SHY "\n   ken word and more.\n"
	    "Third \xc3\xa9 line, soft" SHY "ly said here.\nLast one.";

	CHECK_POS(t, "One", 1, 1);
	CHECK_POS(t, "broken", 2, 5);
	/* After a join on the same line: counted from the old position. */
	CHECK_POS(t, "word", 3, 8);
	CHECK_POS(t, "more", 3, 17);
	/* A later line: its number as before, its columns intact. */
	CHECK_POS(t, "Third", 4, 1);
	CHECK_POS(t, "line,", 4, 9);
	/* A hyphen dropped alone inside a word still counts as a column. */
	CHECK_POS(t, "said", 4, 23);
	CHECK_POS(t, "Last", 5, 1);
	CHECK_POS(t, "one.", 5, 6);
}

/* Heading offsets given by an extractor move with the text. */
static void
test_headings(void)
{
	const char *t = "Intro bro" SHY "\n ken.\n\nTitle\nBody here.";
	struct doctext *dt;
	size_t n = strlen(t);

	dt = doctext_new(xstrdup(t), n);
	doctext_add_heading(dt, strstr(t, "Title") - t);
	/* Inside the removed bytes: the next byte kept. */
	doctext_add_heading(dt, strstr(t, "\n ken") - t);
	segment_document(dt);
	CHECK_INT(dt->nheadings, 2);
	CHECK_STR(dt->text + dt->headings[0], "ken.\n\nTitle\nBody here.");
	CHECK_STR(dt->text + dt->headings[1], "Title\nBody here.");
	doctext_free(dt);
}

int
main(void)
{
	test_text();
	test_positions();
	test_headings();
	return CHECK_DONE();
}
