/*
 * cmd_eval.c -- `palint eval`: the arguments checked, the rules loaded, and
 * one of the two measurements run: labelled sentences (eval.c) or rated
 * documents (eval_docs.c).
 */
#include "config.h"

#include <stdio.h>

#include "commands.h"
#include "eval.h"
#include "ruleload.h"
#include "rules.h"
#include "util.h"

static int
eval_usage(const char *msg)
{
	log_warnx("eval: %s", msg);
	fputs("usage: palint eval [-r RULES]... [-f text|csv] [--split NAME] "
	    "[--all-errors] LABELS.tsv\n"
	    "       palint eval --documents RATINGS.tsv --corpus DIR "
	    "[-r RULES]...\n", stderr);
	return EXIT_TROUBLE;
}

int
cmd_eval(const struct options *o)
{
	struct ruleset *rs;
	int rc;

	if (o->format_set && (o->format == FORMAT_XML ||
	    o->format == FORMAT_HTML))
		return eval_usage("-f takes text or csv only");
	if (o->documents != NULL && o->corpus == NULL)
		return eval_usage("--documents needs --corpus DIR");
	if (o->documents == NULL && o->corpus != NULL)
		return eval_usage("--corpus goes with --documents");
	if (o->documents != NULL && o->nargs != 0)
		return eval_usage("--documents takes no LABELS.tsv");
	if (o->documents != NULL && o->split != NULL)
		return eval_usage("--split goes with LABELS.tsv");
	if (o->documents == NULL && o->nargs != 1)
		return eval_usage("one LABELS.tsv file is needed");
	if ((rs = ruleload_scan_rules(o->rules, o->nrules,
	    o->cache_dir, o->quiet)) == NULL)
		return EXIT_TROUBLE;
	if (o->documents != NULL)
		rc = eval_documents(o, rs);
	else
		rc = eval_labels(o, rs);
	ruleset_free(rs);
	return rc == 0 ? EXIT_OK : EXIT_TROUBLE;
}
