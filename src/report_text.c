/*
 * report_text.c -- the text writer, for a person at a terminal.
 *
 * Input: docresults.  Output: per document a summary line with the area
 * percentages, its warnings, then for every objective its verdict with the
 * reason ("2 of 2 required rules fired in 3 sentences: ..."), the best
 * evidence behind it, what would satisfy a gap, and each conflict hit as
 * "path:line:col: conflict: ..." with its sentence quoted below; with -v
 * every support hit and its weight.  With --waivers a waived objective's
 * verdict ends in "; waived" and a waived conflict hit says "waived
 * conflict", each followed by a line with the reviewer and the
 * justification.  With --baseline only the objectives with a finding the
 * baseline did not know are shown, and a conflict hit it knew says "known
 * conflict".  A last line totals the run.  Strings from documents are
 * cleaned and folded onto one line, so a hostile file cannot send escape
 * sequences to the terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "report.h"
#include "report_int.h"
#include "rules.h"
#include "sentkind.h"
#include "utf8.h"
#include "util.h"

/* Longest quoted sentence, in bytes, before it is cut around the match. */
#define QUOTE_MAX	120
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
		report_add_percent(sb, dr->areas[i].score);
	}
	if (np > 0) {
		strbuf_adds(sb, n == 0 ? " (" : "; ");
		strbuf_adds(sb, "principles ");
		report_add_percent(sb, dr->principles);
	}
	if (n + np > 0)
		strbuf_addc(sb, ')');
}

/* ", language en" and the flags: what the document is. */
static void
add_kind(struct strbuf *sb, const struct docresult *dr)
{
	strbuf_addf(sb, ", language %s", docresult_language(dr));
	/* The mix when there is one: "(fr 91%, en 9%)". */
	if (dr->nmix > 1) {
		strbuf_adds(sb, " (");
		docresult_mix(dr, sb);
		strbuf_addc(sb, ')');
	}
	if (dr->flags != 0)
		strbuf_addf(sb, " (%s)", docflags_name(dr->flags));
	/* Any unreadable text, however little: its evidence is not
	   counted (readable.h). */
	if (dr->unread_paragraphs > 0) {
		strbuf_addf(sb, ", unreadable text in %zu paragraph%s (",
		    dr->unread_paragraphs, dr->unread_paragraphs == 1 ? "" :
		    "s");
		report_add_percent(sb, dr->unread_share);
		strbuf_adds(sb, ")");
	}
}

/* ", 2 waived" with --waivers, ", 3 known" with --baseline: the
   findings below that are marked, and those left out. */
static void
add_review(struct strbuf *sb, const struct report *r,
    const struct docresult *dr)
{
	const struct objective_result *or;
	size_t i, waived = 0, known = 0;

	for (i = 0; i < dr->nobjectives; i++) {
		or = &dr->objectives[i];
		waived += or->waiver != NULL;
		known += or->known && report_objective_finding(or);
	}
	if (r->info.waivers)
		strbuf_addf(sb, ", %zu waived", waived);
	if (r->info.baseline != NULL)
		strbuf_addf(sb, ", %zu known", known);
}

static int
summary(struct report *r, const struct docresult *dr)
{
	struct text_state *st = r->state;

	strbuf_addf(&st->line, "%s: overall ", st->path);
	report_add_percent(&st->line, dr->overall);
	add_areas(&st->line, dr);
	strbuf_adds(&st->line, ", ");
	add_plural(&st->line, dr->conflicts, "conflict");
	strbuf_adds(&st->line, ", ");
	add_plural(&st->line, dr->gaps, "gap");
	strbuf_adds(&st->line, ", ");
	add_plural(&st->line, dr->words, "word");
	add_kind(&st->line, dr);
	add_review(&st->line, r, dr);
	return emit(r, &st->line);
}

/* A cut at or after from that starts a word: past the next space, unless
   no space comes before limit. */
static size_t
word_start(const char *s, size_t from, size_t limit)
{
	size_t i;

	for (i = from; i < limit; i++)
		if (s[i] == ' ')
			return i + 1;
	return utf8_floor(s, from);
}

/* A cut at or before to that ends a word: at the last space, unless none
   comes after limit. */
static size_t
word_end(const char *s, size_t to, size_t limit)
{
	size_t i;

	for (i = to; i > limit; i--)
		if (s[i] == ' ')
			return i;
	return utf8_floor(s, to);
}

/* The sentence, or about QUOTE_MAX bytes of it around the match, cut
   between words (between characters when a word is too long). */
