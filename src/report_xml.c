/*
 * report_xml.c -- the XML writer, through libxml2's xmlTextWriter.
 *
 * Input: docresults.  Output: an indented UTF-8 document valid against
 * rules/palint-report.rng: <report> with the ruleset, then one <document>
 * per input holding its areas, objectives and hits (how deep depends on
 * the report level), or, for an evidence report, <evidence> with one
 * <document> per input holding only its hits.  Every string from a
 * document is cleaned first (report_clean), so the output is always well
 * formed whatever bytes the input held.
 *
 * With --waivers a waived objective or hit holds a <waiver> (who, where,
 * until when, and the justification as its text) and areas and documents
 * count their waived objectives; with --baseline the report names it and
 * lists only the objectives with a finding the baseline did not know.
 */
#include "config.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>

#include "coverage.h"
#include "report.h"
#include "report_int.h"
#include "rules.h"
#include "sentkind.h"
#include "util.h"

struct xml_state {
	xmlTextWriterPtr w;
	struct strbuf	 clean;
	int		 failed;	/* some libxml2 call failed */
	int		 waivers;	/* --waivers */
	int		 baseline;	/* --baseline */
};

static int
file_write(void *ctx, const char *buf, int len)
{
	FILE *fp = ctx;

	if (len <= 0)
		return 0;
	if (fwrite(buf, 1, (size_t)len, fp) != (size_t)len)
		return -1;
	return len;
}

static int
file_close(void *ctx)
{
	return 0;
}

static void
check(struct xml_state *st, int rc)
{
	if (rc < 0)
		st->failed = 1;
}

static void
start(struct xml_state *st, const char *name)
{
	check(st, xmlTextWriterStartElement(st->w, (const xmlChar *)name));
}

static void
end(struct xml_state *st)
{
	check(st, xmlTextWriterEndElement(st->w));
}

static void
attr(struct xml_state *st, const char *name, const char *value)
{
	const char *v = report_clean(&st->clean, value);

	check(st, xmlTextWriterWriteAttribute(st->w, (const xmlChar *)name,
	    (const xmlChar *)v));
}

static void
attr_u(struct xml_state *st, const char *name, unsigned long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu", v);
	attr(st, name, buf);
}

static void
attr_percent(struct xml_state *st, const char *name, double v)
{
	char buf[16];

	report_percent(v, buf);
	attr(st, name, buf);
}

static void
attr_evidence(struct xml_state *st, const char *name, double v)
{
	char buf[32];

	report_evidence(v, buf);
	attr(st, name, buf);
}

/* <name>text</name> */
static void
text_element(struct xml_state *st, const char *name, const char *text)
{
	const char *v = report_clean(&st->clean, text);

	check(st, xmlTextWriterWriteElement(st->w, (const xmlChar *)name, (const xmlChar *)v));
}

/* Changes a rule file made to the rules before it, as attributes of
   <ruleset>: extends="builtin", disabled="ID ...", replaced="ID ...". */
static void
ruleset_overrides(struct xml_state *st, const struct ruleset *rs)
{
	struct strbuf sb = { NULL, 0, 0 };

	if (rs->extends)
		attr(st, "extends", "builtin");
	if (report_overrides(&sb, rs, OVERRIDE_DISABLED) > 0)
		attr(st, "disabled", sb.s);
	sb.len = 0;
	if (report_overrides(&sb, rs, OVERRIDE_REPLACED) > 0)
		attr(st, "replaced", sb.s);
	strbuf_free(&sb);
}

