/*
 * extract.h -- stage 3: a file's bytes to UTF-8 text with structure hints.
 *
 * One entry point for every format: extract_document() sniffs the format
 * from the bytes (and the name's extension as a tie-breaker) and hands it to
 * the matching extractor.  The result's text is UTF-8 with LF line ends and
 * paragraphs separated by blank lines; headings and page starts come as
 * offsets.  The scanner never sees the original format.
 *
 * Bad input (unknown format, corrupt container, limit exceeded) returns NULL
 * with *cause: one line, owned by the caller, without the document name (the
 * caller adds it).  Recoverable oddities (invalid UTF-8 read as
 * Windows-1252) become doctext warnings.
 */
#ifndef PALINT_EXTRACT_H
#define PALINT_EXTRACT_H

#include <stddef.h>

#include "model.h"

struct extract_opts {
	size_t		 max_file_size;		/* bytes; 0: no limit */
	size_t		 max_members;		/* per archive */
	size_t		 max_total_size;	/* uncompressed, per archive */
	unsigned	 max_ratio;		/* uncompressed / compressed */
	unsigned	 max_xml_depth;
};

void		 extract_opts_default(struct extract_opts *);

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

enum doc_format	 extract_sniff(const char *name, const unsigned char *,
		    size_t);
const char	*doc_format_name(enum doc_format);

/* Extract and segment one document (not an archive). */
struct doctext	*extract_document(const char *name, const unsigned char *,
		    size_t, const struct extract_opts *, char **cause);
/* Build a doctext straight from UTF-8 text (eval sentences, examples). */
struct doctext	*doctext_from_string(const char *, size_t);
void		 doctext_free(struct doctext *);
void		 doctext_warn(struct doctext *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* decode.c: bytes of unknown encoding to UTF-8 with LF line ends.
   Returns the text (caller owns, NUL-terminated, *outlen bytes); *warning
   is set (owned) when the input needed a fallback. */
char		*decode_text(const unsigned char *, size_t, size_t *outlen,
		    char **warning);

#endif
