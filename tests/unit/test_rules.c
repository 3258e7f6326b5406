/*
 * test_rules.c -- the rule loader: the tree, defaults and indexes built from
 * a small ruleset; files combined; every error message, with its line, for
 * the bad rule files in fixtures/rules-bad and for checks the schema cannot
 * make.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "compile.h"
#include "embedded.h"
#include "fileio.h"
#include "patsrc.h"
#include "prefilter.h"
#include "rules.h"
#include "util.h"

static const char small[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<ruleset id=\"t\" version=\"1.0\" title=\"Test\" source=\"Us\">\n"
"  <description>A test.</description>\n"
"  <modality>\n"
"    <binding><term>shall</term><term>commit* to</term></binding>\n"
"    <hortatory><term>may</term></hortatory>\n"
"  </modality>\n"
"  <area id=\"P\" kind=\"principle\" title=\"Principles\">\n"
"    <objective id=\"P.1\" title=\"Rights\" working-title=\"yes\">\n"
"      <rule id=\"P.1.rights\" title=\"Rights\">\n"		/* 10 */
"        <description>Human\n   rights.</description>\n"
"        <term>human rights</term>\n"
"        <example hit=\"yes\">Human rights matter.</example>\n"
"        <example hit=\"no\">Human resources.</example>\n"	/* 15 */
"      </rule>\n"
"    </objective>\n"
"  </area>\n"
"  <area id=\"AA1\" kind=\"action-area\" title=\"Build\">\n"
"    <objective id=\"AA1.3\" title=\"Cables\" min-rules=\"3\">\n"
"      <description>Undersea cables.</description>\n"
"      <rule id=\"AA1.3.cable\" title=\"Cables\">\n"
"        <description>Cables.</description>\n"
"        <term>undersea cable</term>\n"
"        <regex case=\"sensitive\">\\bICPC\\b</regex>\n"	/* 25 */
"        <all scope=\"paragraph\"><term>cable</term>"
"<regex>landing\\s+station</regex></all>\n"
"        <unless><term>not a priority</term></unless>\n"
"        <example hit=\"yes\">Undersea cables.</example>\n"
"        <example hit=\"no\">Cable TV.</example>\n"
"      </rule>\n"						/* 30 */
"      <rule id=\"AA1.3.cut\" title=\"Cuts\" kind=\"conflict\">\n"
"        <description>Cuts.</description>\n"
"        <unless scope=\"paragraph\"><term>condemn*</term></unless>\n"
"        <term>cut the cable</term>\n"
"        <example hit=\"yes\">We cut the cable.</example>\n"	/* 35 */
"        <example hit=\"no\">We lay the cable.</example>\n"
"      </rule>\n"
"      <rule id=\"AA1.3.soft\" title=\"Soft\" kind=\"conflict\""
" severity=\"warning\">\n"
"        <description>Soft.</description>\n"
"        <term>soft</term>\n"					/* 40 */
"        <example hit=\"yes\">soft</example>\n"
"        <example hit=\"no\">hard</example>\n"
"      </rule>\n"
"    </objective>\n"
"  </area>\n"							/* 45 */
"</ruleset>\n";

/* A second file: re-opens AA1 and AA1.3, adds a rule and an objective. */
static const char extra[] =
"<?xml version=\"1.0\"?>\n"
"<ruleset id=\"x\" version=\"2\" title=\"Extra\">\n"
"  <modality><hortatory><term>should</term></hortatory></modality>\n"
"  <area id=\"AA1\" kind=\"action-area\">\n"
"    <objective id=\"AA1.3\">\n"				/* 5 */
"      <rule id=\"AA1.3.repair\" title=\"Repair\">\n"
"        <description>Repair ships.</description>\n"
"        <term>cable repair ship</term>\n"
"        <example hit=\"yes\">Cable repair ships.</example>\n"
"        <example hit=\"no\">Ships.</example>\n"		/* 10 */
"      </rule>\n"
"    </objective>\n"
"    <objective id=\"AA1.4\" title=\"More\">\n"
"      <rule id=\"AA1.4.more\" title=\"More\">\n"
"        <description>More.</description>\n"			/* 15 */
"        <term>more</term>\n"
"        <example hit=\"yes\">more</example>\n"
"        <example hit=\"no\">less</example>\n"
"      </rule>\n"
"    </objective>\n"						/* 20 */
"  </area>\n"
"</ruleset>\n";

static struct ruleset *
load_strings(const char *a, const char *b, struct errlist *el)
{
	struct rule_source src[2];

	src[0].name = "a.xml";
	src[0].data = a;
	src[0].len = strlen(a);
	src[1].name = "b.xml";
	src[1].data = b;
	src[1].len = b != NULL ? strlen(b) : 0;
	return rules_load_sources(src, b != NULL ? 2 : 1, el);
}

static void
test_tree(const struct ruleset *rs)
{
	const struct area *p = &rs->areas[0], *aa = &rs->areas[1];
	const struct objective *o;

	CHECK_STR(rs->id, "t");
	CHECK_STR(rs->title, "Test");
	CHECK_STR(rs->version, "1.0");
	CHECK_STR(rs->source, "Us");
	CHECK_INT(rs->nareas, 2);
	CHECK_STR(p->id, "P");
	CHECK_INT(p->kind, AREA_PRINCIPLE);
	CHECK_STR(p->title, "Principles");
	CHECK_INT(p->line, 8);
	CHECK_INT(aa->kind, AREA_ACTION);
	o = &p->objectives[0];
	CHECK_INT(o->min_rules, 2);
	CHECK_INT(o->working_title, 1);
	CHECK(o->description == NULL);
	CHECK_STR(o->rules[0].description, "Human rights.");
	CHECK(o->area == p);
	o = &aa->objectives[0];
	CHECK_STR(o->id, "AA1.3");
	CHECK_INT(o->min_rules, 3);
	CHECK_INT(o->working_title, 0);
	CHECK_STR(o->description, "Undersea cables.");
	CHECK_INT(o->nrules, 3);
	CHECK_INT(rs->binding.n, 2);
	CHECK_INT(rs->hortatory.n, 1);
	CHECK_STR(rs->binding.v[1].source, "commit* to");
	CHECK_INT(rs->binding.v[1].line, 5);
}

