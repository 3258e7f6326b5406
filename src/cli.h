/*
 * cli.h -- the command line: options into one struct, then the command
 * they name.
 */
#ifndef PALINT_CLI_H
#define PALINT_CLI_H

/* The command's exit status (enum exit_status in commands.h); 0 after
   --help and --version, 2 after a usage error. */
int	palint_main(int argc, char **argv);

#endif
