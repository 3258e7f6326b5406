/*
 * decode.c -- bytes of unknown encoding to UTF-8 text with LF line ends.
 *
 * Input: the raw bytes of a text file.  Output: NUL-terminated UTF-8 that is
 * always valid, with CRLF and lone CR turned into LF and NUL bytes into
 * spaces, plus one warning line when the input needed a fallback.
 *
 * The order of decisions: a byte order mark wins (UTF-8, UTF-16LE/BE); then
 * UTF-16 without a mark, recognised by its NUL bytes; then valid UTF-8 as
 * is; then, for invalid UTF-8, GBK-shaped byte pairs or a uchardet proposal
 * for a non-Latin script; and Windows-1252 as the last resort, because every
 * byte has a meaning there.  iconv(3) does the conversions; bytes it refuses
 * become U+FFFD, so no input can make decoding fail.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uchardet/uchardet.h>

#include "extract.h"
#include "extract_int.h"
#include "utf8.h"
#include "util.h"

#define PROBE_SIZE	4096		/* bytes examined for UTF-16 */
#define DETECT_SIZE	(1 << 20)	/* bytes given to uchardet */

/* What uchardet may propose for invalid UTF-8 and palint then trusts. */
static const struct {
	const char	*name;
	int		 multibyte;
} trusted_charsets[] = {
	{ "BIG5", 1 },
	{ "EUC-JP", 1 },
	{ "EUC-KR", 1 },
	{ "EUC-TW", 1 },
	{ "GB18030", 1 },
	{ "SHIFT_JIS", 1 },
	{ "IBM855", 0 },
	{ "IBM866", 0 },
	{ "ISO-8859-5", 0 },
	{ "ISO-8859-6", 0 },
	{ "ISO-8859-7", 0 },
	{ "ISO-8859-8", 0 },
	{ "ISO-8859-11", 0 },
	{ "KOI8-R", 0 },
	{ "KOI8-U", 0 },
	{ "MAC-CYRILLIC", 0 },
	{ "TIS-620", 0 },
	{ "WINDOWS-1251", 0 },
	{ "WINDOWS-1253", 0 },
	{ "WINDOWS-1255", 0 },
	{ "WINDOWS-1256", 0 },
	{ "WINDOWS-874", 0 },
};

/*
 * Convert n bytes from charset from to UTF-8, appending to out.  A sequence
 * iconv refuses becomes U+FFFD and unit bytes are skipped (2 for UTF-16, so
 * the code units stay aligned).  Returns the number of replacements, or -1
 * when iconv does not know the charset.
 */
static long
convert(const char *from, const unsigned char *in, size_t n, size_t unit,
    int strict, struct strbuf *out)
{
	char buf[16384], *ip, *op;
	size_t il, ol, skip;
	iconv_t cd;
	long bad = 0;

	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return -1;
	/* iconv(3) takes char ** for input it only reads (POSIX): const is
	   dropped knowingly here, through an integer, and nowhere else. */
	ip = (char *)(uintptr_t)in;
	il = n;
	while (il > 0) {
		op = buf;
		ol = sizeof buf;
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1) {
			strbuf_add(out, buf, op - buf);
			break;
		}
		strbuf_add(out, buf, op - buf);
		if (errno == E2BIG)
			continue;
		/* EILSEQ, or EINVAL for a truncated sequence at the end. */
		bad++;
		if (strict)
			break;
		strbuf_adds(out, UTF8_REPLACEMENT_STR);
		skip = il < unit ? il : unit;
		ip += skip;
		il -= skip;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	op = buf;
	ol = sizeof buf;
	iconv(cd, NULL, NULL, &op, &ol);
	strbuf_add(out, buf, op - buf);
	iconv_close(cd);
	return bad;
}

static int
ascii_like(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' ||
	    c == '\r';
}

/*
 * Guess UTF-16 without a byte order mark: text in a Latin script is mostly
 * code units of an ASCII byte and a NUL, with almost no NUL on the other
 * side.  Returns 'L' (little endian), 'B' (big endian) or 0.
 */
