/*
 * report_csv.c -- the CSV writer: one tidy table per report.
 *
 * Input: docresults.  Output: RFC 4180 CSV in UTF-8 with CRLF line ends
 * and a header row; one row per (document, objective), per (document,
 * area), per document, or per hit for an evidence report.  A document that
 * could not be read gets one row saying why.  Fields are cleaned
 * (report_clean) and written by csvout.c, which owns the quoting and
 * neutralises cells that a spreadsheet would run as formulas.
 *
 * With --waivers every level has three more columns, waived,
 * justification and reviewer: "yes" and the waiver's text on a waived
 * objective or hit; on an area or document row the number of waived
 * objectives, their "ID: justification" and their reviewers, each list
 * joined by "; ".  With --baseline the objective rows are only those of
 * objectives with a finding (gap or conflict) the baseline did not know.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "csvout.h"
#include "report.h"
#include "report_int.h"
#include "rules.h"
#include "sentkind.h"
#include "util.h"

struct csv_state {
	struct strbuf	 clean;		/* the field being written */
	struct strbuf	 msg;		/* a message being built */
	unsigned	 nfields;	/* in the current row */
};

static const char *const header_objective[] = {
	"document", "sha256", "area", "objective", "title", "status", "score",
	"rules_fired", "rules_total", "hits", "hits_per_10k_words",
	"first_line", "message", "conflict", "conflicts", "evidence",
	"language", "flags"
};
/* status: the document's (ok, error, unsupported-language), as the other
   levels say it in their own status column. */
static const char *const header_area[] = {
	"document", "sha256", "area", "kind", "title", "score", "covered",
	"partial", "absent", "contradicted", "message", "status", "language",
	"flags"
};
static const char *const header_document[] = {
	"document", "sha256", "status", "overall", "principles", "words",
	"conflicts", "gaps", "hits", "message", "language", "flags"
};
static const char *const header_evidence[] = {
	"document", "rule", "objective", "area", "kind", "severity", "line",
	"column", "page", "byte_offset", "match", "modality", "sentence",
	"sentence_kind", "weight", "section", "status", "language", "flags"
};
/* After every other column, the waiver ones too: a hit's language in
   evidence, the document's languages and their shares at the document
   level. */
static const char *const header_evidence_end[] = { "lang" };
static const char *const header_document_end[] = { "languages" };
static const char *const header_waivers[] = {
	"waived", "justification", "reviewer"
};

static void
put(struct report *r, const char *s)
{
	struct csv_state *st = r->state;

	csvout_field(r->fp, report_clean(&st->clean, s), r->info.csvflags |
	    (st->nfields++ == 0 ? CSVOUT_FIRST : 0));
}

static void
put_u(struct report *r, unsigned long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu", v);
	put(r, buf);
}

/* A line or page number: empty when unknown (0). */
static void
put_nz(struct report *r, unsigned v)
{
	if (v == 0)
		put(r, "");
	else
		put_u(r, v);
}

static void
put_percent(struct report *r, double v)
{
	char buf[16];

	report_percent(v, buf);
	put(r, buf);
}

static void
put_decimal(struct report *r, double v)
{
	char buf[32];

	report_decimal(v, buf);
	put(r, buf);
}

/* Evidence and weights: two decimals, "1.75". */
static void
put_evidence(struct report *r, double v)
{
	char buf[32];

	report_evidence(v, buf);
	put(r, buf);
}

static void
put_empty(struct report *r, unsigned n)
{
	while (n-- > 0)
		put(r, "");
}

/* The columns every row ends with: the document's status where the level
   has no status column of its own, its language, its flags. */
static void
put_document_tail(struct report *r, const struct docresult *dr,
    int with_status)
{
	if (with_status)
		put(r, docresult_status(dr));
	put(r, docresult_language(dr));
	put(r, docflags_name(dr->flags));
}

static int
end_row(struct report *r)
{
	struct csv_state *st = r->state;

	st->nfields = 0;
	return csvout_end_row(r->fp);
}

