/*
 * eval.h -- `palint eval`: how well the rules agree with an analyst.
 *
 *   eval_metrics.c  the arithmetic: precision, recall, F1, micro and macro
 *                   averages, average ranks and Spearman's rho;
 *   eval_tsv.c      labelled TSV files read row by row through libcsv;
 *   eval_output.c   the report file and CSV fields both modes write;
 *   eval.c          labelled sentences: each scanned on its own, predicted
 *                   objectives compared with the analyst's labels;
 *   eval_docs.c     rated documents: area scores ranked against 0-3
 *                   ratings.
 *
 * Each file calls only those listed above it; the command (cmd_eval.c)
 * checks the arguments and calls eval_labels() or eval_documents().
 *
 * The metric functions are pure and take no ruleset, so that the unit tests
 * can check them on counts made by hand.
 */
#ifndef PALINT_EVAL_H
#define PALINT_EVAL_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"
#include "options.h"
#include "util.h"

/* Agreement counts for one label (objective, area, conflict). */
struct eval_counts {
	unsigned	 tp;
	unsigned	 fp;
	unsigned	 fn;
};

struct eval_scores {
	double		 precision;	/* 0 when nothing was predicted */
	double		 recall;	/* 0 when nothing was expected */
	double		 f1;		/* 0 when both are 0 */
	unsigned	 support;	/* tp + fn: the gold count */
};

/* eval_metrics.c */
void	 eval_score(const struct eval_counts *, struct eval_scores *);
/* Pooled counts; the sum goes to *sum when not NULL. */
void	 eval_micro(const struct eval_counts *, size_t n,
	    struct eval_scores *, struct eval_counts *sum);
/* Means over the labels with support > 0; returns how many those were. */
size_t	 eval_macro(const struct eval_counts *, size_t n,
	    struct eval_scores *);
/* 1-based ranks; tied values share the mean of their ranks. */
void	 eval_ranks(const double *, size_t n, double *ranks);
/* Spearman's rho with average ranks for ties; NaN when n < 2 or when
   either series is constant (the coefficient is undefined then). */
double	 eval_spearman(const double *x, const double *y, size_t n);
/* At most max bytes of s (plus "..."), cut at a word boundary when one
   is near and never inside a UTF-8 sequence.  Caller owns the result. */
char	*eval_shorten(const char *s, size_t max);

/* eval_tsv.c: called with the fields of a non-empty line; return nonzero
   to stop.  line is 1-based; fields are NUL-terminated and borrowed. */
typedef int eval_row_fn(char **fields, size_t n, unsigned line, void *arg);
/* The first non-empty line goes to header, every later one to row; a row
   whose field count differs from the header's is reported in errs
   ("path:line: expected N tab-separated fields, found M") and not
   passed on.  0, or -1 with the reason in errs. */
int	 eval_tsv_read(const char *path, eval_row_fn *header, eval_row_fn *row,
	    void *arg, struct errlist *errs);

/* eval_output.c: output shared by both modes.  The report goes where -o
   says, as CSV with -f csv and as text otherwise; 0, or -1 after a
   message. */
/* csvflags: the csvout.h flags for the CSV (CSVOUT_RAW with --csv-raw). */
typedef void eval_write_fn(FILE *, int csv, unsigned csvflags, void *arg);
int	 eval_output(const struct options *, eval_write_fn *, void *arg);

/* The two measurements; each prints its report and every problem with the
   input, and returns 0, or -1 when the exit status must say trouble. */
/* eval.c: `palint eval LABELS.tsv` (the one operand). */
int	 eval_labels(const struct options *, const struct ruleset *);
/* eval_docs.c: `palint eval --documents RATINGS.tsv --corpus DIR`. */
int	 eval_documents(const struct options *, const struct ruleset *);

#endif
