/*
 * test_formats.c -- the HTML, XML, DOCX, ODT and PDF extractors and
 * archive_each() against the fixtures that tests/make-fixtures.py builds
 * under fixtures/formats: exact text, heading and page offsets for the
 * good documents, a clean cause (and no crash) for every broken one.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archives.h"
#include "check.h"
#include "extract.h"
#include "extract_int.h"
#include "util.h"

typedef struct doctext *extractor(const unsigned char *, size_t,
    const struct extract_opts *, char **);

static char *fixdir;

static unsigned char *
slurp(const char *name, size_t *len)
{
	char *path;
	FILE *f;
	unsigned char *buf = NULL;
	size_t cap = 0, n;

	path = xasprintf("%s/%s", fixdir, name);
	if ((f = fopen(path, "rb")) == NULL)
		fatal("%s: cannot open", path);
	*len = 0;
	do {
		GROW(buf, cap, *len + 4096 + 1);
		n = fread(buf + *len, 1, 4096, f);
		*len += n;
	} while (n > 0);
	buf[*len] = '\0';
	fclose(f);
	free(path);
	return buf;
}

static struct doctext *
run(extractor *fn, const char *name, const struct extract_opts *o,
    char **cause)
{
	unsigned char *data;
	struct doctext *dt;
	size_t len;

	*cause = NULL;
	data = slurp(name, &len);
	dt = fn(data, len, o, cause);
	free(data);
	return dt;
}

/* The text of each heading's first line, joined by "|". */
static char *
headings(const struct doctext *dt)
{
	struct strbuf sb;
	size_t i, n;

	memset(&sb, 0, sizeof(sb));
	for (i = 0; i < dt->nheadings; i++) {
		n = strcspn(dt->text + dt->headings[i], "\n");
		if (i > 0)
			strbuf_addc(&sb, '|');
		strbuf_add(&sb, dt->text + dt->headings[i], n);
	}
	return strbuf_take(&sb);
}

static void
expect(extractor *fn, const char *name, const char *text, const char *heads)
{
	struct extract_opts o;
	struct doctext *dt;
	char *cause, *h;

	extract_opts_default(&o);
	dt = run(fn, name, &o, &cause);
	CHECK(dt != NULL);
	if (dt == NULL) {
		fprintf(stderr, "%s: %s\n", name, cause);
		free(cause);
		return;
	}
	CHECK_STR(dt->text, text);
	CHECK_INT(dt->len, strlen(text));
	h = headings(dt);
	CHECK_STR(h, heads);
	free(h);
	doctext_free(dt);
}

static void
expect_cause(extractor *fn, const char *name, const struct extract_opts *o,
    const char *want)
{
	struct extract_opts defaults;
	struct doctext *dt;
	char *cause;

	if (o == NULL) {
		extract_opts_default(&defaults);
		o = &defaults;
	}
	dt = run(fn, name, o, &cause);
	CHECK(dt == NULL);
	if (dt != NULL)
		fprintf(stderr, "%s: extracted \"%s\"\n", name, dt->text);
	CHECK(cause != NULL && strncmp(cause, want, strlen(want)) == 0);
	if (cause != NULL && strncmp(cause, want, strlen(want)) != 0)
		fprintf(stderr, "%s: cause \"%s\", want \"%s...\"\n", name,
		    cause, want);
	doctext_free(dt);
	free(cause);
}

static void
test_html(void)
{
	struct doctext *dt;
	struct extract_opts o;
	char *cause;

	expect(extract_html, "good/doc.html",
	    "Cyber Strategy\n\n"
	    "We will protect undersea cables & landing stations\xc2\xa0now."
	    "\n\nPillar \xc3\xa9one\n\n"
	    "Cell one\n\nCell two\n\nFirst item\n\nSecond item\n\n"
	    "Line one\n\nLine two\n\nkeep   this\n  layout\n",
	    "Cyber Strategy|Pillar \xc3\xa9one");
	/* Broken HTML is recovered, never refused. */
	extract_opts_default(&o);
	dt = run(extract_html, "bad/malformed.html", &o, &cause);
	CHECK(dt != NULL && strstr(dt->text, "Unclosed bold text") != NULL);
	CHECK(dt != NULL && strstr(dt->text, "after & more") != NULL);
	doctext_free(dt);
	free(cause);
}

