/*
 * fuzz_office.c -- libFuzzer target: zip containers.  The first byte picks
 * the DOCX extractor, the ODT extractor or the archive walker (zip and
 * tar, nested archives included) that the batch driver uses; the limits
 * are small so that their paths are reached by small inputs.
 */
#include "config.h"

#include <stdlib.h>

#include "archives.h"
#include "extract.h"
#include "extract_int.h"
#include "fuzz.h"
#include "segment.h"

/* Each member comes with its bytes or with a reason, never both. */
static int
member(const struct archive_member *m, void *arg)
{
	size_t *count = arg;

	FUZZ_ASSERT(m->name != NULL);
	FUZZ_ASSERT((m->data == NULL) == (m->error != NULL));
	(*count)++;
	return 0;
}

static void
walk(const uint8_t *data, size_t size, const struct extract_opts *opts)
{
	char *cause = NULL;
	size_t count = 0;
	int r;

	r = archive_each("fuzz.zip", data, size, opts, member, &count,
	    &cause);
	FUZZ_ASSERT(r == 0 ? cause == NULL : cause != NULL);
	free(cause);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_opts opts;
	struct doctext *dt = NULL;
	char *cause = NULL;

	if (size < 1)
		return 0;
	extract_opts_default(&opts);
	opts.max_members = 64;
	opts.max_total_size = (size_t)16 << 20;
	opts.max_file_size = (size_t)8 << 20;
	switch (data[0] % 3) {
	case 0:
		dt = extract_docx(data + 1, size - 1, &opts, &cause);
		break;
	case 1:
		dt = extract_odt(data + 1, size - 1, &opts, &cause);
		break;
	default:
		walk(data + 1, size - 1, &opts);
		return 0;
	}
	if (dt == NULL) {
		FUZZ_ASSERT(cause != NULL);
		free(cause);
		return 0;
	}
	segment_document(dt);
	fuzz_check_doctext(dt);
	doctext_free(dt);
	return 0;
}