static void
test_tree_rules(const struct objective *o)
{
	const struct rule *r;

	r = &o->rules[0];
	CHECK_STR(r->id, "AA1.3.cable");
	CHECK_STR(r->file, "a.xml");
	CHECK_INT(r->line, 22);
	CHECK_INT(r->kind, RULE_SUPPORT);
	CHECK_INT(r->severity, SEVERITY_WARNING);
	CHECK(r->objective == o);
	CHECK_INT(r->pats.n, 2);
	CHECK_INT(r->pats.v[0].is_term, 1);
	CHECK_STR(r->pats.v[0].source, "undersea cable");
	CHECK_STR(r->pats.v[0].prefilter, "undersea[^0-9A-Za-z_]+cable");
	CHECK(strstr(r->pats.v[0].regex, "undersea") != NULL);
	CHECK_INT(r->pats.v[0].line, 24);
	CHECK_INT(r->pats.v[0].case_sensitive, 0);
	CHECK_INT(r->pats.v[1].is_term, 0);
	CHECK_INT(r->pats.v[1].case_sensitive, 1);
	CHECK_STR(r->pats.v[1].regex, "\\bICPC\\b");
	CHECK_STR(r->pats.v[1].prefilter, "\\bICPC\\b");
	CHECK_INT(r->ngroups, 1);
	CHECK_INT(r->groups[0].scope, SCOPE_PARAGRAPH);
	CHECK_INT(r->groups[0].pats.n, 2);
	CHECK_INT(r->groups[0].line, 26);
	CHECK_INT(r->nunless, 1);
	CHECK_INT(r->unless[0].scope, SCOPE_SENTENCE);
	CHECK_INT(r->nexamples, 2);
	CHECK_INT(r->examples[0].hit, 1);
	CHECK_STR(r->examples[0].text, "Undersea cables.");
	CHECK_INT(r->examples[1].hit, 0);
	CHECK_INT(r->examples[1].line, 29);
	r = &o->rules[1];
	CHECK_INT(r->kind, RULE_CONFLICT);
	CHECK_INT(r->severity, SEVERITY_ERROR);
	CHECK_INT(r->unless[0].scope, SCOPE_PARAGRAPH);
	CHECK_INT(r->pats.n, 1);
	r = &o->rules[2];
	CHECK_INT(r->kind, RULE_CONFLICT);
	CHECK_INT(r->severity, SEVERITY_WARNING);
}

static void
test_indexes(const struct ruleset *rs)
{
	size_t i;

	CHECK_INT(rs->nobjectives, 2);
	CHECK_INT(rs->nrules, 4);
	/* 1 + (2 + 2 + 1) + (1 + 1) + 1 rule patterns, 3 modality. */
	CHECK_INT(rs->npatterns, 12);
	for (i = 0; i < rs->nrules; i++)
		CHECK_INT(rs->rules[i]->index, i);
	for (i = 0; i < rs->nobjectives; i++)
		CHECK_INT(rs->objectives[i]->index, i);
	for (i = 0; i < rs->npatterns; i++)
		CHECK_INT(rs->patterns[i]->index, i);
	CHECK_STR(rs->rules[0]->id, "P.1.rights");
	CHECK_STR(rs->rules[3]->id, "AA1.3.soft");
	CHECK(rs->patterns[rs->npatterns - 1] == &rs->hortatory.v[0]);
	CHECK(ruleset_find_rule(rs, "AA1.3.cut") == rs->rules[2]);
	CHECK(ruleset_find_rule(rs, "AA1.3") == NULL);
	CHECK(ruleset_find_objective(rs, "AA1.3") == rs->objectives[1]);
	CHECK(ruleset_find_area(rs, "P") == &rs->areas[0]);
	CHECK(ruleset_find_area(rs, "Q") == NULL);
}

static void
test_load(void)
{
	struct errlist el = { 0 };
	struct ruleset *rs;
	char sha[65];

	rs = load_strings(small, NULL, &el);
	CHECK(rs != NULL);
	CHECK_INT(el.n, 0);
	errlist_print(&el, "unexpected: ");
	if (rs == NULL)
		return;
	test_tree(rs);
	test_tree_rules(&rs->areas[1].objectives[0]);
	test_indexes(rs);
	sha256_hex(small, strlen(small), sha);
	CHECK_STR(rs->sha256, sha);
	CHECK_INT(rs->nfiles, 1);
	CHECK_STR(rs->files[0], "a.xml");
	ruleset_free(rs);
	errlist_free(&el);
}

static void
test_combine(void)
{
	struct errlist el = { 0 };
	struct ruleset *rs;
	const struct objective *o;
	char *both, sha[65];

	rs = load_strings(small, extra, &el);
	CHECK(rs != NULL);
	errlist_print(&el, "unexpected: ");
	if (rs == NULL)
		return;
	CHECK_STR(rs->id, "t");
	CHECK_INT(rs->nareas, 2);
	CHECK_INT(rs->areas[1].nobjectives, 2);
	o = ruleset_find_objective(rs, "AA1.3");
	CHECK_INT(o->nrules, 4);
	CHECK_STR(o->title, "Cables");
	CHECK_INT(o->min_rules, 3);
	CHECK_STR(o->rules[3].id, "AA1.3.repair");
	CHECK_STR(o->rules[3].file, "b.xml");
	CHECK_INT(o->rules[3].line, 6);
	CHECK_STR(ruleset_find_objective(rs, "AA1.4")->area->id, "AA1");
	CHECK_INT(rs->nrules, 6);
	CHECK_INT(rs->nobjectives, 3);
	CHECK_INT(rs->hortatory.n, 2);
	CHECK_INT(rs->nfiles, 2);
	both = xasprintf("%s%s", small, extra);
	sha256_hex(both, strlen(both), sha);
	CHECK_STR(rs->sha256, sha);
	free(both);
	ruleset_free(rs);
	errlist_free(&el);
}

/* Load one or two strings; expect NULL and exactly the messages given. */
static void
expect_errors(int line, const char *a, const char *b, const char *const *want,
    size_t nwant)
{
	struct errlist el = { 0 };
	struct ruleset *rs;
	size_t i;

	rs = load_strings(a, b, &el);
	CHECK(rs == NULL);
	ruleset_free(rs);
	if (el.n != nwant)
		fprintf(stderr, "line %d: %zu errors, want %zu\n", line, el.n,
		    nwant);
	CHECK_INT(el.n, nwant);
	for (i = 0; i < el.n && i < nwant; i++)
		CHECK_STR(el.v[i], want[i]);
	errlist_free(&el);
}

#define EXPECT(a, b, ...) do {						\
	static const char *const want_[] = { __VA_ARGS__ };		\
	expect_errors(__LINE__, (a), (b), want_, nitems(want_));	\
} while (0)

/* A one-rule ruleset whose parts each test replaces. */
static char *
doc(const char *area, const char *obj, const char *rule, const char *body)
{
	return xasprintf("<?xml version=\"1.0\"?>\n"
	    "<ruleset id=\"r\" version=\"1\" title=\"T\">\n"
	    "<area %s>\n"
	    "<objective %s>\n"
	    "<rule %s>\n"
	    "<description>d</description>\n"
	    "%s\n"
	    "</rule></objective></area></ruleset>\n", area, obj, rule, body);
}

#define AREA	"id=\"A\" kind=\"action-area\" title=\"Area\""
#define OBJ	"id=\"A.1\" title=\"Obj\""
#define RULE	"id=\"A.1.x\" title=\"X\""
#define BODY	"<term>x</term><example hit=\"yes\">x</example>" \
		"<example hit=\"no\">y</example>"

/*
 * A later file disables and replaces what an earlier one defined, by id in
 * any case; the ruleset notes each change; the finders ignore case.
 */