static void
test_html_charset(void)
{
	static const unsigned char latin[] =
	    "<html><body><p>caf\xe9 \x93quoted\x94</p></body></html>";
	static const unsigned char declared[] =
	    "<html><head><meta charset=\"iso-8859-1\"></head>"
	    "<body><p>caf\xe9</p></body></html>";
	struct extract_opts o;
	struct doctext *dt;
	char *cause = NULL;

	extract_opts_default(&o);
	dt = extract_html(latin, sizeof(latin) - 1, &o, &cause);
	CHECK(dt != NULL);
	if (dt != NULL)
		CHECK_STR(dt->text, "caf\xc3\xa9 \xe2\x80\x9cquoted"
		    "\xe2\x80\x9d\n");
	doctext_free(dt);
	dt = extract_html(declared, sizeof(declared) - 1, &o, &cause);
	CHECK(dt != NULL);
	if (dt != NULL)
		CHECK_STR(dt->text, "caf\xc3\xa9\n");
	doctext_free(dt);
}

static void
test_xml(void)
{
	struct extract_opts o;
	struct doctext *dt;
	char *cause;

	expect(extract_xml, "good/doc.xml",
	    "Title 7\xe2\x80\x94 TEST MATTERS\n\n"
	    "\xc2\xa7 1. Definitions\n\n"
	    "The term cable means a submarine cable.\n\n"
	    "\xc2\xa7 2. Duties\n\nThe Secretary shall\xe2\x80\x94\n\n"
	    "(1) protect & defend <cables>\n",
	    "Title 7\xe2\x80\x94 TEST MATTERS|\xc2\xa7 1. Definitions|"
	    "\xc2\xa7 2. Duties");
	expect_cause(extract_xml, "bad/malformed.xml", NULL,
	    "malformed XML at line 4: Opening and ending tag mismatch");

	/* Entities are never expanded: no bomb, no file read. */
	extract_opts_default(&o);
	dt = run(extract_xml, "bad/bomb.xml", &o, &cause);
	if (dt != NULL) {
		CHECK(dt->len < 100);
		CHECK(strstr(dt->text, "lol") == NULL);
	} else
		CHECK(cause != NULL && strncmp(cause, "malformed XML", 13) == 0);
	doctext_free(dt);
	free(cause);
	dt = run(extract_xml, "bad/xxe.xml", &o, &cause);
	CHECK(dt != NULL);
	if (dt != NULL) {
		CHECK_STR(dt->text, "start\n\nend\n");
		CHECK(strstr(dt->text, "root:") == NULL);
	}
	doctext_free(dt);
	free(cause);

	o.max_xml_depth = 100;
	expect_cause(extract_xml, "bad/deep.xml", &o,
	    "XML nested deeper than 100 levels");
	o.max_xml_depth = 250;
	dt = run(extract_xml, "bad/deep.xml", &o, &cause);
	CHECK(dt != NULL && strcmp(dt->text, "deep\n") == 0);
	doctext_free(dt);
	free(cause);
}

