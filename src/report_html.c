/*
 * report_html.c -- the HTML writer: one self-contained page to hand on.
 *
 * Input: docresults.  Output: one HTML5 page that needs nothing but itself
 * (no fonts, images, scripts or styles fetched; a Content-Security-Policy
 * that allows only the inline style and script below, by their SHA-256):
 * a heatmap of documents by objectives with each document's summary, then
 * one section per document with its coverage bars per area, its gaps, its
 * conflicts and its evidence, the matched words marked.  The page shows
 * every level at once; --level does not change it.
 *
 * The report streams like the others: heatmap rows go straight to the
 * output, the document sections to an unlinked temporary file that is
 * copied after the heatmap when the report is closed, so memory does not
 * grow with the number of documents.  Every string that did not come from
 * palint itself (paths, sentences, matches, messages, and the rule files'
 * titles too) is cleaned (report_clean_line) and then escaped, so no
 * document can add markup, script or a link; the only links are the
 * page's own "#doc-N" anchors.  Status is carried by a symbol, a word for
 * screen readers, a pattern and a colour, never by colour alone; so is a
 * conflict, which stands beside the verdict without changing it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coverage.h"
#include "report.h"
#include "report_int.h"
#include "rules.h"
#include "sentkind.h"
#include "util.h"

/* A row's text is written out once it is this long. */
#define FLUSH_AT	(64 * 1024)

struct html_state {
	FILE		*spill;		/* the document sections, until end */
	struct strbuf	 out;		/* text being built */
	struct strbuf	 clean;		/* report_clean_line() results */
	struct strbuf	 sentence;	/* a cleaned sentence */
	size_t		 ncolumns;	/* of the heatmap */
	size_t		 nwarnings;	/* documents with warnings */
};

/*
 * The style sheet.  Palette after Okabe and Ito, safe for the common
 * colour vision deficiencies; every text colour reaches WCAG AA contrast
 * on its background, and each status has its own pattern as well.
 */
static const char css[] =
":root{color-scheme:light}\n"
"*{box-sizing:border-box}\n"
"body{margin:0 auto;max-width:96rem;padding:1rem 1.5rem;color:#1a1a1a;"
"background:#fff;font:15px/1.45 system-ui,\"Segoe UI\",Roboto,"
"\"Noto Sans\",\"DejaVu Sans\",sans-serif}\n"
"h1{font-size:1.6rem;margin:.3rem 0 .6rem}\n"
"h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:2px solid #1a1a1a}\n"
"h3{font-size:1.15rem;margin:1.5rem 0 .5rem;overflow-wrap:anywhere}\n"
"h4{font-size:1rem;margin:1.2rem 0 .4rem}\n"
"a{color:#0057a3}\n"
":focus-visible{outline:3px solid #0072b2;outline-offset:2px}\n"
".meta{color:#4d4d4d}\n"
"table{border-collapse:collapse;margin:.3rem 0 1rem}\n"
"caption{text-align:left;font-weight:600;padding:.2rem 0}\n"
"th,td{border:1px solid #b3b3b3;padding:.25rem .45rem;text-align:left;"
"vertical-align:top}\n"
"thead th{background:#ececec}\n"
".num{text-align:right;font-variant-numeric:tabular-nums;"
"white-space:nowrap}\n"
".scroll{overflow-x:auto;max-width:100%}\n"
"#heatmap th[scope=row]{position:sticky;left:0;z-index:1;background:#fff;"
"min-width:16rem;max-width:24rem;overflow-wrap:break-word}\n"
"#heatmap tbody td{text-align:center;white-space:nowrap;"
"font-variant-numeric:tabular-nums}\n"
"#heatmap td.num{text-align:right}\n"
"#heatmap td.error{text-align:left;white-space:normal}\n"
".covered,.partial,.absent,.contradicted,td[data-conflict],mark,.bar{"
"-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
".covered{background:#56b4e9;color:#000}\n"
".partial{color:#000;background:repeating-linear-gradient(135deg,"
"#f0e442 0 6px,#f8f0a0 6px 9px)}\n"
".absent{color:#1a1a1a;background:#fff radial-gradient(#8c8c8c 1px,"
"transparent 1.5px) 0 0/7px 7px}\n"
".contradicted{color:#fff;font-weight:700;padding:0 .25em;background:"
"repeating-linear-gradient(45deg,#a63d00 0 5px,#8a3300 5px 8px)}\n"
"td[data-conflict]{box-shadow:inset 0 0 0 3px #a63d00}\n"
".sym{font-weight:700}\n"
".vh{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;"
"clip:rect(0 0 0 0);white-space:nowrap}\n"
".legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;"
"gap:.5rem 1.5rem}\n"
".legend .swatch{display:inline-block;min-width:2.2rem;text-align:center;"
"border:1px solid #767676;margin-right:.3rem}\n"
"mark{background:#ffe14d;color:#000;text-decoration:underline;"
"text-decoration-thickness:2px;padding:0 .1em}\n"
".bar{vertical-align:middle;margin-right:.4rem}\n"
".bar .track{fill:#f0f0f0;stroke:#767676;stroke-width:.6}\n"
".bar .fill{fill:#0072b2}\n"
".error{border-left:5px solid #a63d00;padding-left:.6rem}\n"
".doc{border-top:1px solid #b3b3b3;margin-top:2rem}\n"
".sentence{max-width:60rem;overflow-wrap:anywhere}\n"
".where{white-space:nowrap}\n"
".gaps th[scope=row]{width:35%}\n"
".gaps td{white-space:nowrap}\n"
".gaps td.missing{white-space:normal}\n"
".gaps ul{display:inline;margin:0;padding:0}\n"
".gaps li{display:inline}\n"
".gaps li+li::before{content:\"; \"}\n"
"code{font-size:.9em}\n"
".gaps code{color:#4d4d4d}\n"
"th button{font:inherit;color:inherit;background:none;border:0;"
"padding:0;cursor:pointer;text-decoration:underline dotted}\n"
"th[aria-sort=descending] button::after{content:\" \\25BC\"}\n"
"th[aria-sort=ascending] button::after{content:\" \\25B2\"}\n"
"@page wide{size:landscape}\n"
"@media print{\n"
"body{max-width:none;padding:0;font-size:10pt}\n"
"header,#legend-section,#heatmap-section{page:wide}\n"
"#heatmap{font-size:6.5pt}\n"
"#heatmap th,#heatmap td{padding:1px 2px}\n"
"#heatmap th[scope=row]{position:static;min-width:0;max-width:9rem}\n"
".scroll{overflow:visible}\n"
"#details-section,.doc+.doc{break-before:page}\n"
".doc{border-top:0}\n"
"tr{break-inside:avoid}\n"
"thead{display:table-header-group}\n"
"a{color:inherit;text-decoration:none}\n"
".noprint{display:none}\n"
"}\n";

