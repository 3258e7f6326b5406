/*
 * log.c -- the one place that writes palint's own messages to standard
 * error: "palint: " and the message on one line, as warnx(3) does.  Stages
 * never call it; they return errors with their context, and the commands
 * print them here, so every message looks the same (fatal(), for broken
 * invariants, is in xmalloc.c).
 *
 * Messages quote file names and text from documents and shard reports, so
 * they are made safe (safetext.h) on one line before they reach what may
 * be a terminal: no escape sequence, bidirectional control or invalid
 * UTF-8 from a hostile file name gets through.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "safetext.h"
#include "util.h"

void
log_line(const char *lead, const char *msg)
{
	struct strbuf sb = { NULL, 0, 0 };

	strbuf_adds(&sb, lead);
	safe_text(&sb, msg, SAFE_ONELINE);
	strbuf_addc(&sb, '\n');
	fputs(sb.s, stderr);
	strbuf_free(&sb);
}

void
log_vwarnx(const char *fmt, va_list ap)
{
	char *msg;

	msg = xvasprintf(fmt, ap);
	log_line("palint: ", msg);
	free(msg);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwarnx(fmt, ap);
	va_end(ap);
}
