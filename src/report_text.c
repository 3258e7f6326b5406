/*
 * report_text.c -- the text writer, for a person at a terminal.
 *
 * Input: docresults.  Output: per document a summary line with the area
 * percentages, its warnings, then compiler-style diagnostics: each conflict
 * hit as "path:line:col: conflict: ..." with the sentence quoted below it,
 * then each objective that is not covered as "path: gap: ...".  A last line
 * totals the run.  Strings from documents are cleaned and folded onto one
 * line, so a hostile file cannot send escape sequences to the terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "report.h"
#include "report_int.h"
#include "rules.h"
#include "utf8.h"
#include "util.h"

/* Longest quoted sentence, in bytes, before it is cut around the match. */
#define QUOTE_MAX	120
/* Rule titles listed for a gap. */
#define GAP_TITLES	3
/* " — " (an em dash in UTF-8) between an objective and its verdict. */
#define DASH		" \xe2\x80\x94 "

struct text_state {
	struct strbuf	 clean;
	struct strbuf	 line;		/* the line being built */
	char		*path;		/* cleaned path of the document */
};

/* "4,321": grouped by hand, so the output does not depend on locale. */
static void
add_count(struct strbuf *sb, size_t n)
{
	char digits[32];
	size_t len, i;

	len = (size_t)snprintf(digits, sizeof(digits), "%zu", n);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			strbuf_addc(sb, ',');
		strbuf_addc(sb, digits[i]);
	}
}

static void
add_percent(struct strbuf *sb, double v)
{
	char buf[16];

	report_percent(v, buf);
	strbuf_adds(sb, buf);
	strbuf_addc(sb, '%');
}

static void
add_plural(struct strbuf *sb, size_t n, const char *word)
{
	add_count(sb, n);
	strbuf_addf(sb, " %s%s", word, n == 1 ? "" : "s");
}

static int
emit(struct report *r, struct strbuf *sb)
{
	strbuf_addc(sb, '\n');
	fwrite(sb->s, 1, sb->len, r->fp);
	sb->len = 0;
	sb->s[0] = '\0';
	return ferror(r->fp) ? -1 : 0;
}

/* A header only when a rule file changed the rules before it, so that a
   report made with changed rules says so. */
static int
text_begin(struct report *r)
{
	const struct ruleset *rs = r->info.ruleset;
	struct text_state *st;

	r->state = st = xcalloc(1, sizeof(struct text_state));
	if (!rs->extends && rs->noverrides == 0)
		return 0;
	strbuf_adds(&st->line, "rules: ");
	strbuf_adds(&st->line, report_clean_line(&st->clean, rs->id));
	strbuf_addc(&st->line, ' ');
	strbuf_adds(&st->line, report_clean_line(&st->clean,
	    rs->version != NULL ? rs->version : ""));
	if (rs->extends)
		strbuf_adds(&st->line, ", the built-in rules changed");
	strbuf_adds(&st->line, "; disabled: ");
	if (report_overrides(&st->line, rs, OVERRIDE_DISABLED) == 0)
		strbuf_adds(&st->line, "none");
	strbuf_adds(&st->line, "; replaced: ");
	if (report_overrides(&st->line, rs, OVERRIDE_REPLACED) == 0)
		strbuf_adds(&st->line, "none");
	return emit(r, &st->line);
}

/* "(AA1 20.0%, AA2 60.0%; principles 66.7%)" */
static void
add_areas(struct strbuf *sb, const struct docresult *dr)
{
	size_t i, n = 0, np = 0;

	for (i = 0; i < dr->nareas; i++) {
		if (dr->areas[i].area->kind != AREA_ACTION) {
			np++;
			continue;
		}
		strbuf_adds(sb, n++ == 0 ? " (" : ", ");
		strbuf_addf(sb, "%s ", dr->areas[i].area->id);
		add_percent(sb, dr->areas[i].score);
	}
	if (np > 0) {
		strbuf_adds(sb, n == 0 ? " (" : "; ");
		strbuf_adds(sb, "principles ");
		add_percent(sb, dr->principles);
	}
	if (n + np > 0)
		strbuf_addc(sb, ')');
}

