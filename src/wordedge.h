/*
 * wordedge.h -- can a regex match starting or ending inside a word?
 *
 * regex_word_edges() reads a PCRE2 source and returns WORDEDGE_START when
 * some match may begin with a letter not preceded by a boundary check
 * (\b, ^, a lookaround), WORDEDGE_END likewise for its last letter, or 0.
 * "restrict\w* access" is open at the start: it matches inside
 * "unrestricted access".  The reading is conservative: what it cannot
 * follow counts as open.
 */
#ifndef PALINT_WORDEDGE_H
#define PALINT_WORDEDGE_H

#define WORDEDGE_START	0x1
#define WORDEDGE_END	0x2

int	regex_word_edges(const char *regex);

#endif
