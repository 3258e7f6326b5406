/*
 * report_util.c -- what every report writer must agree on: number formats,
 * the time stamp, level and severity names, and the cleaning of strings
 * that came from documents.
 *
 * The writers (report_text.c, report_csv.c, report_xml.c, report_html.c)
 * call down into
 * this file and it calls none of them, nor report.c: it is the bottom of
 * the report stage.  Contracts are in report_int.h and report.h.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report.h"
#include "report_int.h"
#include "safetext.h"
#include "util.h"

/* Only a plain decimal number of seconds is honoured, as the
   reproducible-builds specification asks; anything else means "now". */
time_t
report_timestamp(void)
{
	const char *s;
	uintmax_t v = 0;
	time_t t;

	s = getenv("SOURCE_DATE_EPOCH");
	if (s == NULL || *s == '\0')
		return time(NULL);
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return time(NULL);
		if (v > (UINTMAX_MAX - 9) / 10)
			return time(NULL);
		v = v * 10 + (uintmax_t)(*s - '0');
	}
	t = (time_t)v;
	if (t < 0 || (uintmax_t)t != v)
		return time(NULL);
	return t;
}

/*
 * Scores are means of 0, 0.5 and 1, so their decimal expansions are often
 * exact halves that binary floating point stores a hair below (0.425 is
 * 0.42499999...).  A tiny relative tolerance lets those round up as a
 * reader expects.  Values are clamped so that the text fits the buffer.
 */
void
report_decimal(double v, char buf[32])
{
	double a;
	long long n;

	if (!isfinite(v))
		v = 0;
	a = fabs(v) * 10;
	if (a > 1e15)
		a = 1e15;
	/* a >= 0, so truncation is floor(); no libm needed. */
	n = (long long)(a + 0.5 + a * 1e-12);
	snprintf(buf, 32, "%s%lld.%lld", v < 0 && n > 0 ? "-" : "",
	    n / 10, n % 10);
}

void
report_percent(double v, char buf[16])
{
	char tmp[32];
	size_t n;

	if (!isfinite(v) || fabs(v) > 1e9)
		v = v < 0 ? -1e9 : 1e9;
	report_decimal(v * 100, tmp);
	/* At most "-100000000000.0" after the clamp above. */
	n = strlen(tmp);
	if (n > 15)
		n = 15;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
}

void
report_evidence(double v, char buf[32])
{
	long long n;

	if (!isfinite(v) || v < 0)
		v = 0;
	if (v > 1e12)
		v = 1e12;
	n = (long long)(v * 100 + 0.5);
	snprintf(buf, 32, "%lld.%02lld", n / 100, n % 100);
}

void
report_iso8601(time_t t, char buf[32])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, 32, "1970-01-01T00:00:00Z");
}

const char *
report_severity_name(enum severity s)
{
	return s == SEVERITY_ERROR ? "error" : "warning";
}

const char *
report_level_name(enum report_level l)
{
	switch (l) {
	case LEVEL_OBJECTIVE:
		return "objective";
	case LEVEL_AREA:
		return "area";
	case LEVEL_DOCUMENT:
		return "document";
	}
	return "objective";
}

unsigned char *
report_fired_rules(const struct ruleset *rs, const struct docresult *dr)
{
	unsigned char *fired;
	size_t i;

	fired = xcalloc(rs->nrules > 0 ? rs->nrules : 1, 1);
	for (i = 0; i < dr->nhits; i++)
		if (dr->hits[i].rule->index < rs->nrules)
			fired[dr->hits[i].rule->index] = 1;
	return fired;
}

unsigned
report_rules_needed(const struct objective_result *or)
{
	unsigned need = or->objective->min_rules;

	return need < or->rules_total ? need : or->rules_total;
}

int
report_objective_finding(const struct objective_result *or)
{
	return or->status == STATUS_ABSENT || or->status == STATUS_PARTIAL ||
	    or->conflicts_fired > 0;
}

int
report_objective_listed(const struct report_info *ri,
    const struct objective_result *or)
{
	return ri->baseline == NULL || (!or->known &&
	    report_objective_finding(or));
}

const char *
report_clean(struct strbuf *sb, const char *s)
{
	return safe_str(sb, s, 0);
}

const char *
report_clean_line(struct strbuf *sb, const char *s)
{
	return safe_str(sb, s, SAFE_ONELINE);
}

size_t
report_overrides(struct strbuf *sb, const struct ruleset *rs,
    enum override_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < rs->noverrides; i++) {
		if (rs->overrides[i].kind != kind)
			continue;
		if (n++ > 0)
			strbuf_addc(sb, ' ');
		strbuf_adds(sb, rs->overrides[i].id);
	}
	return n;
}

size_t
report_find_match(const char *sentence, const char *match, size_t *len)
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

void
report_add_percent(struct strbuf *sb, double v)
{
	char buf[16];

	report_percent(v, buf);
	strbuf_adds(sb, buf);
	strbuf_addc(sb, '%');
}
