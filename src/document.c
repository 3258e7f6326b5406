/*
 * document.c -- the per-input pipeline: one path (or stdin) in, a result
 * per document or archive member out.
 *
 * Input: a walked input, the compiled rules and a scanner.  Output: struct
 * docresults (document.h).  The bytes are read whole (fileio.c), sniffed
 * (sniff.c); an archive goes member by member through archives.c, anything
 * else straight on; each document is extracted (extract.c), scanned
 * (scan.c) and judged (coverage.c).  Errors are results, never messages.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "archives.h"
#include "coverage.h"
#include "document.h"
#include "fileio.h"
#include "outfile.h"
#include "section.h"
#include "sniff.h"

/* Each hit's heading path, when the document has headings. */
static void
add_sections(const struct doctext *doc, struct hit *hits, size_t nhits)
{
	struct section_paths *sp;
	const char *path;
	size_t i;

	if ((sp = section_paths_new(doc)) == NULL)
		return;
	for (i = 0; i < nhits; i++)
		if ((path = section_path_at(sp, hits[i].start)) != NULL)
			hits[i].section = xstrdup(path);
	section_paths_free(sp);
}

struct docresult *
document_check_text(const struct ruleset *rs, struct scanner *sc,
    const char *name, const char *sha256, struct doctext *doc)
{
	struct docresult *dr;
	struct hit *hits;
	size_t nhits;
	char *cause = NULL;

	if (scan_document(sc, doc, &hits, &nhits, &cause) != 0) {
		dr = coverage_error(name, sha256, cause);
		free(cause);
		doctext_free(doc);
		return dr;
	}
	add_sections(doc, hits, nhits);
	dr = coverage_compute(rs, name, sha256, doc->words, hits, nhits);
	dr->warnings = doc->warnings;
	dr->nwarnings = doc->nwarnings;
	doc->warnings = NULL;
	doc->nwarnings = 0;
	doctext_free(doc);
	return dr;
}

struct docresult *
document_check(const struct ruleset *rs, struct scanner *sc,
    const char *name, const unsigned char *data, size_t len,
    const struct extract_opts *lim)
{
	struct doctext *doc;
	struct docresult *dr;
	char sha[65], *cause = NULL;

	sha256_hex(data, len, sha);
	if ((doc = extract_document(name, data, len, lim, &cause)) == NULL) {
		dr = coverage_error(name, sha, cause);
		free(cause);
		return dr;
	}
	return document_check_text(rs, sc, name, sha, doc);
}

static void
results_add(struct docresults *r, struct docresult *dr)
{
	GROW(r->v, r->cap, r->n + 1);
	r->v[r->n++] = dr;
}

void
docresults_free(struct docresults *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		docresult_free(r->v[i]);
	free(r->v);
	errlist_free(&r->skipped);
	memset(r, 0, sizeof(*r));
}

struct member_ctx {
	const struct ruleset		*rs;
	struct scanner			*sc;
	const struct extract_opts	*lim;
	struct docresults		*out;
};

static int
document_member(const struct archive_member *m, void *arg)
{
	struct member_ctx *mc = arg;

	if (m->skipped) {
		errlist_add(&mc->out->skipped, "%s: skipped: %s", m->name,
		    m->error != NULL ? m->error : "not a regular file");
		return 0;
	}
	if (m->error != NULL)
		results_add(mc->out, coverage_error(m->name, "", m->error));
	else
		results_add(mc->out, document_check(mc->rs, mc->sc, m->name,
		    m->data, m->len, mc->lim));
	return signal_caught() != 0;
}

/* The input's bytes, or NULL with *cause: the walk's reason, or the
   reader's. */
static unsigned char *
document_read(const struct input *in, const struct extract_opts *lim,
    size_t *len, char **cause)
{
	if (in->error != NULL) {
		*cause = xstrdup(in->error);
		return NULL;
	}
	return file_read(in->is_stdin ? NULL : in->path,
	    in->read_any ? FILE_READ_ANY : 0, lim->max_file_size, len, cause);
}

void
document_run(const struct ruleset *rs, struct scanner *sc,
    const struct input *in, const struct extract_opts *lim,
    struct docresults *out)
{
	struct member_ctx mc = { rs, sc, lim, out };
	unsigned char *data;
	size_t len;
	char *cause = NULL, sha[65];
	enum doc_format f;

	if ((data = document_read(in, lim, &len, &cause)) == NULL) {
		results_add(out, coverage_error(in->path, "", cause));
		free(cause);
		return;
	}
	out->bytes += len;
	f = sniff_format(in->path, data, len);
	if (f == DOC_ZIP || f == DOC_TAR) {
		if (archive_each(in->path, data, len, lim, document_member,
		    &mc, &cause) != 0) {
			sha256_hex(data, len, sha);
			results_add(out, coverage_error(in->path, sha, cause));
			free(cause);
		}
	} else
		results_add(out, document_check(rs, sc, in->path, data, len,
		    lim));
	free(data);
}

struct doctext *
document_text(const struct input *in, const struct extract_opts *lim,
    char **cause)
{
	struct doctext *doc;
	unsigned char *data;
	size_t len;

	if ((data = document_read(in, lim, &len, cause)) == NULL)
		return NULL;
	doc = extract_document(in->path, data, len, lim, cause);
	free(data);
	return doc;
}
