/*
 * test_sentkind.c -- every sentence kind with sentences that are and that
 * are not of it: headings (with and without the extractor's hint, and
 * headings that state an aim), contents lines, definitions and glossary
 * sections, references, acknowledgements and lists of terms.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc_fixture.h"
#include "doctext.h"
#include "segment.h"
#include "sentkind.h"
#include "util.h"

/* The kind's name of the sentence of dt holding needle. */
static const char *
kind_in(const struct doctext *dt, const char *needle)
{
	unsigned char *kinds;
	const char *p, *name;
	enum sentkind k;
	size_t s;

	p = strstr(dt->text, needle);
	if (p == NULL || dt->nsentences == 0)
		return "(no such sentence)";
	s = segment_find(dt->sentences, dt->nsentences,
	    (size_t)(p - dt->text));
	kinds = sentkind_document(dt, NULL);
	k = (enum sentkind)kinds[s];
	name = sentkind_name(k);
	free(kinds);
	return name;
}

static const char *
kind_of(const char *text, const char *needle)
{
	struct doctext *dt;
	const char *k;

	dt = doctext_from_string(text, strlen(text));
	k = kind_in(dt, needle);
	doctext_free(dt);
	return k;
}

static const char *
kind_of_md(const char *md, const char *needle)
{
	struct doctext *dt;
	const char *k = "(not extracted)";

	if ((dt = fx_markdown(md)) != NULL)
		k = kind_in(dt, needle);
	doctext_free(dt);
	return k;
}

/* Checks the kind of the sentence holding needle in text. */
#define KIND(text, needle, want)					\
	CHECK_STR(kind_of((text), (needle)), sentkind_name(want))

#define PROSE	"\n\nNorland will protect its networks and its people.\n"

static void
test_statement(void)
{
	KIND("Norland will build a national CERT by 2026.", "CERT",
	    SENTKIND_STATEMENT);
	KIND("The regulator protects critical infrastructure.", "regulator",
	    SENTKIND_STATEMENT);
	KIND(PROSE, "Norland", SENTKIND_STATEMENT);
	/* Not on a line of its own: part of a paragraph, not a heading. */
	KIND("We act now. Cyber Diplomacy Council\nmeets often.", "Council",
	    SENTKIND_STATEMENT);
}

static void
test_heading(void)
{
	KIND("National Cyber Security Strategy" PROSE, "National",
	    SENTKIND_HEADING);
	KIND("3.2 International cooperation" PROSE, "International",
	    SENTKIND_HEADING);
	KIND("STRATEGIC VISION" PROSE, "VISION", SENTKIND_HEADING);
	CHECK_STR(kind_of_md("# Data flows\n\nNorland will share data.\n",
	    "Data flows"), "heading");
	/* A heading that states an aim is a statement. */
	KIND("Goal 3: build a national forensics capability" PROSE,
	    "forensics", SENTKIND_STATEMENT);
	KIND("Strengthen Cyber Resilience Nationwide" PROSE, "Resilience",
	    SENTKIND_STATEMENT);
	/* A finite verb or a final stop makes it a sentence. */
	KIND("Norland Will Protect Networks" PROSE, "Protect",
	    SENTKIND_STATEMENT);
	KIND("Cyber Security Matters Here." PROSE, "Matters",
	    SENTKIND_STATEMENT);
	/* Lower case, no number, no hint: not marked as a heading. */
	KIND("a note on scope" PROSE, "note", SENTKIND_STATEMENT);
	KIND("IV. International Cooperation" PROSE, "International",
	    SENTKIND_HEADING);
}

/* Small letters and roman numerals number list items, not sections: an
   item says what its words say, and a short one is a term. */
static void
test_list_items(void)
{
	const char *list = "The plan covers the following:\n"
	    "ii. Defining minimum standards for personal information\n"
	    "(b) Regional cooperation on cybercrime with neighbouring states\n"
	    "c) Data protection\n"
	    "iv. Cloud services\n";

	KIND(list, "Defining", SENTKIND_STATEMENT);
	KIND(list, "Regional", SENTKIND_STATEMENT);
	KIND(list, "Data protection", SENTKIND_TERMS);
	KIND(list, "Cloud", SENTKIND_TERMS);
}