static int
xml_begin(struct report *r)
{
	struct xml_state *st;
	xmlOutputBufferPtr out;
	const struct ruleset *rs = r->info.ruleset;
	char when[32];

	r->state = st = xcalloc(1, sizeof(*st));
	out = xmlOutputBufferCreateIO(file_write, file_close, r->fp, NULL);
	if (out == NULL || (st->w = xmlNewTextWriter(out)) == NULL)
		fatal("cannot create an XML writer");
	check(st, xmlTextWriterSetIndent(st->w, 1));
	check(st, xmlTextWriterSetIndentString(st->w, (const xmlChar *)"  "));
	check(st, xmlTextWriterStartDocument(st->w, "1.0", "UTF-8", NULL));
	start(st, r->info.evidence ? "evidence" : "report");
	attr(st, "tool", PACKAGE_NAME);
	attr(st, "version", PACKAGE_VERSION);
	attr(st, "model", COVERAGE_MODEL_VERSION);
	if (!r->info.evidence)
		attr(st, "level", report_level_name(r->info.level));
	report_iso8601(r->info.generated, when);
	attr(st, "generated", when);
	st->waivers = r->info.waivers;
	st->baseline = r->info.baseline != NULL && !r->info.evidence;
	if (st->baseline)
		attr(st, "baseline", r->info.baseline);
	start(st, "ruleset");
	attr(st, "id", rs->id);
	attr(st, "version", rs->version != NULL ? rs->version : "");
	attr(st, "sha256", rs->sha256);
	attr(st, "title", rs->title != NULL ? rs->title : "");
	ruleset_overrides(st, rs);
	end(st);
	return st->failed ? -1 : 0;
}

/* objective: the one waived, named in area and document reports. */
static void
waiver_element(struct xml_state *st, const struct waiver *w,
    const struct objective *objective)
{
	if (w == NULL)
		return;
	start(st, "waiver");
	if (objective != NULL)
		attr(st, "objective", objective->id);
	attr(st, "id", w->id);
	attr(st, "document", w->glob);
	attr(st, "reviewer", w->reviewer);
	if (w->expires[0] != '\0')
		attr(st, "expires", w->expires);
	attr(st, "file", w->file);
	attr_u(st, "line", w->line);
	check(st, xmlTextWriterWriteString(st->w,
	    (const xmlChar *)report_clean(&st->clean, w->justification)));
	end(st);
}

/* Waived objectives among those of area a, or of the document (NULL). */
static unsigned
waived_count(const struct docresult *dr, const struct area *a)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < dr->nobjectives; i++)
		if (dr->objectives[i].waiver != NULL &&
		    (a == NULL || dr->objectives[i].objective->area == a))
			n++;
	return n;
}

static void
hit_element(struct xml_state *st, const struct hit *h, int evidence)
{
	start(st, "hit");
	attr(st, "rule", h->rule->id);
	if (evidence) {
		attr(st, "objective", h->rule->objective->id);
		attr(st, "area", h->rule->objective->area->id);
	}
	attr(st, "kind", rule_kind_name(h->rule->kind));
	attr(st, "severity", report_severity_name(h->rule->severity));
	attr_u(st, "line", h->line);
	attr_u(st, "column", h->column);
	if (h->page > 0)
		attr_u(st, "page", h->page);
	attr_u(st, "offset", h->start);
	attr(st, "modality", modality_name(h->modality));
	attr(st, "sentence-kind", sentkind_name(h->kind));
	attr_evidence(st, "weight", coverage_hit_weight(h));
	if (evidence && h->section != NULL)
		attr(st, "section", h->section);
	if (h->lang[0] != '\0')
		attr(st, "lang", h->lang);
	text_element(st, "match", h->match);
	text_element(st, "sentence", h->sentence);
	waiver_element(st, h->waiver, NULL);
	end(st);
}

static void
objective_element(struct xml_state *st, const struct docresult *dr,
    const struct objective_result *or)
{
	const struct objective *o = or->objective;
	size_t i;

	if (st->baseline && (or->known || !report_objective_finding(or)))
		return;
	start(st, "objective");
	attr(st, "id", o->id);
	attr(st, "title", o->title);
	attr(st, "status", status_name(or->status));
	attr_percent(st, "score", or->score);
	attr_u(st, "rules-fired", or->rules_fired);
	attr_u(st, "rules-total", or->rules_total);
	attr_u(st, "rules-needed", report_rules_needed(or));
	attr_u(st, "hits", or->hits);
	if (or->first_line > 0)
		attr_u(st, "first-line", or->first_line);
	attr_evidence(st, "evidence", or->evidence);
	attr_u(st, "conflicts", or->conflicts_fired);
	if (or->conflict > 0)
		attr(st, "conflict", conflict_name(or));
	waiver_element(st, or->waiver, NULL);
	/* Hits are in text order; those of this objective keep it. */
	for (i = 0; i < dr->nhits; i++)
		if (dr->hits[i].rule->objective == o)
			hit_element(st, &dr->hits[i], 0);
	end(st);
}

