/*
 * main.c -- palint's entry point; everything else lives in the library so
 * that tests and fuzzers can link it.
 */
#include "cli.h"

int
main(int argc, char **argv)
{
	return palint_main(argc, argv);
}
