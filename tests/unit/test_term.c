/*
 * test_term.c -- the term language: each property of term.h checked by
 * running the translated regex through PCRE2 with the flags compile.c uses,
 * and, when Hyperscan is built in, checking that the prefilter source finds
 * every match the regex finds.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef HAVE_HYPERSCAN
#include <hs.h>
#endif

#include "check.h"
#include "prefilter.h"
#include "term.h"
#include "util.h"
#ifdef HAVE_HYPERSCAN
#include "hs_probe.h"
#endif
#include "wordedge.h"

static pcre2_code *
compile_re(const char *re)
{
	pcre2_code *code;
	PCRE2_SIZE off;
	int err;

	code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
	if (code == NULL) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(err, msg, sizeof(msg));
		fprintf(stderr, "regex %s: offset %zu: %s\n", re, (size_t)off,
		    (char *)msg);
	}
	return code;
}

#ifdef HAVE_HYPERSCAN
/* Does pf match inside text[start, end) in both of Hyperscan's modes? */
static int
prefilter_matches(const char *pf, const char *text, size_t start, size_t end)
{
	return hs_probe_inside(pf, 0, text, start, end);
}
#endif

/*
 * Match term against text: 1 with the span of the first match, 0 for none,
 * -1 when the term does not translate or compile.  Every match is also
 * checked against the prefilter, which must find it.
 */
static int
term_span(const char *term, const char *text, size_t *ms, size_t *me)
{
	pcre2_code *code;
	pcre2_match_data *md;
	char *re, *pf, *cause;
	int rc;

	if (term_to_regex(term, &re, &pf, &cause) != 0) {
		fprintf(stderr, "term %s: %s\n", term, cause);
		free(cause);
		return -1;
	}
	if ((code = compile_re(re)) == NULL) {
		free(re);
		free(pf);
		return -1;
	}
	md = pcre2_match_data_create_from_pattern(code, NULL);
	rc = pcre2_match(code, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL);
	if (rc > 0) {
		*ms = pcre2_get_ovector_pointer(md)[0];
		*me = pcre2_get_ovector_pointer(md)[1];
#ifdef HAVE_HYPERSCAN
		if (pf != NULL && !prefilter_matches(pf, text, *ms, *me)) {
			fprintf(stderr, "prefilter %s misses \"%s\"\n", pf,
			    text);
			rc = -1;
		}
#endif
	}
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	free(re);
	free(pf);
	return rc > 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

static int
term_match(const char *term, const char *text)
{
	size_t ms, me;

	return term_span(term, text, &ms, &me);
}

/* The matched text, for checks on where a match starts and ends. */
static char *
term_matched(const char *term, const char *text)
{
	size_t ms, me;

	if (term_span(term, text, &ms, &me) != 1)
		return xstrdup("(no match)");
	return xstrndup(text + ms, me - ms);
}

static const char *
term_error(const char *term)
{
	static char buf[256];
	char *re, *pf, *cause;

	if (term_to_regex(term, &re, &pf, &cause) == 0) {
		free(re);
		free(pf);
		return "(no error)";
	}
	snprintf(buf, sizeof(buf), "%s", cause);
	free(cause);
	return buf;
}

static char *
term_prefilter(const char *term)
{
	char *re, *pf, *cause;

	if (term_to_regex(term, &re, &pf, &cause) != 0) {
		free(cause);
		return xstrdup("(error)");
	}
	free(re);
	return pf != NULL ? pf : xstrdup("(null)");
}

#define CHECK_MATCHED(term, text, want) do {				\
	char *got_ = term_matched((term), (text));			\
	CHECK_STR(got_, (want));					\
	free(got_);							\
} while (0)

#define CHECK_PF(term, want) do {					\
	char *got_ = term_prefilter(term);				\
	CHECK_STR(got_, (want));					\
	free(got_);							\
} while (0)