int
decode_utf16_guess(const unsigned char *p, size_t n)
{
	size_t i, units, z[2] = { 0, 0 }, a[2] = { 0, 0 };

	if (n > PROBE_SIZE)
		n = PROBE_SIZE;
	units = n / 2;
	if (units < 4)
		return 0;
	for (i = 0; i < units * 2; i += 2) {
		if (p[i] == '\0')
			z[0]++;
		if (p[i + 1] == '\0')
			z[1]++;
		if (p[i + 1] == '\0' && ascii_like(p[i]))
			a[0]++;
		if (p[i] == '\0' && ascii_like(p[i + 1]))
			a[1]++;
	}
	if (a[0] * 2 >= units && z[0] * 10 < units)
		return 'L';
	if (a[1] * 2 >= units && z[1] * 10 < units)
		return 'B';
	return 0;
}

/*
 * Corpus files written on Chinese-locale systems are mostly ASCII with
 * punctuation as GBK pairs ("\xa1\xaf" for a right quote), which uchardet
 * takes for a Latin charset.  Say yes when every high byte belongs to a GBK
 * or GB18030 sequence and most pairs lie in the GB2312 block (both bytes
 * 0xA1 or above), which a Latin-1 accent followed by a letter never does.
 */
static int
looks_gbk(const unsigned char *p, size_t n)
{
	size_t i = 0, gb = 0, other = 0;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] < 0x81 || p[i] == 0xff || i + 1 >= n)
			return 0;
		if (p[i + 1] >= 0x30 && p[i + 1] <= 0x39 && i + 3 < n &&
		    p[i + 2] >= 0x81 && p[i + 2] <= 0xfe &&
		    p[i + 3] >= 0x30 && p[i + 3] <= 0x39) {
			other++;
			i += 4;
			continue;
		}
		if (p[i + 1] < 0x40 || p[i + 1] == 0x7f || p[i + 1] == 0xff)
			return 0;
		if (p[i] >= 0xa1 && p[i + 1] >= 0xa1)
			gb++;
		else
			other++;
		i += 2;
	}
	return gb > 0 && gb >= other;
}

/* Share of high bytes among letters: high for a non-Latin script. */
static int
mostly_high(const unsigned char *p, size_t n)
{
	size_t i, high = 0, ascii = 0;

	for (i = 0; i < n; i++) {
		if (p[i] >= 0x80)
			high++;
		else if ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z')
			ascii++;
	}
	return high * 3 >= ascii;
}

static const char *
ask_uchardet(const unsigned char *p, size_t n, char *name, size_t size)
{
	uchardet_t ud;
	const char *cs;

	if ((ud = uchardet_new()) == NULL)
		return NULL;
	if (n > DETECT_SIZE)
		n = DETECT_SIZE;
	if (uchardet_handle_data(ud, (const char *)p, n) == 0) {
		uchardet_data_end(ud);
		cs = uchardet_get_charset(ud);
		if (cs != NULL && strlen(cs) < size) {
			strcpy(name, cs);
			uchardet_delete(ud);
			return name;
		}
	}
	uchardet_delete(ud);
	return NULL;
}

/* Convert with charset cs only if it takes every byte; 0 on success. */
static int
try_charset(const char *cs, const unsigned char *p, size_t n,
    struct strbuf *out)
{
	struct strbuf tmp = { NULL, 0, 0 };

	if (convert(cs, p, n, 1, 1, &tmp) != 0) {
		strbuf_free(&tmp);
		return -1;
	}
	strbuf_free(out);
	*out = tmp;
	return 0;
}

/*
 * Invalid UTF-8 without a byte order mark: pick a legacy charset and
 * convert.  Returns the charset's name for the warning.
 */
static const char *
decode_legacy(const unsigned char *p, size_t n, struct strbuf *out,
    char *name, size_t size)
{
	const char *cs;
	size_t i;

	if (looks_gbk(p, n) && try_charset("GB18030", p, n, out) == 0)
		return "GB18030";
	if ((cs = ask_uchardet(p, n, name, size)) != NULL) {
		for (i = 0; i < nitems(trusted_charsets); i++) {
			if (strcasecmp(cs, trusted_charsets[i].name) != 0)
				continue;
			if (!trusted_charsets[i].multibyte &&
			    !mostly_high(p, n))
				break;
			if (try_charset(cs, p, n, out) == 0)
				return cs;
			break;
		}
	}
	strbuf_free(out);
	convert("CP1252", p, n, 1, 0, out);
	return "Windows-1252";
}

