/*
 * extract_pdf.c -- PDF documents to text, through poppler-glib.
 *
 * Input: the bytes of a PDF.  Output: a doctext (not yet segmented) with
 * each page's text, pages separated by a blank line, and the offset where
 * each page starts, so that evidence can name its page.  Without poppler
 * (configure --without-poppler) every PDF is refused with a plain reason.
 *
 * Each call opens its own PopplerDocument; poppler-glib documents share no
 * mutable state, so threads may extract different PDFs at once.
 *
 * poppler-glib is loaded with dlopen(3) on the first PDF, not linked: it
 * brings some fifty shared libraries whose loading would otherwise cost
 * every run, PDF or not, tens of milliseconds.
 */
#include "config.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_POPPLER
#include <poppler.h>
#endif

#include "extract_int.h"
#include "utf8.h"
#include "util.h"

#ifdef HAVE_POPPLER

/* The poppler-glib and GLib calls used here, resolved at run time. */
static struct {
	GBytes		*(*bytes_new_static)(gconstpointer, gsize);
	void		 (*bytes_unref)(GBytes *);
	void		 (*clear_error)(GError **);
	gboolean	 (*error_matches)(const GError *, GQuark, gint);
	void		 (*free)(gpointer);
	void		 (*object_unref)(gpointer);
	GQuark		 (*error_quark)(void);
	PopplerDocument	*(*document_new_from_bytes)(GBytes *, const char *,
			    GError **);
	int		 (*get_n_pages)(PopplerDocument *);
	PopplerPage	*(*get_page)(PopplerDocument *, int);
	char		*(*page_get_text)(PopplerPage *);
} pp;
static int pp_loaded;
static pthread_once_t pp_once = PTHREAD_ONCE_INIT;

static void
pp_sym(void *h, void *fn, const char *name, int *ok)
{
	void *p = dlsym(h, name);

	/* Function pointers and void * have one size on every platform
	   dlopen(3) exists on; POSIX requires it. */
	memcpy(fn, &p, sizeof(p));
	*ok &= p != NULL;
}

static void
pp_load(void)
{
	static const char *const names[] = {
		"libpoppler-glib.so.8", "libpoppler-glib.so"
	};
	void *h = NULL;
	size_t i;
	int ok = 1;

	for (i = 0; h == NULL && i < nitems(names); i++)
		h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (h == NULL)
		return;
	pp_sym(h, &pp.bytes_new_static, "g_bytes_new_static", &ok);
	pp_sym(h, &pp.bytes_unref, "g_bytes_unref", &ok);
	pp_sym(h, &pp.clear_error, "g_clear_error", &ok);
	pp_sym(h, &pp.error_matches, "g_error_matches", &ok);
	pp_sym(h, &pp.free, "g_free", &ok);
	pp_sym(h, &pp.object_unref, "g_object_unref", &ok);
	pp_sym(h, &pp.error_quark, "poppler_error_quark", &ok);
	pp_sym(h, &pp.document_new_from_bytes,
	    "poppler_document_new_from_bytes", &ok);
	pp_sym(h, &pp.get_n_pages, "poppler_document_get_n_pages", &ok);
	pp_sym(h, &pp.get_page, "poppler_document_get_page", &ok);
	pp_sym(h, &pp.page_get_text, "poppler_page_get_text", &ok);
	pp_loaded = ok;
}

/* A line this much shorter than the page's longest ends a paragraph. */
#define PDF_SHORT_LINE	75	/* percent */
#define PDF_MIN_WIDTH	40	/* characters; narrower pages: no guessing */

/* Page text with LF line ends and no form feeds or control characters. */
static void
normalise(struct strbuf *out, const char *t)
{
	for (; *t != '\0'; t++) {
		if (*t == '\r') {
			if (t[1] != '\n')
				strbuf_addc(out, '\n');
		} else if (*t == '\f')
			strbuf_addc(out, '\n');
		else if ((unsigned char)*t < 0x20 && *t != '\n' && *t != '\t')
			strbuf_addc(out, ' ');
		else
			strbuf_addc(out, *t);
	}
}