#define CHECK_RPF(regex, want) do {					\
	char *got_ = regex_to_prefilter(regex);				\
	CHECK_STR(got_ != NULL ? got_ : "(null)", (want));		\
	free(got_);							\
} while (0)

static void
test_case_and_words(void)
{
	CHECK_INT(term_match("undersea cable", "UNDERSEA Cable laid"), 1);
	CHECK_INT(term_match("Undersea Cable", "an undersea cable"), 1);
	CHECK_INT(term_match("cable", "cablevision"), 0);
	CHECK_INT(term_match("cable", "subcable"), 0);
	CHECK_INT(term_match("cable", "cable_tv"), 0);
	CHECK_INT(term_match("cable", "cable2"), 0);
	CHECK_INT(term_match("cable", "\xc3\xa9" "cable"), 0);
	CHECK_INT(term_match("cable", "(cable)"), 1);
	CHECK_INT(term_match("cable", "cable."), 1);
	CHECK_INT(term_match("cable", "cable"), 1);
	CHECK_INT(term_match("ITU", "the itu said"), 1);
}

static void
test_separators(void)
{
	CHECK_INT(term_match("undersea cable", "undersea\ncable"), 1);
	CHECK_INT(term_match("undersea cable", "undersea \r\n\t cable"), 1);
	CHECK_INT(term_match("undersea cable", "undersea-cable"), 1);
	CHECK_INT(term_match("undersea cable", "undersea -\ncable"), 1);
	CHECK_INT(term_match("undersea cable", "undersea\xc2\xa0" "cable"), 1);
	CHECK_INT(term_match("undersea cable", "undersea\xe2\x80\x91" "cable"),
	    1);
	CHECK_INT(term_match("undersea cable", "undersea\xe2\x80\x90" "cable"),
	    1);
	CHECK_INT(term_match("undersea cable", "underseacable"), 0);
	CHECK_INT(term_match("undersea cable", "undersea, cable"), 0);
	CHECK_INT(term_match("e-commerce", "e commerce"), 1);
	CHECK_INT(term_match("e-commerce", "E-Commerce"), 1);
	CHECK_INT(term_match("  spaced   out\n", "spaced out"), 1);
	CHECK_MATCHED("undersea cable", "x undersea\n\ncables y",
	    "undersea\n\ncables");
}

static void
test_plural(void)
{
	CHECK_MATCHED("cable", "two cables.", "cables");
	CHECK_MATCHED("box", "boxes", "boxes");
	CHECK_MATCHED("landing station", "landing stations",
	    "landing stations");
	CHECK_INT(term_match("cable", "cabled"), 0);
	CHECK_INT(term_match("cable", "cableses"), 0);
	/* Only the last word takes a plural. */
	CHECK_INT(term_match("cable landing", "cables landing"), 0);
}

static void
test_wildcard(void)
{
	CHECK_MATCHED("cyber*", "Cybersecurity rules", "Cybersecurity");
	CHECK_MATCHED("cyber*", "cyber rules", "cyber");
	CHECK_MATCHED("cyber*", "cyber\xc3\xa9t\xc3\xa9 x",
	    "cyber\xc3\xa9t\xc3\xa9");
	CHECK_INT(term_match("cyber*", "hypercyber"), 0);
	CHECK_MATCHED("commit* to", "it commits to", "commits to");
	CHECK_MATCHED("commit* to", "commitments\nto", "commitments\nto");
	CHECK_INT(term_match("commit* to", "commitments toward"), 0);
	CHECK_MATCHED("undertake*", "undertaken.", "undertaken");
}