static void
test_overrides(void)
{
	struct errlist el = { 0 };
	struct ruleset *rs;
	char *d1, *d2;

	d1 = doc(AREA, OBJ, RULE, BODY);
	d2 = xasprintf("<?xml version=\"1.0\"?>\n"
	    "<ruleset id=\"s\" version=\"2\" title=\"S\">\n"
	    "<disable ref=\"a.1.X\"/>\n"
	    "<area id=\"a\" kind=\"action-area\">\n"
	    "<objective id=\"A.1\" title=\"New\" replace=\"yes\">\n"
	    "<rule id=\"a.1.z\" title=\"Z\"><description>d</description>%s"
	    "</rule></objective></area></ruleset>\n", BODY);
	rs = load_strings(d1, d2, &el);
	CHECK(rs != NULL);
	CHECK_INT(el.n, 0);
	if (rs != NULL) {
		CHECK_STR(rs->id, "r");
		CHECK_INT(rs->noverrides, 2);
		CHECK_INT(rs->overrides[0].kind, OVERRIDE_DISABLED);
		CHECK_STR(rs->overrides[0].id, "A.1.x");
		CHECK_STR(rs->overrides[0].file, "b.xml");
		CHECK_INT(rs->overrides[0].line, 3);
		CHECK_INT(rs->overrides[1].kind, OVERRIDE_REPLACED);
		CHECK_STR(rs->overrides[1].id, "A.1");
		CHECK_INT(rs->nrules, 1);
		CHECK_STR(rs->rules[0]->id, "a.1.z");
		CHECK_STR(rs->objectives[0]->title, "New");
		CHECK(ruleset_find_rule(rs, "A.1.Z") == rs->rules[0]);
		CHECK(ruleset_find_objective(rs, "a.1") == rs->objectives[0]);
		CHECK(ruleset_find_area(rs, "a") == &rs->areas[0]);
		CHECK(ruleset_find_rule(rs, "A.1.x") == NULL);
	}
	ruleset_free(rs);
	errlist_free(&el);
	free(d2);
	/* Each must name something defined before. */
	d2 = xasprintf("<?xml version=\"1.0\"?>\n"
	    "<ruleset id=\"s\" version=\"2\" title=\"S\">\n"
	    "<disable ref=\"A.9\"/></ruleset>\n");
	EXPECT(d1, d2, "b.xml:3: disable: no rule, objective or area \"A.9\" "
	    "is defined before this");
	free(d2);
	d2 = doc(AREA, "id=\"A.1\"", "id=\"A.1.y\" title=\"Y\" replace=\"yes\"",
	    BODY);
	EXPECT(d1, d2, "b.xml:5: rule A.1.y: replace=\"yes\" but objective A.1 "
	    "has no such rule to replace");
	free(d2);
	/* extends="builtin" only in the first file. */
	d2 = xasprintf("<?xml version=\"1.0\"?>\n"
	    "<ruleset id=\"s\" version=\"2\" title=\"S\" "
	    "extends=\"builtin\"/>\n");
	EXPECT(d1, d2, "b.xml:2: extends=\"builtin\" must be in the first "
	    "rule file given");
	free(d2);
	free(d1);
}

/* extends="builtin": the built-in rules first, under their own id. */
static void
test_extends(void)
{
	struct errlist el = { 0 };
	struct ruleset *rs, *def;
	const char *d = "<?xml version=\"1.0\"?>\n"
	    "<ruleset id=\"mine\" version=\"1\" title=\"M\" "
	    "extends=\"builtin\"><disable ref=\"aa3.5\"/></ruleset>\n";

	rs = load_strings(d, NULL, &el);
	def = rules_load_default(&el);
	CHECK(rs != NULL && def != NULL);
	CHECK_INT(el.n, 0);
	if (rs != NULL && def != NULL) {
		CHECK_STR(rs->id, def->id);
		CHECK(rs->extends);
		CHECK_INT(rs->nobjectives + 1, def->nobjectives);
		CHECK(ruleset_find_objective(rs, "AA3.5") == NULL);
		CHECK(strcmp(rs->sha256, def->sha256) != 0);
	}
	ruleset_free(rs);
	ruleset_free(def);
	errlist_free(&el);
}

static void
test_checks(void)
{
	char *d1;

	d1 = doc(AREA, OBJ, "id=\"A.2.x\" title=\"X\"", BODY);
	EXPECT(d1, NULL, "a.xml:5: rule A.2.x: id must start with its "
	    "objective id \"A.1.\"");
	free(d1);
	d1 = doc(AREA, OBJ, "id=\"A.1\" title=\"X\"", BODY);
	EXPECT(d1, NULL, "a.xml:5: rule A.1: id must start with its "
	    "objective id \"A.1.\"");
	free(d1);
	d1 = doc("id=\"A\" kind=\"principle\"", "id=\"A.1\"", RULE, BODY);
	EXPECT(d1, NULL, "a.xml:3: area A: title missing on its first "
	    "definition", "a.xml:4: objective A.1: title missing on its "
	    "first definition");
	free(d1);
	d1 = doc(AREA, "id=\"A.1\" title=\"O\" min-rules=\"two\"", RULE, BODY);
	EXPECT(d1, NULL, "a.xml:4: objective A.1: min-rules must be a "
	    "positive integer, not \"two\"");
	free(d1);
	d1 = doc(AREA, "id=\"A.1\" title=\"O\" min-rules=\"-1\"", RULE, BODY);
	EXPECT(d1, NULL, "a.xml:4: objective A.1: min-rules must be a "
	    "positive integer, not \"-1\"");
	free(d1);
	d1 = doc(AREA, OBJ, RULE, "<regex> </regex>"
	    "<example hit=\"yes\">x</example><example hit=\"no\">y</example>");
	EXPECT(d1, NULL, "a.xml:7: rule A.1.x: empty regex");
	free(d1);
	d1 = doc(AREA, OBJ, RULE, "<term>*</term>"
	    "<example hit=\"yes\">x</example><example hit=\"no\">y</example>");
	EXPECT(d1, NULL, "a.xml:7: rule A.1.x: bad term \"*\": a gap \"*\" "
	    "must stand between two words");
	free(d1);
	d1 = doc(AREA, OBJ, RULE, "<term>x</term><example hit=\"no\">y"
	    "</example>");
	EXPECT(d1, NULL, "a.xml:5: rule A.1.x: needs at least one example "
	    "with hit=\"yes\" and one with hit=\"no\"");
	free(d1);
	d1 = doc(AREA, OBJ, RULE, "<term>x</term>");
	EXPECT(d1, NULL, "a.xml:5: rule A.1.x: needs at least one example "
	    "with hit=\"yes\" and one with hit=\"no\"");
	free(d1);
}

