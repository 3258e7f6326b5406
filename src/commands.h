/*
 * commands.h -- the commands besides scan, each taking the parsed options
 * and returning an exit status (enum exit_status in cli.h).
 */
#ifndef PALINT_COMMANDS_H
#define PALINT_COMMANDS_H

#include <stddef.h>

#include "options.h"

/* rulescmd.c */
int	cmd_rules_list(const struct options *);
int	cmd_rules_check(const struct options *);
int	cmd_rules_test(const struct options *);
int	cmd_rules_export(const struct options *);
int	cmd_explain(const struct options *);

/* batch.c */
int	cmd_extract(const struct options *);

/* merge.c */
int	cmd_merge(const struct options *);

/* eval.c */
int	cmd_eval(const struct options *);

#endif
