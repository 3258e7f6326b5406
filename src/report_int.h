/*
 * report_int.h -- what report.c and report_util.c share with the writers
 * report_text.c, report_csv.c, report_xml.c and report_html.c.
 *
 * report.c owns the struct report and calls the writer's operations in
 * order: begin once, document once per docresult, end once.  A writer keeps
 * its own state in r->state (allocated in begin, freed in end) and returns
 * -1 from an operation when writing failed; report.c then stops calling it
 * and report_close() returns -1.
 */
#ifndef PALINT_REPORT_INT_H
#define PALINT_REPORT_INT_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"
#include "report.h"
#include "util.h"

struct report_ops {
	int	(*begin)(struct report *);
	int	(*document)(struct report *, const struct docresult *);
	int	(*end)(struct report *);
};

struct report {
	const struct report_ops	*ops;
	FILE			*fp;
	struct report_info	 info;
	void			*state;		/* the writer's */
	int			 failed;
	/* Totals over the documents written so far, for trailers. */
	size_t			 ndocuments;
	size_t			 nerrors;
	double			 sum_overall;	/* of judged documents */
	size_t			 nunjudged;	/* read, no verdict */
	size_t			 nunreadable;	/* of those, unreadable */
};

extern const struct report_ops report_text_ops;
extern const struct report_ops report_csv_ops;
extern const struct report_ops report_xml_ops;
extern const struct report_ops report_html_ops;

/* report_util.c: helpers every writer uses, so that they agree. */

/*
 * s made safe for any report (safetext.h): invalid UTF-8, controls other
 * than TAB, LF and CR, noncharacters and bidirectional controls become
 * U+FFFD.  The result is XML 1.0 character data and cannot drive a
 * terminal.  sb is cleared first; returns sb->s.
 */
const char	*report_clean(struct strbuf *sb, const char *s);
/* The same on one line: TAB, LF and CR become spaces too. */
const char	*report_clean_line(struct strbuf *sb, const char *s);
/* One decimal, rounded half away from zero: "4.3" for 4.25. */
void		 report_decimal(double, char buf[32]);
/* Evidence and hit weights, two decimals: "1.75", "0.00". */
void		 report_evidence(double, char buf[32]);
/* "2024-05-06T00:00:00Z" */
void		 report_iso8601(time_t, char buf[32]);
const char	*report_severity_name(enum severity);
const char	*report_level_name(enum report_level);
/* fired[rule->index] != 0 when the rule has a hit in dr; caller frees. */
unsigned char	*report_fired_rules(const struct ruleset *,
		    const struct docresult *);
/* The ids a rule file disabled (or replaced), space-separated, appended
   to sb; returns how many. */
size_t		 report_overrides(struct strbuf *sb, const struct ruleset *,
		    enum override_kind);
/* Support rules an objective needs to be covered: min(min_rules, total). */
unsigned	 report_rules_needed(const struct objective_result *);
/*
 * Where match sits in sentence, a hit's sentence whose runs of spaces were
 * folded into one: the byte offset of its first occurrence, the match's
 * spaces folded the same way, and its length there in *len; *len is 0
 * when the sentence does not hold it.
 */
/* Appends v as report_percent() writes it, then "%". */
void		 report_add_percent(struct strbuf *, double);
size_t		 report_find_match(const char *sentence, const char *match,
		    size_t *len);
/* Whether an objective has a finding: a gap (partial or absent) or a
   conflict, which stands beside its status. */
int		 report_objective_finding(const struct objective_result *);
/* Whether a report lists an objective: always, except with --baseline,
   where only one with a finding the baseline did not know is listed. */
int		 report_objective_listed(const struct report_info *,
		    const struct objective_result *);

#endif
