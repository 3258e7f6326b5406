/*
 * fuzz_term.c -- libFuzzer target: the <term> compiler.  A term that
 * term_to_regex() accepts must give a regex that PCRE2 compiles (rule
 * authors cannot fix a regex they never wrote); a refused one must say
 * why.  The same bytes also go through regex_to_prefilter() and
 * regex_word_edges() as a user regex.
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *regex = NULL, *prefilter = NULL, *cause = NULL;

	if (size > 4096)
		return 0;
	s = xstrndup((const char *)data, size);
	if (term_to_regex(s, &regex, &prefilter, &cause) == 0) {
		FUZZ_ASSERT(regex != NULL && cause == NULL);
		if (fuzz_utf8_valid(s, strlen(s)) &&
		    compile_check(regex, 0, &cause) != 0)
			abort();
	} else
		FUZZ_ASSERT(cause != NULL);
	free(regex);
	free(prefilter);
	free(cause);
	free(regex_to_prefilter(s));
	(void)regex_word_edges(s);
	free(s);
	return 0;
}
