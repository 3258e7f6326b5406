/*
 * lint.h -- a ruleset measured against a corpus (`rules check --corpus`).
 */
#ifndef PALINT_LINT_H
#define PALINT_LINT_H

#include "model.h"
#include "options.h"
#include "scan.h"

/* Prints findings; returns 0 (none), 1 (findings) or -1 (corpus unusable). */
int	lint_corpus(const struct ruleset *, struct scanner *,
	    const struct options *);

#endif