static void
add_quote(struct strbuf *sb, const char *sentence, const char *match)
{
	size_t n, at, mlen, ctx, from, to;

	n = strlen(sentence);
	if (n <= QUOTE_MAX) {
		strbuf_adds(sb, sentence);
		return;
	}
	at = report_find_match(sentence, match, &mlen);
	ctx = mlen < QUOTE_MAX - 40 ? (QUOTE_MAX - mlen) / 2 : 20;
	from = at > ctx ? word_start(sentence, at - ctx, at) : 0;
	/* Context the start of the sentence leaves unused goes after. */
	to = at + mlen + ctx + (at < ctx ? ctx - at : 0);
	if (at + mlen + ctx > n && at > ctx)
		from = word_start(sentence, n > QUOTE_MAX ? n - QUOTE_MAX :
		    0, at);
	if (to >= n)
		to = n;
	else
		to = word_end(sentence, to, at + mlen);
	if (from > 0)
		strbuf_adds(sb, "...");
	strbuf_add(sb, sentence + from, to - from);
	if (to < n)
		strbuf_adds(sb, "...");
}

/* "    waived by NAME (file:line): justification" */
static int
waived_line(struct report *r, const struct waiver *w)
{
	struct text_state *st = r->state;

	strbuf_adds(&st->line, "    waived by ");
	strbuf_adds(&st->line, report_clean_line(&st->clean, w->reviewer));
	strbuf_adds(&st->line, " (");
	strbuf_adds(&st->line, report_clean_line(&st->clean, w->file));
	strbuf_addf(&st->line, ":%u", w->line);
	if (w->expires[0] != '\0')
		strbuf_addf(&st->line, ", until %s", w->expires);
	strbuf_adds(&st->line, "): ");
	strbuf_adds(&st->line,
	    report_clean_line(&st->clean, w->justification));
	return emit(r, &st->line);
}

/* " [waived by NAME: justification]" after a hit, when w is not NULL. */
static void
add_waived_by(struct strbuf *sb, struct strbuf *tmp, const struct waiver *w)
{
	if (w == NULL)
		return;
	strbuf_adds(sb, " [waived by ");
	strbuf_adds(sb, report_clean_line(tmp, w->reviewer));
	strbuf_adds(sb, ": ");
	strbuf_adds(sb, report_clean_line(tmp, w->justification));
	strbuf_addc(sb, ']');
}

/* "p. 3" for a paged document, else "line 12". */
static void
add_place(struct strbuf *sb, const struct hit *h)
{
	if (h->page > 0)
		strbuf_addf(sb, "p. %u", h->page);
	else
		strbuf_addf(sb, "line %u", h->line);
}

/* "    LABEL: line 12 [RULE, binding statement] "quote"" */
static int
hit_line(struct report *r, const struct docresult *dr, const char *label,
    const struct hit *h, int weight)
{
	struct text_state *st = r->state;
	char *match, w[32];

	strbuf_addf(&st->line, "    %s: ", label);
	add_place(&st->line, h);
	strbuf_addf(&st->line, " [%s, %s %s", h->rule->id,
	    modality_name(h->modality), sentkind_name(h->kind));
	if (weight) {
		report_evidence(coverage_hit_weight(h), w);
		strbuf_addf(&st->line, ", weight %s", w);
	}
	if (docresult_hit_lang_shown(dr, h))
		strbuf_addf(&st->line, ", %s", h->lang);
	strbuf_adds(&st->line, "] \"");
	match = xstrdup(report_clean_line(&st->clean, h->match));
	add_quote(&st->line, report_clean_line(&st->clean, h->sentence), match);
	free(match);
	strbuf_addc(&st->line, '"');
	add_waived_by(&st->line, &st->clean, h->waiver);
	return emit(r, &st->line);
}

/* The hit and its sentence; the line of its waiver unless it is the
   objective's (ow), already shown above it. */
static int
conflict_hit(struct report *r, const struct hit *h, const struct waiver *ow)
{
	struct text_state *st = r->state;
	const struct rule *ru = h->rule;
	char *match;
	int rc;

	strbuf_addf(&st->line, "%s:%u:%u: %s%s: %s ", st->path, h->line,
	    h->column, h->waiver != NULL ? "waived " : h->known ? "known " : "",
	    ru->severity == SEVERITY_ERROR ? "conflict" :
	    "possible conflict", ru->objective->id);
	strbuf_adds(&st->line, report_clean_line(&st->clean, ru->title));
	strbuf_addf(&st->line, " [%s]", ru->id);
	if ((rc = emit(r, &st->line)) != 0)
		return rc;
	match = xstrdup(report_clean_line(&st->clean, h->match));
	strbuf_adds(&st->line, "    \"");
	add_quote(&st->line, report_clean_line(&st->clean, h->sentence), match);
	strbuf_addc(&st->line, '"');
	free(match);
	if ((rc = emit(r, &st->line)) != 0 || h->waiver == NULL ||
	    h->waiver == ow)
		return rc;
	return waived_line(r, h->waiver);
}

