/*
 * extract.c -- stage 3 entry: a file's bytes to a segmented doctext.
 *
 * Input: a file name (for its extension only) and the bytes.  Output: a
 * struct doctext with UTF-8 text, heading and page offsets, warnings, and
 * the segmentation of segment.c, or NULL with a one-line cause.
 *
 * Dispatch only: sniff.c names the format, one extractor per format
 * family (extract_plain.c, extract_markup.c, extract_office.c,
 * extract_pdf.c) builds the text, segment.c cuts it up.  Archives are the
 * document layer's business and are refused here.
 */
#include "config.h"

#include <stdlib.h>

#include "extract.h"
#include "extract_int.h"
#include "segment.h"
#include "sniff.h"
#include "util.h"

void
extract_opts_default(struct extract_opts *o)
{
	o->max_file_size = (size_t)256 << 20;
	o->max_members = 10000;
	o->max_total_size = (size_t)1 << 30;
	o->max_ratio = 200;
	o->max_xml_depth = 256;
	o->language = NULL;
}

static struct doctext *
dispatch(enum doc_format f, const unsigned char *p, size_t n,
    const struct extract_opts *opts, char **cause)
{
	switch (f) {
	case DOC_TEXT:
		return extract_plain(p, n, 0, opts, cause);
	case DOC_MARKDOWN:
		return extract_plain(p, n, 1, opts, cause);
	case DOC_HTML:
		return extract_html(p, n, opts, cause);
	case DOC_XML:
		return extract_xml(p, n, opts, cause);
	case DOC_DOCX:
		return extract_docx(p, n, opts, cause);
	case DOC_ODT:
		return extract_odt(p, n, opts, cause);
	case DOC_PDF:
		return extract_pdf(p, n, opts, cause);
	case DOC_ZIP:
	case DOC_TAR:
		*cause = xstrdup("is an archive");
		return NULL;
	case DOC_UNKNOWN:
		break;
	}
	*cause = xstrdup("binary file");
	return NULL;
}

struct doctext *
extract_document(const char *name, const unsigned char *p, size_t n,
    const struct extract_opts *opts, char **cause)
{
	struct extract_opts defaults;
	struct doctext *dt;

	*cause = NULL;
	if (opts == NULL) {
		extract_opts_default(&defaults);
		opts = &defaults;
	}
	if (opts->max_file_size != 0 && n > opts->max_file_size) {
		*cause = xasprintf("file too large (%zu bytes > limit %zu)", n,
		    opts->max_file_size);
		return NULL;
	}
	if (n == 0 || p == NULL) {
		*cause = xstrdup("empty file");
		return NULL;
	}
	dt = dispatch(sniff_format(name, p, n), p, n, opts, cause);
	if (dt == NULL) {
		if (*cause == NULL)
			*cause = xstrdup("cannot extract text");
		return NULL;
	}
	segment_document(dt);
	return dt;
}
