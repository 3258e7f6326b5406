/*
 * extract.h -- stage 3: a file's bytes to UTF-8 text with structure hints.
 *
 * One entry point for every format: extract_document() sniffs the format
 * (sniff.h) and hands the bytes to the matching extractor; archives are
 * refused (document.h reads their members).  The result's text is UTF-8
 * with LF line ends and paragraphs separated by blank lines; headings and
 * page starts come as offsets.  The scanner never sees the original
 * format.  doctext.h (included) builds and frees the result.
 *
 * Bad input (unknown format, corrupt container, limit exceeded) returns NULL
 * with *cause: one line, owned by the caller, without the document name (the
 * caller adds it).  Recoverable oddities (invalid UTF-8 read as
 * Windows-1252) become doctext warnings.
 */
#ifndef PALINT_EXTRACT_H
#define PALINT_EXTRACT_H

#include <stddef.h>

#include "doctext.h"
#include "model.h"
#include "sniff.h"

struct extract_opts {
	size_t		 max_file_size;		/* bytes; 0: no limit */
	size_t		 max_members;		/* per archive */
	size_t		 max_total_size;	/* uncompressed, per archive */
	unsigned	 max_ratio;		/* uncompressed / compressed */
	unsigned	 max_xml_depth;
	const char	*language;	/* --language: every document is in
					   this language (a code, not
					   detected); NULL: detect */
};

void		 extract_opts_default(struct extract_opts *);

/* Extract and segment one document (not an archive). */
struct doctext	*extract_document(const char *name, const unsigned char *,
		    size_t, const struct extract_opts *, char **cause);

/* decode.c: bytes of unknown encoding to UTF-8 with LF line ends.
   Returns the text (caller owns, NUL-terminated, *outlen bytes); *warning
   is set (owned) when the input needed a fallback. */
char		*decode_text(const unsigned char *, size_t, size_t *outlen,
		    char **warning);

#endif
