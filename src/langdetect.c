/*
 * langdetect.c -- language identification through libexttextcat.
 *
 * Input: UTF-8 text.  Output: a language code (langdetect.h).  The
 * library ranks every profile by the out-of-place distance between its
 * n-gram ranks and those of the text, and returns the candidates scoring
 * within a few percent of the best.  Here a single candidate, or several
 * of one language (zh-CN and zh-TW), is an answer; a tie between
 * languages, too little text, or too many candidates is "und".
 */
#include "config.h"

#include <sys/mman.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <textcat.h>
#include <unistd.h>

#include "langdetect.h"
#include "util.h"

#ifndef EXTTEXTCAT_DATADIR
#define EXTTEXTCAT_DATADIR "/usr/share/libexttextcat"
#endif

/* Letters and words a text needs before it is judged at all: below about
   a dozen words the n-gram ranks are noise, and a long run of one letter
   is no language. */
#define MIN_LETTERS	80
#define MIN_WORDS	16
/* The whole-document sample: SAMPLE_PIECES windows of SAMPLE_PIECE
   bytes, two kilobytes in all: the library's authors find a few hundred
   bytes enough, and its cost is mostly a fixed one per text. */
#define SAMPLE_PIECES	8
#define SAMPLE_PIECE	256
/* A span is judged on at most this many bytes of it. */
#define SPAN_MAX	2048

/*
 * The profiles compared, of the library's 170: the languages of
 * governments, most likely first (the library stops comparing a profile
 * once it is worse than the best so far).  Each costs time on every
 * document, and dialects and liturgical languages (Scots, Latin) only
 * tie with the languages they resemble.
 */
static const char *const profiles[] = {
	"en", "fr", "es", "pt", "de", "ar", "ru", "zh-Hans", "zh-Hant", "ja",
	"it", "nl", "pl", "tr", "id", "vi", "ko", "fa", "uk", "ro", "el",
	"cs", "hu", "sv", "da", "nb", "fi", "he", "th", "hi", "bn", "ur",
	"ms", "sw", "ca", "sk", "bg", "sr-Cyrl", "sr-Latn", "hr", "lt", "ka",
	"am", "tl"
};

struct langdetect {
	void		*tc;		/* the library's handle */
};

static const struct langname {
	const char	*code;
	const char	*name;
} langnames[] = {
	{ "af", "Afrikaans" }, { "am", "Amharic" }, { "ar", "Arabic" },
	{ "az", "Azerbaijani" }, { "be", "Belarusian" }, { "bg", "Bulgarian" },
	{ "bn", "Bengali" }, { "bo", "Tibetan" }, { "br", "Breton" },
	{ "bs", "Bosnian" }, { "ca", "Catalan" }, { "cs", "Czech" },
	{ "cy", "Welsh" }, { "da", "Danish" }, { "de", "German" },
	{ "el", "Greek" }, { "en", "English" }, { "eo", "Esperanto" },
	{ "es", "Spanish" }, { "et", "Estonian" }, { "eu", "Basque" },
	{ "fa", "Persian" }, { "fi", "Finnish" }, { "fr", "French" },
	{ "fy", "Western Frisian" }, { "ga", "Irish" },
	{ "gd", "Scottish Gaelic" }, { "gl", "Galician" },
	{ "gu", "Gujarati" }, { "ha", "Hausa" }, { "he", "Hebrew" },
	{ "hi", "Hindi" }, { "hr", "Croatian" }, { "ht", "Haitian Creole" },
	{ "hu", "Hungarian" }, { "hy", "Armenian" }, { "id", "Indonesian" },
	{ "is", "Icelandic" }, { "it", "Italian" }, { "ja", "Japanese" },
	{ "ka", "Georgian" }, { "kk", "Kazakh" }, { "km", "Khmer" },
	{ "kn", "Kannada" }, { "ko", "Korean" }, { "ky", "Kyrgyz" },
	{ "la", "Latin" }, { "lb", "Luxembourgish" }, { "lo", "Lao" },
	{ "lt", "Lithuanian" }, { "lv", "Latvian" }, { "mi", "Maori" },
	{ "mk", "Macedonian" }, { "ml", "Malayalam" }, { "mn", "Mongolian" },
	{ "mr", "Marathi" }, { "ms", "Malay" }, { "mt", "Maltese" },
	{ "my", "Burmese" }, { "nb", "Norwegian Bokmal" },
	{ "ne", "Nepali" }, { "nl", "Dutch" }, { "nn", "Norwegian Nynorsk" },
	{ "pa", "Punjabi" }, { "pl", "Polish" }, { "pt", "Portuguese" },
	{ "ro", "Romanian" }, { "ru", "Russian" }, { "rw", "Kinyarwanda" },
	{ "sa", "Sanskrit" }, { "si", "Sinhala" }, { "sk", "Slovak" },
	{ "sl", "Slovenian" }, { "so", "Somali" }, { "sq", "Albanian" },
	{ "sr", "Serbian" }, { "sv", "Swedish" }, { "sw", "Swahili" },
	{ "ta", "Tamil" }, { "tg", "Tajik" }, { "th", "Thai" },
	{ "tk", "Turkmen" }, { "tl", "Tagalog" }, { "tr", "Turkish" },
	{ "uk", "Ukrainian" }, { "ur", "Urdu" }, { "uz", "Uzbek" },
	{ "vi", "Vietnamese" }, { "xh", "Xhosa" }, { "yi", "Yiddish" },
	{ "yo", "Yoruba" }, { "zh", "Chinese" }, { "zu", "Zulu" },
	{ "und", "undetermined" }
};

