/*
 * embedded.h -- files compiled into the binary at build time (src/embed.c
 * generates embedded.c): the default ruleset, its scan copy and the two
 * schemas, so that palint works with no install step.
 */
#ifndef PALINT_EMBEDDED_H
#define PALINT_EMBEDDED_H

#include <stddef.h>

/* Each NAME_sha256 is the SHA-256 (hex) of the file NAME was made from. */
extern const char	embedded_default_rules[];
extern const size_t	embedded_default_rules_len;
extern const char	embedded_default_rules_sha256[];
/* The default ruleset's scan copy (src/embed.c): no comments, examples
   or indentation, every element on its line of the full file. */
extern const char	embedded_scan_rules[];
extern const size_t	embedded_scan_rules_len;
extern const char	embedded_scan_rules_sha256[];
extern const char	embedded_rules_rng[];
extern const size_t	embedded_rules_rng_len;
extern const char	embedded_rules_rng_sha256[];
extern const char	embedded_report_rng[];
extern const size_t	embedded_report_rng_len;
extern const char	embedded_report_rng_sha256[];

#endif
