/*
 * batch.h -- the scan command's driver: documents in, one report out.
 *
 * Worker threads (-j) take inputs in list order, each passing one input (a
 * document, or every member of one archive) through document_run(); the
 * main thread writes the results strictly in list order and frees them,
 * so the report is byte-identical whatever the thread count, and memory
 * stays bounded by a small window of documents in flight.
 * A document that cannot be read becomes an error row; the batch goes on.
 */
#ifndef PALINT_BATCH_H
#define PALINT_BATCH_H

#include <stddef.h>

#include "baseline.h"
#include "model.h"
#include "options.h"
#include "prefilter.h"
#include "scan.h"
#include "waivers.h"
#include "walk.h"

struct batch_totals {
	size_t		 documents;
	size_t		 errors;
	size_t		 below;		/* overall score under --fail-under */
	size_t		 conflict_errors; /* documents with one */
	size_t		 unjudged;	/* read, no verdict (language) */
	int		 signal;	/* stopped by this signal, or 0 */
	int		 output_error;
};

/* The review applied to each result before it is written, in list
   order by the writing thread: --baseline, then --waivers. */
struct batch_review {
	struct baseline		*baseline;	/* or NULL */
	struct waivers		*waivers;	/* or NULL */
};

/* Run the whole scan; reports go where the options say.  Returns 0, or -1
   when an output could not be written (message printed). */
/* Worker threads for ntasks inputs: -j, else the online CPUs; at least
   1, at most ntasks and 256.  Shared by the scan and `palint diff`. */
unsigned batch_jobs(const struct options *, size_t ntasks);
int	 batch_run(const struct options *, const struct ruleset *,
	    const struct prefilter *, const struct inputs *,
	    struct batch_review *, struct batch_totals *);

#endif
