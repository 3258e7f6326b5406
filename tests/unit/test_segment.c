/*
 * test_segment.c -- sentences, paragraphs, sections, positions and word
 * counts, plus the invariants every unit keeps on hostile input.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc_fixture.h"
#include "doctext.h"
#include "segment.h"
#include "util.h"

/* The units of a scope joined by "|", for compact expectations. */
static char *
units(const char *text, enum scope scope)
{
	struct strbuf sb = { NULL, 0, 0 };
	const struct span *v;
	struct doctext *dt;
	size_t i, n;

	dt = doctext_from_string(text, strlen(text));
	v = segment_units(dt, scope, &n);
	for (i = 0; i < n; i++) {
		if (i > 0)
			strbuf_addc(&sb, '|');
		strbuf_add(&sb, dt->text + v[i].start, v[i].end - v[i].start);
	}
	doctext_free(dt);
	return strbuf_take(&sb);
}

#define CHECK_UNITS(text, scope, want) do {				\
	char *got_ = units((text), (scope));				\
	CHECK_STR(got_, (want));					\
	free(got_);							\
} while (0)

#define CHECK_SENT(text, want) CHECK_UNITS(text, SCOPE_SENTENCE, want)

static void
test_abbreviations(void)
{
	CHECK_SENT("Use tools, e.g. Firewalls and more.",
	    "Use tools, e.g. Firewalls and more.");
	CHECK_SENT("The U.S. Government will act. It has said so.",
	    "The U.S. Government will act.|It has said so.");
	CHECK_SENT("See No. 3 of the plan and Art. 4 of the law.",
	    "See No. 3 of the plan and Art. 4 of the law.");
	CHECK_SENT("Dr. Smith met J. Doe in St. Louis.",
	    "Dr. Smith met J. Doe in St. Louis.");
	CHECK_SENT("Apples, pears etc. Are listed (cf. Fig. 2).",
	    "Apples, pears etc. Are listed (cf. Fig. 2).");
	CHECK_SENT("It grew (i.e. Doubled) in the U.K. Last year.",
	    "It grew (i.e. Doubled) in the U.K. Last year.");
}