static int
csv_begin(struct report *r)
{
	const char *const *h;
	size_t n, i;

	r->state = xcalloc(1, sizeof(struct csv_state));
	if (r->info.evidence)
		h = header_evidence, n = nitems(header_evidence);
	else if (r->info.level == LEVEL_AREA)
		h = header_area, n = nitems(header_area);
	else if (r->info.level == LEVEL_DOCUMENT)
		h = header_document, n = nitems(header_document);
	else
		h = header_objective, n = nitems(header_objective);
	for (i = 0; i < n; i++)
		put(r, h[i]);
	for (i = 0; r->info.waivers && i < nitems(header_waivers); i++)
		put(r, header_waivers[i]);
	if (r->info.evidence)
		put(r, header_evidence_end[0]);
	else if (r->info.level == LEVEL_DOCUMENT)
		put(r, header_document_end[0]);
	return end_row(r);
}

/* The waiver columns of an objective or a hit, with --waivers. */
static void
put_waiver(struct report *r, const struct waiver *w)
{
	if (!r->info.waivers)
		return;
	put(r, w != NULL ? "yes" : "");
	put(r, w != NULL ? w->justification : "");
	put(r, w != NULL ? w->reviewer : "");
}

/* Empty waiver columns, with --waivers, for a row of no finding. */
static void
put_no_waiver(struct report *r)
{
	if (r->info.waivers)
		put_empty(r, nitems(header_waivers));
}

/* The waiver columns of an area (a) or a whole document (a NULL). */
static void
put_waived_list(struct report *r, const struct docresult *dr,
    const struct area *a)
{
	struct csv_state *st = r->state;
	struct strbuf who = { NULL, 0, 0 };
	const struct objective_result *or;
	unsigned n = 0;
	size_t i;

	if (!r->info.waivers)
		return;
	st->msg.len = 0;
	strbuf_adds(&st->msg, "");
	strbuf_adds(&who, "");
	for (i = 0; i < dr->nobjectives; i++) {
		or = &dr->objectives[i];
		if (or->waiver == NULL ||
		    (a != NULL && or->objective->area != a))
			continue;
		strbuf_adds(&st->msg, n > 0 ? "; " : "");
		strbuf_addf(&st->msg, "%s: %s", or->objective->id,
		    or->waiver->justification);
		strbuf_adds(&who, n > 0 ? "; " : "");
		strbuf_adds(&who, or->waiver->reviewer);
		n++;
	}
	put_u(r, n);
	put(r, st->msg.s);
	put(r, who.s);
	strbuf_free(&who);
}

/* Appends "conflict: ID; ID" for the conflict rules of o that fired. */
static void
conflict_message(struct csv_state *st, const struct objective *o,
    const unsigned char *fired)
{
	size_t i;
	int first = 1;

	for (i = 0; i < o->nrules; i++) {
		if (o->rules[i].kind != RULE_CONFLICT ||
		    !fired[o->rules[i].index])
			continue;
		if (first && st->msg.len > 0)
			strbuf_adds(&st->msg, "; ");
		strbuf_adds(&st->msg, first ? "conflict: " : "; ");
		strbuf_adds(&st->msg, o->rules[i].id);
		first = 0;
	}
}

/* Why an objective is not covered, then its conflicts. */
static const char *
objective_message(struct csv_state *st, const struct objective_result *or,
    const unsigned char *fired)
{
	char ev[32];

	st->msg.len = 0;
	strbuf_adds(&st->msg, "");
	if (or->status != STATUS_COVERED) {
		report_evidence(or->evidence, ev);
		if (or->rules_total == 0)
			strbuf_adds(&st->msg, "no support rules");
		else
			strbuf_addf(&st->msg, "evidence %s of %u needed; "
			    "%u of %u rule%s fired", ev, or->needed,
			    or->rules_fired, or->rules_total,
			    or->rules_total == 1 ? "" : "s");
	}
	if (or->conflict > 0)
		conflict_message(st, or->objective, fired);
	return st->msg.s;
}