const char *
langdetect_name(const char *code)
{
	size_t i;

	for (i = 0; i < nitems(langnames); i++)
		if (strcmp(langnames[i].code, code) == 0)
			return langnames[i].name;
	return code;
}

int
langdetect_valid_code(const char *s)
{
	size_t n;

	for (n = 0; s[n] >= 'a' && s[n] <= 'z'; n++)
		;
	return s[n] == '\0' && (n == 2 || n == 3);
}

/*
 * The library reads its list of profiles from a file: the list above is
 * handed to it as an anonymous in-memory file.  NULL when that cannot be
 * done; the caller then loads the library's own list, all of them.
 */
static void *
open_selected(void)
{
	struct strbuf sb = { NULL, 0, 0 };
	char path[64];
	void *tc = NULL;
	size_t i;
	int fd;

	if ((fd = memfd_create("palint-languages", MFD_CLOEXEC)) == -1)
		return NULL;
	for (i = 0; i < nitems(profiles); i++)
		strbuf_addf(&sb, "%s.lm %s\n", profiles[i], profiles[i]);
	if (write(fd, sb.s, sb.len) == (ssize_t)sb.len) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		tc = special_textcat_Init(path, EXTTEXTCAT_DATADIR "/");
	}
	close(fd);
	strbuf_free(&sb);
	return tc;
}

struct langdetect *
langdetect_open(char **cause)
{
	struct langdetect *ld;
	void *tc;

	if ((tc = open_selected()) == NULL)
		tc = special_textcat_Init(EXTTEXTCAT_DATADIR "/fpdb.conf",
		    EXTTEXTCAT_DATADIR "/");
	if (tc == NULL) {
		*cause = xstrdup("cannot read the language profiles in "
		    EXTTEXTCAT_DATADIR " (apt-get install libexttextcat-data)");
		return NULL;
	}
	ld = xcalloc(1, sizeof(*ld));
	ld->tc = tc;
	return ld;
}

void
langdetect_free(struct langdetect *ld)
{
	if (ld == NULL)
		return;
	textcat_Done(ld->tc);
	free(ld);
}

static pthread_once_t shared_once = PTHREAD_ONCE_INIT;
static struct langdetect *shared;
static char *shared_cause;

/* The thread langdetect_preload() started, until someone joins it. */
static pthread_mutex_t preload_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t preload_thread;
static int preload_running;

static void
shared_load(void)
{
	shared = langdetect_open(&shared_cause);
}

static void *
preload_main(void *arg)
{
	(void)arg;
	pthread_once(&shared_once, shared_load);
	return NULL;
}

void
langdetect_preload(void)
{
	pthread_mutex_lock(&preload_lock);
	if (!preload_running && pthread_create(&preload_thread, NULL,
	    preload_main, NULL) == 0)
		preload_running = 1;
	pthread_mutex_unlock(&preload_lock);
}

const struct langdetect *
langdetect_shared(const char **cause)
{
	/* Whoever comes first waits for the loading thread; the once then
	   finds the profiles loaded (or fails the same way). */
	pthread_mutex_lock(&preload_lock);
	if (preload_running == 1) {
		(void)pthread_join(preload_thread, NULL);
		preload_running = 2;
	}
	pthread_mutex_unlock(&preload_lock);
	pthread_once(&shared_once, shared_load);
	if (shared == NULL)
		*cause = shared_cause;
	return shared;
}

/* The profile name ("fr--utf8", "zh-CN-utf8", "haw-utf8") as a code. */
static void
profile_code(const char *name, char code[LANG_CODE_SIZE])
{
	size_t n;

	for (n = 0; n < LANG_CODE_SIZE - 1 && name[n] != '\0' &&
	    name[n] != '-'; n++)
		code[n] = name[n] >= 'A' && name[n] <= 'Z' ?
		    name[n] - 'A' + 'a' : name[n];
	code[n] = '\0';
	if (!langdetect_valid_code(code))
		strcpy(code, LANG_UNDETERMINED);
}

/* Letters, counting each multibyte character once. */
static size_t
count_letters(const char *s, size_t len, size_t enough)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, n = 0;

	for (i = 0; i < len && n < enough; i++)
		if ((p[i] >= 'a' && p[i] <= 'z') ||
		    (p[i] >= 'A' && p[i] <= 'Z') || p[i] >= 0xC0)
			n++;
	return n;
}

