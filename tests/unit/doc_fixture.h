/*
 * doc_fixture.h -- documents extracted from string literals, for the unit
 * tests of extraction and segmentation.
 */
#ifndef PALINT_DOC_FIXTURE_H
#define PALINT_DOC_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "extract.h"

/* Markdown extracted as "a.md" with the default limits; NULL, after a
   failed check that prints the cause, when extraction fails. */
static struct doctext *
fx_markdown(const char *md)
{
	struct extract_opts o;
	struct doctext *dt;
	char *cause = NULL;

	extract_opts_default(&o);
	dt = extract_document("a.md", (const unsigned char *)md, strlen(md),
	    &o, &cause);
	CHECK(dt != NULL && cause == NULL);
	if (cause != NULL)
		fprintf(stderr, "a.md: %s\n", cause);
	free(cause);
	return dt;
}

#endif
