/*
 * sniff.c -- which format a document's bytes are in.
 *
 * Input: the bytes and, as a tie-breaker only, the name's extension.
 * Output: an enum doc_format.  The bytes come first because names lie:
 * magic bytes for PDF, zip and the tar family; for a zip, its first
 * members as libarchive lists them (DOCX, ODT or a plain archive); for
 * text, the first markup (HTML, XML) after decoding UTF-16 if need be;
 * many control bytes mean binary.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <archive.h>
#include <archive_entry.h>

#include "extract_int.h"	/* decode.c, for UTF-16 text */
#include "sniff.h"
#include "util.h"

#define SNIFF_SIZE	4096	/* bytes looked at to tell text from binary */
#define ZIP_ENTRIES	16	/* members looked at in a zip */

static const char *format_names[] = {
	"unknown", "text", "markdown", "html", "xml", "docx", "odt", "pdf",
	"zip", "tar"
};

const char *
doc_format_name(enum doc_format f)
{
	if ((size_t)f >= nitems(format_names))
		return "unknown";
	return format_names[f];
}

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

/* The first bytes of the current member, up to cap; 0 when unreadable.
   A bad CRC is only a warning here: the bytes are what count. */
static size_t
zip_peek(struct archive *a, char *buf, size_t cap)
{
	const void *block;
	size_t len;
	la_int64_t off;
	int r;

	r = archive_read_data_block(a, &block, &len, &off);
	if ((r != ARCHIVE_OK && r != ARCHIVE_WARN) || block == NULL)
		return 0;
	if (len > cap)
		len = cap;
	memcpy(buf, block, len);
	return len;
}

/* What one member's name (and the mimetype member's bytes) betray. */
static enum doc_format
zip_member_format(struct archive *a, const char *path)
{
	static const char mt[] = "application/vnd.oasis.opendocument.text";
	char buf[sizeof mt - 1];

	if (strncmp(path, "word/", 5) == 0)
		return DOC_DOCX;
	if (strcmp(path, "mimetype") != 0)
		return DOC_UNKNOWN;
	return zip_peek(a, buf, sizeof buf) == sizeof buf &&
	    memcmp(buf, mt, sizeof buf) == 0 ? DOC_ODT : DOC_ZIP;
}

/*
 * List the first members of a zip, in stored order, for names that betray
 * an office document: "word/..." (DOCX) or a "mimetype" member naming ODF
 * text (ODT; any other mimetype: a plain zip).  The streaming reader
 * follows the local headers, so a zip cut short still tells its first
 * members.
 */
static enum doc_format
sniff_zip(const unsigned char *p, size_t n)
{
	struct archive *a;
	struct archive_entry *ae;
	enum doc_format f = DOC_UNKNOWN;
	const char *path;
	size_t i;

	if ((a = archive_read_new()) == NULL)
		fatal("out of memory");
	archive_read_support_format_zip_streamable(a);
	if (archive_read_open_memory(a, p, n) != ARCHIVE_OK)
		goto done;
	for (i = 0; i < ZIP_ENTRIES && f == DOC_UNKNOWN; i++) {
		if (archive_read_next_header(a, &ae) < ARCHIVE_WARN)
			break;
		if ((path = archive_entry_pathname(ae)) != NULL)
			f = zip_member_format(a, path);
	}
done:
	archive_read_free(a);
	return f;
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
sniff_format(const char *name, const unsigned char *p, size_t n)
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