/* Checks across files: the second one re-opens what the first defined. */
static void
test_checks_combined(void)
{
	char *d1, *d2;

	d1 = doc(AREA, OBJ, RULE, BODY);
	d2 = doc("id=\"A\" kind=\"principle\"", "id=\"A.2\" title=\"O\"",
	    "id=\"A.2.x\" title=\"X\"", BODY);
	EXPECT(d1, d2, "b.xml:3: area A: kind principle differs from "
	    "action-area given at a.xml:3");
	free(d2);
	d2 = doc(AREA, "id=\"A.1\"", RULE, BODY);
	EXPECT(d1, d2, "b.xml:5: rule A.1.x: already defined at a.xml:5 "
	    "(replace=\"yes\" replaces it)");
	free(d2);
	d2 = doc("id=\"B\" kind=\"action-area\" title=\"B\"", OBJ,
	    "id=\"A.1.y\" title=\"Y\"", BODY);
	EXPECT(d1, d2, "b.xml:4: objective A.1: already defined in area A "
	    "at a.xml:4");
	free(d2);
	d2 = doc("id=\"A\" kind=\"action-area\" title=\"Other\"", "id=\"A.1\"",
	    "id=\"A.1.y\" title=\"Y\"", BODY);
	EXPECT(d1, d2, "b.xml:3: area A: title differs from the one given at "
	    "a.xml:3");
	free(d2);
	free(d1);
}

/* A vocabulary in one file used by a rule of another, before and after
   its definition; concepts inside vocabularies and in the modality and
   stance lists. */
static void
test_vocabularies(void)
{
	struct errlist el = { 0 };
	struct ruleset *rs;
	const struct pattern *p;
	char *d1, *d2;

	d1 = doc(AREA, OBJ, RULE, "<concept ref=\"cables\"/>"
	    "<near within=\"5\" scope=\"clause\"><concept ref=\"cables\"/>"
	    "<term>cut</term></near>"
	    "<example hit=\"yes\">x</example><example hit=\"no\">y</example>");
	d2 = xstrdup("<?xml version=\"1.0\"?>\n"
	    "<ruleset id=\"v\" version=\"1\" title=\"V\">\n"
	    "<modality><binding><concept ref=\"musts\"/></binding></modality>\n"
	    "<stance><rejection><concept ref=\"musts\"/></rejection></stance>\n"
	    "<vocabulary id=\"cables\"><term>cable</term>"
	    "<regex case=\"sensitive\">\\bICPC\\b</regex>"
	    "<concept ref=\"musts\"/></vocabulary>\n"
	    "<vocabulary id=\"musts\"><term>must</term></vocabulary>\n"
	    "</ruleset>\n");
	rs = load_strings(d1, d2, &el);
	errlist_print(&el, "vocabularies");
	CHECK(rs != NULL);
	if (rs == NULL)
		goto out;
	CHECK_INT(rs->nvocabularies, 2);
	p = &rs->rules[0]->pats.v[0];
	CHECK_INT(p->is_concept, 1);
	CHECK_STR(p->source, "cables");
	CHECK_INT(p->case_sensitive, 0);
	CHECK_INT(p->is_term, 0);
	CHECK_STR(p->regex, "(?:(?i:(?<![\\p{L}\\p{M}\\p{N}_])cable(?:e?s)?"
	    "(?![\\p{L}\\p{M}\\p{N}_]))|(?-i:\\bICPC\\b)|(?i:(?:(?i:"
	    "(?<![\\p{L}\\p{M}\\p{N}_])must(?:e?s)?"
	    "(?![\\p{L}\\p{M}\\p{N}_])))))");
	CHECK_STR(p->prefilter, "(?:cable)|(?:\\bICPC\\b)|(?:(?:must))");
	CHECK_INT(rs->rules[0]->ngroups, 1);
	CHECK_INT(rs->rules[0]->groups[0].near, 1);
	CHECK_INT(rs->rules[0]->groups[0].within, 5);
	CHECK_INT(rs->rules[0]->groups[0].scope, SCOPE_CLAUSE);
	CHECK_STR(rs->rules[0]->groups[0].pats.v[0].regex, p->regex);
	CHECK_INT(rs->binding.n, 1);
	CHECK_INT(rs->binding.v[0].is_term, 1);
	CHECK_STR(rs->binding.v[0].prefilter, "(?:must)");
	CHECK_INT(rs->rejection.n, 1);
	CHECK_INT(rs->vocabularies[1].uses, 3);
	/* Stance cues are patterns of the flat index, after modality. */
	CHECK(rs->patterns[rs->npatterns - 1] == &rs->rejection.v[0]);
out:
	ruleset_free(rs);
	errlist_free(&el);
	free(d1);
	free(d2);
}

static const char *
srcdir(void)
{
	const char *s = getenv("top_srcdir");

	return s != NULL ? s : ".";
}

/* want with each "@" replaced by path. */
static char *
expand(const char *want, const char *path)
{
	struct strbuf sb = { 0 };

	for (; *want != '\0'; want++) {
		if (*want == '@')
			strbuf_adds(&sb, path);
		else
			strbuf_addc(&sb, *want);
	}
	return strbuf_take(&sb);
}

/* Load fixtures/rules-bad/NAME; expect exactly the messages given, each
   after "PATH:", with "@" standing for PATH. */
static void
expect_file_errors(const char *name, const char *const *want, size_t nwant)
{
	struct errlist el = { 0 };
	struct ruleset *rs;
	char *path, *full;
	const char *paths[1];
	size_t i;

	path = xasprintf("%s/fixtures/rules-bad/%s", srcdir(), name);
	paths[0] = path;
	rs = rules_load_paths(paths, 1, &el);
	CHECK(rs == NULL);
	ruleset_free(rs);
	if (el.n != nwant)
		errlist_print(&el, name);
	CHECK_INT(el.n, nwant);
	for (i = 0; i < el.n && i < nwant; i++) {
		full = expand(want[i], path);
		CHECK_STR(el.v[i], full);
		free(full);
	}
	free(path);
	errlist_free(&el);
}

#define EXPECT_FILE(name, ...) do {					\
	static const char *const want_[] = { __VA_ARGS__ };		\
	expect_file_errors((name), want_, nitems(want_));		\
} while (0)

static void
test_bad_files(void)
{
	struct errlist el = { 0 };
	struct ruleset *rs;
	const char *paths[1];
	char *path;

	EXPECT_FILE("malformed.xml",
	    "@:6: Opening and ending tag mismatch: objective line 5 and area",
	    "@:7: Opening and ending tag mismatch: area line 4 and ruleset",
	    "@:8: Premature end of data in tag ruleset line 3");
	EXPECT_FILE("schema.xml",
	    "@:6: Invalid attribute weight for element rule");
	EXPECT_FILE("dupid.xml",
	    "@:12: rule A.1.cable: already defined at @:6 (replace=\"yes\" "
	    "replaces it)");
	EXPECT_FILE("badterm.xml",
	    "@:8: rule A.1.cyber: bad term \"cy*ber\": \"*\" is allowed only "
	    "at the end of a word",
	    "@:9: rule A.1.cyber: bad term \"locali[sz\": unclosed \"[\"");
	EXPECT_FILE("noexample.xml", "@:6: rule A.1.cable: needs at least one "
	    "example with hit=\"yes\" and one with hit=\"no\"");
	EXPECT_FILE("vocab-unknown.xml",
	    "@:9: concept \"cabels\": no such vocabulary");
	EXPECT_FILE("vocab-dup.xml",
	    "@:5: vocabulary cables: already defined at @:4");
	EXPECT_FILE("vocab-cycle.xml",
	    "@:10: concept \"cables\": reference cycle back to vocabulary "
	    "cables");
	EXPECT_FILE("vocab-empty.xml",
	    "@:4: vocabulary cables: has no term, regex or concept");
	EXPECT_FILE("vocab-regex.xml",
	    "@:6: vocabulary cables: regex error at offset 6: missing closing "
	    "parenthesis");
	EXPECT_FILE("vocab-backref.xml",
	    "@:6: vocabulary cables: a regex part may not refer to a group "
	    "(back reference or recursion)");
	EXPECT_FILE("bad-within.xml",
	    "@:9: rule A.1.cable: within must be a number of words from 1 to "
	    "10000, not \"ten\"");
	EXPECT_FILE("entity.xml",
	    "@:2: DOCTYPE declarations are not allowed in rule files");
	EXPECT_FILE("xxe.xml",
	    "@:2: DOCTYPE declarations are not allowed in rule files");

	/* A bad regex is compile.c's to report: it loads. */
	path = xasprintf("%s/fixtures/rules-bad/badregex.xml", srcdir());
	paths[0] = path;
	rs = rules_load_paths(paths, 1, &el);
	CHECK(rs != NULL);
	CHECK_INT(el.n, 0);
	if (rs != NULL)
		CHECK_STR(rs->patterns[0]->regex, "foo(");
	ruleset_free(rs);
	free(path);
	errlist_free(&el);
}

