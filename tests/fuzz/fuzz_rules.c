/*
 * fuzz_rules.c -- libFuzzer target: a rule file through the loader
 * (libxml2, the RELAX NG schema, the model), the PCRE2 compiler and the
 * scanner on a short fixed text.  A refused file must come with errors; an
 * accepted one must compile or say why.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "doctext.h"
#include "fuzz.h"
#include "rules.h"
#include "scan.h"

static const char sample[] =
    "We will protect undersea cables and trusted vendors.\n\n"
    "Partners should encourage open RAN. Data localisation is required.";

static void
scan_sample(const struct ruleset *rs)
{
	struct scanner *sc;
	struct doctext *dt;
	struct hit *hits;
	size_t nhits;
	char *cause = NULL;

	sc = scanner_new(rs, NULL);
	dt = doctext_from_string(sample, sizeof(sample) - 1);
	if (scan_document(sc, dt, &hits, &nhits, &cause) == 0)
		hits_free(hits, nhits);
	else
		FUZZ_ASSERT(cause != NULL);
	free(cause);
	doctext_free(dt);
	scanner_free(sc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct errlist errs;
	struct rule_source src;
	struct ruleset *rs;

	memset(&errs, 0, sizeof(errs));
	src.name = "fuzz.xml";
	src.data = (const char *)data;
	src.len = size;
	rs = rules_load_sources(&src, 1, &errs);
	if (rs == NULL)
		FUZZ_ASSERT(errs.n > 0);
	else if (compile_ruleset(rs, COMPILE_ALL, &errs) != 0)
		FUZZ_ASSERT(errs.n > 0);
	else
		scan_sample(rs);
	ruleset_free(rs);
	errlist_free(&errs);
	return 0;
}