static void
test_sentences(void)
{
	CHECK_SENT("This is the end. Next one starts.",
	    "This is the end.|Next one starts.");
	CHECK_SENT("Really? Yes! Good.", "Really?|Yes!|Good.");
	CHECK_SENT("He said \"Stop.\" Then he left.",
	    "He said \"Stop.\"|Then he left.");
	CHECK_SENT("It ended.\xe2\x80\x9d \xe2\x80\x9cNew start.",
	    "It ended.\xe2\x80\x9d|\xe2\x80\x9cNew start.");
	CHECK_SENT("Growth was 3.5 percent. In 2024. Output rose.",
	    "Growth was 3.5 percent.|In 2024.|Output rose.");
	CHECK_SENT("lower. case does not split", "lower. case does not split");
	CHECK_SENT("Ende. \xc3\x9c" "ber alles.",
	    "Ende.|\xc3\x9c" "ber alles.");
	CHECK_SENT("Wait... What now?", "Wait...|What now?");
	CHECK_SENT("**Article 1.** The law. *Scope* is wide.",
	    "**Article 1.**|The law.|*Scope* is wide.");
	CHECK_SENT("We will:\n- protect cables\n* build capacity\n"
	    "\xe2\x80\xa2 train staff",
	    "We will:|- protect cables|* build capacity|"
	    "\xe2\x80\xa2 train staff");
	CHECK_SENT("Do:\n\xef\x82\xb7 one\n\xe2\x96\xa0two",
	    "Do:|\xef\x82\xb7 one|\xe2\x96\xa0two");
	/* A bullet after a full stop opens a sentence: a list that
	   extraction ran into one line.  The space after a bullet may be
	   an em space or a no-break space, as Word and PDF leave them; a
	   middle dot or a hyphen inside a line is no bullet. */
	CHECK_SENT("The aims are these. \xe2\x80\xa2 Train staff. "
	    "\xe2\x80\xa2\xe2\x80\x83" "Build teams.",
	    "The aims are these.|\xe2\x80\xa2 Train staff.|"
	    "\xe2\x80\xa2\xe2\x80\x83" "Build teams.");
	CHECK_SENT("We will:\n\xe2\x80\xa2\xe2\x80\x83 train staff\n"
	    "\xe2\x80\xa2\xc2\xa0" "build teams\n-\xe2\x80\x83" "fund labs",
	    "We will:|\xe2\x80\xa2\xe2\x80\x83 train staff|"
	    "\xe2\x80\xa2\xc2\xa0" "build teams|-\xe2\x80\x83" "fund labs");
	CHECK_SENT("The plan has two parts.\n\xe2\x80\xa2\xe2\x80\x83The "
	    "state will act.", "The plan has two parts.|"
	    "\xe2\x80\xa2\xe2\x80\x83The state will act.");
	CHECK_SENT("First one.\xe2\x80\x83Second one.",
	    "First one.|Second one.");
	CHECK_SENT("It ended. \xc2\xb7 not a bullet. - nor this",
	    "It ended. \xc2\xb7 not a bullet. - nor this");
	CHECK_SENT("A bullet\n\xe2\x80\xa2\nalone",
	    "A bullet\n\xe2\x80\xa2\nalone");
	CHECK_SENT("Goals\n1. Secure networks\n2) Train people\n(a) more\n"
	    "b) less", "Goals|1. Secure networks|2) Train people|(a) more|"
	    "b) less");
	/* Roman numerals number items too, in either case, when they are
	   well formed; other words with a stop at a line start do not. */
	CHECK_SENT("The plan will:\ni. review the laws\nii. define standards"
	    "\nxiv. set up a body\nIX. train judges",
	    "The plan will:|i. review the laws|ii. define standards|"
	    "xiv. set up a body|IX. train judges");
	CHECK_SENT("It covers data\nvx. and more\netc. and more",
	    "It covers data\nvx. and more\netc. and more");
	/* A section number with a capitalised word after it starts a
	   sentence; a figure that wraps to a line start does not. */
	CHECK_SENT("IV. International Cooperation\n3.2 Cyber diplomacy will "
	    "grow\n3.2.1. The envoy will lead",
	    "IV. International Cooperation|3.2 Cyber diplomacy will grow|"
	    "3.2.1. The envoy will lead");
	CHECK_SENT("Losses reached\n3.2 million euros and the band at\n"
	    "2.4 GHz is busy\n3 Main aims",
	    "Losses reached\n3.2 million euros and the band at\n"
	    "2.4 GHz is busy\n3 Main aims");
	CHECK_SENT("A line that\nwraps here.", "A line that\nwraps here.");
	CHECK_SENT("\xe7\xbd\x91\xe7\xbb\x9c\xe3\x80\x82\xe5\xae\x89\xe5\x85"
	    "\xa8\xe3\x80\x82", "\xe7\xbd\x91\xe7\xbb\x9c\xe3\x80\x82|"
	    "\xe5\xae\x89\xe5\x85\xa8\xe3\x80\x82");
	CHECK_SENT("# Heading\nBody text here.", "# Heading|Body text here.");
	CHECK_SENT("   ", "");
	CHECK_SENT("", "");
}

static void
test_paragraphs(void)
{
	CHECK_UNITS("One line\nstill one.\n\nTwo.\n \t \nThree.\n\n\n",
	    SCOPE_PARAGRAPH, "One line\nstill one.|Two.|Three.");
	CHECK_SENT("End\n\nStart", "End|Start");
	CHECK_UNITS("a\r\n\r\nb", SCOPE_PARAGRAPH, "a|b");
}

