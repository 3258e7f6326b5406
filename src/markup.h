/*
 * markup.h -- what the markup extractors (HTML, XML, DOCX, ODT) share.
 *
 * textbuild.c turns a walk over a document tree into doctext text: callers
 * feed it text runs, paragraph boundaries and heading starts in document
 * order; it collapses whitespace, separates blocks with one blank line and
 * records each heading's offset.  extract_markup.c parses XML for every
 * extractor through xmlparse.c (no network, no external entities, no
 * entity expansion).
 */
#ifndef PALINT_MARKUP_H
#define PALINT_MARKUP_H

#include <stddef.h>

#include <libxml/tree.h>

#include "extract.h"
#include "util.h"

struct textbuild {
	struct strbuf	 sb;
	size_t		*headings;
	size_t		 nheadings;
	size_t		 capheadings;
	int		 brk;		/* a block boundary is pending */
	int		 space;		/* a space is pending */
	int		 heading;	/* the next text starts a heading */
	int		 in_heading;	/* inside a heading element */
	int		 heading_run;	/* nothing but heading text since the
					   last heading started */
	int		 glue;		/* the next boundary is a space */
};

/* textbuild.c */
void		 textbuild_init(struct textbuild *);
/* Text run; keep: whitespace is kept (<pre>), else runs fold to one space. */
void		 textbuild_text(struct textbuild *, const char *, size_t,
		    int keep);
/* A tab or line feed that the source spells out (w:tab, w:br). */
void		 textbuild_char(struct textbuild *, char);
void		 textbuild_break(struct textbuild *);
/* Until more text comes, turn the next boundary into a space. */
void		 textbuild_glue(struct textbuild *);
/* join: continue a heading that ended just before (<num> then <heading>). */
void		 textbuild_heading_begin(struct textbuild *, int join);
void		 textbuild_heading_end(struct textbuild *);
/* The collected text as an unsegmented doctext; the builder is reset. */
struct doctext	*textbuild_finish(struct textbuild *);
void		 textbuild_free(struct textbuild *);

/* extract_markup.c */
/* Parse XML under xmlparse.c's policy (no network, DTD loading or entity
   expansion), elements deeper than maxdepth (0: libxml2's limit) refused;
   NULL with *cause "malformed XML at line N: message" on the first error. */
xmlDocPtr	 markup_parse_xml(const unsigned char *, size_t,
		    unsigned maxdepth, char **cause);
/* Case-insensitive test of an element's local name, any namespace. */
int		 markup_is(const xmlNode *, const char *);
/* An attribute's value by local name, any namespace; NULL if absent. */
const char	*markup_attr(const xmlNode *, const char *);

#endif
