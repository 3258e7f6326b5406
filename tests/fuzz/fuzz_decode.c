/*
 * fuzz_decode.c -- libFuzzer target: bytes of any encoding through
 * decode_text() and the segmenter.  The text must come out valid UTF-8
 * without CR or NUL, and the units must lie inside it, in order.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doctext.h"
#include "extract.h"
#include "fuzz.h"
#include "segment.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doctext *dt;
	char *text, *warning = NULL;
	size_t len;

	text = decode_text(data, size, &len, &warning);
	FUZZ_ASSERT(text != NULL && strlen(text) == len);
	dt = doctext_new(text, len);
	/* Headings as the Markdown reader would add them: anywhere. */
	if (len > 0)
		doctext_add_heading(dt, data[0] % (len + 1));
	segment_document(dt);
	fuzz_check_doctext(dt);
	doctext_free(dt);
	free(warning);
	return 0;
}
