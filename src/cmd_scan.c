/*
 * cmd_scan.c -- `palint [scan] PATH...`: the documents named on the command
 * line (folders walked, archives opened) through the whole pipeline into
 * one report, and the run's totals into an exit status.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>

#include "baseline.h"
#include "batch.h"
#include "commands.h"
#include "langdetect.h"
#include "outfile.h"
#include "prefilter.h"
#include "ruleload.h"
#include "report.h"
#include "rules.h"
#include "waivers.h"
#include "walk.h"

/*
 * Interrupted, then trouble, then findings: the worst thing wins.  A
 * document without verdict (its language is not the rules') is a finding
 * only when --fail-under was given: a gate that was asked for cannot pass
 * a document it could not judge, while a plain scan reports it and goes
 * on.
 */
static int
exit_for(const struct options *o, const struct batch_totals *t)
{
	if (t->signal != 0)
		return 128 + t->signal;
	if (t->errors > 0 || t->output_error)
		return EXIT_TROUBLE;
	if (t->below > 0 || t->conflict_errors > 0)
		return EXIT_FINDINGS;
	if (t->unjudged > 0 && o->fail_under_set)
		return EXIT_FINDINGS;
	return EXIT_OK;
}

/* --waivers and --baseline, read before any document; -1 after printing
   every error.  Expired waivers are warned about here. */
static int
review_load(const struct options *o, const struct ruleset *rs,
    struct batch_review *rv)
{
	struct errlist errs = { NULL, 0, 0 }, warns = { NULL, 0, 0 };
	char *cause = NULL;

	if (o->baseline != NULL &&
	    (rv->baseline = baseline_load(o->baseline, rs, &cause)) == NULL) {
		errlist_add(&errs, "%s", cause);
		free(cause);
	}
	if (o->waivers != NULL)
		rv->waivers = waivers_load(o->waivers, rs, report_timestamp(),
		    &errs, &warns);
	errlist_warn(&warns);
	errlist_free(&warns);
	if (errs.n == 0)
		return 0;
	errlist_warn(&errs);
	errlist_free(&errs);
	return -1;
}

/* Waivers that waived nothing in the whole run, then the review freed. */
static void
review_end(struct batch_review *rv, int complete)
{
	struct errlist warns = { NULL, 0, 0 };

	if (complete) {
		waivers_unused(rv->waivers, &warns);
		errlist_warn(&warns);
		errlist_free(&warns);
	}
	waivers_free(rv->waivers);
	baseline_free(rv->baseline);
}

int
cmd_scan(const struct options *o)
{
	struct errlist errs = { NULL, 0, 0 };
	struct inputs in = { NULL, 0, 0 };
	struct batch_review rv = { NULL, NULL };
	struct batch_totals t;
	struct ruleset *rs;
	struct prefilter *pf;
	int rc;

	if (walk_inputs(o, &in, &errs) != 0) {
		errlist_warn(&errs);
		errlist_free(&errs);
		return EXIT_TROUBLE;
	}
	/* The detector loads while the rules do. */
	if (o->limits.language == NULL && in.n > 0)
		langdetect_preload();
	if ((rs = ruleload_scan_rules(o->rules, o->nrules,
	    o->cache_dir, o->quiet)) == NULL) {
		inputs_free(&in);
		return EXIT_TROUBLE;
	}
	if (review_load(o, rs, &rv) != 0) {
		review_end(&rv, 0);
		ruleset_free(rs);
		inputs_free(&in);
		return EXIT_TROUBLE;
	}
	pf = ruleload_prefilter(o, rs);
	signals_install();
	rc = batch_run(o, rs, pf, &in, &rv, &t);
	if (rc != 0 && t.signal == 0)
		t.output_error = 1;
	review_end(&rv, rc == 0);
	ruleload_prefilter_free(pf);
	ruleset_free(rs);
	inputs_free(&in);
	return exit_for(o, &t);
}
