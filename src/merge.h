/*
 * merge.h -- shard reports (`palint scan` run on parts of a corpus) merged
 * into the report one run over the whole corpus would have written, byte
 * for byte.  The shards are all CSV or all XML (the first one decides), from
 * the same ruleset and options, and no document appears in two of them.
 */
#ifndef PALINT_MERGE_H
#define PALINT_MERGE_H

#include <stdio.h>

#include "options.h"
#include "util.h"

/* The reports named by the operands (o->args, at least one) merged into
   fp; 0, or -1 with every reason in errs ("path: message"). */
int	merge_reports(const struct options *, FILE *, struct errlist *);

#endif
