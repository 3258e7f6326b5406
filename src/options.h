/*
 * options.h -- everything the command line sets, in one struct that cli.c
 * fills and passes down as const.  No stage reads global settings.
 */
#ifndef PALINT_OPTIONS_H
#define PALINT_OPTIONS_H

#include <stddef.h>

#include "csvout.h"
#include "extract.h"
#include "report.h"

enum command {
	CMD_SCAN,
	CMD_RULES_LIST,
	CMD_RULES_CHECK,
	CMD_RULES_TEST,
	CMD_RULES_EXPORT,
	CMD_EXPLAIN,
	CMD_MERGE,
	CMD_EVAL,
	CMD_EXTRACT,
	CMD_DIFF
};

struct options {
	enum command		 command;
	const char		**rules;	/* --rules, in order */
	size_t			 nrules;
	const char		**args;		/* operands */
	size_t			 nargs;
	enum report_format	 format;
	int			 format_set;
	enum report_level	 level;
	const char		*output;	/* -o; NULL: stdout */
	const char		*evidence;	/* --evidence FILE */
	double			 fail_under;	/* percent */
	unsigned		 jobs;		/* 0: online CPUs */
	const char		**include;
	size_t			 ninclude;
	const char		**exclude;
	size_t			 nexclude;
	const char		*files_from;
	const char		*stdin_name;
	int			 hidden;
	int			 read_devices;	/* --devices=read */
	int			 progress;	/* -1 auto, 0 off, 1 on */
	int			 prefilter;	/* 0: plain PCRE2 path */
	const char		*cache_dir;	/* NULL default, "" none */
	int			 quiet;
	int			 csv_raw;	/* --csv-raw: no neutralising */
	int			 verbose;	/* -v: all evidence in text */
	struct extract_opts	 limits;
	/* eval */
	const char		*documents;	/* --documents RATINGS.tsv */
	const char		*corpus;	/* --corpus DIR */
	const char		*split;		/* --split NAME */
	int			 all_errors;	/* --all-errors */
	/* review */
	const char		*waivers;	/* --waivers FILE */
	const char		*baseline;	/* --baseline REPORT */
};

/* The csvout.h flags every CSV writer passes: CSVOUT_RAW with --csv-raw. */
static inline unsigned
options_csvflags(const struct options *o)
{
	return o->csv_raw ? CSVOUT_RAW : 0;
}

#endif
