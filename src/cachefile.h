/*
 * cachefile.h -- what every cache file of palint shares: where it lives,
 * what names this build, how it is read and written.
 *
 * A cache file holds something derived from rules, and is named by a
 * digest of everything that shapes it (the rule bytes, this build, the
 * libraries' versions), so a stale file is never read, only left behind.
 * It is written whole to a temporary file and renamed into place, never
 * rewritten in place, so a reader that mapped it keeps the bytes it
 * checked.  On disk: an 8-byte magic naming the kind and its format
 * version, the XXH3 checksum of the body in 16 hex digits, the body.  Any
 * failure (no directory, unwritable, damaged, truncated, foreign) only
 * means no cache: the callers derive what they wanted.
 */
#ifndef PALINT_CACHEFILE_H
#define PALINT_CACHEFILE_H

#include <stddef.h>
#include <stdint.h>

#define CACHEFILE_MAGICLEN	8
#define CACHEFILE_SUMLEN	16
#define CACHEFILE_HEADLEN	(CACHEFILE_MAGICLEN + CACHEFILE_SUMLEN)

/* The GNU build id of the executable in hex; NULL when it has none. */
const char	*cachefile_build_id(void);
/* The cache directory: cache_dir itself, or for NULL $XDG_CACHE_HOME/palint
   or ~/.cache/palint; NULL when there is none ("" or no usable home).
   Caller owns. */
char		*cachefile_dir(const char *cache_dir);
/* mkdir -p of the directory path is in; failures show later as an
   unwritable cache. */
void		 cachefile_mkdirs(const char *path);
/*
 * The whole file mapped read-only, or NULL when it cannot be opened, is
 * not a regular file (a FIFO or device is refused without waiting on it),
 * is empty or over INT_MAX bytes.  Released with cachefile_unmap().
 */
unsigned char	*cachefile_map(const char *path, size_t *len);
void		 cachefile_unmap(unsigned char *, size_t);
/* magic, checksum, body, through a temporary file and a rename, readable
   by its owner only; creates the directory.  0, or -1. */
int		 cachefile_write(const char *path, const char *magic,
		    const void *body, size_t len);
/* The body of a mapped file whose magic and checksum hold, and its length
   in *bodylen; NULL when either does not. */
const unsigned char *cachefile_body(const unsigned char *buf, size_t len,
		    const char *magic, size_t *bodylen);

/*
 * A file in two parts, for megabytes of which a run may use only some: a
 * head, which the file's checksum covers, and a tail, which the head
 * vouches for with checksums of its own pieces (checksum64()), so that a
 * reader checks a piece only when it uses it.  On disk: the magic, the
 * checksum of the head, the head's length in 16 hex digits, head, tail.
 * Written as cachefile_write() writes; read back, the head (NULL when the
 * magic, length or checksum do not hold) and the tail, unchecked.
 */
int		 cachefile_write_split(const char *path, const char *magic,
		    const void *head, size_t headlen, const void *tail,
		    size_t taillen);
const unsigned char *cachefile_split(const unsigned char *buf, size_t len,
		    const char *magic, size_t *headlen,
		    const unsigned char **tail, size_t *taillen);

/*
 * A bounded reader of a body: a read past its end marks it bad, and every
 * read after that yields zeroes, so a caller checks bad once at the end
 * and throws a damaged body away whole.
 */
struct cachereader {
	const unsigned char *p;
	size_t		 left;
	int		 bad;
};

/* The next n bytes into out; zeroes and marks the reader bad on overrun. */
void		 cachereader_bytes(struct cachereader *, void *out, size_t n);
/* The next 4 bytes as a native uint32_t; 0 on overrun. */
uint32_t	 cachereader_u32(struct cachereader *);

#endif
