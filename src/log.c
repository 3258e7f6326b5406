/*
 * log.c -- the one place that writes palint's own messages to standard
 * error: "palint: " and the message on one line, as warnx(3) does.  Stages
 * never call it; they return errors with their context, and the commands
 * print them here, so every message looks the same.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

void
log_vwarnx(const char *fmt, va_list ap)
{
	fputs("palint: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwarnx(fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	fputs("palint: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}