static void
test_inflection(void)
{
	static const char *const protect[] = { "protect", "protects",
	    "protected", "protecting", "protection", "protections",
	    "protective", "Protection" };
	static const char *const cooperate[] = { "cooperate", "cooperates",
	    "cooperated", "cooperating", "cooperation", "cooperations",
	    "cooperative" };
	static const char *const deny[] = { "deny", "denies", "denied",
	    "denying" };
	static const char *const support[] = { "support", "supporter",
	    "supporters", "supported", "supports" };
	size_t i;

	for (i = 0; i < nitems(protect); i++)
		CHECK_MATCHED("protect~", protect[i], protect[i]);
	for (i = 0; i < nitems(cooperate); i++)
		CHECK_MATCHED("cooperate~", cooperate[i], cooperate[i]);
	for (i = 0; i < nitems(deny); i++)
		CHECK_MATCHED("deny~", deny[i], deny[i]);
	for (i = 0; i < nitems(support); i++)
		CHECK_MATCHED("support~", support[i], support[i]);
	CHECK_MATCHED("manage~", "good management", "management");
	CHECK_MATCHED("employ~", "employed", "employed");
	CHECK_MATCHED("employ~", "employment", "employment");
	/* Not in the suffix set: no match rather than a partial one. */
	CHECK_INT(term_match("protect~", "protector"), 0);
	CHECK_INT(term_match("protect~", "protectionism"), 0);
	CHECK_INT(term_match("protect~", "unprotected"), 0);
	CHECK_INT(term_match("cooperate~", "cooperatively"), 0);
	CHECK_INT(term_match("deny~", "denys"), 0);
	CHECK_INT(term_match("deny~", "denyed"), 0);
	CHECK_INT(term_match("employ~", "emploied"), 0);
	/* Inside a term, with the following words. */
	CHECK_MATCHED("protect~ data", "protecting data.", "protecting data");
	CHECK_MATCHED("protect~ data", "protection data", "protection data");
	CHECK_INT(term_match("protect~ data", "protect datas"), 1);
	CHECK_INT(term_match("data protect~", "data protections"), 1);
	CHECK_PF("protect~", "protect");
	CHECK_PF("cooperate~", "cooperat");
	CHECK_PF("deny~", "den");
	CHECK_PF("employ~", "employ");
	CHECK_PF("protect~ data", "protect\\S*[^0-9A-Za-z_]+data");
}

static void
test_gaps(void)
{
	CHECK_MATCHED("critical * infrastructure", "critical infrastructure",
	    "critical infrastructure");
	CHECK_MATCHED("critical * infrastructure",
	    "critical digital infrastructure.",
	    "critical digital infrastructure");
	CHECK_MATCHED("critical * infrastructure",
	    "critical information infrastructures",
	    "critical information infrastructures");
	CHECK_MATCHED("critical * infrastructure",
	    "critical ICT-infrastructure", "critical ICT-infrastructure");
	CHECK_INT(term_match("critical * infrastructure",
	    "critical digital energy infrastructure"), 0);
	CHECK_INT(term_match("critical * infrastructure",
	    "critical, digital infrastructure"), 0);
	CHECK_INT(term_match("critical * infrastructure",
	    "critical.  Infrastructure"), 0);
	CHECK_MATCHED("critical * * infrastructure",
	    "critical digital energy infrastructure",
	    "critical digital energy infrastructure");
	CHECK_INT(term_match("critical * * infrastructure",
	    "critical a b c infrastructure"), 0);
	CHECK_MATCHED("a * * * b", "a x y z b", "a x y z b");
	CHECK_MATCHED("protect~ * data", "protecting personal data",
	    "protecting personal data");
	CHECK_MATCHED("critical * infra*", "critical energy infrastructure",
	    "critical energy infrastructure");
	CHECK_MATCHED("critical * infrastructure",
	    "critical \xc3\xa9nergie infrastructure",
	    "critical \xc3\xa9nergie infrastructure");
	CHECK_PF("critical * infrastructure", "critical[^0-9A-Za-z_]+"
	    "(?:\\S+[^0-9A-Za-z_]+){0,1}infrastructure");
	CHECK_PF("a * * b", "a[^0-9A-Za-z_]+(?:\\S+[^0-9A-Za-z_]+){0,2}b");
}

