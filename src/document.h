/*
 * document.h -- one input through the per-document pipeline:
 *
 *	read -> sniff -> archive members -> extract -> segment -> check
 *
 * document_run() takes one input (a file, or stdin) and returns a struct
 * docresult for every document in it: one for a plain document; one per
 * member for a zip or tar archive, named "archive.zip!member" and in
 * member name order, an archive inside it opened in place (one level of
 * nesting, as archives.h says).  Every scanner-facing command goes through
 * here, so a zip reads the same in `palint DIR`, `rules check --corpus
 * DIR` and `eval --documents`.
 *
 * Nothing here prints.  A document or member that cannot be read, or
 * extracted, or scanned becomes a result with ok == 0 and its one-line
 * error; an archive that is unreadable or over a limit adds an error row
 * named after the archive (after the members read before the trouble).
 * Members left out on purpose (links, macOS metadata) are not results:
 * they come back as "name: skipped: why" notices in the list's errlist,
 * for the caller to show or not.
 *
 * Ownership: the results and notices belong to the struct docresults,
 * which the caller provides (zeroed) and frees with docresults_free().
 * The ruleset must outlive the results (they borrow its rules); the
 * scanner is used, not kept, and belongs to the calling thread.
 */
#ifndef PALINT_DOCUMENT_H
#define PALINT_DOCUMENT_H

#include <stddef.h>

#include "extract.h"
#include "model.h"
#include "scan.h"
#include "util.h"
#include "walk.h"

struct docresults {
	struct docresult **v;		/* in report order */
	size_t		 n;
	size_t		 cap;
	struct errlist	 skipped;	/* members left out on purpose */
	size_t		 bytes;		/* read from the input */
};

/*
 * Append the results of one input (struct input from walk.h: path as
 * reported, read from stdin when is_stdin; a walk error becomes its error
 * row without reading; anything but a regular file is refused, without
 * waiting on it, unless read_any).  Stops between archive members once a
 * signal has been caught (signal_caught(), outfile.h).
 */
void	 document_run(const struct ruleset *, struct scanner *,
	    const struct input *, const struct extract_opts *,
	    struct docresults *);
/* Free every result and notice; the list is empty and reusable after. */
void	 docresults_free(struct docresults *);

/* Read one input as document_run() does and extract it without checking
   (`palint extract`).  Archives are refused.  NULL with *cause (one line,
   caller owns). */
struct doctext *document_text(const struct input *,
	    const struct extract_opts *, char **cause);

/* Judge one document from its raw bytes; never NULL: a document that
   cannot be read or scanned gives a result with ok == 0. */
struct docresult *document_check(const struct ruleset *, struct scanner *,
	    const char *name, const unsigned char *, size_t,
	    const struct extract_opts *);
/*
 * The same for text already extracted; takes ownership of doc.  Its
 * language is detected (or taken from the options' language); a document
 * in a language the rules do not cover is not scanned: its result has
 * no_verdict set.  A judged document is checked for signs that it is not
 * policy text (textkind.h) and flagged.
 */
struct docresult *document_check_text(const struct ruleset *,
	    struct scanner *, const char *name, const char *sha256,
	    struct doctext *doc, const struct extract_opts *);

#endif
