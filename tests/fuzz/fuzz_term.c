/*
 * fuzz_term.c -- libFuzzer target: the <term> compiler.  A term that
 * term_to_regex() accepts must give a regex that PCRE2 compiles (rule
 * authors cannot fix a regex they never wrote); a refused one must say
 * why.  In French, Spanish and Portuguese the same holds, and an accepted
 * term always has a prefilter.  The same bytes also go through
 * regex_to_prefilter() and regex_word_edges() as a user regex.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "fuzz.h"
#include "prefilter.h"
#include "term.h"
#include "util.h"
#include "wordedge.h"

/* The term s in language lang (NULL: English). */
static void
one_term(const char *s, const char *lang)
{
	char *regex = NULL, *prefilter = NULL, *cause = NULL;

	if (term_to_regex_lang(s, lang, &regex, &prefilter, &cause) == 0) {
		FUZZ_ASSERT(regex != NULL && cause == NULL);
		FUZZ_ASSERT(lang == NULL || prefilter != NULL);
		if (fuzz_utf8_valid(s, strlen(s)) &&
		    compile_check(regex, 0, &cause) != 0)
			abort();
	} else
		FUZZ_ASSERT(cause != NULL);
	free(regex);
	free(prefilter);
	free(cause);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { NULL, "fr", "es", "pt" };
	char *s;
	size_t i;

	if (size > 4096)
		return 0;
	s = xstrndup((const char *)data, size);
	for (i = 0; i < nitems(langs); i++)
		one_term(s, langs[i]);
	free(regex_to_prefilter(s));
	(void)regex_word_edges(s);
	free(s);
	return 0;
}
