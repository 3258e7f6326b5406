/*
 * rulecache.h -- the built-in rules as loaded for a scan, kept on disk in
 * a compiled binary form, so that a warm start parses no XML.
 *
 * Input: the ruleset rules_load_scan() makes of the built-in rules before
 * compile.c touches it.  Output: a file under the cache directory
 * (cachefile.h) named by a digest of the rule bytes, this build of palint
 * (its build id: the code that turned them into a ruleset) and libxml2's
 * version; read back, a ruleset equal to the one written, field by field,
 * with its back pointers and flat indexes made again (ruleset_link()).
 * The key is also stored in the file and compared, so a file put under
 * another name is refused too.
 *
 * A missing, damaged, truncated or foreign file is refused, never
 * partly believed: the rules are parsed from XML again and the file
 * replaced.  A build without a build id, or no usable cache directory,
 * just means no cache.  Rule files given by path are not cached.
 */
#ifndef PALINT_RULECACHE_H
#define PALINT_RULECACHE_H

#include "model.h"
#include "util.h"

/*
 * The built-in rules for a scan, as rules_load_scan(NULL, 0) returns them,
 * from the cache under cache_dir (NULL: the default, "": none) when it
 * holds them, else parsed and then stored there.  NULL only when parsing
 * fails, with the errors in errs.  Caller owns (ruleset_free).
 */
struct ruleset	*rulecache_builtin(const char *cache_dir,
		    struct errlist *);

/* The file rulecache_builtin() uses under cache_dir, and the key stored in
   it (65 bytes); NULL when there is none.  Caller owns. */
char		*rulecache_path(const char *cache_dir, char key[65]);
/* Store rs, just loaded (no code compiled yet), under key: 0, or -1. */
int		 rulecache_write(const char *path, const char *key,
		    const struct ruleset *);
/* The ruleset stored at path under key, or NULL when the file is absent,
   damaged, truncated or holds another key. */
struct ruleset	*rulecache_read(const char *path, const char *key);

#endif