static int
summary(struct report *r, const struct docresult *dr)
{
	struct text_state *st = r->state;

	strbuf_addf(&st->line, "%s: overall ", st->path);
	add_percent(&st->line, dr->overall);
	add_areas(&st->line, dr);
	strbuf_adds(&st->line, ", ");
	add_plural(&st->line, dr->conflicts, "conflict");
	strbuf_adds(&st->line, ", ");
	add_plural(&st->line, dr->gaps, "gap");
	strbuf_adds(&st->line, ", ");
	add_plural(&st->line, dr->words, "word");
	return emit(r, &st->line);
}

/* Where the match sits in the sentence, whose spaces were folded. */
static size_t
find_match(const char *sentence, const char *match, size_t *len)
{
	struct strbuf m = { NULL, 0, 0 };
	const char *p;
	size_t at = 0;
	int space = 0;

	for (; *match != '\0'; match++) {
		if (*match == ' ' || *match == '\t' || *match == '\n' ||
		    *match == '\r') {
			space = m.len > 0;
			continue;
		}
		if (space)
			strbuf_addc(&m, ' ');
		space = 0;
		strbuf_addc(&m, *match);
	}
	*len = 0;
	if (m.len > 0 && (p = strstr(sentence, m.s)) != NULL) {
		at = (size_t)(p - sentence);
		*len = m.len;
	}
	strbuf_free(&m);
	return at;
}

/* The sentence, or about QUOTE_MAX bytes of it centred on the match. */
static void
add_quote(struct strbuf *sb, const char *sentence, const char *match)
{
	size_t n, at, mlen, ctx, from, to;

	n = strlen(sentence);
	if (n <= QUOTE_MAX) {
		strbuf_adds(sb, sentence);
		return;
	}
	at = find_match(sentence, match, &mlen);
	ctx = mlen < QUOTE_MAX - 40 ? (QUOTE_MAX - mlen) / 2 : 20;
	from = at > ctx ? utf8_floor(sentence, at - ctx) : 0;
	to = at + mlen + ctx;
	if (to >= n)
		to = n;
	else
		to = utf8_floor(sentence, to);
	if (from > 0)
		strbuf_adds(sb, "...");
	strbuf_add(sb, sentence + from, to - from);
	if (to < n)
		strbuf_adds(sb, "...");
}

static int
conflict_hit(struct report *r, const struct hit *h)
{
	struct text_state *st = r->state;
	const struct rule *ru = h->rule;
	char *match;
	int rc;

	strbuf_addf(&st->line, "%s:%u:%u: %s: %s ", st->path, h->line,
	    h->column, ru->severity == SEVERITY_ERROR ? "conflict" :
	    "possible conflict", ru->objective->id);
	strbuf_adds(&st->line, report_clean_line(&st->clean, ru->title));
	strbuf_addf(&st->line, " [%s]", ru->id);
	if ((rc = emit(r, &st->line)) != 0)
		return rc;
	match = xstrdup(report_clean_line(&st->clean, h->match));
	strbuf_adds(&st->line, "    ");
	add_quote(&st->line, report_clean_line(&st->clean, h->sentence), match);
	free(match);
	return emit(r, &st->line);
}

/* Titles of the support rules of o that did not fire, up to GAP_TITLES. */
static void
add_unfired(struct strbuf *sb, struct strbuf *tmp, const struct objective *o,
    const unsigned char *fired)
{
	size_t i, n = 0;

	for (i = 0; i < o->nrules; i++) {
		if (o->rules[i].kind != RULE_SUPPORT ||
		    fired[o->rules[i].index])
			continue;
		if (n < GAP_TITLES) {
			if (n > 0)
				strbuf_adds(sb, "; ");
			strbuf_adds(sb,
			    report_clean_line(tmp, o->rules[i].title));
		}
		n++;
	}
	if (n > GAP_TITLES)
		strbuf_addf(sb, " and %zu more", n - GAP_TITLES);
}