static void
test_sections(void)
{
	static const char md[] = "Preface.\n# One\nText one.\n\n## Two\n"
	    "Text two. More.\n";
	struct doctext *dt;
	size_t n;

	if ((dt = fx_markdown(md)) == NULL)
		return;
	CHECK_INT(dt->nsections, 3);
	CHECK_INT(dt->sections[0].start, 0);
	CHECK_INT(dt->sections[0].end, 8);
	CHECK_INT(dt->sections[1].start, 9);
	CHECK_INT(dt->sections[2].start, strstr(md, "## Two") - md);
	CHECK_INT(dt->sections[2].end, sizeof md - 2);
	/* Headings are paragraphs and sentences of their own. */
	CHECK_INT(dt->nparagraphs, 5);
	CHECK_INT(dt->nsentences, 6);
	CHECK(segment_units(dt, SCOPE_DOCUMENT, &n) == NULL && n == 0);
	doctext_free(dt);
	CHECK_UNITS("No headings at all.\n\nTwo paragraphs.", SCOPE_SECTION,
	    "No headings at all.\n\nTwo paragraphs.");
	/* Extractor headings, in the middle of the text. */
	dt = doctext_new(xstrdup("Intro\nTitle\nBody."), 17);
	doctext_add_heading(dt, 6);
	doctext_add_heading(dt, 6);
	segment_document(dt);
	CHECK_INT(dt->nheadings, 1);
	CHECK_INT(dt->nsections, 2);
	CHECK_INT(dt->nparagraphs, 3);
	CHECK_INT(dt->nsentences, 3);
	doctext_free(dt);
}

static void
test_positions(void)
{
	/* "héllo\nwörld 网络 x": x is the 10th character of line 2. */
	static const char s[] = "h\xc3\xa9llo\nw\xc3\xb6rld \xe7\xbd\x91"
	    "\xe7\xbb\x9c x";
	struct doctext *dt;
	unsigned line, col, page;
	size_t x = strchr(s, 'x') - s;

	dt = doctext_from_string(s, sizeof s - 1);
	CHECK_INT(dt->nlines, 2);
	segment_position(dt, x, &line, &col, &page);
	CHECK_INT(line, 2);
	CHECK_INT(col, 10);
	CHECK_INT(page, 0);
	segment_position(dt, 0, &line, &col, &page);
	CHECK_INT(line, 1);
	CHECK_INT(col, 1);
	segment_position(dt, 3, &line, &col, &page);	/* the first 'l' */
	CHECK_INT(col, 3);
	segment_position(dt, 7, &line, &col, &page);	/* 'w' */
	CHECK_INT(line, 2);
	CHECK_INT(col, 1);
	doctext_add_page(dt, 0);
	doctext_add_page(dt, 7);
	segment_position(dt, 3, &line, &col, &page);
	CHECK_INT(page, 1);
	segment_position(dt, x, &line, &col, &page);
	CHECK_INT(page, 2);
	segment_position(dt, 1000, &line, &col, &page);
	CHECK_INT(line, 2);
	doctext_free(dt);
}

static void
test_find(void)
{
	struct span v[] = { { 2, 5 }, { 7, 9 }, { 12, 20 } };

	CHECK_INT(segment_find(v, 3, 0), 0);
	CHECK_INT(segment_find(v, 3, 3), 0);
	CHECK_INT(segment_find(v, 3, 6), 0);
	CHECK_INT(segment_find(v, 3, 7), 1);
	CHECK_INT(segment_find(v, 3, 19), 2);
	CHECK_INT(segment_find(v, 3, 100), 2);
	CHECK_INT(segment_find(v, 0, 5), 0);
}

static size_t
words(const char *s)
{
	struct doctext *dt;
	size_t n;

	dt = doctext_from_string(s, strlen(s));
	n = dt->words;
	doctext_free(dt);
	return n;
}