/*
 * What one objective's support hits add up to: per support rule its best
 * hit (the strongest, the first of equals; NULL: did not fire), and the
 * sentences behind the hits by modality and by kind.
 */
struct why {
	const struct hit **best;	/* per rule of the objective */
	const struct hit *top;		/* best of all */
	unsigned	 sentences;
	unsigned	 modality[3];	/* statements, by modality */
	unsigned	 kind[SENTKIND_TERMS + 1];
};

static void
why_add(struct why *w, const struct objective *o, const struct hit *h,
    const struct hit *prev)
{
	size_t j = (size_t)(h->rule - o->rules);
	double wt = coverage_hit_weight(h);

	if (w->best[j] == NULL || wt > coverage_hit_weight(w->best[j]))
		w->best[j] = h;
	if (w->top == NULL || wt > coverage_hit_weight(w->top))
		w->top = h;
	/* Hits of one sentence are adjacent and share its text. */
	if (prev != NULL && prev->line <= h->line &&
	    strcmp(prev->sentence, h->sentence) == 0)
		return;
	w->sentences++;
	if (h->kind == SENTKIND_STATEMENT)
		w->modality[h->modality]++;
	else
		w->kind[h->kind]++;
}

static void
why_build(struct why *w, const struct docresult *dr,
    const struct objective *o)
{
	const struct hit *h, *prev = NULL;
	size_t i;

	memset(w, 0, sizeof(*w));
	w->best = xcalloc(o->nrules + 1, sizeof(*w->best));
	for (i = 0; i < dr->nhits; i++) {
		h = &dr->hits[i];
		if (h->rule->objective != o || h->rule->kind != RULE_SUPPORT)
			continue;
		why_add(w, o, h, prev);
		prev = h;
	}
}

/* ": 2 binding, 1 mention; 1 heading, 2 terms" */
static void
add_sentence_counts(struct strbuf *sb, const struct why *w)
{
	static const enum modality order[] = {
		MODALITY_BINDING, MODALITY_HORTATORY, MODALITY_MENTION
	};
	const char *sep = ": ";
	size_t i;

	for (i = 0; i < nitems(order); i++) {
		if (w->modality[order[i]] == 0)
			continue;
		strbuf_addf(sb, "%s%u %s", sep, w->modality[order[i]],
		    modality_name(order[i]));
		sep = ", ";
	}
	if (sep[0] == ',')
		sep = "; ";
	for (i = SENTKIND_HEADING; i < nitems(w->kind); i++) {
		if (w->kind[i] == 0)
			continue;
		strbuf_addf(sb, "%s%u %s", sep, w->kind[i],
		    sentkind_name((enum sentkind)i));
		sep = ", ";
	}
}

/* "covered 100.0%: 2 of 2 required rules fired in 3 sentences: ..." */
static void
add_verdict(struct strbuf *sb, const struct objective_result *or,
    const struct why *w)
{
	char ev[32];

	strbuf_addf(sb, DASH "%s ", status_name(or->status));
	report_add_percent(sb, or->score);
	if (or->rules_total == 0) {
		strbuf_adds(sb, ": no support rules");
		return;
	}
	if (or->rules_fired <= or->needed)
		strbuf_addf(sb, ": %u of %u required rule%s fired",
		    or->rules_fired, or->needed, or->needed == 1 ? "" : "s");
	else
		strbuf_addf(sb, ": %u rules fired (%u required)",
		    or->rules_fired, or->needed);
	if (w->sentences > 0) {
		strbuf_adds(sb, " in ");
		add_plural(sb, w->sentences, "sentence");
		add_sentence_counts(sb, w);
	}
	report_evidence(or->evidence, ev);
	strbuf_addf(sb, "; evidence %s of %u", ev, or->needed);
}

/* "    needs 2 of its 3 rules; none of: A; B; weak: C (mention, terms)" */
static int
gap_line(struct report *r, const struct objective_result *or,
    const struct why *w)
{
	struct text_state *st = r->state;
	const struct objective *o = or->objective;
	const struct hit *h;
	size_t j, n = 0, weak = 0;

	if (or->rules_total == 1)
		strbuf_adds(&st->line, "    needs its one rule");
	else if (or->needed == or->rules_total)
		strbuf_addf(&st->line, "    needs all %u of its rules",
		    or->rules_total);
	else
		strbuf_addf(&st->line, "    needs %u of its %u rules",
		    or->needed, or->rules_total);
	for (j = 0; j < o->nrules; j++) {
		if (o->rules[j].kind != RULE_SUPPORT || w->best[j] != NULL)
			continue;
		strbuf_adds(&st->line, n++ == 0 ? "; none of: " : "; ");
		strbuf_adds(&st->line,
		    report_clean_line(&st->clean, o->rules[j].title));
	}
	for (j = 0; j < o->nrules; j++) {
		if ((h = w->best[j]) == NULL || coverage_hit_weight(h) >= 1)
			continue;
		strbuf_adds(&st->line, weak++ == 0 ?
		    "; only weak evidence for: " : "; ");
		strbuf_adds(&st->line,
		    report_clean_line(&st->clean, o->rules[j].title));
		strbuf_addf(&st->line, " (%s %s)", modality_name(h->modality),
		    sentkind_name(h->kind));
	}
	return emit(r, &st->line);
}

