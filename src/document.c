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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archives.h"
#include "coverage.h"
#include "document.h"
#include "fileio.h"
#include "langdetect.h"
#include "outfile.h"
#include "paralang.h"
#include "readable.h"
#include "section.h"
#include "sniff.h"
#include "textkind.h"

/* A language code is copied whole into a docresult. */
_Static_assert(sizeof(((struct docresult *)0)->language) == LANG_CODE_SIZE,
    "docresult language and LANG_CODE_SIZE differ");

static void
doc_warn(struct doctext *doc, char *msg)
{
	doc->warnings = xreallocarray(doc->warnings, doc->nwarnings + 1,
	    sizeof(*doc->warnings));
	doc->warnings[doc->nwarnings++] = msg;
}

/* The document's language: as --language says, else detected; "und",
   with a warning, when the detector cannot be loaded. */
static void
document_language(const struct extract_opts *lim, struct doctext *doc,
    char code[LANG_CODE_SIZE])
{
	const struct langdetect *ld;
	const char *cause = NULL;

	if (lim->language != NULL) {
		snprintf(code, LANG_CODE_SIZE, "%s", lim->language);
		return;
	}
	if ((ld = langdetect_shared(&cause)) == NULL) {
		strcpy(code, LANG_UNDETERMINED);
		doc_warn(doc, xasprintf("language not detected: %s", cause));
		return;
	}
	langdetect_document(ld, doc->text, doc->len, code);
}

/* 1 when the rules are written for this language. */
static int
language_ruled(const struct ruleset *rs, const char *code)
{
	size_t i;

	for (i = 0; i < rs->nlanguages; i++)
		if (strcmp(rs->languages[i], code) == 0)
			return 1;
	return 0;
}

/*
 * The language of each paragraph (doc->paralang), so that a quotation in
 * another language is read in its own; not with --language, which names
 * the language of the whole text.  Paragraphs in a language the rules do
 * not read are not scanned: counted in *skipped, with a warning.
 */
static void
paragraph_languages(const struct ruleset *rs,
    const struct extract_opts *lim, struct doctext *doc,
    const char *doclang, size_t *skipped)
{
	const struct langdetect *ld;
	const char *cause = NULL, *other = NULL;
	size_t i, bytes = 0;

	*skipped = 0;
	if (lim->language != NULL || doc->nparagraphs == 0 ||
	    (ld = langdetect_shared(&cause)) == NULL)
		return;
	doc->paralang = xcalloc(doc->nparagraphs, sizeof(*doc->paralang));
	paralang_detect(ld, doc, doclang, doc->paralang);
	for (i = 0; i < doc->nparagraphs; i++)
		if (!language_ruled(rs, doc->paralang[i]) &&
		    strcmp(doc->paralang[i], LANG_UNDETERMINED) != 0) {
			(*skipped)++;
			bytes += doc->paragraphs[i].end -
			    doc->paragraphs[i].start;
			if (other == NULL)
				other = doc->paralang[i];
		}
	if (*skipped > 0)
		doc_warn(doc, xasprintf("%zu paragraph%s (%.0f%% of the "
		    "text) not scanned: in a language the rules do not read "
		    "(%s, %s)", *skipped, *skipped == 1 ? "" : "s",
		    100.0 * (double)bytes / (double)(doc->len > 0 ? doc->len :
		    1), other, langdetect_name(other)));
}

/* NULL when the rules cover the language (an undetermined one is given
   the benefit of the doubt); else why there is no verdict. */
static char *
language_uncovered(const struct ruleset *rs, const char *code)
{
	struct strbuf sb = { NULL, 0, 0 };
	size_t i;

	if (strcmp(code, LANG_UNDETERMINED) == 0)
		return NULL;
	for (i = 0; i < rs->nlanguages; i++)
		if (strcmp(rs->languages[i], code) == 0)
			return NULL;
	strbuf_addf(&sb, "language %s (%s) is not covered by the rules (",
	    code, langdetect_name(code));
	for (i = 0; i < rs->nlanguages; i++)
		strbuf_addf(&sb, "%s%s", i > 0 ? ", " : "", rs->languages[i]);
	strbuf_adds(&sb, "); no verdict");
	return sb.s;
}

/* A document in a language the rules do not read: not scanned. */
static struct docresult *
document_unjudged(const char *name, const char *sha256, struct doctext *doc,
    const char *why)
{
	struct docresult *dr;

	dr = coverage_no_verdict(name, sha256, doc->words, why);
	dr->warnings = doc->warnings;
	dr->nwarnings = doc->nwarnings;
	doc->warnings = NULL;
	doc->nwarnings = 0;
	doctext_free(doc);
	return dr;
}

