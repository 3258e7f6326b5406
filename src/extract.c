/*
 * extract.c -- stage 3 entry: a file's bytes to a segmented doctext.
 *
 * Input: a file name (for its extension only) and the bytes.  Output: a
 * struct doctext with UTF-8 text, heading and page offsets, warnings, and
 * the segmentation of segment.c, or NULL with a one-line cause.
 *
 * The format is sniffed from the bytes first, because names lie; the
 * extension only settles what the bytes leave open (a zip that may be a
 * DOCX, text that may be Markdown).  Plain text and Markdown are handled
 * here; the markup, office and PDF extractors live in their own files.
 * Archives are the batch layer's business and are refused here.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract.h"
#include "extract_int.h"
#include "segment.h"
#include "util.h"

#define SNIFF_SIZE	4096	/* bytes looked at to tell text from binary */
#define ZIP_PROBE	65536	/* bytes of a zip read for member names */
#define ZIP_ENTRIES	16	/* members looked at in a zip */

static const char *format_names[] = {
	"unknown", "text", "markdown", "html", "xml", "docx", "odt", "pdf",
	"zip", "tar"
};

void
extract_opts_default(struct extract_opts *o)
{
	o->max_file_size = (size_t)256 << 20;
	o->max_members = 10000;
	o->max_total_size = (size_t)1 << 30;
	o->max_ratio = 200;
	o->max_xml_depth = 256;
}

const char *
doc_format_name(enum doc_format f)
{
	if ((size_t)f >= nitems(format_names))
		return "unknown";
	return format_names[f];
}

/* ---- The doctext ---- */

struct doctext *
doctext_new(char *text, size_t len)
{
	struct doctext *dt;

	dt = xcalloc(1, sizeof *dt);
	if (text == NULL) {
		text = xstrdup("");
		len = 0;
	}
	dt->text = text;
	dt->len = len;
	return dt;
}

/*
 * Append to an array that has no capacity field: it grows whenever its
 * length reaches a power of two, so appends stay amortised O(1).
 */
static void
offsets_add(size_t **v, size_t *n, size_t off)
{
	size_t i;

	if (*n > 0 && (*v)[*n - 1] == off)
		return;
	if ((*n & (*n - 1)) == 0)
		*v = xreallocarray(*v, *n == 0 ? 1 : *n * 2, sizeof **v);
	/* Keep ascending order even if an extractor goes back. */
	for (i = *n; i > 0 && (*v)[i - 1] > off; i--)
		(*v)[i] = (*v)[i - 1];
	if (i > 0 && (*v)[i - 1] == off) {
		memmove(*v + i, *v + i + 1, (*n - i) * sizeof **v);
		return;
	}
	(*v)[i] = off;
	(*n)++;
}

void
doctext_add_heading(struct doctext *dt, size_t off)
{
	offsets_add(&dt->headings, &dt->nheadings, off);
}

void
doctext_add_page(struct doctext *dt, size_t off)
{
	offsets_add(&dt->pages, &dt->npages, off);
}

void
doctext_warn(struct doctext *dt, const char *fmt, ...)
{
	va_list ap;
	size_t n = dt->nwarnings;

	if ((n & (n - 1)) == 0)
		dt->warnings = xreallocarray(dt->warnings, n == 0 ? 1 : n * 2,
		    sizeof *dt->warnings);
	va_start(ap, fmt);
	dt->warnings[n] = xvasprintf(fmt, ap);
	va_end(ap);
	dt->nwarnings++;
}

void
doctext_free(struct doctext *dt)
{
	size_t i;

	if (dt == NULL)
		return;
	free(dt->text);
	free(dt->headings);
	free(dt->pages);
	for (i = 0; i < dt->nwarnings; i++)
		free(dt->warnings[i]);
	free(dt->warnings);
	free(dt->lines);
	free(dt->sentences);
	free(dt->paragraphs);
	free(dt->sections);
	free(dt);
}

struct doctext *
doctext_from_string(const char *s, size_t len)
{
	struct doctext *dt;
	char *text;
	size_t i;

	text = xmalloc(len + 1);
	for (i = 0; i < len; i++)
		text[i] = s[i] == '\0' ? ' ' : s[i];
	text[len] = '\0';
	dt = doctext_new(text, len);
	segment_document(dt);
	return dt;
}

/* ---- Format sniffing ---- */

static const char *
extension(const char *name)
{
	const char *slash, *dot;

	if (name == NULL)
		return "";
	if ((slash = strrchr(name, '/')) != NULL)
		name = slash + 1;
	if ((dot = strrchr(name, '.')) == NULL || dot == name)
		return "";
	return dot + 1;
}

static int
has_ext(const char *name, const char *ext)
{
	return strcasecmp(extension(name), ext) == 0;
}

static unsigned
le16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static unsigned long
le32(const unsigned char *p)
{
	return le16(p) | (unsigned long)le16(p + 2) << 16;
}

