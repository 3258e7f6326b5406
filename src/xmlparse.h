/*
 * xmlparse.h -- the one libxml2 parser set-up, with one safety policy.
 *
 * Every XML or HTML byte string palint reads is parsed here: rule files,
 * XML documents, the XML parts of DOCX and ODT, HTML pages and the XML
 * shard reports of `palint merge`.  No other file sets up a libxml2
 * parser.  The policy, the same for all of them:
 *
 *  - no network (NONET) and no external resource at all: the external
 *    entity loader refuses every URL, so no external DTD or entity is read;
 *  - no entity substitution (NOENT off), no DTD loading, no default
 *    attributes, no DTD validation: a reference to a declared entity stays
 *    a reference and never becomes text; an entity bomb is refused by
 *    libxml2's loop and amplification checks ("entity reference loop");
 *  - libxml2's size guards stay on (XML_PARSE_HUGE is never set: text
 *    nodes up to 10 MB, nesting up to 256) and inputs over INT_MAX bytes
 *    are refused before parsing;
 *  - a tighter element depth may be set by the caller;
 *  - a caller whose vocabulary has no DOCTYPE (rule files) refuses any
 *    DOCTYPE as soon as it starts, before its subset is read.
 *
 * Errors carry the line libxml2 gives (XML_PARSE_BIG_LINES: exact past
 * 65535).  Results belong to the caller (xmlFreeDoc, xmlFreeTextReader);
 * *cause is set, and owned by the caller, only when NULL is returned.
 */
#ifndef PALINT_XMLPARSE_H
#define PALINT_XMLPARSE_H

#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

/* Shape of the tree, for callers that want it; none changes the policy. */
#define XMLPARSE_NOBLANKS	0x01	/* drop blank text between elements */
#define XMLPARSE_NOCDATA	0x02	/* CDATA sections as text nodes */
#define XMLPARSE_NODOCTYPE	0x04	/* refuse any DOCTYPE */
#define XMLPARSE_COMPACT	0x08	/* short text inside its node: fewer
					   allocations for a big tree */

/* Each error in document order; line is 0 when libxml2 gives none. */
typedef void xmlparse_error_fn(void *arg, long line, const char *message);

struct xmlparse_opts {
	int			 flags;		/* XMLPARSE_* */
	unsigned		 maxdepth;	/* 0: libxml2's own (256) */
	const char		*vocabulary;	/* named when a DOCTYPE is
						   refused: "rule files" */
	xmlparse_error_fn	*error;		/* or NULL */
	void			*arg;
};

/*
 * A well-formed document within the policy, or NULL with *cause naming
 * the first error: "malformed XML at line N: message" for what libxml2
 * finds, "XML nested deeper than N levels at line L" and "DOCTYPE
 * declarations are not allowed in VOCABULARY at line L" for the policy.
 * Every error also goes to opts->error when set.
 */
xmlDocPtr	 xmlparse_xml(const void *, size_t,
		    const struct xmlparse_opts *, char **cause);
/* HTML as browsers read it (recovering from errors, silently); encoding
   NULL lets the page's own declaration decide.  NULL: "unreadable HTML". */
htmlDocPtr	 xmlparse_html(const void *, size_t, const char *encoding,
		    char **cause);
/* A streaming reader over a file, same policy; flags: XMLPARSE_NOBLANKS
   and XMLPARSE_NOCDATA.  NULL when the file cannot be opened. */
xmlTextReaderPtr xmlparse_reader(const char *path, int flags);
/* The libxml2 version in use, for keys of what was derived by parsing. */
const char	*xmlparse_version(void);

#endif