static void
test_contents(void)
{
	KIND("Introduction ........ 4" PROSE, "Introduction",
	    SENTKIND_CONTENTS);
	KIND("2.1 Cyber diplomacy 14" PROSE, "diplomacy",
	    SENTKIND_CONTENTS);
	KIND("Scope . . . . 7" PROSE, "Scope", SENTKIND_CONTENTS);
	/* A number at the end of a sentence with a verb is not a page. */
	KIND("Norland will train cyber experts in 12" PROSE, "experts",
	    SENTKIND_STATEMENT);
	KIND("We wait... Then we act." PROSE, "wait", SENTKIND_STATEMENT);
	/* Contents that lost their line breaks and page numbers. */
	KIND("Vision 3 Strategic Goals 4 Building Laws 4.1 Telecoms Law "
	    "4.2 Access to Information Law 5 Programmes" PROSE, "Telecoms",
	    SENTKIND_CONTENTS);
	KIND("Annex 2 Budget Lines 3 Partners and Donors 3.1 Regional Bodies "
	    "3.2 Who Pays What 3.3 Oversight Is Shared" PROSE, "Partners",
	    SENTKIND_CONTENTS);
	/* A run of numbered commitments, and prose with numbers, are not. */
	KIND("2.1 Establish a national CSIRT; 2.2 Create a Sector Forum; "
	    "2.3 Train Staff in every ministry" PROSE, "CSIRT",
	    SENTKIND_STATEMENT);
	KIND("The plan has 3 Pillars, 12 Goals and 40 Actions for the "
	    "Ministry" PROSE, "Pillars", SENTKIND_STATEMENT);
}

static void
test_definition(void)
{
	KIND("Cybersecurity means the protection of networks and data.",
	    "Cybersecurity", SENTKIND_DEFINITION);
	KIND("Critical infrastructure refers to the systems society needs.",
	    "Critical", SENTKIND_DEFINITION);
	KIND("Malware: a program written to harm computers.", "Malware",
	    SENTKIND_DEFINITION);
	/* Not a definition. */
	KIND("This means that the ministry will act quickly.", "ministry",
	    SENTKIND_STATEMENT);
	KIND("Goal: the ministry will secure its networks.", "ministry",
	    SENTKIND_STATEMENT);
	KIND("Data: the ministry will share it with partners.", "ministry",
	    SENTKIND_STATEMENT);
	KIND("The pillars are: the networks, the services and the people.",
	    "pillars", SENTKIND_STATEMENT);
}

/* A glossary runs from its heading to the next strong heading. */
static void
test_sections(void)
{
	static const char glossary[] =
	    "Glossary\n\nBotnet\n\nA network of infected computers run "
	    "together.\n\nEncryption\n\nThe protection of data in transit."
	    "\n\n1. Introduction\n\nNorland will protect its networks.\n";
	static const char refs[] =
	    "References\n\nMinistry of ICT. National plan for networks.\n\n"
	    "Annual Report\n\nOffice of the Prime Minister.\n";
	static const char thanks[] =
	    "ACKNOWLEDGEMENTS\n\nThe Ministry of ICT, the Central Bank and "
	    "the Port Authority.\n\nSTRATEGIC VISION\n\nPartners cooperate "
	    "closely.\n";

	KIND(glossary, "infected", SENTKIND_DEFINITION);
	KIND(glossary, "in transit", SENTKIND_DEFINITION);
	KIND(glossary, "Encryption", SENTKIND_DEFINITION);
	KIND(glossary, "Norland", SENTKIND_STATEMENT);
	KIND(refs, "National plan", SENTKIND_REFERENCE);
	KIND(refs, "Prime Minister", SENTKIND_REFERENCE);
	KIND(thanks, "Port Authority", SENTKIND_ACKNOWLEDGEMENT);
	KIND(thanks, "cooperate", SENTKIND_STATEMENT);
	/* A committing sentence ends a glossary whose end was not marked. */
	KIND("Glossary\n\nBotnet\n\nA network of bots.\n\nThe ministry will "
	    "publish a national plan and review it every year.\n",
	    "publish", SENTKIND_STATEMENT);
	/* A long heading that mentions definitions opens nothing. */
	KIND("Common Definitions Shared Across The Region Today\n\nA network "
	    "of bots.\n", "network", SENTKIND_STATEMENT);
}

static void
test_reference(void)
{
	KIND("[12] Ministry of ICT (2019), National plan, available at "
	    "https://example.org/plan", "Ministry", SENTKIND_REFERENCE);
	KIND("Smith, J. and Lee, K., Journal of Cyber Policy, 2019.", "Smith",
	    SENTKIND_REFERENCE);
	/* One cue is not enough; a modal makes it prose. */
	KIND("See the plan at https://example.org for details.", "plan",
	    SENTKIND_STATEMENT);
	KIND("The plan (2019) will be available at https://example.org.",
	    "plan", SENTKIND_STATEMENT);
}

static void
test_acknowledgement(void)
{
	KIND("We are grateful to the World Bank and UNDP for their help.",
	    "grateful", SENTKIND_ACKNOWLEDGEMENT);
	KIND("This strategy was funded by the European Union.", "funded",
	    SENTKIND_ACKNOWLEDGEMENT);
	KIND("We acknowledge the support of the Council of Europe.",
	    "Council", SENTKIND_ACKNOWLEDGEMENT);
	/* Acknowledging a fact, or thanks inside a commitment. */
	KIND("The government acknowledges the role of civil society.",
	    "civil", SENTKIND_STATEMENT);
	KIND("Norland is grateful and will cooperate with its partners.",
	    "grateful", SENTKIND_STATEMENT);
}

