/*
 * archives.h -- zip and tar archives read from memory, member by member.
 * (Not "archive.h": that name belongs to libarchive's own header.)
 *
 * archive_each() calls back once per member, in sorted name order, with
 * the member's full reported name ("outer.zip!dir/file.docx") and either
 * its bytes or the reason it was not read.  An archive found inside an
 * archive is opened in place (one level of nesting; deeper ones become an
 * error for that member).  Nothing is written to disk.
 *
 * Limits come from struct extract_opts: members per archive, uncompressed
 * bytes (all members, nested ones included), the ratio of uncompressed to
 * compressed bytes (checked once more than 1 MiB has come out) and the
 * size of one member.  Member names that are absolute or contain a ".."
 * component are refused; links and special files are skipped with a
 * warning.
 */
#ifndef PALINT_ARCHIVES_H
#define PALINT_ARCHIVES_H

#include <stddef.h>

#include "extract.h"

struct archive_member {
	const char	*name;		/* archive!path, for the report */
	const unsigned char *data;	/* NULL when error is set */
	size_t		 len;
	const char	*error;		/* why the member was not read */
	int		 skipped;	/* error is only a warning: a link or
					   other member skipped on purpose */
};

/* Return 0 to go on, anything else to stop the walk. */
typedef int archive_member_cb(const struct archive_member *, void *arg);

/*
 * 0: every member went to cb (some perhaps with an error).  -1: the
 * archive itself is unreadable, corrupt or over a limit: *cause (owned by
 * the caller) says why; members read before a corruption was found have
 * been delivered.  1: cb asked to stop (*cause says so, for symmetry).
 */
int	archive_each(const char *name, const unsigned char *, size_t,
	    const struct extract_opts *, archive_member_cb *cb, void *arg,
	    char **cause);

/*
 * One member of a zip by exact name, for DOCX and ODT.  1: found, *out
 * (owned by the caller, NUL-terminated) and *outlen set; 0: no such
 * member; -1: corrupt, encrypted or over a limit, with *cause.
 */
int	archive_zip_member(const unsigned char *, size_t, const char *member,
	    const struct extract_opts *, unsigned char **out, size_t *outlen,
	    char **cause);

#endif