/* Does member data start with the ODF text mimetype (stored, not deflated)? */
static int
odf_text_mimetype(const unsigned char *data, size_t avail, unsigned method)
{
	static const char mt[] = "application/vnd.oasis.opendocument.text";

	return method == 0 && avail >= sizeof mt - 1 &&
	    memcmp(data, mt, sizeof mt - 1) == 0;
}

/*
 * Walk the first local headers of a zip for names that betray an office
 * document: "word/..." (DOCX) or a stored "mimetype" naming ODF text.  A
 * member with a data descriptor hides its size, so the walk stops there.
 */
static enum doc_format
sniff_zip(const unsigned char *p, size_t n)
{
	size_t off = 0, nlen, xlen, i;
	unsigned long csize;
	unsigned flags, method;

	if (n > ZIP_PROBE)
		n = ZIP_PROBE;
	for (i = 0; i < ZIP_ENTRIES && off + 30 <= n; i++) {
		if (memcmp(p + off, "PK\003\004", 4) != 0)
			break;
		flags = le16(p + off + 6);
		method = le16(p + off + 8);
		csize = le32(p + off + 18);
		nlen = le16(p + off + 26);
		xlen = le16(p + off + 28);
		if (off + 30 + nlen > n)
			break;
		if (nlen >= 5 && memcmp(p + off + 30, "word/", 5) == 0)
			return DOC_DOCX;
		if (nlen == 8 && memcmp(p + off + 30, "mimetype", 8) == 0 &&
		    off + 30 + nlen + xlen <= n) {
			i = off + 30 + nlen + xlen;
			return odf_text_mimetype(p + i, n - i, method) ?
			    DOC_ODT : DOC_ZIP;
		}
		if (flags & 0x08)
			break;
		off += 30 + nlen + xlen + csize;
	}
	return DOC_UNKNOWN;
}

static int
is_ctrl(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
	    c != '\f' && c != '\v' && c != 0x1a && c != 0x1b;
}

/* Many NULs or control bytes at the start: not a text file. */
static int
looks_binary(const unsigned char *p, size_t n)
{
	size_t i, nul = 0, ctrl = 0;

	if (n > SNIFF_SIZE)
		n = SNIFF_SIZE;
	for (i = 0; i < n; i++) {
		if (p[i] == '\0')
			nul++;
		else if (is_ctrl(p[i]))
			ctrl++;
	}
	return nul * 100 > n || (nul + ctrl) * 20 > n;
}

static int
prefix_ci(const char *s, size_t n, const char *pre)
{
	size_t k = strlen(pre);

	return n >= k && strncasecmp(s, pre, k) == 0;
}

/* Case-insensitive search for needle in the first n bytes of s. */
static int
contains_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, needle, k) == 0)
			return 1;
	return 0;
}

/*
 * Decoded text that starts with '<': HTML, XML, or text after all.  An XML
 * declaration means XML unless an XHTML root follows; without one, HTML
 * markers anywhere near the top win (TEI also has a <body>, but declares
 * itself as XML).
 */