static void
test_class_and_apostrophe(void)
{
	CHECK_INT(term_match("data locali[sz]ation", "data localisation"), 1);
	CHECK_INT(term_match("data locali[sz]ation", "Data Localizations"), 1);
	CHECK_INT(term_match("data locali[sz]ation", "data localiation"), 0);
	CHECK_INT(term_match("s[eu]bmarine cable", "submarine cable"), 1);
	CHECK_INT(term_match("s[eu]bmarine cable", "sabmarine cable"), 0);
	CHECK_INT(term_match("x[a-c]y", "xby"), 1);
	CHECK_INT(term_match("x[a-c]y", "xdy"), 0);
	/* Nothing inside a class is special but the closing bracket. */
	CHECK_INT(term_match("x[\\d]", "x\\"), 1);
	CHECK_INT(term_match("x[\\d]", "xd"), 1);
	CHECK_INT(term_match("x[\\d]", "x1"), 0);
	CHECK_INT(term_match("x[[:]", "x:"), 1);
	CHECK_INT(term_match("x[[:]", "xa"), 0);
	CHECK_INT(term_match("people's republic", "People's Republic"), 1);
	CHECK_INT(term_match("people's republic",
	    "people\xe2\x80\x99s republic"), 1);
	CHECK_INT(term_match("people\xe2\x80\x99s republic",
	    "people's republic"), 1);
	CHECK_INT(term_match("people's republic", "peoples republic"), 0);
}

static void
test_escaping(void)
{
	CHECK_INT(term_match("a.b", "a.b"), 1);
	CHECK_INT(term_match("a.b", "axb"), 0);
	CHECK_INT(term_match("a+b", "a+b"), 1);
	CHECK_INT(term_match("a+b", "aab"), 0);
	CHECK_INT(term_match("why?", "why?"), 1);
	CHECK_INT(term_match("why?", "wh"), 0);
	CHECK_INT(term_match("(a|b)", "x (a|b) y"), 1);
	CHECK_INT(term_match("(a|b)", "a"), 0);
	CHECK_INT(term_match("x{2}", "x{2}"), 1);
	CHECK_INT(term_match("x{2}", "xx"), 0);
	CHECK_INT(term_match("^a$", "^a$"), 1);
	CHECK_INT(term_match("^a$", "a"), 0);
	CHECK_INT(term_match("c++", "C++ code"), 1);
	CHECK_INT(term_match("U.S.", "the U.S. government"), 1);
	CHECK_INT(term_match("U.S.", "the UTSX government"), 0);
	CHECK_INT(term_match("a\\b", "a\\b"), 1);
	CHECK_INT(term_match("x]", "x]"), 1);
	CHECK_INT(term_match("caf\xc3\xa9", "CAF\xc3\x89"), 1);
}

static void
test_errors(void)
{
	CHECK_STR(term_error(""), "empty term");
	CHECK_STR(term_error(" \n- "), "empty term");
	CHECK_STR(term_error("*"), "a gap \"*\" must stand between two words");
	CHECK_STR(term_error("cyber *"),
	    "a gap \"*\" must stand between two words");
	CHECK_STR(term_error("* cyber"),
	    "a gap \"*\" must stand between two words");
	CHECK_STR(term_error("a * * * * b"),
	    "more than 3 gap words \"*\" in a row");
	CHECK_STR(term_error("protect~s"),
	    "\"~\" is allowed only at the end of a word");
	CHECK_STR(term_error("~"), "\"~\" must follow a word of at least "
	    "three letters ending in an ASCII letter");
	CHECK_STR(term_error("be~"), "\"~\" must follow a word of at least "
	    "three letters ending in an ASCII letter");
	CHECK_STR(term_error("locali[sz]~"), "\"~\" must follow a word of at "
	    "least three letters ending in an ASCII letter");
	CHECK_STR(term_error("caf\xc3\xa9~"), "\"~\" must follow a word of "
	    "at least three letters ending in an ASCII letter");
	CHECK_STR(term_error("*ware"), "\"*\" must follow the start of a word");
	CHECK_STR(term_error("cy*ber"), "\"*\" is allowed only at the end of a word");
	CHECK_STR(term_error("cyber**"), "\"*\" is allowed only at the end of a word");
	CHECK_STR(term_error("locali[sz"), "unclosed \"[\"");
	CHECK_STR(term_error("a[]b"), "empty character class \"[]\"");
	CHECK_STR(term_error("a[^]b"), "empty character class \"[]\"");
	CHECK_STR(term_error("a[z-a]"), "range out of order in \"[z-a]\"");
	CHECK_STR(term_error("cyber* policy"), "(no error)");
}

