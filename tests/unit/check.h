/*
 * check.h -- the unit tests' assertions.  A failed check prints
 * "file:line: what" and the test program exits 1 at the end; every check
 * runs, so one run shows every failure.
 */
#ifndef PALINT_CHECK_H
#define PALINT_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond) do {						\
	check_count++;							\
	if (!(cond)) {							\
		check_failures++;					\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *check_g_ = (got), *check_w_ = (want);		\
	check_count++;							\
	if (check_g_ == NULL || strcmp(check_g_, check_w_) != 0) {	\
		check_failures++;					\
		fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n",	\
		    __FILE__, __LINE__, #got,				\
		    check_g_ == NULL ? "(null)" : check_g_, check_w_);	\
	}								\
} while (0)

#define CHECK_INT(got, want) do {					\
	long long check_g_ = (got);	/* converted, not cast: a call's */\
	long long check_w_ = (want);	/* result may be an enum */	\
	check_count++;							\
	if (check_g_ != check_w_) {					\
		check_failures++;					\
		fprintf(stderr, "%s:%d: %s: got %lld, want %lld\n",	\
		    __FILE__, __LINE__, #got, check_g_, check_w_);	\
	}								\
} while (0)

#define CHECK_DONE() (fprintf(stderr, "%d checks, %d failed\n",	\
	check_count, check_failures), check_failures != 0)

#endif
