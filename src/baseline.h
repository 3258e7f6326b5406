/*
 * baseline.h -- an earlier report (--baseline REPORT), so that a scan
 * shows only what is new: for CI gating of documents with a known past.
 *
 * REPORT is an objective-level report palint wrote, XML or CSV (told apart
 * by its first byte).  Each document scanned is matched to the baseline's
 * by path, else by sha256 (a renamed file).  Relative to its match:
 *   - a gap (partial or absent) is known when the baseline reported the
 *     objective with a status no better;
 *   - a conflict hit is known when the baseline reported the same
 *     conflict rule firing in that document;
 *   - an objective is known when its status is no worse than in the
 *     baseline and each of its conflict rules is known.
 * Known findings are left out of the text diagnostics and the objective
 * rows of CSV and XML reports, and known conflicts do not make the exit
 * status 1.  A document without a match has nothing known.
 */
#ifndef PALINT_BASELINE_H
#define PALINT_BASELINE_H

#include "model.h"

struct baseline;

/* NULL with *cause (caller owns): "path:line: message", or "path: ..."
   when the file cannot be read or is not an objective-level report. */
struct baseline	*baseline_load(const char *path, const struct ruleset *,
		    char **cause);
/* Mark the known findings of one ok document. */
void		 baseline_apply(const struct baseline *, struct docresult *);
void		 baseline_free(struct baseline *);

#endif