static int
objective_rows(struct report *r, const struct docresult *dr)
{
	struct csv_state *st = r->state;
	const struct objective_result *or;
	unsigned char *fired;
	size_t i;
	int rc = 0;

	fired = report_fired_rules(r->info.ruleset, dr);
	for (i = 0; i < dr->nobjectives && rc == 0; i++) {
		or = &dr->objectives[i];
		if (!report_objective_listed(&r->info, or))
			continue;
		put(r, dr->path);
		put(r, dr->sha256);
		put(r, or->objective->area->id);
		put(r, or->objective->id);
		put(r, or->objective->title);
		put(r, status_name(or->status));
		put_percent(r, or->score);
		put_u(r, or->rules_fired);
		put_u(r, or->rules_total);
		put_u(r, or->hits);
		put_decimal(r, hits_per_10k(or->hits, dr->words));
		put_nz(r, or->first_line);
		put(r, objective_message(st, or, fired));
		put(r, conflict_name(or));
		put_u(r, or->conflicts_fired);
		put_evidence(r, or->evidence);
		put_document_tail(r, dr, 0);
		put_waiver(r, or->waiver);
		rc = end_row(r);
	}
	free(fired);
	return rc;
}

/* "conflict: AA2.1; AA2.3": the objectives of an area with a conflict. */
static const char *
area_message(struct csv_state *st, const struct docresult *dr,
    const struct area *a)
{
	const struct objective_result *or;
	size_t i;
	int first = 1;

	st->msg.len = 0;
	strbuf_adds(&st->msg, "");
	for (i = 0; i < a->nobjectives; i++) {
		or = &dr->objectives[a->objectives[i].index];
		if (or->conflict == 0)
			continue;
		strbuf_adds(&st->msg, first ? "conflict: " : "; ");
		strbuf_adds(&st->msg, a->objectives[i].id);
		first = 0;
	}
	return st->msg.s;
}

static int
area_rows(struct report *r, const struct docresult *dr)
{
	const struct area_result *ar;
	size_t i;
	int rc = 0;

	for (i = 0; i < dr->nareas && rc == 0; i++) {
		ar = &dr->areas[i];
		put(r, dr->path);
		put(r, dr->sha256);
		put(r, ar->area->id);
		put(r, area_kind_name(ar->area->kind));
		put(r, ar->area->title);
		put_percent(r, ar->score);
		put_u(r, ar->covered);
		put_u(r, ar->partial);
		put_u(r, ar->absent);
		put_u(r, ar->contradicted);
		put(r, area_message(r->state, dr, ar->area));
		put_document_tail(r, dr, 1);
		put_waived_list(r, dr, ar->area);
		rc = end_row(r);
	}
	return rc;
}

/* The warnings of a document, "; " between them, after lead if any. */
static const char *
warnings_message(struct csv_state *st, const struct docresult *dr,
    const char *lead)
{
	size_t i;

	st->msg.len = 0;
	strbuf_adds(&st->msg, lead != NULL ? lead : "");
	for (i = 0; i < dr->nwarnings; i++) {
		if (i > 0 || lead != NULL)
			strbuf_adds(&st->msg, "; ");
		strbuf_adds(&st->msg, dr->warnings[i]);
	}
	return st->msg.s;
}

static int
document_row(struct report *r, const struct docresult *dr)
{
	struct csv_state *st = r->state;

	put(r, dr->path);
	put(r, dr->sha256);
	put(r, docresult_status(dr));
	if (dr->no_verdict != NULL) {
		put_empty(r, 2);
		put_u(r, dr->words);
		put_empty(r, 3);
		put(r, warnings_message(st, dr, dr->no_verdict));
	} else {
		put_percent(r, dr->overall);
		put_percent(r, dr->principles);
		put_u(r, dr->words);
		put_u(r, dr->conflicts);
		put_u(r, dr->gaps);
		put_u(r, dr->nhits);
		put(r, warnings_message(st, dr, NULL));
	}
	put_document_tail(r, dr, 0);
	put_waived_list(r, dr, NULL);
	st->msg.len = 0;
	put(r, docresult_mix(dr, &st->msg));
	return end_row(r);
}