/*
 * Sorting the heatmap rows, by overall score or by name.  The buttons are
 * made here, so that a page read without scripts shows plain headers and
 * rows in the report's own order.  Ties keep that order.
 */
static const char script[] =
"(function () {\n"
"\t\"use strict\";\n"
"\tvar table = document.getElementById(\"heatmap\");\n"
"\tif (!table || table.tBodies.length !== 1)\n"
"\t\treturn;\n"
"\tvar body = table.tBodies[0];\n"
"\tvar heads = table.querySelectorAll(\"th[data-sort]\");\n"
"\tfunction key(row, how) {\n"
"\t\tif (how === \"name\")\n"
"\t\t\treturn row.cells[0].textContent;\n"
"\t\treturn parseFloat(row.getAttribute(\"data-overall\"));\n"
"\t}\n"
"\tfunction sort(th, button) {\n"
"\t\tvar how = th.getAttribute(\"data-sort\");\n"
"\t\tvar was = th.getAttribute(\"aria-sort\");\n"
"\t\tvar down = was ? was === \"ascending\" : how !== \"name\";\n"
"\t\tvar rows = Array.prototype.slice.call(body.rows);\n"
"\t\trows.sort(function (a, b) {\n"
"\t\t\tvar x = key(a, how), y = key(b, how);\n"
"\t\t\tvar c = x < y ? -1 : x > y ? 1 : 0;\n"
"\t\t\tif (down)\n"
"\t\t\t\tc = -c;\n"
"\t\t\treturn c !== 0 ? c : a.getAttribute(\"data-i\") -\n"
"\t\t\t    b.getAttribute(\"data-i\");\n"
"\t\t});\n"
"\t\trows.forEach(function (row) { body.appendChild(row); });\n"
"\t\tArray.prototype.forEach.call(heads, function (h) {\n"
"\t\t\th.removeAttribute(\"aria-sort\");\n"
"\t\t});\n"
"\t\tth.setAttribute(\"aria-sort\", down ? \"descending\" : "
"\"ascending\");\n"
"\t\tbutton.focus();\n"
"\t}\n"
"\tArray.prototype.forEach.call(heads, function (th) {\n"
"\t\tvar button = document.createElement(\"button\");\n"
"\t\tbutton.type = \"button\";\n"
"\t\twhile (th.firstChild)\n"
"\t\t\tbutton.appendChild(th.firstChild);\n"
"\t\tth.appendChild(button);\n"
"\t\tbutton.addEventListener(\"click\", function () {\n"
"\t\t\tsort(th, button);\n"
"\t\t});\n"
"\t});\n"
"})();\n";

/* Escaped for HTML text and for attribute values in double quotes. */
static void
add_escaped(struct strbuf *out, const char *s, size_t n)
{
	const char *end = s + n;

	for (; s < end; s++) {
		switch (*s) {
		case '&':
			strbuf_adds(out, "&amp;");
			break;
		case '<':
			strbuf_adds(out, "&lt;");
			break;
		case '>':
			strbuf_adds(out, "&gt;");
			break;
		case '"':
			strbuf_adds(out, "&quot;");
			break;
		case '\'':
			strbuf_adds(out, "&#39;");
			break;
		default:
			strbuf_addc(out, *s);
			break;
		}
	}
}

