/*
 * commands.h -- palint's commands, one source file each, each taking the
 * parsed options and returning an exit status.  cli.c parses the command
 * line and calls one of them; they call the library below and never back
 * into cli.c.
 */
#ifndef PALINT_COMMANDS_H
#define PALINT_COMMANDS_H

#include "options.h"

/* Exit status, documented in palint(1).  A run stopped by a signal exits
   with 128 plus the signal number. */
enum exit_status {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1,
	EXIT_TROUBLE = 2
};

/* cmd_scan.c */
int	cmd_scan(const struct options *);

/* cmd_rules.c */
int	cmd_rules_list(const struct options *);
int	cmd_rules_check(const struct options *);
int	cmd_rules_test(const struct options *);
int	cmd_rules_export(const struct options *);

/* cmd_explain.c */
int	cmd_explain(const struct options *);

/* cmd_extract.c */
int	cmd_extract(const struct options *);

/* cmd_merge.c */
int	cmd_merge(const struct options *);

/* cmd_eval.c */
int	cmd_eval(const struct options *);

/* cmd_diff.c */
int	cmd_diff(const struct options *);

#endif