static int
evidence_rows(struct report *r, const struct docresult *dr)
{
	const struct hit *h;
	size_t i;
	int rc = 0;

	for (i = 0; i < dr->nhits && rc == 0; i++) {
		h = &dr->hits[i];
		put(r, dr->path);
		put(r, h->rule->id);
		put(r, h->rule->objective->id);
		put(r, h->rule->objective->area->id);
		put(r, rule_kind_name(h->rule->kind));
		put(r, report_severity_name(h->rule->severity));
		put_u(r, h->line);
		put_u(r, h->column);
		put_nz(r, h->page);
		put_u(r, h->start);
		put(r, h->match);
		put(r, modality_name(h->modality));
		put(r, h->sentence);
		put(r, sentkind_name(h->kind));
		put_evidence(r, coverage_hit_weight(h));
		put(r, h->section != NULL ? h->section : "");
		put_document_tail(r, dr, 1);
		put_waiver(r, h->waiver);
		put(r, h->lang);
		rc = end_row(r);
	}
	return rc;
}

/*
 * The one row of a document without verdicts: one that could not be read
 * (status error, the reason in message), or, at the objective and area
 * levels, one in a language the rules do not cover (status
 * unsupported-language): its objectives are not listed as absent.
 */
static int
status_row(struct report *r, const struct docresult *dr)
{
	put(r, dr->path);
	put(r, dr->sha256);
	switch (r->info.level) {
	case LEVEL_OBJECTIVE:
		put_empty(r, 3);
		put(r, docresult_status(dr));
		put_empty(r, 6);
		put(r, dr->ok ? warnings_message(r->state, dr,
		    dr->no_verdict) : dr->error);
		put_empty(r, 3);
		put_document_tail(r, dr, 0);
		put_no_waiver(r);
		return end_row(r);
	case LEVEL_AREA:
		put_empty(r, 8);
		break;
	case LEVEL_DOCUMENT:
		put(r, docresult_status(dr));
		put_empty(r, 6);
		break;
	}
	put(r, dr->ok ? warnings_message(r->state, dr, dr->no_verdict) :
	    dr->error);
	put_document_tail(r, dr, r->info.level == LEVEL_AREA);
	put_no_waiver(r);
	if (r->info.level == LEVEL_DOCUMENT)
		put(r, "");
	return end_row(r);
}

/* The document without verdict in an evidence report: one row with no
   hit, saying so. */
static int
evidence_status_row(struct report *r, const struct docresult *dr)
{
	put(r, dr->path);
	put_empty(r, 15);
	put_document_tail(r, dr, 1);
	put_no_waiver(r);
	put(r, "");
	return end_row(r);
}

static int
csv_document(struct report *r, const struct docresult *dr)
{
	if (r->info.evidence) {
		if (dr->no_verdict != NULL)
			return evidence_status_row(r, dr);
		return dr->ok ? evidence_rows(r, dr) : 0;
	}
	if (!dr->ok || (dr->no_verdict != NULL &&
	    r->info.level != LEVEL_DOCUMENT))
		return status_row(r, dr);
	switch (r->info.level) {
	case LEVEL_AREA:
		return area_rows(r, dr);
	case LEVEL_DOCUMENT:
		return document_row(r, dr);
	case LEVEL_OBJECTIVE:
		break;
	}
	return objective_rows(r, dr);
}

static int
csv_end(struct report *r)
{
	struct csv_state *st = r->state;

	if (st != NULL) {
		strbuf_free(&st->clean);
		strbuf_free(&st->msg);
		free(st);
		r->state = NULL;
	}
	return 0;
}

const struct report_ops report_csv_ops = {
	csv_begin,
	csv_document,
	csv_end
};