static enum doc_format
sniff_markup(const char *name, const char *s, size_t n)
{
	if (has_ext(name, "txt"))
		return DOC_TEXT;
	if (has_ext(name, "md") || has_ext(name, "markdown"))
		return DOC_MARKDOWN;
	if (prefix_ci(s, n, "<?xml"))
		return contains_ci(s, n, "<html") ||
		    contains_ci(s, n, "<!doctype html") ? DOC_HTML : DOC_XML;
	if (contains_ci(s, n, "<!doctype html") || contains_ci(s, n, "<html") ||
	    contains_ci(s, n, "<body") || contains_ci(s, n, "<head"))
		return DOC_HTML;
	if (has_ext(name, "html") || has_ext(name, "htm") ||
	    has_ext(name, "xhtml"))
		return DOC_HTML;
	if (n > 1 && (s[1] == '!' || s[1] == '_' ||
	    ((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z')))
		return DOC_XML;
	return DOC_TEXT;
}

/* Sniff text already known to be UTF-8 (or decoded to it). */
static enum doc_format
sniff_text(const char *name, const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n' ||
	    *s == '\r')) {
		s++;
		n--;
	}
	if (n > 0 && *s == '<')
		return sniff_markup(name, s, n);
	if (has_ext(name, "md") || has_ext(name, "markdown"))
		return DOC_MARKDOWN;
	if (has_ext(name, "html") || has_ext(name, "htm"))
		return DOC_HTML;
	if (has_ext(name, "xml"))
		return DOC_XML;
	return DOC_TEXT;
}

static enum doc_format
sniff_container(const char *name, const unsigned char *p, size_t n)
{
	enum doc_format f;

	if (n >= 4 && memcmp(p, "PK\003\004", 4) == 0) {
		if ((f = sniff_zip(p, n)) != DOC_UNKNOWN)
			return f;
		if (has_ext(name, "docx"))
			return DOC_DOCX;
		if (has_ext(name, "odt"))
			return DOC_ODT;
		return DOC_ZIP;
	}
	if ((n >= 2 && p[0] == 0x1f && p[1] == 0x8b) ||
	    (n >= 3 && memcmp(p, "BZh", 3) == 0) ||
	    (n >= 6 && memcmp(p, "\xfd" "7zXZ\0", 6) == 0) ||
	    (n >= 262 && memcmp(p + 257, "ustar", 5) == 0))
		return DOC_TAR;
	return DOC_UNKNOWN;
}

enum doc_format
extract_sniff(const char *name, const unsigned char *p, size_t n)
{
	enum doc_format f;
	size_t i, m, dlen;
	char *d, *warning;

	if (p == NULL)
		n = 0;
	m = n < 1024 ? n : 1024;
	for (i = 0; i + 5 <= m; i++)
		if (memcmp(p + i, "%PDF-", 5) == 0)
			return DOC_PDF;
	if ((f = sniff_container(name, p, n)) != DOC_UNKNOWN)
		return f;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		n -= 3;
	}
	m = n < SNIFF_SIZE ? n : SNIFF_SIZE;
	if ((n >= 2 && ((p[0] == 0xff && p[1] == 0xfe) ||
	    (p[0] == 0xfe && p[1] == 0xff))) || decode_utf16_guess(p, m)) {
		d = decode_text(p, m & ~(size_t)1, &dlen, &warning);
		f = sniff_text(name, d, dlen);
		free(d);
		free(warning);
		return f;
	}
	if (looks_binary(p, m))
		return DOC_UNKNOWN;
	return sniff_text(name, (const char *)p, m);
}

/* ---- Plain text and Markdown ---- */

/* A code fence line: "```" or "~~~" after up to three spaces. */
static int
is_fence(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	return n - i >= 3 && (memcmp(s + i, "```", 3) == 0 ||
	    memcmp(s + i, "~~~", 3) == 0);
}

/* An ATX heading: up to three spaces, 1-6 '#', then a space or the end. */
static int
is_heading(const char *s, size_t n)
{
	size_t i = 0, k = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	while (i + k < n && s[i + k] == '#')
		k++;
	return k >= 1 && k <= 6 && (i + k == n || s[i + k] == ' ' ||
	    s[i + k] == '\t');
}

/* Record each Markdown heading line outside code fences. */
static void
markdown_headings(struct doctext *dt)
{
	const char *s = dt->text, *end = dt->text + dt->len, *nl;
	int fenced = 0;
	size_t n;

	while (s < end) {
		if ((nl = memchr(s, '\n', end - s)) == NULL)
			nl = end;
		n = nl - s;
		if (is_fence(s, n))
			fenced = !fenced;
		else if (!fenced && is_heading(s, n))
			doctext_add_heading(dt, s - dt->text);
		s = nl + 1;
	}
}

struct doctext *
extract_plain(const unsigned char *p, size_t n, int markdown,
    const struct extract_opts *opts, char **cause)
{
	struct doctext *dt;
	char *text, *warning;
	size_t len;

	text = decode_text(p, n, &len, &warning);
	dt = doctext_new(text, len);
	if (warning != NULL) {
		doctext_warn(dt, "%s", warning);
		free(warning);
	}
	if (markdown)
		markdown_headings(dt);
	return dt;
}

/* ---- Dispatch ---- */

static struct doctext *
dispatch(enum doc_format f, const unsigned char *p, size_t n,
    const struct extract_opts *opts, char **cause)
{
	switch (f) {
	case DOC_TEXT:
		return extract_plain(p, n, 0, opts, cause);
	case DOC_MARKDOWN:
		return extract_plain(p, n, 1, opts, cause);
	case DOC_HTML:
		return extract_html(p, n, opts, cause);
	case DOC_XML:
		return extract_xml(p, n, opts, cause);
	case DOC_DOCX:
		return extract_docx(p, n, opts, cause);
	case DOC_ODT:
		return extract_odt(p, n, opts, cause);
	case DOC_PDF:
		return extract_pdf(p, n, opts, cause);
	case DOC_ZIP:
	case DOC_TAR:
		*cause = xstrdup("is an archive");
		return NULL;
	case DOC_UNKNOWN:
		break;
	}
	*cause = xstrdup("binary file");
	return NULL;
}

struct doctext *
extract_document(const char *name, const unsigned char *p, size_t n,
    const struct extract_opts *opts, char **cause)
{
	struct extract_opts defaults;
	struct doctext *dt;

	*cause = NULL;
	if (opts == NULL) {
		extract_opts_default(&defaults);
		opts = &defaults;
	}
	if (opts->max_file_size != 0 && n > opts->max_file_size) {
		*cause = xasprintf("file too large (%zu bytes > limit %zu)", n,
		    opts->max_file_size);
		return NULL;
	}
	if (n == 0 || p == NULL) {
		*cause = xstrdup("empty file");
		return NULL;
	}
	dt = dispatch(extract_sniff(name, p, n), p, n, opts, cause);
	if (dt == NULL) {
		if (*cause == NULL)
			*cause = xstrdup("cannot extract text");
		return NULL;
	}
	segment_document(dt);
	return dt;
}