/* Bullets that poppler leaves at the start of a list item's line. */
static int
bullet(const char *s)
{
	static const char *marks[] = {
		"\xe2\x80\xa2", "\xe2\x97\x8f", "\xe2\x96\xaa",
		"\xef\x82\xb7", "\xe2\x80\x93 ", "- "
	};
	size_t i;

	for (i = 0; i < nitems(marks); i++) {
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return 1;
	}
	return 0;
}

/*
 * poppler gives lines but no paragraphs.  Guess them as a reader does: a
 * line well short of the page's width ends a paragraph (or is a heading),
 * and a bulleted line starts one.
 */
static void
add_page_text(struct strbuf *sb, const char *t)
{
	struct strbuf page;
	const char *line, *nl, *end;
	size_t n, width = 0, start = sb->len;

	memset(&page, 0, sizeof(page));
	normalise(&page, t);
	if (page.s == NULL)
		return;
	end = page.s + page.len;
	for (line = page.s; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', end - line)) == NULL)
			nl = end;
		if ((n = utf8_count(line, nl - line)) > width)
			width = n;
	}
	for (line = page.s; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', end - line)) == NULL)
			nl = end;
		n = nl - line;
		while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
			n--;
		strbuf_add(sb, line, n);
		if (nl == end)
			break;
		if (width >= PDF_MIN_WIDTH && (utf8_count(line, n) * 100 <
		    width * PDF_SHORT_LINE || bullet(nl + 1)))
			strbuf_addc(sb, '\n');
		strbuf_addc(sb, '\n');
	}
	while (sb->len > start && (sb->s[sb->len - 1] == '\n' ||
	    sb->s[sb->len - 1] == ' '))
		sb->s[--sb->len] = '\0';
	strbuf_free(&page);
}

static char *
open_error(GError *err)
{
	if (err != NULL && pp.error_matches(err, pp.error_quark(),
	    POPPLER_ERROR_ENCRYPTED))
		return xstrdup("encrypted PDF");
	return xasprintf("unreadable PDF: %s", err != NULL ? err->message :
	    "unknown error");
}

struct doctext *
extract_pdf(const unsigned char *data, size_t len,
    const struct extract_opts *opts, char **cause)
{
	PopplerDocument *doc;
	PopplerPage *page;
	GBytes *bytes;
	GError *err = NULL;
	struct strbuf sb;
	struct doctext *dt;
	size_t *pages, sep;
	char *t;
	int i, n;

	pthread_once(&pp_once, pp_load);
	if (!pp_loaded) {
		*cause = xstrdup("PDF support unavailable: libpoppler-glib "
		    "cannot be loaded");
		return NULL;
	}
	bytes = pp.bytes_new_static(data, len);
	doc = pp.document_new_from_bytes(bytes, NULL, &err);
	pp.bytes_unref(bytes);
	if (doc == NULL) {
		*cause = open_error(err);
		pp.clear_error(&err);
		return NULL;
	}
	memset(&sb, 0, sizeof(sb));
	n = pp.get_n_pages(doc);
	pages = xreallocarray(NULL, n > 0 ? (size_t)n : 1, sizeof(*pages));
	for (i = 0; i < n; i++) {
		sep = sb.len;
		if (sb.len > 0)
			strbuf_add(&sb, "\n\n", 2);
		pages[i] = sb.len;
		page = pp.get_page(doc, i);
		t = page != NULL ? pp.page_get_text(page) : NULL;
		if (t != NULL)
			add_page_text(&sb, t);
		if (sb.len == pages[i]) {
			/* An empty page: no separator either. */
			sb.len = pages[i] = sep;
			if (sb.s != NULL)
				sb.s[sb.len] = '\0';
		}
		pp.free(t);
		if (page != NULL)
			pp.object_unref(page);
	}
	pp.object_unref(doc);
	if (sb.len > 0)
		strbuf_addc(&sb, '\n');
	sep = sb.len;
	dt = doctext_new(strbuf_take(&sb), sep);
	for (i = 0; i < n; i++)
		doctext_add_page(dt, pages[i]);
	free(pages);
	if (dt->len == 0 && n > 0)
		doctext_warn(dt, "PDF has no text layer (scanned pages?)");
	return dt;
}

#else /* !HAVE_POPPLER */

struct doctext *
extract_pdf(const unsigned char *data, size_t len,
    const struct extract_opts *opts, char **cause)
{
	*cause = xstrdup("PDF support was not built (configure "
	    "--without-poppler)");
	return NULL;
}

#endif