static void
test_words(void)
{
	CHECK_INT(words("Hello, world! It's 2024."), 5);
	CHECK_INT(words("caf\xc3\xa9 na\xc3\xafve \xe2\x80\x94 r\xc3\xb4le"),
	    3);
	CHECK_INT(words("\xe7\xbd\x91\xe7\xbb\x9c\xe5\xae\x89\xe5\x85\xa8"
	    "\xe3\x80\x82ICT"), 5);
	CHECK_INT(words("  \n\n "), 0);
	CHECK_INT(words("a\xc2\xa0" "b\xe2\x80\x99" "c"), 3);
}

/* Every unit within the text, ordered, trimmed and not empty. */
static int
units_ok(const struct doctext *dt, const struct span *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].start >= v[i].end || v[i].end > dt->len)
			return 0;
		if (i > 0 && v[i].start < v[i - 1].end)
			return 0;
		if (dt->text[v[i].start] == ' ' ||
		    dt->text[v[i].start] == '\n' ||
		    dt->text[v[i].end - 1] == ' ' ||
		    dt->text[v[i].end - 1] == '\n')
			return 0;
	}
	return 1;
}

static void
test_fuzz(void)
{
	static const char alphabet[] = "aZ .!?\n\n \t-*(1)\"'#\xc3\xa9\xe2\x80"
	    "\x99\xe3\x80\x82\x80\xff";
	char buf[300];
	unsigned long seed = 99;
	struct doctext *dt;
	size_t i, n, bad = 0;
	int round;

	for (round = 0; round < 5000; round++) {
		n = round % sizeof buf;
		for (i = 0; i < n; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			buf[i] = alphabet[(seed >> 33) % (sizeof alphabet - 1)];
		}
		dt = doctext_from_string(buf, n);
		if (!units_ok(dt, dt->sentences, dt->nsentences) ||
		    !units_ok(dt, dt->paragraphs, dt->nparagraphs) ||
		    !units_ok(dt, dt->sections, dt->nsections))
			bad++;
		doctext_free(dt);
	}
	CHECK_INT(bad, 0);
}

/* An 8 MB single line: positions near its end must stay cheap. */
static void
test_long_line(void)
{
	size_t n = 8 << 20, i;
	unsigned line, col, page, last = 0;
	struct doctext *dt;
	char *s;

	s = xmalloc(n + 1);
	for (i = 0; i < n; i++)
		s[i] = "word. Word "[i % 11];
	s[n] = '\0';
	dt = doctext_new(s, n);
	segment_document(dt);
	CHECK_INT(dt->nlines, 1);
	/* A huge line is cut into bounded paragraphs at sentence ends, so
	   that the scanner never searches megabytes per candidate. */
	CHECK(dt->nparagraphs > n / 16384);
	for (i = 0; i < dt->nparagraphs; i++) {
		if (dt->paragraphs[i].end - dt->paragraphs[i].start > 16384 ||
		    (i + 1 < dt->nparagraphs &&
		    s[dt->paragraphs[i].end - 1] != '.'))
			break;
	}
	CHECK_INT(i, dt->nparagraphs);
	for (i = 0; i < 20000; i++) {
		segment_position(dt, n - 1 - i, &line, &col, &page);
		if (i == 0)
			last = col;
	}
	CHECK_INT(last, n);
	CHECK_INT(col, n - 20000 + 1);
	doctext_free(dt);
}

/* Text without blank lines still gets paragraphs: past 2 KB a line that
   ends a sentence ends the paragraph; a line that does not, does not. */
static void
test_no_blank_lines(void)
{
	struct strbuf sb = { NULL, 0, 0 };
	struct doctext *dt;
	size_t len;
	int i;

	for (i = 0; i < 60; i++)
		strbuf_adds(&sb, "The ministry will publish a national plan for "
		    "resilience\nand it will consult the public on it.\n");
	len = sb.len;
	dt = doctext_new(strbuf_take(&sb), len);
	segment_document(dt);
	CHECK(dt->nparagraphs >= 2);
	for (i = 0; (size_t)i < dt->nparagraphs; i++) {
		CHECK(dt->paragraphs[i].end - dt->paragraphs[i].start < 2048 +
		    200);
		CHECK(dt->text[dt->paragraphs[i].end - 1] == '.');
	}
	doctext_free(dt);
}