static void
test_office(void)
{
	expect(extract_docx, "good/doc.docx",
	    "National Strategy\n\n"
	    "We will protect undersea\ncables from sabotage.\n\n"
	    "Second Pillar\n\nThird Pillar\n\nCell A\n\nCell B\n\n"
	    "Col1\tCol2\n\nSplit word\n\nA footnote about cables.\n",
	    "National Strategy|Second Pillar|Third Pillar");
	expect(extract_odt, "good/doc.odt",
	    "Strategy Overview\n\n"
	    "We will protect undersea\ncables  now.\n\n"
	    "Item one\n\nItem two\n\nCell X\n\nCell Y\n\n"
	    "Second Heading\n\na\tb\n\nNote text here.\n",
	    "Strategy Overview|Second Heading");
	expect_cause(extract_docx, "bad/truncated.docx", NULL, "");
	expect_cause(extract_docx, "bad/no-document.docx", NULL,
	    "not a DOCX document: no word/document.xml");
	expect_cause(extract_docx, "bad/malformed-part.docx", NULL,
	    "word/document.xml: malformed XML at line 1:");
	expect_cause(extract_docx, "bad/ole.docx", NULL,
	    "encrypted or legacy binary Office document");
	expect_cause(extract_odt, "good/doc.docx", NULL,
	    "not an ODT document: no content.xml");
	expect_cause(extract_docx, "bad/binary.txt", NULL,
	    "unreadable archive:");
	expect_cause(extract_odt, "bad/empty.txt", NULL, "unreadable archive:");
}

static void
test_pdf(void)
{
#ifdef HAVE_POPPLER
	struct extract_opts o;
	struct doctext *dt;
	char *cause;

	extract_opts_default(&o);
	dt = run(extract_pdf, "good/doc.pdf", &o, &cause);
	CHECK(dt != NULL);
	if (dt != NULL) {
		CHECK_STR(dt->text, "Page one says we will protect undersea\n"
		    "cables and more.\n\nPage two covers landing stations.\n");
		CHECK_INT(dt->npages, 2);
		if (dt->npages == 2) {
			CHECK_INT(dt->pages[0], 0);
			CHECK(strncmp(dt->text + dt->pages[1], "Page two",
			    8) == 0);
		}
	}
	doctext_free(dt);
	expect_cause(extract_pdf, "bad/encrypted.pdf", NULL, "encrypted PDF");
	expect_cause(extract_pdf, "bad/truncated.pdf", NULL,
	    "unreadable PDF: ");
	expect_cause(extract_pdf, "bad/binary.txt", NULL, "unreadable PDF: ");
#else
	expect_cause(extract_pdf, "good/doc.pdf", NULL,
	    "PDF support was not built (configure --without-poppler)");
#endif
}

struct collect {
	struct strbuf	 sb;
	int		 stop_after;	/* 0: never */
	int		 seen;
};

/* One line per member: name, then its size or "!error" / "~warning". */
static int
collect_cb(const struct archive_member *m, void *arg)
{
	struct collect *c = arg;

	if (m->error != NULL)
		strbuf_addf(&c->sb, "%s %c%s\n", m->name, m->skipped ? '~' :
		    '!', m->error);
	else
		strbuf_addf(&c->sb, "%s %zu\n", m->name, m->len);
	return c->stop_after != 0 && ++c->seen >= c->stop_after;
}

/* archive_each over a fixture: the member lines, then "= r cause". */
static char *
walk(const char *name, const struct extract_opts *opts, int stop_after)
{
	struct extract_opts defaults;
	struct collect c;
	unsigned char *data;
	size_t len;
	char *cause = NULL;
	int r;

	if (opts == NULL) {
		extract_opts_default(&defaults);
		opts = &defaults;
	}
	memset(&c, 0, sizeof(c));
	c.stop_after = stop_after;
	data = slurp(name, &len);
	r = archive_each(name, data, len, opts, collect_cb, &c, &cause);
	strbuf_addf(&c.sb, "= %d %s", r, cause != NULL ? cause : "-");
	free(cause);
	free(data);
	return strbuf_take(&c.sb);
}

static void
check_walk(const char *name, const struct extract_opts *o, int stop,
    const char *want)
{
	char *got = walk(name, o, stop);

	CHECK_STR(got, want);
	free(got);
}