/* "12 paragraphs (8120 bytes, 23% of the text)": how much is
   unreadable. */
static void
unreadable_amount(struct strbuf *sb, const struct readability *rd)
{
	strbuf_addf(sb, "%zu paragraph%s (%zu bytes, %.0f%% of the text)",
	    rd->paragraphs, rd->paragraphs == 1 ? "" : "s", rd->bytes,
	    100.0 * readable_share(rd));
}

/* A document mostly unreadable: not scanned, no verdict. */
static struct docresult *
document_unreadable(const char *name, const char *sha256,
    struct doctext *doc, const struct readability *rd)
{
	struct strbuf sb = { NULL, 0, 0 };
	struct docresult *dr;

	strbuf_adds(&sb, "text mostly unreadable (letter soup, spaced-out "
	    "letters, symbols or mojibake): ");
	unreadable_amount(&sb, rd);
	strbuf_addf(&sb, ", %d%% or more; no verdict", READABLE_DOC_PCT);
	dr = document_unjudged(name, sha256, doc, sb.s);
	free(sb.s);
	dr->unreadable = 1;
	return dr;
}

/*
 * Hits in unreadable text count toward nothing: they are taken out, and
 * their number returned; the others keep their order.
 */
static size_t
drop_unreadable(const struct readability *rd, struct hit *hits,
    size_t *nhits)
{
	size_t i, n = 0;

	for (i = 0; i < *nhits; i++) {
		if (readable_at(rd, hits[i].start)) {
			hit_clear(&hits[i]);
			continue;
		}
		hits[n++] = hits[i];
	}
	i = *nhits - n;
	*nhits = n;
	return i;
}

/* The warning of a document partly unreadable. */
static char *
unreadable_warning(const struct readability *rd, size_t dropped)
{
	struct strbuf sb = { NULL, 0, 0 };

	strbuf_adds(&sb, "unreadable text: ");
	unreadable_amount(&sb, rd);
	strbuf_addf(&sb, "; %zu match%s there not counted", dropped,
	    dropped == 1 ? "" : "es");
	return sb.s;
}

/* The result's account of unreadable text (model.h). */
static void
unread_fill(struct docresult *dr, const struct readability *rd,
    size_t dropped)
{
	dr->unread_paragraphs = rd->paragraphs;
	dr->unread_bytes = rd->bytes;
	dr->unread_share = readable_share(rd);
	dr->unread_hits = dropped;
}

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
    const char *name, const char *sha256, struct doctext *doc,
    const struct extract_opts *lim)
{
	struct docresult *dr;
	struct hit *hits;
	size_t nhits;
	char *cause = NULL, *why, lang[LANG_CODE_SIZE];
	struct langshare *mix = NULL;
	struct readability rd;
	size_t nmix = 0, skipped = 0, dropped;
	unsigned flags;

	document_language(lim, doc, lang);
	if ((why = language_uncovered(rs, lang)) != NULL) {
		dr = document_unjudged(name, sha256, doc, why);
		free(why);
		memcpy(dr->language, lang, sizeof(dr->language));
		return dr;
	}
	memcpy(doc->lang, lang, sizeof(doc->lang));
	readable_measure(doc, &rd);
	if (readable_share(&rd) * 100 >= READABLE_DOC_PCT) {
		dr = document_unreadable(name, sha256, doc, &rd);
		unread_fill(dr, &rd, 0);
		readable_clear(&rd);
		memcpy(dr->language, lang, sizeof(dr->language));
		return dr;
	}
	paragraph_languages(rs, lim, doc, lang, &skipped);
	if (doc->paralang != NULL)
		mix = paralang_mix(doc, doc->paralang, &nmix);
	if (scan_document(sc, doc, &hits, &nhits, &cause) != 0) {
		free(mix);
		readable_clear(&rd);
		dr = coverage_error(name, sha256, cause);
		free(cause);
		doctext_free(doc);
		return dr;
	}
	dropped = drop_unreadable(&rd, hits, &nhits);
	add_sections(doc, hits, nhits);
	if ((flags = textkind_check(doc, &why)) != 0)
		doc_warn(doc, why);
	if (readable_share(&rd) * 100 >= READABLE_WARN_PCT) {
		flags |= DOCFLAG_UNREADABLE;
		doc_warn(doc, unreadable_warning(&rd, dropped));
	}
	dr = coverage_compute(rs, name, sha256, doc->words, hits, nhits);
	unread_fill(dr, &rd, dropped);
	readable_clear(&rd);
	memcpy(dr->language, lang, sizeof(dr->language));
	dr->mix = mix;
	dr->nmix = nmix;
	dr->skipped = skipped;
	dr->flags = flags;
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
	return document_check_text(rs, sc, name, sha, doc, lim);
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
