/*
 * waivers.h -- findings an analyst reviewed and accepted (--waivers FILE).
 *
 * The file is CSV (csvread.h) with the header
 *
 *	id,document,justification,reviewer,expires
 *
 * id is an objective or rule id (case-insensitive), document an fnmatch(3)
 * glob over the path as reported (without FNM_PATHNAME: "*" crosses "/"),
 * justification and reviewer free text (neither empty), expires a date
 * YYYY-MM-DD or empty for never.  A waiver applies through the day it
 * expires; an expired one is warned about and ignored.
 *
 * What a waiver does to a document it matches:
 *   - an objective id waives that objective's gap (partial or absent) and
 *     its conflict (every conflict hit under it);
 *   - a rule id waives that rule's hits: for a conflict rule, the
 *     conflict; for a support rule, the evidence is only marked;
 *   - statuses and scores do not change: reports show each waived finding
 *     as waived, with its justification and reviewer;
 *   - a waived conflict hit does not count as an error-level conflict
 *     (docresult.conflict_errors), so it does not make the exit status 1;
 *   - for --fail-under, each waived gap counts as covered
 *     (waivers_score()).
 * A waiver that waived nothing in the whole run is warned about.
 */
#ifndef PALINT_WAIVERS_H
#define PALINT_WAIVERS_H

#include <stddef.h>
#include <time.h>

#include "model.h"
#include "util.h"

struct waivers;

/*
 * Read and check the file; today is the date expiry is judged against.
 * NULL with every error in errs ("path:line: message"): a wrong header, a
 * row with the wrong number of fields, an empty field, a bad date, an id
 * the ruleset does not have.  Expired waivers go to warns.
 */
struct waivers	*waivers_load(const char *path, const struct ruleset *,
		    time_t today, struct errlist *errs, struct errlist *warns);
/* Mark the findings of one document the waivers cover (an ok one) and
   recount its error-level conflicts.  Not thread-safe: waivers count
   their uses. */
void		 waivers_apply(struct waivers *, struct docresult *);
/* "path:line: waiver for ID on 'GLOB' waived nothing" for each unused. */
void		 waivers_unused(const struct waivers *, struct errlist *warns);
void		 waivers_free(struct waivers *);

/* The overall score with each waived gap counted as covered. */
double		 waivers_score(const struct docresult *);
/* Error-level conflict rules with a hit neither waived nor known (from a
   --baseline): what docresult.conflict_errors holds once reviewed. */
int		 waivers_conflict_errors(const struct docresult *);
/* Whether an objective has a gap: partial or absent. */
int		 waivers_is_gap(const struct objective_result *);

#endif
