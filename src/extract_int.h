/*
 * extract_int.h -- the extractors behind extract_document(), one per
 * format family.  Each takes the raw bytes and returns a doctext with text,
 * headings, pages and warnings filled but not yet segmented (extract.c calls
 * segment_document()), or NULL with *cause (one line, caller owns).
 */
#ifndef PALINT_EXTRACT_INT_H
#define PALINT_EXTRACT_INT_H

#include <stddef.h>

#include "doctext.h"
#include "extract.h"

/* decode.c: 'L' or 'B' when the bytes look like UTF-16 without a byte
   order mark (NULs in every other byte), else 0. */
int		 decode_utf16_guess(const unsigned char *, size_t);

/* extract_plain.c: plain text and Markdown. */
struct doctext	*extract_plain(const unsigned char *, size_t, int markdown,
		    const struct extract_opts *, char **cause);
/* extract_markup.c: HTML and generic/legal XML through libxml2. */
struct doctext	*extract_html(const unsigned char *, size_t,
		    const struct extract_opts *, char **cause);
struct doctext	*extract_xml(const unsigned char *, size_t,
		    const struct extract_opts *, char **cause);
/* extract_office.c: DOCX and ODT (libarchive for the zip). */
struct doctext	*extract_docx(const unsigned char *, size_t,
		    const struct extract_opts *, char **cause);
struct doctext	*extract_odt(const unsigned char *, size_t,
		    const struct extract_opts *, char **cause);
/* extract_pdf.c: PDF through poppler-glib, or a plain refusal without it. */
struct doctext	*extract_pdf(const unsigned char *, size_t,
		    const struct extract_opts *, char **cause);

#endif