/* An outside string, cleaned onto one line and escaped; NULL adds "". */
static void
add_text(struct html_state *st, const char *s)
{
	const char *c;

	if (s != NULL) {
		c = report_clean_line(&st->clean, s);
		add_escaped(&st->out, c, strlen(c));
	}
}

static void
add_percent(struct strbuf *out, double v)
{
	char buf[16];

	report_percent(v, buf);
	strbuf_adds(out, buf);
}

/* Writes what was built to fp; -1 on a write error. */
static int
flush(struct html_state *st, FILE *fp)
{
	if (st->out.len > 0 && fwrite(st->out.s, 1, st->out.len, fp) !=
	    st->out.len)
		return -1;
	st->out.len = 0;
	return ferror(fp) ? -1 : 0;
}

/* "sha256-..." of text: the CSP source that allows this inline text. */
static void
add_csp_hash(struct strbuf *out, const char *text)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char hex[65];
	unsigned char d[33];
	unsigned v;
	size_t i;

	sha256_hex(text, strlen(text), hex);
	for (i = 0; i < 32; i++) {
		sscanf(hex + 2 * i, "%2x", &v);
		d[i] = (unsigned char)v;
	}
	d[32] = 0;
	strbuf_adds(out, "'sha256-");
	/* 32 bytes: ten full groups, then two bytes and one '='. */
	for (i = 0; i < 33; i += 3) {
		v = (unsigned)d[i] << 16 | (unsigned)d[i + 1] << 8 | d[i + 2];
		strbuf_addc(out, b64[v >> 18 & 63]);
		strbuf_addc(out, b64[v >> 12 & 63]);
		strbuf_addc(out, b64[v >> 6 & 63]);
		strbuf_addc(out, i + 3 < 33 ? b64[v & 63] : '=');
	}
	strbuf_addc(out, '\'');
}

/* A temporary file in $TMPDIR (else /tmp), already unlinked. */
static FILE *
spill_open(void)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	FILE *fp = NULL;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	path = xasprintf("%s/palint-html.XXXXXX", dir);
	if ((fd = mkstemp(path)) != -1) {
		unlink(path);
		if ((fp = fdopen(fd, "w+")) == NULL)
			close(fd);
	}
	free(path);
	return fp;
}

