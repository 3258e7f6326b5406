/*
 * doctext.h -- building and freeing a struct doctext (model.h).
 *
 * The extractors and the other producers of text (eval sentences, rule
 * examples) create a doctext here and add their hints to it; segment.c
 * then fills the rest.  Ownership: doctext_new() takes the text it is
 * given; a doctext belongs to whoever created it until handed on (e.g. to
 * document_check_text()); doctext_free() frees everything hanging off it
 * and accepts NULL.  None of these fails: allocation failure is fatal.
 */
#ifndef PALINT_DOCTEXT_H
#define PALINT_DOCTEXT_H

#include <stddef.h>

#include "model.h"

/* Take ownership of UTF-8 text (NUL-terminated, len bytes; NULL: empty)
   as a new, unsegmented doctext. */
struct doctext	*doctext_new(char *text, size_t len);
/* Append a heading or page offset; offsets stay ascending and unique. */
void		 doctext_add_heading(struct doctext *, size_t off);
void		 doctext_add_page(struct doctext *, size_t off);
void		 doctext_warn(struct doctext *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* Build a segmented doctext straight from UTF-8 text (eval sentences,
   examples); NUL bytes become spaces. */
struct doctext	*doctext_from_string(const char *, size_t);
void		 doctext_free(struct doctext *);

#endif