static void
test_prefilter(void)
{
	CHECK_PF("undersea cable", "undersea[^0-9A-Za-z_]+cable");
	CHECK_PF("undersea-cable", "undersea[^0-9A-Za-z_]+cable");
	CHECK_PF("cyber*", "cyber");
	CHECK_PF("cable", "cable");
	CHECK_PF("commit* to", "commit\\S*[^0-9A-Za-z_]+to");
	CHECK_PF("people's republic",
	    "people[^0-9A-Za-z_]+s[^0-9A-Za-z_]+republic");
	CHECK_PF("'tis", "tis");
	CHECK_PF("locali[sz]ation", "locali[sz]ation");
	CHECK_PF("U.S.", "U\\.S\\.");
	CHECK_PF("caf\xc3\xa9", "(null)");
	CHECK_PF("na[\xc3\xaf]ve", "(null)");
	CHECK_PF("[^a]bc", "(null)");
	CHECK_PF("'", "(null)");
}

static void
test_regex_prefilter(void)
{
	CHECK_RPF("\\bICPC\\b", "\\bICPC\\b");
	CHECK_RPF("\\Bfoo", "foo");
	CHECK_RPF("[\\b]x", "[\\b]x");
	CHECK_RPF("[]\\b]x", "[]\\b]x");
	CHECK_RPF("[[:alpha:]\\b]x", "[[:alpha:]\\b]x");
	CHECK_RPF("\\\\bx", "\\\\bx");
	CHECK_RPF("\\Qa\\bc\\E\\bd", "\\Qa\\bc\\E\\bd");
	CHECK_RPF("(?<n>a)b", "(?<n>a)b");
	CHECK_RPF("(?i)a(?-i:b)", "(?i)a(?-i:b)");
	CHECK_RPF("a(?=b)", "a(?=b)");
	CHECK_RPF("(a)\\1", "(null)");
	CHECK_RPF("(?<n>a)\\k<n>", "(null)");
	CHECK_RPF("(a)\\g1", "(null)");
	CHECK_RPF("(?<=a)b", "(?<=a)b");
	CHECK_RPF("(?<!a)b", "(?<!a)b");
	CHECK_RPF("(?u)a", "(null)");
	CHECK_RPF("(?|a|b)", "(null)");
	CHECK_RPF("(*UCP)a", "(null)");
	CHECK_RPF("(a)(?1)", "(null)");
	CHECK_RPF("a\\Kb", "(null)");
	CHECK_RPF("\\b", "(null)");
	CHECK_RPF("\\b?a", "(null)");
	CHECK_RPF("\\b\\B", "(null)");
	/* The unit's edges: dropped, which only widens; never quantified. */
	CHECK_RPF("cables?$", "cables?");
	CHECK_RPF("\\Asubmarine\\s+cables?\\z", "submarine\\s+cables?");
	CHECK_RPF("\\Gx\\Z", "x");
	CHECK_RPF("a[$]\\$\\Q$\\E", "a[$]\\$\\Q$\\E");
	CHECK_RPF("a$?", "(null)");
	CHECK_RPF("$", "(null)");

	CHECK_RPF("a[b", "(null)");
}