static void
head(struct html_state *st, const struct ruleset *rs)
{
	struct strbuf *o = &st->out;

	strbuf_adds(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src ");
	add_csp_hash(o, css);
	strbuf_adds(o, "; script-src ");
	add_csp_hash(o, script);
	strbuf_adds(o, "; base-uri 'none'; form-action 'none'\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"" PACKAGE_NAME " "
	    PACKAGE_VERSION "\">\n<title>Policy alignment report: ");
	add_text(st, rs->title != NULL ? rs->title : rs->id);
	strbuf_adds(o, "</title>\n<style>");
	strbuf_adds(o, css);
	strbuf_adds(o, "</style>\n</head>\n");
}

static void
banner(struct html_state *st, const struct report *r)
{
	const struct ruleset *rs = r->info.ruleset;
	struct strbuf *o = &st->out;
	char when[32];

	strbuf_adds(o, "<body>\n<header>\n<h1>Policy alignment report</h1>\n"
	    "<p>Documents checked against <cite>");
	add_text(st, rs->title != NULL ? rs->title : rs->id);
	strbuf_adds(o, "</cite>.</p>\n<p class=\"meta\">Rule set ");
	add_text(st, rs->id);
	if (rs->version != NULL) {
		strbuf_adds(o, " version ");
		add_text(st, rs->version);
	}
	strbuf_adds(o, " (SHA-256 <code>");
	add_text(st, rs->sha256);
	report_iso8601(r->info.generated, when);
	strbuf_addf(o, "</code>); coverage model " COVERAGE_MODEL_VERSION
	    "; written by " PACKAGE_NAME " " PACKAGE_VERSION " on "
	    "<time datetime=\"%s\">%s</time>.</p>\n", when, when);
	strbuf_adds(o, "<p class=\"noprint\"><a href=\"#details\">Skip to "
	    "the document details</a></p>\n</header>\n<main>\n");
}

static const char *
status_symbol(enum status s)
{
	switch (s) {
	case STATUS_COVERED:
		return "\xe2\x9c\x94";		/* U+2714 heavy check mark */
	case STATUS_PARTIAL:
		return "\xe2\x97\x90";		/* U+25D0 half-filled circle */
	case STATUS_ABSENT:
		return "\xe2\x97\x8b";		/* U+25CB white circle */
	}
	return "?";
}

/* A conflict, beside the verdict: U+2716 heavy multiplication x. */
#define CONFLICT_SYMBOL	"\xe2\x9c\x96"

/* The conflict badge of an objective, if it has one. */
static void
add_conflict(struct strbuf *o, const struct objective_result *or)
{
	if (or->conflict == 0)
		return;
	strbuf_addf(o, " <span class=\"contradicted\"><span aria-hidden="
	    "\"true\">" CONFLICT_SYMBOL "</span><span class=\"vh\"> "
	    "contradicted (%s)</span></span>", conflict_name(or));
}

static void
legend(struct html_state *st)
{
	static const struct {
		enum status	 s;
		const char	*meaning;
	} items[] = {
		{ STATUS_COVERED, "enough evidence found" },
		{ STATUS_PARTIAL, "some evidence found" },
		{ STATUS_ABSENT, "no evidence, or next to none" }
	};
	size_t i;

	strbuf_adds(&st->out, "<section id=\"legend-section\" "
	    "aria-labelledby=\"legend\">\n"
	    "<h2 id=\"legend\">How to read this report</h2>\n"
	    "<p>Each objective of the strategy gets one of three verdicts per "
	    "document, shown by a symbol, a pattern and a colour, with its "
	    "score in percent:</p>\n<ul class=\"legend\">\n");
	for (i = 0; i < nitems(items); i++)
		strbuf_addf(&st->out, "<li><span class=\"swatch %s\" "
		    "aria-hidden=\"true\">%s</span><strong>%s</strong>: "
		    "%s</li>\n", status_name(items[i].s),
		    status_symbol(items[i].s), status_name(items[i].s),
		    items[i].meaning);
	strbuf_adds(&st->out, "<li><span class=\"swatch contradicted\" "
	    "aria-hidden=\"true\">" CONFLICT_SYMBOL "</span><strong>"
	    "contradicted</strong>: beside the verdict, the document adopts "
	    "a measure that works against the objective</li>\n");
	strbuf_adds(&st->out, "</ul>\n<p>Overall is the mean score of the "
	    "action areas; the guiding principles are scored apart.  A gap is "
	    "an objective that is absent or partial.</p>\n</section>\n");
}

/* The summary columns between the name and the objectives, and the key
   the script sorts by when there is one. */
static const struct {
	const char	*label;
	const char	*sort;
} summary_columns[] = {
	{ "Overall", "overall" },
	{ "Principles", NULL },
	{ "Conflicts", NULL },
	{ "Gaps", NULL },
	{ "Warnings", NULL }
};

static void
heatmap_colgroups(struct html_state *st, const struct ruleset *rs)
{
	size_t i;

	strbuf_addf(&st->out, "<colgroup span=\"%zu\"></colgroup>\n",
	    nitems(summary_columns) + 1);
	for (i = 0; i < rs->nareas; i++)
		if (rs->areas[i].nobjectives > 0)
			strbuf_addf(&st->out,
			    "<colgroup span=\"%zu\"></colgroup>\n",
			    rs->areas[i].nobjectives);
}

static void
heatmap_head(struct html_state *st, const struct ruleset *rs)
{
	struct strbuf *o = &st->out;
	const struct objective *ob;
	size_t i, j;

	strbuf_adds(o, "<thead>\n<tr><th scope=\"col\" rowspan=\"2\" "
	    "data-sort=\"name\">Document</th>");
	for (i = 0; i < nitems(summary_columns); i++) {
		strbuf_adds(o, "<th scope=\"col\" rowspan=\"2\"");
		if (summary_columns[i].sort != NULL)
			strbuf_addf(o, " data-sort=\"%s\"",
			    summary_columns[i].sort);
		strbuf_addf(o, ">%s</th>", summary_columns[i].label);
	}
	for (i = 0; i < rs->nareas; i++) {
		if (rs->areas[i].nobjectives == 0)
			continue;
		strbuf_addf(o, "<th scope=\"colgroup\" colspan=\"%zu\">"
		    "<abbr title=\"", rs->areas[i].nobjectives);
		add_text(st, rs->areas[i].title);
		strbuf_adds(o, "\">");
		add_text(st, rs->areas[i].id);
		strbuf_adds(o, "</abbr></th>");
	}
	strbuf_adds(o, "</tr>\n<tr>");
	for (i = 0; i < rs->nareas; i++) {
		for (j = 0; j < rs->areas[i].nobjectives; j++) {
			ob = &rs->areas[i].objectives[j];
			strbuf_adds(o, "<th scope=\"col\"><abbr title=\"");
			add_text(st, ob->title);
			strbuf_adds(o, "\">");
			add_text(st, ob->id);
			strbuf_adds(o, "</abbr></th>");
		}
	}
	strbuf_adds(o, "</tr>\n</thead>\n<tbody>\n");
}

static int
html_begin(struct report *r)
{
	struct html_state *st;
	const struct ruleset *rs = r->info.ruleset;

	r->state = st = xcalloc(1, sizeof(*st));
	st->ncolumns = nitems(summary_columns) + 1 + rs->nobjectives;
	head(st, rs);
	banner(st, r);
	legend(st);
	strbuf_adds(&st->out, "<section id=\"heatmap-section\" "
	    "aria-labelledby=\"documents\">\n"
	    "<h2 id=\"documents\">Documents by objective</h2>\n"
	    "<div class=\"scroll\">\n<table id=\"heatmap\">\n<caption>"
	    "Score and verdict of every objective, one row per document, in "
	    "the order read; the column headers sort the rows by name or by "
	    "overall score.</caption>\n");
	heatmap_colgroups(st, rs);
	heatmap_head(st, rs);
	if ((st->spill = spill_open()) == NULL)
		return -1;
	return flush(st, r->fp);
}

/* A number, or a dash for a document that could not be read. */
static void
cell_count(struct strbuf *o, size_t n)
{
	strbuf_addf(o, "<td class=\"num\">%zu</td>", n);
}

/* One objective's cell: symbol, score, and the verdict for non-visual
   readers; the title names both for a pointer. */
static void
heat_cell(struct html_state *st, const struct objective_result *or)
{
	struct strbuf *o = &st->out;
	const char *name = status_name(or->status);
	char pct[16];
	size_t n;

	report_percent(or->score, pct);
	n = strlen(pct);
	if (n > 2 && strcmp(pct + n - 2, ".0") == 0)
		pct[n - 2] = '\0';
	strbuf_addf(o, "<td class=\"%s\"", name);
	if (or->conflict > 0)
		strbuf_addf(o, " data-conflict=\"%s\"", conflict_name(or));
	strbuf_adds(o, " title=\"");
	add_text(st, or->objective->id);
	strbuf_adds(o, " ");
	add_text(st, or->objective->title);
	strbuf_addf(o, ": %s, %s%%%s\"><span class=\"sym\" aria-hidden="
	    "\"true\">%s</span> %s<span class=\"vh\"> %s</span>", name,
	    pct, or->conflict > 0 ? ", contradicted" : "",
	    status_symbol(or->status), pct, name);
	add_conflict(o, or);
	strbuf_adds(o, "</td>");
}

static void
heat_row(struct html_state *st, const struct report *r,
    const struct docresult *dr)
{
	const struct ruleset *rs = r->info.ruleset;
	struct strbuf *o = &st->out;
	size_t i, j, n = r->ndocuments;

	strbuf_addf(o, "<tr id=\"row-%zu\" data-i=\"%zu\" data-overall=\"", n,
	    n);
	if (dr->ok && dr->no_verdict == NULL)
		add_percent(o, dr->overall);
	else
		strbuf_adds(o, "-1");
	strbuf_addf(o, "\"><th scope=\"row\"><a href=\"#doc-%zu\">", n);
	add_text(st, dr->path);
	strbuf_adds(o, "</a></th>");
	if (!dr->ok) {
		strbuf_addf(o, "<td colspan=\"%zu\" class=\"error\">"
		    "<strong>Error:</strong> ", st->ncolumns - 1);
		add_text(st, dr->error);
		strbuf_adds(o, "</td></tr>\n");
		return;
	}
	/* Not judged: no scores, rather than zeros that would read as
	   gaps. */
	if (dr->no_verdict != NULL) {
		strbuf_addf(o, "<td colspan=\"%zu\" class=\"error\">"
		    "<strong>No verdict:</strong> ", st->ncolumns - 1);
		add_text(st, dr->no_verdict);
		strbuf_adds(o, "</td></tr>\n");
		return;
	}
	strbuf_adds(o, "<td class=\"num\">");
	add_percent(o, dr->overall);
	strbuf_adds(o, "%</td><td class=\"num\">");
	add_percent(o, dr->principles);
	strbuf_adds(o, "%</td>");
	cell_count(o, dr->conflicts);
	cell_count(o, dr->gaps);
	cell_count(o, dr->nwarnings);
	for (i = 0; i < rs->nareas; i++)
		for (j = 0; j < rs->areas[i].nobjectives; j++)
			heat_cell(st, &dr->objectives[
			    rs->areas[i].objectives[j].index]);
	strbuf_adds(o, "</tr>\n");
}

/* "page 3" for a paged document, else "line 12, col. 5". */
static void
add_position(struct strbuf *o, const struct hit *h)
{
	if (h->page > 0)
		strbuf_addf(o, "page %u", h->page);
	else
		strbuf_addf(o, "line %u, col. %u", h->line, h->column);
}

/*
 * The sentence with the match marked.  Both are cleaned the same way; a
 * match the sentence does not hold (it spans sentences) is marked after
 * it, so that every <mark> holds exactly a hit's matched words.
 */
static void
add_marked(struct html_state *st, const struct hit *h)
{
	struct strbuf *o = &st->out;
	const char *s, *m;
	size_t at, len;

	s = report_clean_line(&st->sentence, h->sentence);
	m = report_clean_line(&st->clean, h->match);
	at = report_find_match(s, m, &len);
	if (len == 0) {
		add_escaped(o, s, strlen(s));
		strbuf_adds(o, " <span class=\"meta\">(matched:</span> "
		    "<mark>");
		add_escaped(o, m, strlen(m));
		strbuf_adds(o, "</mark><span class=\"meta\">)</span>");
		return;
	}
	add_escaped(o, s, at);
	strbuf_adds(o, "<mark>");
	add_escaped(o, s + at, len);
	strbuf_adds(o, "</mark>");
	add_escaped(o, s + at + len, strlen(s + at + len));
}

/* The score as a bar (decoration: the number is written beside it). */
static void
add_bar(struct strbuf *o, double score)
{
	char pct[16];

	if (!(score >= 0))
		score = 0;
	if (score > 1)
		score = 1;
	report_percent(score, pct);
	strbuf_addf(o, "<svg class=\"bar\" width=\"120\" height=\"12\" "
	    "viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" "
	    "aria-hidden=\"true\" focusable=\"false\"><rect class=\"track\" "
	    "width=\"100\" height=\"10\"/><rect class=\"fill\" width=\"%s\" "
	    "height=\"10\"/></svg>", pct);
}

/* Overall figures and warnings of one document. */
/* The language row of the summary: "fr (fr 91%, en 9%)" when mixed. */
static void
doc_languages(struct html_state *st, const struct docresult *dr)
{
	struct strbuf mix = { NULL, 0, 0 };

	strbuf_adds(&st->out, "<tr><th scope=\"row\">Language</th><td>");
	add_text(st, docresult_language(dr));
	if (dr->nmix > 1) {
		strbuf_adds(&st->out, " (");
		add_text(st, docresult_mix(dr, &mix));
		strbuf_adds(&st->out, ")");
	}
	strbuf_adds(&st->out, "</td></tr>\n");
	strbuf_free(&mix);
}

static void
doc_facts(struct html_state *st, const struct docresult *dr)
{
	struct strbuf *o = &st->out;
	size_t i;

	strbuf_adds(o, "<table class=\"facts\">\n<caption>Summary</caption>\n"
	    "<tbody>\n<tr><th scope=\"row\">Overall</th><td class=\"num\">");
	add_percent(o, dr->overall);
	strbuf_adds(o, "%</td></tr>\n<tr><th scope=\"row\">Principles</th>"
	    "<td class=\"num\">");
	add_percent(o, dr->principles);
	strbuf_addf(o, "%%</td></tr>\n"
	    "<tr><th scope=\"row\">Conflicts</th><td class=\"num\">%u</td>"
	    "</tr>\n<tr><th scope=\"row\">Gaps</th><td class=\"num\">%u</td>"
	    "</tr>\n<tr><th scope=\"row\">Hits</th><td class=\"num\">%zu</td>"
	    "</tr>\n<tr><th scope=\"row\">Words</th><td class=\"num\">%zu</td>"
	    "</tr>\n<tr><th scope=\"row\">Warnings</th><td class=\"num\">%zu"
	    "</td></tr>\n", dr->conflicts, dr->gaps, dr->nhits, dr->words,
	    dr->nwarnings);
	doc_languages(st, dr);
	if (dr->unread_paragraphs > 0) {
		strbuf_addf(o, "<tr><th scope=\"row\">Unreadable</th>"
		    "<td class=\"num\">%zu paragraph%s, ",
		    dr->unread_paragraphs, dr->unread_paragraphs == 1 ? "" :
		    "s");
		add_percent(o, dr->unread_share);
		strbuf_addf(o, "%% of the text, %zu match%s not counted"
		    "</td></tr>\n", dr->unread_hits, dr->unread_hits == 1 ?
		    "" : "es");
	}
	strbuf_adds(o, "</tbody>\n</table>\n");
	if (dr->nwarnings == 0)
		return;
	strbuf_adds(o, "<ul class=\"warnings\">\n");
	for (i = 0; i < dr->nwarnings; i++) {
		strbuf_adds(o, "<li><strong>Warning:</strong> ");
		add_text(st, dr->warnings[i]);
		strbuf_adds(o, "</li>\n");
	}
	strbuf_adds(o, "</ul>\n");
}

static void
doc_areas(struct html_state *st, const struct docresult *dr)
{
	struct strbuf *o = &st->out;
	const struct area_result *ar;
	size_t i;

	strbuf_adds(o, "<h4>Coverage by area</h4>\n<table class=\"areas\">\n"
	    "<thead><tr><th scope=\"col\">Area</th><th scope=\"col\">Kind</th>"
	    "<th scope=\"col\">Score</th><th scope=\"col\">Covered</th>"
	    "<th scope=\"col\">Partial</th><th scope=\"col\">Absent</th>"
	    "<th scope=\"col\">Contradicted</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < dr->nareas; i++) {
		ar = &dr->areas[i];
		strbuf_adds(o, "<tr><th scope=\"row\">");
		add_text(st, ar->area->id);
		strbuf_adds(o, " ");
		add_text(st, ar->area->title);
		strbuf_addf(o, "</th><td>%s</td><td class=\"num\">",
		    area_kind_name(ar->area->kind));
		add_bar(o, ar->score);
		add_percent(o, ar->score);
		strbuf_addf(o, "%%</td><td class=\"num\">%u</td>"
		    "<td class=\"num\">%u</td><td class=\"num\">%u</td>"
		    "<td class=\"num\">%u</td></tr>\n", ar->covered,
		    ar->partial, ar->absent, ar->contradicted);
	}
	strbuf_adds(o, "</tbody>\n</table>\n");
}

/* What a gap lacks: how many rules, and the support rules not found. */
static void
gap_missing(struct html_state *st, const struct objective_result *or,
    const unsigned char *fired)
{
	struct strbuf *o = &st->out;
	const struct objective *ob = or->objective;
	char ev[32];
	size_t i;

	if (or->rules_total == 0) {
		strbuf_adds(o, "no support rules");
		return;
	}
	report_evidence(or->evidence, ev);
	strbuf_addf(o, "evidence %s of %u needed, from %u of %u rule%s; "
	    "not found: <ul>", ev, or->needed, or->rules_fired,
	    or->rules_total, or->rules_total == 1 ? "" : "s");
	for (i = 0; i < ob->nrules; i++) {
		if (ob->rules[i].kind != RULE_SUPPORT ||
		    fired[ob->rules[i].index])
			continue;
		strbuf_adds(o, "<li>");
		add_text(st, ob->rules[i].title);
		strbuf_adds(o, " <code>");
		add_text(st, ob->rules[i].id);
		strbuf_adds(o, "</code></li>");
	}
	strbuf_adds(o, "</ul>");
}

static void
doc_gaps(struct html_state *st, const struct ruleset *rs,
    const struct docresult *dr)
{
	struct strbuf *o = &st->out;
	const struct objective_result *or;
	unsigned char *fired;
	size_t i;

	strbuf_addf(o, "<h4>Gaps (%u)</h4>\n", dr->gaps);
	if (dr->gaps == 0) {
		strbuf_adds(o, "<p>No gaps: every objective is covered.</p>\n");
		return;
	}
	fired = report_fired_rules(rs, dr);
	strbuf_adds(o, "<table class=\"gaps\">\n<thead><tr>"
	    "<th scope=\"col\">Objective</th><th scope=\"col\">Verdict</th>"
	    "<th scope=\"col\">What is missing</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < dr->nobjectives; i++) {
		or = &dr->objectives[i];
		if (or->status == STATUS_COVERED)
			continue;
		strbuf_adds(o, "<tr><th scope=\"row\">");
		add_text(st, or->objective->id);
		strbuf_adds(o, " ");
		add_text(st, or->objective->title);
		strbuf_addf(o, "</th><td class=\"%s\"><span class=\"sym\" "
		    "aria-hidden=\"true\">%s</span> %s</td>"
		    "<td class=\"missing\">",
		    status_name(or->status), status_symbol(or->status),
		    status_name(or->status));
		gap_missing(st, or, fired);
		strbuf_adds(o, "</td></tr>\n");
	}
	free(fired);
	strbuf_adds(o, "</tbody>\n</table>\n");
}

/* One hit as a table row; conflicts leave out what they all share. */
static void
hit_row(struct html_state *st, const struct docresult *dr,
    const struct hit *h, int conflict)
{
	struct strbuf *o = &st->out;
	const struct rule *ru = h->rule;
	char w[32];

	strbuf_adds(o, "<tr><td class=\"where\">");
	add_position(o, h);
	/* The language it was read in, where that is news. */
	if (docresult_hit_lang_shown(dr, h)) {
		strbuf_adds(o, "<br><span class=\"lang\">");
		add_text(st, h->lang);
		strbuf_adds(o, "</span>");
	}
	strbuf_adds(o, "</td><td><code>");
	add_text(st, ru->id);
	strbuf_adds(o, "</code>");
	if (conflict) {
		strbuf_adds(o, "<br>");
		add_text(st, ru->title);
		strbuf_addf(o, "</td><td>%s",
		    report_severity_name(ru->severity));
	} else {
		report_evidence(coverage_hit_weight(h), w);
		strbuf_addf(o, "</td><td>%s</td><td>%s</td><td>%s</td>"
		    "<td class=\"num\">%s", rule_kind_name(ru->kind),
		    sentkind_name(h->kind), modality_name(h->modality), w);
	}
	strbuf_adds(o, "</td><td class=\"sentence\">");
	add_marked(st, h);
	strbuf_adds(o, "</td></tr>\n");
}

/* The conflict hits, or (conflicts 0) every hit, as one table. */
static int
doc_hits(struct html_state *st, const struct docresult *dr, int conflicts)
{
	size_t i, n = 0;

	for (i = 0; i < dr->nhits; i++)
		if (!conflicts || dr->hits[i].rule->kind == RULE_CONFLICT)
			n++;
	strbuf_addf(&st->out, "<h4>%s (%zu)</h4>\n", conflicts ?
	    "Conflicts" : "Evidence", n);
	if (n == 0) {
		strbuf_addf(&st->out, "<p>%s</p>\n", conflicts ?
		    "No conflict rule fired." : "No rule fired.");
		return 0;
	}
	strbuf_addf(&st->out, "<table class=\"%s\">\n<thead><tr>"
	    "<th scope=\"col\">Where</th><th scope=\"col\">Rule</th>%s"
	    "<th scope=\"col\">Sentence</th></tr></thead>\n<tbody>\n",
	    conflicts ? "conflicts" : "evidence", conflicts ?
	    "<th scope=\"col\">Severity</th>" :
	    "<th scope=\"col\">Kind</th><th scope=\"col\">Sentence kind</th>"
	    "<th scope=\"col\">Modality</th><th scope=\"col\">Weight</th>");
	for (i = 0; i < dr->nhits; i++) {
		if (conflicts && dr->hits[i].rule->kind != RULE_CONFLICT)
			continue;
		hit_row(st, dr, &dr->hits[i], conflicts);
		if (st->out.len >= FLUSH_AT && flush(st, st->spill) != 0)
			return -1;
	}
	strbuf_adds(&st->out, "</tbody>\n</table>\n");
	return 0;
}

static int
doc_section(struct html_state *st, const struct report *r,
    const struct docresult *dr)
{
	struct strbuf *o = &st->out;

	strbuf_addf(o, "<article class=\"doc\" id=\"doc-%zu\" "
	    "aria-labelledby=\"doc-%zu-h\">\n<h3 id=\"doc-%zu-h\">%zu. ",
	    r->ndocuments, r->ndocuments, r->ndocuments, r->ndocuments);
	add_text(st, dr->path);
	strbuf_adds(o, "</h3>\n");
	if (dr->sha256[0] != '\0') {
		strbuf_adds(o, "<p class=\"meta\">SHA-256 <code>");
		add_text(st, dr->sha256);
		strbuf_adds(o, "</code></p>\n");
	}
	if (!dr->ok) {
		strbuf_adds(o, "<p class=\"error\"><strong>Error:</strong> "
		    "could not be read: ");
		add_text(st, dr->error);
		strbuf_adds(o, "</p>\n");
	} else if (dr->no_verdict != NULL) {
		strbuf_adds(o, "<p class=\"error\"><strong>No verdict"
		    "</strong> (");
		add_text(st, docresult_status(dr));
		strbuf_adds(o, "): ");
		add_text(st, dr->no_verdict);
		strbuf_adds(o, "</p>\n");
	} else {
		doc_facts(st, dr);
		doc_areas(st, dr);
		doc_gaps(st, r->info.ruleset, dr);
		if (doc_hits(st, dr, 1) != 0 || doc_hits(st, dr, 0) != 0)
			return -1;
	}
	strbuf_adds(o, "<p class=\"noprint\"><a href=\"#row-");
	strbuf_addf(o, "%zu\">Back to the table</a></p>\n</article>\n",
	    r->ndocuments);
	return flush(st, st->spill);
}

static int
html_document(struct report *r, const struct docresult *dr)
{
	struct html_state *st = r->state;

	if (dr->nwarnings > 0)
		st->nwarnings++;
	heat_row(st, r, dr);
	if (flush(st, r->fp) != 0)
		return -1;
	return doc_section(st, r, dr);
}

/* After the heatmap: the totals of the run. */
static void
totals(struct html_state *st, const struct report *r)
{
	struct strbuf *o = &st->out;
	size_t ok = r->ndocuments - r->nerrors - r->nunjudged;

	strbuf_addf(o, "</tbody>\n</table>\n</div>\n<p id=\"totals\">%zu "
	    "document%s, %zu that could not be read, %zu with warnings",
	    r->ndocuments, r->ndocuments == 1 ? "" : "s", r->nerrors,
	    st->nwarnings);
	/* Only when there are some, so that the usual line stays as it was. */
	if (r->nunjudged > r->nunreadable)
		strbuf_addf(o, ", %zu without verdict (language)",
		    r->nunjudged - r->nunreadable);
	if (r->nunreadable > 0)
		strbuf_addf(o, ", %zu without verdict (unreadable)",
		    r->nunreadable);
	strbuf_adds(o, "; mean overall ");
	if (ok > 0) {
		add_percent(o, r->sum_overall / (double)ok);
		strbuf_adds(o, "%");
	} else
		strbuf_adds(o, "-");
	strbuf_adds(o, ".</p>\n</section>\n"
	    "<section id=\"details-section\" aria-labelledby=\"details\">\n"
	    "<h2 id=\"details\">Document details</h2>\n");
}

/* The document sections, from the temporary file to the output. */
static int
unspill(struct html_state *st, FILE *fp)
{
	char buf[BUFSIZ];
	size_t n;

	if (fflush(st->spill) != 0 || fseek(st->spill, 0, SEEK_SET) != 0)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), st->spill)) > 0)
		if (fwrite(buf, 1, n, fp) != n)
			return -1;
	return ferror(st->spill) || ferror(fp) ? -1 : 0;
}

static int
html_end(struct report *r)
{
	struct html_state *st = r->state;
	int rc = 0;

	if (st == NULL)
		return 0;
	if (!r->failed && st->spill != NULL) {
		totals(st, r);
		if (flush(st, r->fp) != 0 || unspill(st, r->fp) != 0)
			rc = -1;
		strbuf_adds(&st->out, "</section>\n</main>\n<script>");
		strbuf_adds(&st->out, script);
		strbuf_adds(&st->out, "</script>\n</body>\n</html>\n");
		if (rc == 0)
			rc = flush(st, r->fp);
	}
	if (st->spill != NULL)
		fclose(st->spill);
	strbuf_free(&st->out);
	strbuf_free(&st->clean);
	strbuf_free(&st->sentence);
	free(st);
	r->state = NULL;
	return rc;
}

const struct report_ops report_html_ops = {
	html_begin,
	html_document,
	html_end
};
