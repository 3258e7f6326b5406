/*
 * fuzz_markup.c -- libFuzzer target: the HTML and XML extractors, and the
 * format sniffer in front of them.  The first byte picks HTML, XML or the
 * whole extract_document() path (sniffing included); a small depth limit
 * comes from the second byte, so that the limit's own path is exercised.
 */
#include "config.h"

#include <stdlib.h>

#include "extract.h"
#include "extract_int.h"
#include "fuzz.h"
#include "segment.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_opts opts;
	struct doctext *dt;
	char *cause = NULL;

	if (size < 2)
		return 0;
	extract_opts_default(&opts);
	if (data[1] < 16)
		opts.max_xml_depth = data[1] + 1;
	switch (data[0] % 3) {
	case 0:
		dt = extract_html(data + 2, size - 2, &opts, &cause);
		break;
	case 1:
		dt = extract_xml(data + 2, size - 2, &opts, &cause);
		break;
	default:
		dt = extract_document("doc.html", data + 2, size - 2, &opts,
		    &cause);
		break;
	}
	if (dt == NULL) {
		FUZZ_ASSERT(cause != NULL);
		free(cause);
		return 0;
	}
	if (data[0] % 3 != 2)
		segment_document(dt);
	fuzz_check_doctext(dt);
	doctext_free(dt);
	return 0;
}