static void
test_terms(void)
{
	KIND("Threats: malware, phishing, ransomware, botnets.", "malware",
	    SENTKIND_TERMS);
	KIND("Cloud computing, artificial intelligence, quantum computing "
	    "and 5G.", "Cloud", SENTKIND_TERMS);
	KIND("Risks are growing.\n- Ransomware\n- Phishing attacks\n",
	    "Ransomware", SENTKIND_TERMS);
	/* A verb makes it a statement; so does an action in a bullet. */
	KIND("Norland supports open, secure, interoperable networks, data "
	    "flows and trusted vendors.", "Norland", SENTKIND_STATEMENT);
	KIND("Actions follow.\n- Establish a national CERT for all sectors\n",
	    "CERT", SENTKIND_STATEMENT);
	KIND("Actions follow.\n- Enhancing Cyber Defence Capability\n",
	    "Defence", SENTKIND_STATEMENT);
	KIND("We will counter malware, phishing, ransomware and botnets.",
	    "malware", SENTKIND_STATEMENT);
	/* A clause before the commas, with a verb the list does not know. */
	KIND("Incidents hit providers of essential services such as health, "
	    "education, energy, water, transport, finance.", "Incidents",
	    SENTKIND_STATEMENT);
}

/* Each finite form the verb list gives turns a list into a statement; a
   base form, a capitalised form (a name) or another word does not. */
static void
test_finite_forms(void)
{
	static const char *const finite[] = {
		"applies", "applied", "uses", "used", "addresses", "addressed",
		"deploys", "deployed", "made", "has", "cannot"
	};
	static const char *const other[] = {
		"apply", "Applies", "filters", "useful", "addressing"
	};
	char text[128];
	size_t i;

	for (i = 0; i < nitems(finite); i++) {
		snprintf(text, sizeof(text), "Malware, phishing, spam %s, "
		    "botnets.", finite[i]);
		KIND(text, "Malware", SENTKIND_STATEMENT);
	}
	for (i = 0; i < nitems(other); i++) {
		snprintf(text, sizeof(text), "Malware, phishing, spam %s, "
		    "botnets.", other[i]);
		KIND(text, "Malware", SENTKIND_TERMS);
	}
}

/* Asking for one sentence gives the kind a full pass gives it. */
static void
check_wanted(const char *text)
{
	struct doctext *dt;
	unsigned char *all, *one, *wanted;
	size_t i;

	dt = doctext_from_string(text, strlen(text));
	all = sentkind_document(dt, NULL);
	wanted = xcalloc(dt->nsentences + 1, 1);
	for (i = 0; i < dt->nsentences; i++) {
		wanted[i] = 1;
		one = sentkind_document(dt, wanted);
		CHECK_INT(one[i], all[i]);
		free(one);
		wanted[i] = 0;
	}
	free(wanted);
	free(all);
	doctext_free(dt);
}

static void
test_wanted(void)
{
	check_wanted("Contents\n\nOpen RAN ........ 3\n\nGlossary\n\nBotnet\n\n"
	    "A network of infected computers.\n\n1. Introduction\n\nNorland "
	    "will protect its networks.\n\nREFERENCES\n\nMinistry of ICT. "
	    "National plan.\n\nAcknowledgements\n\nThe Central Bank, the "
	    "Port Authority and the Ministry.\n\nThreats: malware, phishing, "
	    "ransomware.\n- Ransomware\n");
	/* Short headings that open nothing, then ones that open a section
	   in capitals, in mixed case and by a cue inside a word: a sentence
	   asked for alone still sees the section it lies in. */
	check_wanted("Overview of Goals\n\nPhishing\n\nA lure sent by mail."
	    "\n\nFURTHER READING\n\nNorland Ministry of ICT, Annual report "
	    "(2021)\n\nOur Strategic Aims\n\nResilience\n\nThe state will "
	    "act.\n\nList of Acronyms\n\nCERT\n\nComputer emergency "
	    "response team\n\nWorks Cited\n\nSmith, J. Cyber norms (2019)"
	    "\n\nOur Donors\n\nThe Fund and the Bank, and others\n");
}

/* Names, and a document without sentences. */
static void
test_misc(void)
{
	struct doctext *dt;

	CHECK_STR(sentkind_name(SENTKIND_STATEMENT), "statement");
	CHECK_STR(sentkind_name(SENTKIND_ACKNOWLEDGEMENT), "acknowledgement");
	CHECK_STR(sentkind_name(SENTKIND_TERMS), "terms");
	CHECK_STR(sentkind_name((enum sentkind)99), "unknown");
	dt = doctext_from_string("", 0);
	CHECK(sentkind_document(dt, NULL) == NULL);
	doctext_free(dt);
}

int
main(void)
{
	test_statement();
	test_heading();
	test_list_items();
	test_contents();
	test_definition();
	test_sections();
	test_reference();
	test_acknowledgement();
	test_terms();
	test_finite_forms();
	test_wanted();
	test_misc();
	return CHECK_DONE();
}
