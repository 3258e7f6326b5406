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
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#ifdef HAVE_POPPLER
#include <poppler.h>
#endif

#include "extract_int.h"
#include "util.h"

#ifdef HAVE_POPPLER

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

static size_t
chars(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
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
		if ((n = chars(line, nl - line)) > width)
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
		if (width >= PDF_MIN_WIDTH && (chars(line, n) * 100 <
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
	if (err != NULL && g_error_matches(err, POPPLER_ERROR,
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

	bytes = g_bytes_new_static(data, len);
	doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	g_bytes_unref(bytes);
	if (doc == NULL) {
		*cause = open_error(err);
		g_clear_error(&err);
		return NULL;
	}
	memset(&sb, 0, sizeof(sb));
	n = poppler_document_get_n_pages(doc);
	pages = xreallocarray(NULL, n > 0 ? (size_t)n : 1, sizeof(*pages));
	for (i = 0; i < n; i++) {
		sep = sb.len;
		if (sb.len > 0)
			strbuf_add(&sb, "\n\n", 2);
		pages[i] = sb.len;
		page = poppler_document_get_page(doc, i);
		t = page != NULL ? poppler_page_get_text(page) : NULL;
		if (t != NULL)
			add_page_text(&sb, t);
		if (sb.len == pages[i]) {
			/* An empty page: no separator either. */
			sb.len = pages[i] = sep;
			if (sb.s != NULL)
				sb.s[sb.len] = '\0';
		}
		g_free(t);
		if (page != NULL)
			g_object_unref(page);
	}
	g_object_unref(doc);
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
