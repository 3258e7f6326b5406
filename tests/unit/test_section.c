/*
 * test_section.c -- heading paths: levels from Markdown marks, numbering
 * and neighbours; the path found for an offset before, at and after
 * headings.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doctext.h"
#include "section.h"
#include "util.h"

/* The path at the first occurrence of needle in text.  The headings are
   the lines that start with '#' or a digit, or end in ':'. */
static const char *
path_at(struct section_paths **sp, const char *text, const char *needle)
{
	struct doctext *dt;
	const char *p, *nl;
	size_t off;

	dt = doctext_new(xstrdup(text), strlen(text));
	for (p = text; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		if (*p == '#' || (*p >= '0' && *p <= '9') ||
		    (nl > p && nl[-1] == ':'))
			doctext_add_heading(dt, (size_t)(p - text));
	section_paths_free(*sp);
	*sp = section_paths_new(dt);
	off = (size_t)(strstr(text, needle) - text);
	doctext_free(dt);
	return section_path_at(*sp, off);
}

static void
test_numbered(void)
{
	struct section_paths *sp = NULL;
	const char *t =
	    "Preamble text.\n"
	    "1 Introduction\nIntro text.\n"
	    "2 Strategic objectives\nGoals text.\n"
	    "2.3 International cooperation\nCoop text.\n"
	    "Ransomware:\nRansom text.\n"
	    "Phishing:\nPhish text.\n"
	    "3. Funding\nMoney text.\n";

	CHECK(path_at(&sp, t, "Preamble") == NULL);
	CHECK_STR(path_at(&sp, t, "Intro text"), "1 Introduction");
	CHECK_STR(path_at(&sp, t, "Goals text"), "2 Strategic objectives");
	CHECK_STR(path_at(&sp, t, "Coop text"),
	    "2 Strategic objectives > 2.3 International cooperation");
	CHECK_STR(path_at(&sp, t, "Ransom text"), "2 Strategic objectives > "
	    "2.3 International cooperation > Ransomware:");
	CHECK_STR(path_at(&sp, t, "Phish text"), "2 Strategic objectives > "
	    "2.3 International cooperation > Phishing:");
	CHECK_STR(path_at(&sp, t, "Money text"), "3. Funding");
	/* The heading line itself belongs to its own section. */
	CHECK_STR(path_at(&sp, t, "International cooperation"),
	    "2 Strategic objectives > 2.3 International cooperation");
	section_paths_free(sp);
}

static void
test_markdown(void)
{
	struct section_paths *sp = NULL;
	const char *t =
	    "# Strategy #\nTop.\n"
	    "## Goals\nGoal text.\n"
	    "### 4.1.2 Deep\nDeep text.\n"
	    "## Means\nMeans text.\n";

	CHECK_STR(path_at(&sp, t, "Top."), "Strategy");
	CHECK_STR(path_at(&sp, t, "Goal text"), "Strategy > Goals");
	CHECK_STR(path_at(&sp, t, "Deep text"),
	    "Strategy > Goals > 4.1.2 Deep");
	CHECK_STR(path_at(&sp, t, "Means text"), "Strategy > Means");
	section_paths_free(sp);
}

static void
test_none(void)
{
	struct doctext *dt = doctext_new(xstrdup("No headings."), 12);

	CHECK(section_paths_new(dt) == NULL);
	CHECK(section_path_at(NULL, 3) == NULL);
	section_paths_free(NULL);
	doctext_free(dt);
}

int
main(void)
{
	test_numbered();
	test_markdown();
	test_none();
	return CHECK_DONE();
}