static void
test_word_edges(void)
{
	/* Open: a letter at an edge with nothing to stop a partial word. */
	CHECK_INT(regex_word_edges("restrict\\w* access"),
	    WORDEDGE_START | WORDEDGE_END);
	CHECK_INT(regex_word_edges("\\brestrict\\w* access"), WORDEDGE_END);
	CHECK_INT(regex_word_edges("\\brestrict\\w* access\\b"), 0);
	CHECK_INT(regex_word_edges("(?<!\\w)ban(?!\\w)"), 0);
	CHECK_INT(regex_word_edges("\\bfoo\\b|bar\\b"), WORDEDGE_START);
	CHECK_INT(regex_word_edges("\\b(?:foo|bar)\\b"), 0);
	CHECK_INT(regex_word_edges("(?:\\bfoo|bar)\\b"), WORDEDGE_START);
	CHECK_INT(regex_word_edges("(?i)\\bfoo\\b"), 0);
	CHECK_INT(regex_word_edges("(?i:\\bfoo)x"), WORDEDGE_END);
	CHECK_INT(regex_word_edges("[a-z]+ law\\b"), WORDEDGE_START);
	CHECK_INT(regex_word_edges("[^.;]{0,5}\\bx\\b"), WORDEDGE_START);
	CHECK_INT(regex_word_edges(".x\\b"), WORDEDGE_START);
	CHECK_INT(regex_word_edges("\\p{L}+\\b"), WORDEDGE_START);
	/* A greedy \w run takes the rest of the word: that edge is one. */
	CHECK_INT(regex_word_edges("\\bprohibit\\w*"), 0);
	CHECK_INT(regex_word_edges("\\w+ing\\b"), 0);
	CHECK_INT(regex_word_edges("\\w*ban\\b"), 0);
	CHECK_INT(regex_word_edges("\\bban\\w*?"), WORDEDGE_END);
	/* An optional first atom leaves the next one at the edge. */
	CHECK_INT(regex_word_edges("(?:the )?\\bstate\\b"), WORDEDGE_START);
	CHECK_INT(regex_word_edges("(?:\\bthe )?\\bstate\\b"), 0);
	CHECK_INT(regex_word_edges("(?:\\bthe )?state\\b"), WORDEDGE_START);
	CHECK_INT(regex_word_edges("x?\\bstate\\b"), WORDEDGE_START);
	/* Closed: not a letter at the edge. */
	CHECK_INT(regex_word_edges("\\d+ percent\\b"), 0);
	CHECK_INT(regex_word_edges(" ban\\b"), 0);
	CHECK_INT(regex_word_edges("\\.gov\\b"), 0);
	CHECK_INT(regex_word_edges("^ban$"), 0);
	CHECK_INT(regex_word_edges("\\Q.x\\E\\b"), 0);
	/* A quoted run is one atom, a letter if it starts with one. */
	CHECK_INT(regex_word_edges("\\Qx.\\E"), WORDEDGE_START | WORDEDGE_END);
	CHECK_INT(regex_word_edges("(?<n>\\bx\\b)"), 0);
	CHECK_INT(regex_word_edges("(?'n'\\bx\\b)"), 0);
	CHECK_INT(regex_word_edges("(?P<n>\\bx\\b)"), 0);
	/* Unreadable: counted as open. */
	CHECK_INT(regex_word_edges("(?<nx)"), WORDEDGE_START | WORDEDGE_END);
	CHECK_INT(regex_word_edges("(foo"), WORDEDGE_START | WORDEDGE_END);
}

int
main(void)
{
	test_case_and_words();
	test_separators();
	test_plural();
	test_wildcard();
	test_inflection();
	test_gaps();
	test_class_and_apostrophe();
	test_escaping();
	test_errors();
	test_prefilter();
	test_regex_prefilter();
	test_word_edges();
	return CHECK_DONE();
}