/*
 * Every construct of the rule language goes through the one-pass
 * prefilter: each pattern of fixtures/rules-lang/language.xml, concepts,
 * "~" and gap terms and stance cues included, has a source Hyperscan
 * takes.
 */
static void
test_language_prefilter(void)
{
	struct errlist el = { 0 };
	struct ruleset *rs;
	struct prefilter *pf;
	struct prefilter_info info;
	const struct pattern *p, *owner;
	const char *paths[1];
	char *path, *notice = NULL;
	size_t i, uses;

	path = xasprintf("%s/fixtures/rules-lang/language.xml", srcdir());
	paths[0] = path;
	rs = rules_load_paths(paths, 1, &el);
	CHECK(rs != NULL);
	if (rs == NULL || compile_ruleset(rs, COMPILE_ALL, &el) != 0) {
		errlist_print(&el, "language.xml");
		goto out;
	}
	for (i = 0; i < rs->npatterns; i++)
		if (rs->patterns[i]->prefilter == NULL)
			fprintf(stderr, "%s:%d: no prefilter source\n",
			    rs->patterns[i]->file, rs->patterns[i]->line);
	CHECK_INT(rs->attribution.n + rs->rejection.n + rs->threat.n, 9);
	/* The two uses of "musts" share one compiled code; one owns it. */
	owner = NULL;
	for (i = 0, uses = 0; i < rs->npatterns; i++) {
		p = rs->patterns[i];
		if (!p->is_concept || strcmp(p->source, "musts") != 0)
			continue;
		uses++;
		if (owner == NULL) {
			CHECK(!p->shared_code);
			owner = p;
		} else {
			CHECK(p->shared_code);
			CHECK(p->matcher == owner->matcher);
		}
	}
	CHECK_INT(uses, 2);
#ifdef HAVE_HYPERSCAN
	pf = prefilter_build(rs, "", &notice);
	CHECK(pf != NULL);
	if (pf != NULL) {
		prefilter_get_info(pf, &info);
		CHECK_INT(info.covered, rs->npatterns);
		CHECK_INT(info.dropped, 0);
		for (i = 0; i < rs->npatterns; i++)
			CHECK(prefilter_covers(pf, (unsigned)i));
	}
	prefilter_free(pf);
#else
	(void)pf;
	(void)info;
#endif
	free(notice);
out:
	ruleset_free(rs);
	errlist_free(&el);
	free(path);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f;

	if ((f = fopen(path, "w")) == NULL)
		fatal("%s: cannot create", path);
	fputs(text, f);
	fclose(f);
}

static void
test_paths(void)
{
	struct errlist el = { 0 };
	struct ruleset *rs;
	char tmpl[] = "/tmp/test_rules.XXXXXX", *dir, *a, *b, *t, *sub;
	const char *paths[2];

	if ((dir = mkdtemp(tmpl)) == NULL)
		fatal("mkdtemp failed");
	a = xasprintf("%s/2-extra.xml", dir);
	b = xasprintf("%s/1-small.xml", dir);
	t = xasprintf("%s/notes.txt", dir);
	sub = xasprintf("%s/empty", dir);
	write_file(a, extra);
	write_file(b, small);
	write_file(t, "not a rule file");
	mkdir(sub, 0700);

	/* A folder: its *.xml files in name order, so small comes first. */
	paths[0] = dir;
	rs = rules_load_paths(paths, 1, &el);
	CHECK(rs != NULL);
	CHECK_INT(el.n, 0);
	if (rs != NULL) {
		CHECK_INT(rs->nfiles, 2);
		CHECK_STR(rs->files[0], b);
		CHECK_STR(rs->id, "t");
		CHECK_INT(rs->nrules, 6);
	}
	ruleset_free(rs);

	paths[0] = sub;
	rs = rules_load_paths(paths, 1, &el);
	CHECK(rs == NULL);
	CHECK_INT(el.n, 1);
	if (el.n == 1)
		CHECK(strstr(el.v[0], ": no *.xml rule files in this folder")
		    != NULL);
	errlist_free(&el);

	paths[0] = b;
	paths[1] = "/nonexistent/rules.xml";
	rs = rules_load_paths(paths, 2, &el);
	CHECK(rs == NULL);
	CHECK_INT(el.n, 1);
	if (el.n == 1)
		CHECK_STR(el.v[0], "/nonexistent/rules.xml: cannot read: "
		    "No such file or directory");
	errlist_free(&el);

	remove(a);
	remove(b);
	remove(t);
	rmdir(sub);
	rmdir(dir);
	free(a);
	free(b);
	free(t);
	free(sub);
}

static void
test_default_and_names(void)
{
	struct errlist el = { 0 };
	struct rule_source src;
	struct ruleset *rs, *checked;

	rs = rules_load_default(&el);
	CHECK(rs != NULL);
	errlist_print(&el, "default rules: ");
	if (rs != NULL)
		CHECK_STR(rs->files[0], "<embedded>/us-icdps-2024.xml");

	/* The default load skips the schema; the same bytes must pass it. */
	src.name = "embedded.xml";
	src.data = embedded_default_rules;
	src.len = embedded_default_rules_len;
	checked = rules_load_sources(&src, 1, &el);
	CHECK(checked != NULL);
	errlist_print(&el, "embedded rules against the schema: ");
	if (rs != NULL && checked != NULL) {
		CHECK_STR(checked->sha256, rs->sha256);
		CHECK_INT(checked->nrules, rs->nrules);
		CHECK_INT(checked->npatterns, rs->npatterns);
	}
	ruleset_free(checked);
	ruleset_free(rs);
	errlist_free(&el);
	ruleset_free(NULL);

	CHECK_STR(scope_name(SCOPE_SENTENCE), "sentence");
	CHECK_STR(scope_name(SCOPE_DOCUMENT), "document");
	CHECK_STR(modality_name(MODALITY_BINDING), "binding");
	CHECK_STR(modality_name(MODALITY_HORTATORY), "hortatory");
	CHECK_STR(modality_name(MODALITY_MENTION), "mention");
	CHECK_STR(area_kind_name(AREA_PRINCIPLE), "principle");
	CHECK_STR(area_kind_name(AREA_ACTION), "action-area");
	CHECK_STR(rule_kind_name(RULE_CONFLICT), "conflict");
	CHECK_STR(rule_kind_name(RULE_SUPPORT), "support");
}