/*
 * Copy UTF-8 text to out with LF line ends and NULs as spaces; anything
 * that is still not UTF-8 becomes U+FFFD.  Counts what it changed.  Runs of
 * text that need no change are copied in one piece.
 */
static void
normalize(const unsigned char *p, size_t n, struct strbuf *out,
    size_t *nuls, size_t *bad)
{
	const unsigned char *end = p + n, *run;
	size_t len;

	GROW(out->s, out->cap, n + 1);
	out->len = 0;
	out->s[0] = '\0';
	while (p < end) {
		for (run = p; p < end; p += len) {
			if (*p == '\r' || *p == '\0')
				break;
			if ((len = utf8_char_len(p, end - p)) == 0)
				break;
		}
		strbuf_add(out, (const char *)run, p - run);
		if (p == end)
			break;
		if (*p == '\r') {
			strbuf_addc(out, '\n');
			p += (p + 1 < end && p[1] == '\n') ? 2 : 1;
		} else if (*p == '\0') {
			strbuf_addc(out, ' ');
			(*nuls)++;
			p++;
		} else {
			strbuf_adds(out, UTF8_REPLACEMENT_STR);
			(*bad)++;
			p++;
		}
	}
}

/*
 * Find the UTF-8 bytes behind p: a slice of p itself when it is UTF-8
 * already, else a conversion into conv.  Returns a warning or NULL.
 */
static char *
decode_raw(const unsigned char **p, size_t *n, struct strbuf *conv)
{
	const char *le = "UTF-16LE", *be = "UTF-16BE", *cs;
	const unsigned char *s = *p;
	char name[64], *warning = NULL;
	long bad;
	int guess;

	if (*n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		*p += 3;
		*n -= 3;
		return NULL;
	}
	if (utf8_validate(s, *n) == *n && decode_utf16_guess(s, *n) == 0)
		return NULL;
	if (*n >= 2 && ((s[0] == 0xff && s[1] == 0xfe) ||
	    (s[0] == 0xfe && s[1] == 0xff))) {
		bad = convert(s[0] == 0xff ? le : be, s + 2, *n - 2, 2, 0,
		    conv);
		if (bad > 0)
			warning = xasprintf("invalid UTF-16: %ld code unit%s "
			    "replaced by U+FFFD", bad, bad == 1 ? "" : "s");
	} else if ((guess = decode_utf16_guess(s, *n)) != 0) {
		cs = guess == 'L' ? le : be;
		convert(cs, s, *n, 2, 0, conv);
		warning = xasprintf("no byte order mark, read as %s", cs);
	} else {
		cs = decode_legacy(s, *n, conv, name, sizeof name);
		warning = xasprintf("invalid UTF-8, read as %s", cs);
	}
	*p = conv->s != NULL ? (const unsigned char *)conv->s :
	    (const unsigned char *)"";
	*n = conv->len;
	return warning;
}

char *
decode_text(const unsigned char *p, size_t n, size_t *outlen, char **warning)
{
	struct strbuf conv = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	struct strbuf warn = { NULL, 0, 0 };
	size_t nuls = 0, bad = 0;
	char *w;

	*warning = NULL;
	if (p == NULL)
		n = 0;
	if (n == 0)
		p = (const unsigned char *)"";
	if ((w = decode_raw(&p, &n, &conv)) != NULL) {
		strbuf_adds(&warn, w);
		free(w);
	}
	normalize(p, n, &out, &nuls, &bad);
	strbuf_free(&conv);
	if (nuls > 0)
		strbuf_addf(&warn, "%s%zu NUL byte%s read as space%s",
		    warn.len > 0 ? "; " : "", nuls, nuls == 1 ? "" : "s",
		    nuls == 1 ? "" : "s");
	if (bad > 0)
		strbuf_addf(&warn, "%sinvalid UTF-8 replaced by U+FFFD",
		    warn.len > 0 ? "; " : "");
	if (warn.len > 0)
		*warning = strbuf_take(&warn);
	*outlen = out.len;
	return strbuf_take(&out);
}