static void
test_archives(void)
{
	struct extract_opts o;
	char *got;

	check_walk("good/mixed.zip", NULL, 0,
	    "good/mixed.zip!doc.docx 1814\n"
	    "good/mixed.zip!doc.html 524\n"
	    "good/mixed.zip!doc.pdf 1052\n"
	    "good/mixed.zip!doc.xml 593\n"
	    "good/mixed.zip!notes.txt 42\n"
	    "good/mixed.zip!sub/doc.odt 976\n"
	    "= 0 -");
	check_walk("good/mixed.tar.gz", NULL, 0,
	    "good/mixed.tar.gz!a/doc.docx 1814\n"
	    "good/mixed.tar.gz!a/doc.html 524\n"
	    "good/mixed.tar.gz!a/link.txt ~symbolic link skipped\n"
	    "good/mixed.tar.gz!b/doc.xml 593\n"
	    "= 0 -");
	check_walk("good/nested.zip", NULL, 0,
	    "good/nested.zip!in.tar.gz!t.html 524\n"
	    "good/nested.zip!inner.zip!inner.txt 42\n"
	    "good/nested.zip!top.txt 42\n"
	    "good/nested.zip!twice.zip!deep.zip !archive inside a nested "
	    "archive not read (one level of nesting is read)\n"
	    "= 0 -");
	check_walk("good/mixed.zip", NULL, 2,
	    "good/mixed.zip!doc.docx 1814\n"
	    "good/mixed.zip!doc.html 524\n"
	    "= 1 archive reading stopped");
	check_walk("bad/traversal.zip", NULL, 0,
	    "bad/traversal.zip!../x.txt !unsafe member name (absolute or "
	    "with \"..\") refused\n"
	    "bad/traversal.zip!/abs.txt !unsafe member name (absolute or "
	    "with \"..\") refused\n"
	    "bad/traversal.zip!ok.txt 42\n"
	    "= 0 -");
	got = walk("bad/encrypted-member.zip", NULL, 0);
	CHECK(strncmp(got, "bad/encrypted-member.zip!secret.txt !encrypted",
	    46) == 0);
	CHECK(strstr(got, "\n= 0 -") != NULL);
	free(got);
	got = walk("bad/truncated.zip", NULL, 0);
	CHECK(strstr(got, "\n= -1 ") != NULL);
	free(got);
	check_walk("bad/binary.txt", NULL, 0,
	    "= -1 unreadable archive: Unrecognized archive format");
	check_walk("bad/empty.txt", NULL, 0,
	    "= -1 unreadable archive: Unrecognized archive format");

	/* Limits. */
	extract_opts_default(&o);
	o.max_members = 5;
	check_walk("good/mixed.zip", &o, 0,
	    "= -1 archive has more than 5 members");
	extract_opts_default(&o);
	o.max_total_size = 4000;
	check_walk("good/mixed.zip", &o, 0,
	    "= -1 archive expands to more than 4000 bytes");
	extract_opts_default(&o);
	o.max_file_size = 1000;
	check_walk("good/mixed.zip", &o, 0,
	    "good/mixed.zip!doc.docx !member larger than 1000 bytes\n"
	    "good/mixed.zip!doc.html 524\n"
	    "good/mixed.zip!doc.pdf !member larger than 1000 bytes\n"
	    "good/mixed.zip!doc.xml 593\n"
	    "good/mixed.zip!notes.txt 42\n"
	    "good/mixed.zip!sub/doc.odt 976\n"
	    "= 0 -");
}

/* A zip of 2 MiB of zeros is far above a 100:1 ratio. */
static void
test_ratio(void)
{
	struct extract_opts o;

	extract_opts_default(&o);
	o.max_ratio = 100;
	check_walk("bad/zeros.zip", &o, 0,
	    "= -1 archive compression ratio above 100");
	o.max_ratio = 0;
	check_walk("bad/zeros.zip", &o, 0,
	    "bad/zeros.zip!zeros.txt 2097152\n= 0 -");
}

int
main(int argc, char **argv)
{
	const char *top = getenv("top_srcdir");

	if (argc > 1)
		fixdir = xstrdup(argv[1]);
	else
		fixdir = xasprintf("%s/fixtures/formats",
		    top != NULL ? top : ".");
	test_html();
	test_html_charset();
	test_xml();
	test_office();
	test_pdf();
	test_archives();
	test_ratio();
	free(fixdir);
	return CHECK_DONE();
}