/* The clause around the first occurrence of word in text. */
static char *
clause_of(const char *text, const char *word)
{
	struct doctext *dt;
	struct span c;
	char *r;

	dt = doctext_from_string(text, strlen(text));
	c = segment_clause(dt, (size_t)(strstr(text, word) - text));
	r = xstrndup(dt->text + c.start, c.end - c.start);
	doctext_free(dt);
	return r;
}

#define CHECK_CLAUSE(text, word, want) do {				\
	char *got_ = clause_of((text), (word));				\
	CHECK_STR(got_, (want));					\
	free(got_);							\
} while (0)

static void
test_clauses(void)
{
	const char *s = "We act; they wait: (quietly) - and then \xe2\x80\x94 "
	    "nothing, but later, while waiting, whereas x, which y, although "
	    "z.";

	CHECK_CLAUSE(s, "We", "We act");
	CHECK_CLAUSE(s, "act", "We act");
	CHECK_CLAUSE(s, "they", "they wait");
	CHECK_CLAUSE(s, "quietly", "quietly");
	CHECK_CLAUSE(s, "and", "and then");
	CHECK_CLAUSE(s, "nothing", "nothing");
	CHECK_CLAUSE(s, "later", "but later");
	CHECK_CLAUSE(s, "waiting", "while waiting");
	CHECK_CLAUSE(s, "x,", "whereas x");
	CHECK_CLAUSE(s, "y,", "which y");
	CHECK_CLAUSE(s, "z.", "although z.");
	/* Not boundaries: a comma alone, an unspaced hyphen or colon, a
	   conjunction that only starts like one. */
	CHECK_CLAUSE("One, two, and three.", "two", "One, two, and three.");
	CHECK_CLAUSE("A cross-border flow at 10:30 today.", "flow",
	    "A cross-border flow at 10:30 today.");
	CHECK_CLAUSE("See https://example.org now.", "now",
	    "See https://example.org now.");
	CHECK_CLAUSE("Fast, butter-soft, whilst warm.", "warm",
	    "Fast, butter-soft, whilst warm.");
	CHECK_CLAUSE("Fast, But slow.", "slow", "But slow.");
	/* An opening phrase of purpose or reason ends at its first comma;
	   later commas, and the same words later on, cut nothing. */
	CHECK_CLAUSE("To fight crime, the police may read mail, and more.",
	    "police", "the police may read mail, and more.");
	CHECK_CLAUSE("To fight crime, the police may read mail.", "crime",
	    "To fight crime");
	CHECK_CLAUSE("In order to fight crime, police act.", "act",
	    "police act.");
	CHECK_CLAUSE("- Because of threats, sites are blocked.", "sites",
	    "sites are blocked.");
	CHECK_CLAUSE("Afin d'\xc3\xa9viter la fraude, les banques paient.",
	    "les", "les banques paient.");
	CHECK_CLAUSE("Today, to fight crime, police act.", "police",
	    "Today, to fight crime, police act.");
	CHECK_CLAUSE("Tomorrow, police act.", "police",
	    "Tomorrow, police act.");
	CHECK_CLAUSE("Since 2010, police act.", "police", "police act.");
	/* Clauses stay inside their sentence. */
	CHECK_CLAUSE("First one. Second one; third.", "Second", "Second one");
	CHECK_CLAUSE("Ends with a colon:", "colon", "Ends with a colon");
}

int
main(void)
{
	test_abbreviations();
	test_sentences();
	test_paragraphs();
	test_sections();
	test_positions();
	test_find();
	test_words();
	test_clauses();
	test_fuzz();
	test_long_line();
	test_no_blank_lines();
	return CHECK_DONE();
}