static int
gap(struct report *r, const struct objective_result *or,
    const unsigned char *fired)
{
	struct text_state *st = r->state;
	const struct objective *o = or->objective;

	strbuf_addf(&st->line, "%s: gap: %s ", st->path, o->id);
	strbuf_adds(&st->line, report_clean_line(&st->clean, o->title));
	if (or->rules_total == 0)
		strbuf_adds(&st->line, DASH "absent; no support rules");
	else if (or->status == STATUS_ABSENT) {
		strbuf_adds(&st->line, DASH "absent; would be satisfied by: ");
		add_unfired(&st->line, &st->clean, o, fired);
	} else {
		strbuf_addf(&st->line, DASH "partial (%u of %u rules)",
		    or->rules_fired, report_rules_needed(or));
		strbuf_adds(&st->line, "; also: ");
		add_unfired(&st->line, &st->clean, o, fired);
	}
	return emit(r, &st->line);
}

static int
diagnostics(struct report *r, const struct docresult *dr)
{
	const struct objective_result *or;
	unsigned char *fired;
	size_t i;
	int rc = 0;

	for (i = 0; i < dr->nhits && rc == 0; i++)
		if (dr->hits[i].rule->kind == RULE_CONFLICT)
			rc = conflict_hit(r, &dr->hits[i]);
	fired = report_fired_rules(r->info.ruleset, dr);
	for (i = 0; i < dr->nobjectives && rc == 0; i++) {
		or = &dr->objectives[i];
		if (or->status == STATUS_ABSENT ||
		    or->status == STATUS_PARTIAL)
			rc = gap(r, or, fired);
	}
	free(fired);
	return rc;
}

/* Evidence as text: one line per hit. */
static int
evidence(struct report *r, const struct docresult *dr)
{
	struct text_state *st = r->state;
	const struct hit *h;
	size_t i;
	int rc = 0;

	for (i = 0; i < dr->nhits && rc == 0; i++) {
		h = &dr->hits[i];
		strbuf_addf(&st->line, "%s:%u:%u: %s: %s (%s) ", st->path,
		    h->line, h->column, rule_kind_name(h->rule->kind),
		    h->rule->id, modality_name(h->modality));
		strbuf_adds(&st->line, report_clean_line(&st->clean, h->match));
		rc = emit(r, &st->line);
	}
	return rc;
}

static int
text_document(struct report *r, const struct docresult *dr)
{
	struct text_state *st = r->state;
	size_t i;
	int rc;

	free(st->path);
	st->path = xstrdup(report_clean_line(&st->clean, dr->path));
	if (!dr->ok) {
		strbuf_addf(&st->line, "%s: error: ", st->path);
		strbuf_adds(&st->line, report_clean_line(&st->clean, dr->error));
		rc = emit(r, &st->line);
	} else if (r->info.evidence)
		rc = evidence(r, dr);
	else
		rc = summary(r, dr);
	for (i = 0; i < dr->nwarnings && rc == 0; i++) {
		strbuf_addf(&st->line, "%s: warning: ", st->path);
		strbuf_adds(&st->line,
		    report_clean_line(&st->clean, dr->warnings[i]));
		rc = emit(r, &st->line);
	}
	if (rc == 0 && dr->ok && !r->info.evidence &&
	    r->info.level != LEVEL_DOCUMENT)
		rc = diagnostics(r, dr);
	return rc;
}

static int
text_end(struct report *r)
{
	struct text_state *st = r->state;
	size_t ok = r->ndocuments - r->nerrors;
	int rc;

	if (st == NULL)
		return 0;
	strbuf_adds(&st->line, "total: ");
	add_plural(&st->line, r->ndocuments, "document");
	strbuf_adds(&st->line, ", ");
	add_plural(&st->line, r->nerrors, "error");
	strbuf_adds(&st->line, ", mean overall ");
	if (ok > 0)
		add_percent(&st->line, r->sum_overall / (double)ok);
	else
		strbuf_adds(&st->line, "-");
	rc = r->failed ? 0 : emit(r, &st->line);
	strbuf_free(&st->clean);
	strbuf_free(&st->line);
	free(st->path);
	free(st);
	r->state = NULL;
	return rc;
}

const struct report_ops report_text_ops = {
	text_begin,
	text_document,
	text_end
};
