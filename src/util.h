/*
 * util.h -- memory, strings and error lists shared by every stage.
 *
 * The x* allocators never return NULL: running out of memory is a broken
 * invariant, not bad input, so they call fatal().  Bad input is reported
 * through a struct errlist of "path:line: message" strings that the caller
 * prints; nothing below main() exits because of input.
 */
#ifndef PALINT_UTIL_H
#define PALINT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* xmalloc.c */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/* log.c: "palint: message" on standard error, one line, made safe for a
   terminal (safetext.h).  log_line() writes lead (trusted) and the safe
   form of msg as one line. */
void	 log_line(const char *lead, const char *msg);
void	 log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_vwarnx(const char *, va_list) __attribute__((format(printf, 1, 0)));
/* xmalloc.c: "palint: fatal: message" and exit status 2 (out of memory,
   broken invariants only). */
void	 fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Long-lived tables of a megabyte or more, zero-filled, aligned for huge
   pages; free with the length given to bigbuf_alloc. */
void	*bigbuf_alloc(size_t);
void	 bigbuf_free(void *, size_t);

/* Grow *v (of *cap elements of size sz) so that it holds at least need. */
void	 xgrow(void **v, size_t *cap, size_t need, size_t sz);
/* The check is inline: GROW sits in loops that append one element. */
#define GROW(v, cap, need) do {						\
	if ((need) > (cap))						\
		xgrow((void **)&(v), &(cap), (need), sizeof(*(v)));	\
} while (0)

/* errlist.c: collected input errors, printed together by the caller. */
struct errlist {
	char		**v;
	size_t		 n;
	size_t		 cap;
};

void	 errlist_add(struct errlist *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 errlist_print(const struct errlist *, const char *prefix);
void	 errlist_warn(const struct errlist *);	/* each through log_warnx */
void	 errlist_free(struct errlist *);

/* strbuf.c: a growable, always NUL-terminated byte string. */
struct strbuf {
	char		*s;
	size_t		 len;
	size_t		 cap;
};

void	 strbuf_add(struct strbuf *, const char *, size_t);
/* Inline: text is built a character at a time in the hot loops. */
static inline void
strbuf_addc(struct strbuf *sb, char c)
{
	GROW(sb->s, sb->cap, sb->len + 2);
	sb->s[sb->len++] = c;
	sb->s[sb->len] = '\0';
}
void	 strbuf_adds(struct strbuf *, const char *);
void	 strbuf_addf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*strbuf_take(struct strbuf *);	/* caller owns; buffer reset */
void	 strbuf_free(struct strbuf *);

/* sha256.c: lowercase hex digest of a byte range into out[65]; or of
   several in a row, given one by one to a digest from sha256_begin(),
   which sha256_end() writes out and frees. */
void	 sha256_hex(const void *, size_t, char out[65]);
struct sha256_run;
struct sha256_run *sha256_begin(void);
void	 sha256_add(struct sha256_run *, const void *, size_t);
void	 sha256_end(struct sha256_run *, char out[65]);
/* sha256.c: a fast 64-bit checksum of a byte range (not cryptographic),
   as a number or as 16 lowercase hex digits into out[17]. */
uint64_t checksum64(const void *, size_t);
void	 checksum64_hex(const void *, size_t, char out[17]);

#endif
