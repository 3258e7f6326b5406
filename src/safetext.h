/*
 * safetext.h -- strings that came from outside (document text, file names,
 * shard reports) made safe to show: on a terminal, in a report, on
 * standard error.
 *
 * Unsafe, and each replaced by U+FFFD: bytes that are not valid UTF-8; C0
 * controls other than TAB, LF and CR (ESC and BEL among them), which
 * would drive a terminal; DEL; C1 controls (CSI U+009B and OSC U+009D
 * too); the noncharacters U+FFFE and U+FFFF, which XML 1.0 forbids; and
 * the bidirectional embedding, override and isolate controls U+202A to
 * U+202E and U+2066 to U+2069, with which a file name or a sentence
 * displays as something other than what it holds ("Trojan Source").  The
 * result is valid UTF-8 and XML 1.0 character data.  With SAFE_ONELINE,
 * TAB, LF and CR become spaces as well, so that a string cannot end a
 * line and forge the next one.
 */
#ifndef PALINT_SAFETEXT_H
#define PALINT_SAFETEXT_H

#include "util.h"

#define SAFE_ONELINE	0x01

/* Appends the safe form of s to sb; NULL appends nothing. */
void		 safe_text(struct strbuf *sb, const char *s, unsigned flags);
/* sb cleared, then the same; returns sb->s, so that one buffer serves
   string after string. */
const char	*safe_str(struct strbuf *sb, const char *s, unsigned flags);

#endif