/* Words: runs of letters between spaces, and each character of a script
   written without spaces (three-byte UTF-8: CJK, kana, Thai).  A run of
   one letter repeated is one word, and no language. */
static size_t
count_words(const char *s, size_t len, size_t enough)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, n = 0;
	int in = 0;

	for (i = 0; i < len && n < enough; i++) {
		if (p[i] >= 0xE0 && p[i] < 0xF0)
			n++;
		if (p[i] == ' ' || p[i] == '\n' || p[i] == '\t')
			in = 0;
		else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

/*
 * Chinese and Japanese share the Han characters, and their profiles score
 * alike on either; the script settles it: Japanese is written with kana
 * (U+3040 to U+30FF, E3 81 80 to E3 83 BF in UTF-8), Chinese without.
 * Returns 1 after setting code when a and b are those two.
 */
static int
han_tie(const char *buf, size_t len, char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t i;
	int kana = 0;

	if (!((strcmp(a, "zh") == 0 && strcmp(b, "ja") == 0) ||
	    (strcmp(a, "ja") == 0 && strcmp(b, "zh") == 0)))
		return 0;
	for (i = 0; i + 2 < len && !kana; i++)
		kana = p[i] == 0xE3 && (p[i + 1] >= 0x81 && p[i + 1] <= 0x83);
	strcpy(a, kana ? "ja" : "zh");
	return 1;
}

/*
 * The language of sb's text, or "und".  The library reads past the length
 * it is given while it skips spaces, up to a NUL: the text is always a
 * string of its own, never a view into a larger one.
 */
static void
classify(const struct langdetect *ld, const struct strbuf *sb,
    char code[LANG_CODE_SIZE])
{
	candidate_t *cand;
	char other[LANG_CODE_SIZE];
	const char *buf = sb->s != NULL ? sb->s : "";
	size_t len = sb->len;
	int n, i;

	strcpy(code, LANG_UNDETERMINED);
	if (ld == NULL || count_letters(buf, len, MIN_LETTERS) < MIN_LETTERS ||
	    count_words(buf, len, MIN_WORDS) < MIN_WORDS)
		return;
	if ((cand = textcat_GetClassifyFullOutput(ld->tc)) == NULL)
		fatal("out of memory");
	n = textcat_ClassifyFull(ld->tc, buf, len, cand);
	if (n > 0) {
		profile_code(cand[0].name, code);
		for (i = 1; i < n; i++) {
			profile_code(cand[i].name, other);
			if (strcmp(code, other) == 0)
				continue;
			if (!han_tie(buf, len, code, other)) {
				strcpy(code, LANG_UNDETERMINED);
				break;
			}
		}
	}
	textcat_ReleaseClassifyFullOutput(ld->tc, cand);
}

/* Back to the start of the UTF-8 character holding byte i. */
static size_t
char_floor(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/*
 * Append text[from, from + SAMPLE_PIECE) to sb, cut between words; in a
 * script written without spaces (Chinese, Japanese, Thai), between
 * characters.
 */
static void
add_piece(struct strbuf *sb, const char *text, size_t len, size_t from)
{
	size_t to, a, b;

	to = from + SAMPLE_PIECE < len ? from + SAMPLE_PIECE : len;
	for (a = from; a < to && !is_space(text[a]); a++)
		;
	for (b = to; b > a && b < len && !is_space(text[b]); b--)
		;
	if (b > a) {
		from = a;
		to = b;
	} else {
		while (from < to && ((unsigned char)text[from] & 0xC0) == 0x80)
			from++;
		to = char_floor(text, to);
	}
	if (to <= from)
		return;
	strbuf_add(sb, text + from, to - from);
	strbuf_addc(sb, '\n');
}

void
langdetect_document(const struct langdetect *ld, const char *text,
    size_t len, char code[LANG_CODE_SIZE])
{
	struct strbuf sb = { NULL, 0, 0 };
	size_t i, step;

	if (len <= SAMPLE_PIECES * SAMPLE_PIECE)
		strbuf_add(&sb, text, len);
	else {
		step = (len - SAMPLE_PIECE) / (SAMPLE_PIECES - 1);
		for (i = 0; i < SAMPLE_PIECES; i++)
			add_piece(&sb, text, len, i * step);
	}
	classify(ld, &sb, code);
	strbuf_free(&sb);
}

void
langdetect_spans(const struct langdetect *ld, const char *text,
    const struct span *spans, size_t n, char (*codes)[LANG_CODE_SIZE])
{
	struct strbuf sb = { NULL, 0, 0 };
	size_t i, len;

	for (i = 0; i < n; i++) {
		len = spans[i].end > spans[i].start ?
		    spans[i].end - spans[i].start : 0;
		if (len > SPAN_MAX)
			len = char_floor(text + spans[i].start, SPAN_MAX);
		sb.len = 0;
		strbuf_add(&sb, text + spans[i].start, len);
		classify(ld, &sb, codes[i]);
	}
	strbuf_free(&sb);
}