/* An objective's verdict, its best evidence, its gap and its conflicts;
   with -v every support hit. */
static int
objective_block(struct report *r, const struct docresult *dr,
    const struct objective_result *or)
{
	struct text_state *st = r->state;
	const struct objective *o = or->objective;
	struct why w;
	size_t i;
	int rc;

	why_build(&w, dr, o);
	strbuf_addf(&st->line, "%s: %s ", st->path, o->id);
	strbuf_adds(&st->line, report_clean_line(&st->clean, o->title));
	add_verdict(&st->line, or, &w);
	if (or->waiver != NULL)
		strbuf_adds(&st->line, "; waived");
	rc = emit(r, &st->line);
	if (rc == 0 && or->waiver != NULL)
		rc = waived_line(r, or->waiver);
	if (rc == 0 && w.top != NULL)
		rc = hit_line(r, dr, "best", w.top, 0);
	for (i = 0; rc == 0 && r->info.verbose && i < dr->nhits; i++)
		if (dr->hits[i].rule->objective == o &&
		    dr->hits[i].rule->kind == RULE_SUPPORT)
			rc = hit_line(r, dr, "hit", &dr->hits[i], 1);
	if (rc == 0 && or->status != STATUS_COVERED && or->rules_total > 0)
		rc = gap_line(r, or, &w);
	for (i = 0; rc == 0 && or->conflict > 0 && i < dr->nhits; i++)
		if (dr->hits[i].rule->objective == o &&
		    dr->hits[i].rule->kind == RULE_CONFLICT)
			rc = conflict_hit(r, &dr->hits[i], or->waiver);
	free(w.best);
	return rc;
}

static int
diagnostics(struct report *r, const struct docresult *dr)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < dr->nobjectives && rc == 0; i++)
		if (report_objective_listed(&r->info, &dr->objectives[i]))
			rc = objective_block(r, dr, &dr->objectives[i]);
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
		strbuf_addf(&st->line, "%s:%u:%u: %s: %s (%s %s", st->path,
		    h->line, h->column, rule_kind_name(h->rule->kind),
		    h->rule->id, modality_name(h->modality),
		    sentkind_name(h->kind));
		if (docresult_hit_lang_shown(dr, h))
			strbuf_addf(&st->line, ", %s", h->lang);
		strbuf_adds(&st->line, ") ");
		strbuf_adds(&st->line, report_clean_line(&st->clean, h->match));
		add_waived_by(&st->line, &st->clean, h->waiver);
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
	} else if (dr->no_verdict != NULL) {
		strbuf_addf(&st->line, "%s: %s: ", st->path,
		    docresult_status(dr));
		strbuf_adds(&st->line,
		    report_clean_line(&st->clean, dr->no_verdict));
		strbuf_adds(&st->line, ", ");
		add_plural(&st->line, dr->words, "word");
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
	if (rc == 0 && dr->ok && dr->no_verdict == NULL &&
	    !r->info.evidence && r->info.level != LEVEL_DOCUMENT)
		rc = diagnostics(r, dr);
	return rc;
}

static int
text_end(struct report *r)
{
	struct text_state *st = r->state;
	size_t ok = r->ndocuments - r->nerrors - r->nunjudged;
	int rc;

	if (st == NULL)
		return 0;
	strbuf_adds(&st->line, "total: ");
	add_plural(&st->line, r->ndocuments, "document");
	strbuf_adds(&st->line, ", ");
	add_plural(&st->line, r->nerrors, "error");
	if (r->nunjudged > r->nunreadable) {
		strbuf_adds(&st->line, ", ");
		add_count(&st->line, r->nunjudged - r->nunreadable);
		strbuf_adds(&st->line, " without verdict (language)");
	}
	if (r->nunreadable > 0) {
		strbuf_adds(&st->line, ", ");
		add_count(&st->line, r->nunreadable);
		strbuf_adds(&st->line, " without verdict (unreadable)");
	}
	strbuf_adds(&st->line, ", mean overall ");
	if (ok > 0)
		report_add_percent(&st->line, r->sum_overall / (double)ok);
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