static void
area_element(struct xml_state *st, const struct docresult *dr,
    const struct area_result *ar, enum report_level level)
{
	const struct area *a = ar->area;
	size_t i;

	start(st, "area");
	attr(st, "id", a->id);
	attr(st, "kind", area_kind_name(a->kind));
	attr(st, "title", a->title);
	attr_percent(st, "score", ar->score);
	attr_u(st, "covered", ar->covered);
	attr_u(st, "partial", ar->partial);
	attr_u(st, "absent", ar->absent);
	attr_u(st, "contradicted", ar->contradicted);
	if (st->waivers)
		attr_u(st, "waived", waived_count(dr, a));
	if (level == LEVEL_OBJECTIVE)
		for (i = 0; i < a->nobjectives; i++)
			objective_element(st, dr,
			    &dr->objectives[a->objectives[i].index]);
	end(st);
}

/* The <document> start tag and what every kind of report says first. */
static void
document_head(struct xml_state *st, const struct docresult *dr,
    int evidence)
{
	struct strbuf mix = { NULL, 0, 0 };
	size_t i;

	start(st, "document");
	attr(st, "path", dr->path);
	if (dr->sha256[0] != '\0')
		attr(st, "sha256", dr->sha256);
	attr(st, "status", docresult_status(dr));
	if (dr->no_verdict != NULL)
		attr_u(st, "words", dr->words);
	else if (dr->ok && !evidence) {
		attr_u(st, "words", dr->words);
		attr_percent(st, "overall", dr->overall);
		attr_percent(st, "principles", dr->principles);
		attr_u(st, "conflicts", dr->conflicts);
		attr_u(st, "gaps", dr->gaps);
		attr_u(st, "hits", dr->nhits);
		if (st->waivers)
			attr_u(st, "waived", waived_count(dr, NULL));
	}
	if (docresult_language(dr)[0] != '\0')
		attr(st, "language", docresult_language(dr));
	if (dr->nmix > 0) {
		attr(st, "languages", docresult_mix(dr, &mix));
		strbuf_free(&mix);
	}
	if (dr->flags != 0)
		attr(st, "flags", docflags_name(dr->flags));
	if (dr->ok && dr->unread_paragraphs > 0) {
		attr_u(st, "unreadable-paragraphs", dr->unread_paragraphs);
		attr_u(st, "unreadable-bytes", dr->unread_bytes);
		attr_percent(st, "unreadable-share", dr->unread_share);
		if (dr->no_verdict == NULL)
			attr_u(st, "unreadable-hits", dr->unread_hits);
	}
	if (!dr->ok)
		text_element(st, "message", dr->error);
	else if (dr->no_verdict != NULL)
		text_element(st, "message", dr->no_verdict);
	for (i = 0; i < dr->nwarnings; i++)
		text_element(st, "warning", dr->warnings[i]);
}

static int
xml_document(struct report *r, const struct docresult *dr)
{
	struct xml_state *st = r->state;
	size_t i;

	document_head(st, dr, r->info.evidence);
	/* Above the objective level the waivers are listed here. */
	if (dr->ok && !r->info.evidence && r->info.level != LEVEL_OBJECTIVE)
		for (i = 0; i < dr->nobjectives; i++)
			waiver_element(st, dr->objectives[i].waiver,
			    dr->objectives[i].objective);
	if (dr->no_verdict != NULL)
		;
	else if (dr->ok && r->info.evidence) {
		for (i = 0; i < dr->nhits; i++)
			hit_element(st, &dr->hits[i], 1);
	} else if (dr->ok && r->info.level != LEVEL_DOCUMENT) {
		for (i = 0; i < dr->nareas; i++)
			area_element(st, dr, &dr->areas[i], r->info.level);
	}
	end(st);
	/* Stream: nothing of this document stays in memory. */
	check(st, xmlTextWriterFlush(st->w));
	return st->failed ? -1 : 0;
}

static int
xml_end(struct report *r)
{
	struct xml_state *st = r->state;
	int failed;

	if (st == NULL)
		return 0;
	check(st, xmlTextWriterEndDocument(st->w));
	check(st, xmlTextWriterFlush(st->w));
	xmlFreeTextWriter(st->w);
	strbuf_free(&st->clean);
	failed = st->failed;
	free(st);
	r->state = NULL;
	return failed ? -1 : 0;
}

const struct report_ops report_xml_ops = {
	xml_begin,
	xml_document,
	xml_end
};