/*
 * xml:lang: each pattern, group, exception, example, vocabulary part,
 * modality and stance term records its language, inherited from the
 * nearest element that says one, else the file's default (its first
 * language); a <variant> sets it for what it holds; a concept takes its
 * vocabulary's parts of its own language; a second file's default is
 * its own first language.
 */
static void
test_xml_lang(void)
{
	static const char a[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<ruleset id=\"m\" version=\"1\" title=\"M\" languages=\"en fr\">\n"
	    "<modality><binding><term>shall</term>"
	    "<term xml:lang=\"fr\">doit</term></binding>"
	    "<hortatory xml:lang=\"fr\"><term>devrait</term></hortatory>"
	    "</modality>\n"
	    "<stance><rejection xml:lang=\"fr\"><term>interdit</term>"
	    "</rejection></stance>\n"
	    "<vocabulary id=\"net\"><term>network</term>"
	    "<term xml:lang=\"fr\">reseau</term></vocabulary>\n"
	    "<area id=\"A\" kind=\"action-area\" title=\"A\">\n"
	    "<objective id=\"A.1\" title=\"O\">\n"
	    "<rule id=\"A.1.x\" title=\"X\"><description>d</description>\n"
	    "<concept ref=\"net\"/>\n"
	    "<variant xml:lang=\"fr\"><concept ref=\"net\"/>"
	    "<near><term>a</term><term>b</term></near>"
	    "<unless><term>sauf</term></unless></variant>\n"
	    "<all scope=\"sentence\"><term>c</term><term>d</term></all>\n"
	    "<example hit=\"yes\">network</example>"
	    "<example hit=\"no\" xml:lang=\"fr\">network</example>\n"
	    "</rule></objective></area></ruleset>\n";
	static const char b[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<ruleset id=\"n\" version=\"1\" title=\"N\" languages=\"fr es\">\n"
	    "<modality><hortatory><term>podria</term></hortatory></modality>\n"
	    "</ruleset>\n";
	struct errlist el = { 0 };
	struct ruleset *rs;
	const struct rule *r;
	const struct vocabulary *v;

	rs = load_strings(a, b, &el);
	errlist_print(&el, "xml:lang");
	CHECK(rs != NULL);
	if (rs == NULL)
		goto out;
	CHECK_INT(rs->nlanguages, 3);
	CHECK_STR(rs->languages[0], "en");
	CHECK_STR(rs->languages[1], "fr");
	CHECK_STR(rs->languages[2], "es");
	r = rs->rules[0];
	CHECK_INT(r->pats.n, 2);
	CHECK_INT(r->pats.v[0].lang, 0);
	CHECK_INT(r->pats.v[1].lang, 1);
	/* The concept of each language stands for that language's part. */
	CHECK(strstr(r->pats.v[0].regex, "network") != NULL);
	CHECK(strstr(r->pats.v[0].regex, "r[e") == NULL);
	CHECK(strstr(r->pats.v[1].regex, "network") == NULL);
	/* The French term in French morphology: accents optional. */
	CHECK(strstr(r->pats.v[1].regex, "r[e\\x{e8}") != NULL);
	CHECK_INT(r->ngroups, 2);
	CHECK_INT(r->groups[0].lang, 1);
	CHECK_INT(r->groups[0].pats.v[1].lang, 1);
	CHECK_INT(r->groups[1].lang, 0);
	CHECK_INT(r->nunless, 1);
	CHECK_INT(r->unless[0].lang, 1);
	CHECK_INT(r->unless[0].pats.v[0].lang, 1);
	CHECK_INT(r->nexamples, 2);
	CHECK_INT(r->examples[0].lang, 0);
	CHECK_INT(r->examples[1].lang, 1);
	CHECK_INT(rule_has_language(r, 0), 1);
	CHECK_INT(rule_has_language(r, 1), 1);
	CHECK_INT(rule_has_language(r, 2), 0);
	CHECK_INT(rs->binding.n, 2);
	CHECK_INT(rs->binding.v[0].lang, 0);
	CHECK_INT(rs->binding.v[1].lang, 1);
	CHECK_INT(rs->hortatory.n, 2);
	CHECK_INT(rs->hortatory.v[0].lang, 1);
	/* The second file's default is its first language, French. */
	CHECK_INT(rs->hortatory.v[1].lang, 1);
	CHECK_INT(rs->rejection.v[0].lang, 1);
	v = &rs->vocabularies[0];
	CHECK_INT(v->njoins, 3);
	CHECK(v->joins[0].regex != NULL);
	CHECK(v->joins[1].regex != NULL);
	CHECK(v->joins[2].regex == NULL);
out:
	ruleset_free(rs);
	errlist_free(&el);
}

/*
 * Every pattern of two loads of the same rules, searched one match after
 * another over text, must find the same matches; returns how many.
 */
static int
same_matches(const struct ruleset *now, const struct ruleset *later,
    struct matchctx *mx, const char *text, size_t len)
{
	size_t i, at, s1, e1, s2, e2;
	char *cause = NULL;
	int rc1, rc2, found = 0;

	CHECK_INT(now->npatterns, later->npatterns);
	for (i = 0; i < now->npatterns && i < later->npatterns; i++) {
		at = 0;
		do {
			rc1 = pattern_find(now->patterns[i], mx, text, 0, at, len,
			    &s1, &e1, &cause);
			rc2 = pattern_find(later->patterns[i], mx, text, 0, at,
			    len, &s2, &e2, &cause);
			CHECK_INT(rc2, rc1);
			free(cause);
			cause = NULL;
			if (rc1 != 1 || rc2 != 1)
				break;
			CHECK_INT(s2, s1);
			CHECK_INT(e2, e1);
			found++;
			at = e1 > at ? e1 : at + 1;
		} while (at < len);
	}
	return found;
}

/*
 * Terms left to compile on first use match exactly as terms compiled at
 * load: every pattern of language.xml, searched from every offset where
 * the previous search stopped, over the file's own text (it holds every
 * example).  Regexes are still compiled, and refused, at load.
 */
static void
test_terms_on_use(void)
{
	struct errlist el = { 0 };
	struct ruleset *now, *later;
	struct matchctx *mx;
	const char *paths[1];
	char *path, *cause = NULL, *text;
	size_t len;
	int found;

	path = xasprintf("%s/fixtures/rules-lang/language.xml", srcdir());
	paths[0] = path;
	now = rules_load_paths(paths, 1, &el);
	later = rules_load_paths(paths, 1, &el);
	text = (char *)file_read(path, 0, 0, &len, &cause);
	CHECK(now != NULL && later != NULL && text != NULL);
	if (now == NULL || later == NULL || text == NULL ||
	    compile_ruleset(now, COMPILE_ALL, &el) != 0 ||
	    compile_ruleset(later, COMPILE_TERMS_ON_USE, &el) != 0) {
		errlist_print(&el, "language.xml");
		goto out;
	}
	mx = matchctx_new(1000000, 10000);
	found = same_matches(now, later, mx, text, len);
	CHECK(found > 100);
	matchctx_free(mx);
	ruleset_free(later);
	later = NULL;

	/* A bad regex is a load error in either mode. */
	free(path);
	path = xasprintf("%s/fixtures/rules-bad/badregex.xml", srcdir());
	paths[0] = path;
	later = rules_load_paths(paths, 1, &el);
	CHECK(later != NULL);
	if (later != NULL)
		CHECK_INT(compile_ruleset(later, COMPILE_TERMS_ON_USE, &el), -1);
	CHECK(el.n > 0);
out:
	errlist_free(&el);
	ruleset_free(now);
	ruleset_free(later);
	free(text);
	free(cause);
	free(path);
}


/* With the built-in rules deferred, a file of one's own is not: its bad
   term is a load error, its good ones are translated at once. */
static void
test_deferred_own(struct errlist *el)
{
	struct ruleset *rs;
	const struct rule *r;
	char tmpl[] = "/tmp/test_rules.XXXXXX", *dir, *path;
	const char *paths[1];
	size_t i, ndeferred = 0;

	errlist_free(el);
	path = xasprintf("%s/fixtures/rules-bad/badterm.xml", srcdir());
	paths[0] = path;
	rs = rules_load_deferred(paths, 1, el);
	CHECK(rs == NULL);
	CHECK_INT(el->n, 2);
	errlist_free(el);
	free(path);

	if ((dir = mkdtemp(tmpl)) == NULL)
		fatal("mkdtemp failed");
	path = xasprintf("%s/mine.xml", dir);
	write_file(path, "<?xml version=\"1.0\"?>\n"
	    "<ruleset id=\"mine\" version=\"1\" title=\"M\" "
	    "extends=\"builtin\" languages=\"en fr\">\n"
	    "<area id=\"X\" kind=\"action-area\" title=\"X\">"
	    "<objective id=\"X.1\" title=\"X\">"
	    "<rule id=\"X.1.a\" title=\"A\"><description>A.</description>"
	    "<term xml:lang=\"fr\">c\xc3\xa2" "ble~ sous-marin~</term>"
	    "<example hit=\"yes\">undersea</example>"
	    "<example hit=\"no\">x</example>"
	    "</rule></objective></area></ruleset>\n");
	paths[0] = path;
	rs = rules_load_deferred(paths, 1, el);
	CHECK(rs != NULL);
	if (rs != NULL) {
		CHECK((r = ruleset_find_rule(rs, "X.1.a")) != NULL);
		if (r != NULL && r->pats.n == 1) {
			CHECK(!r->pats.v[0].deferred);
			CHECK(r->pats.v[0].regex != NULL);
		}
		for (i = 0; i < rs->npatterns; i++)
			ndeferred += rs->patterns[i]->deferred;
		CHECK(ndeferred > 1000);
	}
	ruleset_free(rs);
	errlist_free(el);
	remove(path);
	rmdir(dir);
	free(path);
}

/* Two strings both NULL or equal. */
static int
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/*
 * The built-in rules loaded for a scan leave their terms, regexes and the
 * vocabularies made of them untranslated: each deferred pattern's sources,
 * made when needed, are those an eager load makes, and its code finds the
 * same matches.
 */
static void
test_deferred(void)
{
	struct errlist el = { 0 };
	struct ruleset *now, *later;
	const struct pattern *p, *d;
	struct matchctx *mx;
	struct strbuf text = { NULL, 0, 0 };
	char *re, *pf, *cause = NULL;
	size_t i, k, ndeferred = 0;
	int found;

	now = rules_load_default(&el);
	later = rules_load_deferred(NULL, 0, &el);
	CHECK(now != NULL && later != NULL);
	if (now == NULL || later == NULL ||
	    compile_ruleset(now, COMPILE_ALL, &el) != 0 ||
	    compile_ruleset(later, COMPILE_TERMS_ON_USE, &el) != 0) {
		errlist_print(&el, "built-in rules");
		goto out;
	}
	CHECK_INT(later->npatterns, now->npatterns);
	for (i = 0; i < now->npatterns && i < later->npatterns; i++) {
		p = now->patterns[i];
		d = later->patterns[i];
		CHECK(!p->deferred);
		CHECK_INT(d->is_term, p->is_term);
		CHECK_INT(d->is_concept, p->is_concept);
		CHECK_INT(d->case_sensitive, p->case_sensitive);
		CHECK_INT(d->lang, p->lang);
		CHECK_INT(d->anchor, p->anchor);
		if (!d->deferred) {
			CHECK(same_str(d->regex, p->regex));
			CHECK(same_str(d->prefilter, p->prefilter));
			continue;
		}
		ndeferred++;
		CHECK(d->regex == NULL && d->prefilter == NULL);
		CHECK_INT(patsrc_make(later, d, &re, &pf, &cause), 0);
		if (!same_str(re, p->regex) || !same_str(pf, p->prefilter))
			fprintf(stderr, "%s:%d: deferred sources differ\n",
			    d->file, d->line);
		CHECK(same_str(re, p->regex));
		CHECK(same_str(pf, p->prefilter));
		free(re);
		free(pf);
		free(cause);
		cause = NULL;
	}
	/* Nearly all of them: every term and regex, and the concepts. */
	CHECK(ndeferred + 100 > now->npatterns);

	/* Matching: the examples of every tenth rule as one text. */
	for (i = 0; i < now->nrules; i += 10)
		for (k = 0; k < now->rules[i]->nexamples; k++)
			strbuf_addf(&text, "%s\n\n",
			    now->rules[i]->examples[k].text);
	mx = matchctx_new(1000000, 10000);
	found = same_matches(now, later, mx, text.s, text.len);
	CHECK(found > 1000);
	matchctx_free(mx);
	ruleset_free(later);

	/* A rule file of one's own is translated, and checked, as it loads;
	   so are the files that extend the built-in rules. */
	later = load_strings("<?xml version=\"1.0\"?>\n"
	    "<ruleset id=\"mine\" version=\"1\" title=\"M\" "
	    "extends=\"builtin\"><disable ref=\"aa3.5\"/></ruleset>\n",
	    NULL, &el);
	CHECK(later != NULL);
	ruleset_free(later);
	later = NULL;
	test_deferred_own(&el);
out:
	strbuf_free(&text);
	errlist_free(&el);
	ruleset_free(now);
	ruleset_free(later);
}

/* patsrc_regex(src) is want. */
static void
check_widened(const char *src, const char *want)
{
	char *re = patsrc_regex(src);

	CHECK_STR(re, want);
	free(re);
}

/*
 * A space written in a <regex> matches any run of white space, so a phrase
 * is found across a wrapped line; it stays one character inside a class,
 * before a quantifier and in a lookbehind, which must keep a fixed length.
 */
static void
test_regex_spaces(void)
{
	static const char doc[] =
"<?xml version=\"1.0\"?>\n"
"<ruleset id=\"s\" version=\"1\" title=\"S\">\n"
"  <area id=\"AA1\" kind=\"action-area\" title=\"A\">\n"
"    <objective id=\"AA1.1\" title=\"O\">\n"
"      <rule id=\"AA1.1.r\" title=\"R\">\n"
"        <description>D.</description>\n"
"        <regex>data protection law|a ?b|[- ]x|(?&lt;!is (?:a )?)y|\\ z</regex>\n"
"        <example hit=\"yes\">data protection law</example>\n"
"        <example hit=\"no\">law</example>\n"
"      </rule>\n"
"    </objective>\n"
"  </area>\n"
"</ruleset>\n";
	static const char widened[] = "data\\s+protection\\s+law|a\\s?b|"
	    "[-\\s]x|(?<!is\\s(?:a\\s)?)y|\\ z";
	struct errlist el = { 0 };
	struct ruleset *rs;
	const struct pattern *p;
	char *re, *pf, *cause;

	rs = load_strings(doc, NULL, &el);
	CHECK(rs != NULL && el.n == 0);
	if (rs == NULL)
		goto out;
	p = &rs->areas[0].objectives[0].rules[0].pats.v[0];
	/* kept as written for messages; widened where it is matched */
	CHECK_STR(p->source, "data protection law|a ?b|[- ]x|"
	    "(?<!is (?:a )?)y|\\ z");
	CHECK_STR(p->regex, widened);
	check_widened(p->source, widened);
	/* quoted text, a POSIX class and extended mode keep their spaces */
	check_widened("\\Qa b\\E c", "\\Qa b\\E\\s+c");
	check_widened("\\Qa b", "\\Qa b");
	check_widened("[[:alpha:] ]x y", "[[:alpha:]\\s]x\\s+y");
	check_widened("(?x) a b", "(?x) a b");
	check_widened("(?ix:a b)", "(?ix:a b)");
	check_widened("\\(?x a b", "\\(?x\\s+a\\s+b");
	/* an offset in the widened regex points into the regex as written */
	CHECK_INT(patsrc_regex_offset("a b(", 5), 3);
	CHECK_INT(patsrc_regex_offset("a b(", 2), 1);
	CHECK_INT(patsrc_regex_offset("a b(", 6), 4);
	CHECK_INT(patsrc_regex_offset("\\w x", 4), 2);
	/* and patsrc_make() hands out the same (test_deferred() compares a
	   deferred built-in pattern with its eager load) */
	CHECK(patsrc_make(rs, p, &re, &pf, &cause) == 0);
	CHECK_STR(re, widened);
	CHECK(pf != NULL);
	free(re);
	free(pf);
	free(cause);
out:
	errlist_free(&el);
	ruleset_free(rs);
}

/*
 * The scan copy of the built-in rules (src/embed.c) loads to the ruleset of
 * the full file but for the examples: every pattern, group, exception, rule,
 * objective and area on the same line with the same text, and the same
 * digest, which names the ruleset and its prefilter cache.
 */
static void
test_scan_copy(void)
{
	struct errlist el = { 0 };
	struct ruleset *full, *scan;
	const struct pattern *p, *q;
	const struct rule *r, *t;
	const struct objective *o, *u;
	size_t i, j, nexamples = 0;

	full = rules_load_deferred(NULL, 0, &el);
	scan = rules_load_scan(NULL, 0, &el);
	errlist_print(&el, "built-in rules: ");
	CHECK(full != NULL && scan != NULL);
	CHECK(embedded_scan_rules_len < embedded_default_rules_len);
	if (full == NULL || scan == NULL)
		goto out;
	CHECK_STR(scan->sha256, full->sha256);
	CHECK_STR(scan->files[0], full->files[0]);
	CHECK_STR(scan->title, full->title);
	CHECK_INT(scan->npatterns, full->npatterns);
	for (i = 0; i < full->npatterns && i < scan->npatterns; i++) {
		p = full->patterns[i];
		q = scan->patterns[i];
		if (q->line != p->line || !same_str(q->source, p->source))
			fprintf(stderr, "%s:%d: the scan copy has \"%s\" at "
			    "line %d\n", p->file, p->line, q->source, q->line);
		CHECK_INT(q->line, p->line);
		CHECK(same_str(q->source, p->source));
		CHECK(same_str(q->regex, p->regex));
		CHECK_INT(q->lang, p->lang);
		CHECK_INT(q->is_term, p->is_term);
		CHECK_INT(q->case_sensitive, p->case_sensitive);
		CHECK_INT(q->deferred, p->deferred);
		CHECK_INT(q->rule != NULL ? q->rule->line : 0,
		    p->rule != NULL ? p->rule->line : 0);
	}
	CHECK_INT(scan->nrules, full->nrules);
	for (i = 0; i < full->nrules && i < scan->nrules; i++) {
		r = full->rules[i];
		t = scan->rules[i];
		CHECK_STR(t->id, r->id);
		CHECK_INT(t->line, r->line);
		CHECK(same_str(t->description, r->description));
		CHECK_INT(t->ngroups, r->ngroups);
		for (j = 0; j < r->ngroups && j < t->ngroups; j++)
			CHECK_INT(t->groups[j].line, r->groups[j].line);
		CHECK_INT(t->nunless, r->nunless);
		for (j = 0; j < r->nunless && j < t->nunless; j++)
			CHECK_INT(t->unless[j].line, r->unless[j].line);
		CHECK_INT(t->nexamples, 0);
		nexamples += r->nexamples;
	}
	CHECK(nexamples > 0);
	CHECK_INT(scan->nobjectives, full->nobjectives);
	for (i = 0; i < full->nobjectives && i < scan->nobjectives; i++) {
		o = full->objectives[i];
		u = scan->objectives[i];
		CHECK_STR(u->id, o->id);
		CHECK_INT(u->line, o->line);
		CHECK(same_str(u->description, o->description));
	}
	CHECK_INT(scan->nareas, full->nareas);
	for (i = 0; i < full->nareas && i < scan->nareas; i++)
		CHECK_INT(scan->areas[i].line, full->areas[i].line);
	CHECK_INT(scan->nvocabularies, full->nvocabularies);
	for (i = 0; i < full->nvocabularies && i < scan->nvocabularies; i++)
		CHECK_INT(scan->vocabularies[i].line,
		    full->vocabularies[i].line);
out:
	ruleset_free(full);
	ruleset_free(scan);
	errlist_free(&el);
}

int
main(void)
{
	test_load();
	test_combine();
	test_checks();
	test_checks_combined();
	test_overrides();
	test_extends();
	test_vocabularies();
	test_xml_lang();
	test_language_prefilter();
	test_terms_on_use();
	test_deferred();
	test_scan_copy();
	test_regex_spaces();
	test_bad_files();
	test_paths();
	test_default_and_names();
	return CHECK_DONE();
}
