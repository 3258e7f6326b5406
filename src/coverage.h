/*
 * coverage.h -- stage 5: hits to verdicts (model version 1).
 *
 * Per document a rule fires when it has at least one hit.  An objective is
 *   contradicted  when a conflict rule under it fires;
 *   covered       when at least min(min_rules, its support rules) distinct
 *                 support rules fire;
 *   partial       when at least one fires, but fewer;
 *   absent        when none fires.
 * Objective score: covered 1, partial 0.5, absent and contradicted 0.  Area
 * score: mean of its objectives.  Overall: mean of the action areas; the
 * principles are reported apart (mean of the principle areas).
 */
#ifndef PALINT_COVERAGE_H
#define PALINT_COVERAGE_H

#include <stddef.h>

#include "model.h"

#define COVERAGE_MODEL_VERSION "1"

/* Takes ownership of hits (may be NULL when nhits is 0). */
struct docresult *coverage_compute(const struct ruleset *, const char *path,
		    const char *sha256, size_t words, struct hit *hits,
		    size_t nhits);
/* A document that could not be read or scanned: status error. */
struct docresult *coverage_error(const char *path, const char *sha256,
		    const char *error);
/* A document read but not judged, for the reason given (one line): ok,
   with no_verdict set and no objectives or areas. */
struct docresult *coverage_no_verdict(const char *path, const char *sha256,
		    size_t words, const char *why);
/* "ok", "error" or "unsupported-language": the document's status in
   every report. */
const char	*docresult_status(const struct docresult *);
/* The document's language code: "und" for a document read but never
   given one, "" for one that could not be read. */
const char	*docresult_language(const struct docresult *);
/* "not-policy-text" and any later flag, separated by spaces; "" for
   none.  Static storage. */
const char	*docflags_name(unsigned flags);
/* Appends a copy of a warning (e.g. from the extractor) to a result. */
void		 docresult_add_warning(struct docresult *, const char *);
void		 docresult_free(struct docresult *);

const char	*status_name(enum status);
/* Hits per 10,000 words; 0 for an empty document. */
double		 hits_per_10k(unsigned hits, size_t words);

#endif
