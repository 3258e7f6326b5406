/*
 * cli.h -- the command line: options into one struct, then the pipeline.
 */
#ifndef PALINT_CLI_H
#define PALINT_CLI_H

/* Exit status, documented in palint(1). */
enum exit_status {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1,
	EXIT_TROUBLE = 2
};

int	palint_main(int argc, char **argv);

#endif
