/*
 * sniff.h -- format detection: which extractor (or archive reader) a
 * document's bytes belong to.
 *
 * sniff_format() looks at the bytes first and at the name's extension only
 * to settle what the bytes leave open (a zip that may be a DOCX, text that
 * may be Markdown).  It never fails and allocates nothing the caller
 * sees; bytes it cannot place are DOC_UNKNOWN.  It calls neither the
 * extractors nor archives.c, so both may call it.
 */
#ifndef PALINT_SNIFF_H
#define PALINT_SNIFF_H

#include <stddef.h>

/* The format names palint knows, for messages and --include help. */
enum doc_format {
	DOC_UNKNOWN,
	DOC_TEXT,
	DOC_MARKDOWN,
	DOC_HTML,
	DOC_XML,
	DOC_DOCX,
	DOC_ODT,
	DOC_PDF,
	DOC_ZIP,
	DOC_TAR
};

/* name may be NULL; p may be NULL when n is 0. */
enum doc_format	 sniff_format(const char *name, const unsigned char *p,
		    size_t n);
const char	*doc_format_name(enum doc_format);

#endif
