/*
 * report.h -- stage 6: docresults to text, CSV or XML.
 *
 * A report is opened once, fed documents in their final order and closed;
 * it streams, so memory does not grow with the number of documents.  The
 * same inputs give byte-identical output: the only time stamp is one header
 * attribute, taken from SOURCE_DATE_EPOCH when set.
 */
#ifndef PALINT_REPORT_H
#define PALINT_REPORT_H

#include <stdio.h>
#include <time.h>

#include "model.h"

enum report_format {
	FORMAT_TEXT,
	FORMAT_CSV,
	FORMAT_XML
};

enum report_level {
	LEVEL_OBJECTIVE,
	LEVEL_AREA,
	LEVEL_DOCUMENT
};

struct report_info {
	const struct ruleset	*ruleset;
	time_t			 generated;
	enum report_level	 level;
	int			 evidence;	/* this is an evidence report */
	unsigned		 csvflags;	/* csvout.h: CSVOUT_RAW or 0 */
	int			 verbose;	/* text: every hit, not the best */
	int			 waivers;	/* --waivers: say what is waived
						   (CSV: three more columns) */
	const char		*baseline;	/* --baseline: only findings
						   not known from it */
};

struct report;

struct report	*report_open(enum report_format, FILE *,
		    const struct report_info *);
void		 report_document(struct report *, const struct docresult *);
/* Writes the trailer and flushes; 0, or -1 on a write error. */
int		 report_close(struct report *);

/* The time to print: SOURCE_DATE_EPOCH when set and valid, else now. */
time_t		 report_timestamp(void);
/* "42.5" for 0.425. */
void		 report_percent(double, char buf[16]);

#endif
