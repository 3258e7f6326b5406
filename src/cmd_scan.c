/*
 * cmd_scan.c -- `palint [scan] PATH...`: the documents named on the command
 * line (folders walked, archives opened) through the whole pipeline into
 * one report, and the run's totals into an exit status.
 */
#include "config.h"

#include <stddef.h>

#include "batch.h"
#include "commands.h"
#include "outfile.h"
#include "prefilter.h"
#include "ruleload.h"
#include "rules.h"
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

int
cmd_scan(const struct options *o)
{
	struct errlist errs = { NULL, 0, 0 };
	struct inputs in = { NULL, 0, 0 };
	struct batch_totals t;
	struct ruleset *rs;
	struct prefilter *pf;
	int rc;

	if (walk_inputs(o, &in, &errs) != 0) {
		errlist_warn(&errs);
		errlist_free(&errs);
		return EXIT_TROUBLE;
	}
	if ((rs = ruleload_rules(o->rules, o->nrules, o->quiet)) == NULL) {
		inputs_free(&in);
		return EXIT_TROUBLE;
	}
	pf = ruleload_prefilter(o, rs);
	signals_install();
	rc = batch_run(o, rs, pf, &in, &t);
	if (rc != 0 && t.signal == 0)
		t.output_error = 1;
	prefilter_free(pf);
	ruleset_free(rs);
	inputs_free(&in);
	return exit_for(o, &t);
}
