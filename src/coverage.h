/*
 * coverage.h -- stage 5: hits to verdicts (model version 2).
 *
 * Each hit weighs what its sentence says (its kind, sentkind.h) times how
 * firmly it says it (its modality):
 *
 *   kind      statement 1; definition and terms 0.25; heading, contents,
 *             reference and acknowledgement 0 (they title or list things);
 *   modality  binding 1; hortatory 0.9; mention 0.8.
 *
 * A support rule's strength is the largest weight among its hits, so a rule
 * counts once however often it fires.  An objective's evidence is the sum
 * of its support rules' strengths, and it needs n = min(min_rules, its
 * support rules).  The objective is
 *   covered   when evidence >= n (and n > 0);
 *   partial   when PARTIAL_EVIDENCE <= evidence < n;
 *   absent    otherwise (no support rules, no hits, or only hits that
 *             count for almost nothing).
 * Its score is 1 when covered, evidence / n when partial, 0 when absent.
 * Example: min_rules 2 and three support rules; rule A fires in a binding
 * statement (1) and in a heading (0), so A is 1; rule B fires once in a
 * hortatory statement (0.9); rule C fires once in a list of terms (0.25 *
 * 0.8 = 0.2).  Evidence 2.1 >= 2: covered.  Without rule C, 1.9 < 2:
 * partial, score 0.95.
 *
 * Conflicts stand beside coverage and do not change it (scan.h has already
 * dropped the support hits of a conflict's own sentence): an objective under
 * which a conflict rule fires keeps its status and score, and carries the
 * number of distinct conflict rules that fired and the worst of their
 * severities.  Area score: mean of its objectives.  Overall: mean of the
 * action areas; the principles are reported apart (mean of the principle
 * areas).
 */
#ifndef PALINT_COVERAGE_H
#define PALINT_COVERAGE_H

#include <stddef.h>

#include "model.h"

struct strbuf;

#define COVERAGE_MODEL_VERSION "2"

/* Least evidence that makes an objective partial rather than absent. */
#define PARTIAL_EVIDENCE	0.25

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
/* "ok", "error", "unsupported-language" or "unreadable" (mostly text
   nobody can read, readable.h): the document's status in every
   report. */
const char	*docresult_status(const struct docresult *);
/* The document's language code: "und" for a document read but never
   given one, "" for one that could not be read. */
const char	*docresult_language(const struct docresult *);
/* Its languages paragraph by paragraph with their shares of the text,
   "fr 91%, en 9%", appended to sb; nothing when it has none (not
   judged paragraph by paragraph).  Returns sb's text ("" if empty). */
const char	*docresult_mix(const struct docresult *, struct strbuf *);
/* 1 when a hit's language is worth showing beside it: the document is
   in more than one language, or the hit is not in the document's. */
int		 docresult_hit_lang_shown(const struct docresult *,
		    const struct hit *);
/* "not-policy-text", "partly-unreadable", separated by a space; "" for
   none.  Static storage. */
const char	*docflags_name(unsigned flags);
/* Appends a copy of a warning (e.g. from the extractor) to a result. */
void		 docresult_add_warning(struct docresult *, const char *);
void		 docresult_free(struct docresult *);

const char	*status_name(enum status);
/* The weight of one hit: its kind's times its modality's (above). */
double		 coverage_hit_weight(const struct hit *);
/* "error", "warning", or "" for an objective without a conflict. */
const char	*conflict_name(const struct objective_result *);
/* Hits per 10,000 words; 0 for an empty document. */
double		 hits_per_10k(unsigned hits, size_t words);

#endif
