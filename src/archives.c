/*
 * archives.c -- zip and tar(.gz/.bz2/.xz) members from memory.
 *
 * Input: an archive's bytes.  Output: one callback per member, in sorted
 * name order, with the member's bytes or the reason it was skipped.
 *
 * Archives do not store members in name order, so the archive is read
 * twice: a first pass lists the headers (and applies the count, size and
 * ratio limits to what they declare), a second pass reads the members,
 * holding at most ARCHIVE_BATCH_BYTES of them at a time (a batch is a run
 * of consecutive names; a large archive takes several passes).  Sizes are
 * checked again while reading, since headers can lie.  All reading goes
 * through libarchive's built-in decoders, never to disk.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "archives.h"
#include "extract.h"
#include "sniff.h"
#include "util.h"

#define ARCHIVE_BATCH_BYTES	((size_t)64 << 20)
#define ARCHIVE_RATIO_FLOOR	((size_t)1 << 20)
#define ARCHIVE_CHUNK		((size_t)64 << 10)

struct entry {
	char		*path;		/* inside the archive, no "./" */
	size_t		 index;		/* header number in the archive */
	size_t		 size;		/* declared; 0 when unknown */
	char		*problem;	/* set: not read */
	int		 skipped;	/* problem is a warning */
	int		 want;		/* read in the current batch */
	unsigned char	*data;
	size_t		 len;
};

struct walk {
	const struct extract_opts *opts;
	archive_member_cb *cb;
	void		*arg;
	size_t		 inlen;		/* compressed bytes, outermost */
	size_t		 total;		/* bytes read, nested included */
	char		*over;		/* a total limit was exceeded */
	int		 stop;
};

struct listing {
	struct entry	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 declared;
	char		*error;		/* corrupt after the listed ones */
};

static struct archive *
archive_open(const unsigned char *data, size_t len, int zip_only,
    char **cause)
{
	struct archive *a;

	if ((a = archive_read_new()) == NULL)
		fatal("out of memory");
	archive_read_support_format_zip(a);
	if (!zip_only) {
		archive_read_support_format_tar(a);
		archive_read_support_filter_gzip(a);
		archive_read_support_filter_bzip2(a);
		archive_read_support_filter_xz(a);
	}
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
		*cause = xasprintf("unreadable archive: %s",
		    archive_error_string(a) != NULL ?
		    archive_error_string(a) : "unknown format");
		archive_read_free(a);
		return NULL;
	}
	return a;
}

static const char *
errstr(struct archive *a)
{
	const char *s = archive_error_string(a);

	return s != NULL ? s : "unknown error";
}

/* Absolute, drive-lettered or with a ".." component. */
static int
unsafe_name(const char *p)
{
	const char *s;
	size_t n;

	if (p[0] == '/' || p[0] == '\\' ||
	    (isalpha((unsigned char)p[0]) && p[1] == ':'))
		return 1;
	for (s = p; *s != '\0'; s += n) {
		n = strcspn(s, "/\\");
		if (n == 2 && s[0] == '.' && s[1] == '.')
			return 1;
		if (s[n] != '\0')
			n++;
	}
	return 0;
}

static const char *
entry_path(struct archive_entry *ae)
{
	const char *p;

	if ((p = archive_entry_pathname_utf8(ae)) == NULL)
		p = archive_entry_pathname(ae);
	if (p == NULL)
		return NULL;
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	return p;
}

/* Why a member is not read, before its bytes are looked at; NULL: none. */
static char *
entry_problem(struct archive_entry *ae, const char *path, size_t size,
    const struct extract_opts *opts, int *skipped)
{
	mode_t type = archive_entry_filetype(ae);

	*skipped = 1;
	if (archive_entry_hardlink(ae) != NULL)
		return xstrdup("hard link skipped");
	if (type == AE_IFLNK)
		return xstrdup("symbolic link skipped");
	if (type != AE_IFREG && type != 0)
		return xstrdup("special file skipped");
	if (strncmp(path, "__MACOSX/", 9) == 0)
		return xstrdup("macOS metadata skipped");
	*skipped = 0;
	if (path[0] == '\0')
		return xstrdup("member without a name");
	if (unsafe_name(path))
		return xstrdup("unsafe member name (absolute or with \"..\") "
		    "refused");
	if (archive_entry_is_encrypted(ae))
		return xstrdup("encrypted member (password-protected) "
		    "not read");
	if (opts->max_file_size != 0 && size > opts->max_file_size)
		return xasprintf("member larger than %zu bytes",
		    opts->max_file_size);
	return NULL;
}

/* One header into the listing; -1 with *cause when a limit refuses all. */
static int
list_one(struct listing *l, struct archive_entry *ae, size_t index,
    const struct extract_opts *opts, char **cause)
{
	struct entry *e;
	const char *path;
	size_t size = 0;

	if (archive_entry_filetype(ae) == AE_IFDIR)
		return 0;
	if (opts->max_members != 0 && l->n >= opts->max_members) {
		*cause = xasprintf("archive has more than %zu members",
		    opts->max_members);
		return -1;
	}
	if (archive_entry_size_is_set(ae) && archive_entry_size(ae) > 0)
		size = (size_t)archive_entry_size(ae);
	l->declared += size;
	if (opts->max_total_size != 0 && l->declared > opts->max_total_size) {
		*cause = xasprintf("archive expands to more than %zu bytes",
		    opts->max_total_size);
		return -1;
	}
	GROW(l->v, l->cap, l->n + 1);
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	e->index = index;
	e->size = size;
	if ((path = entry_path(ae)) == NULL) {
		e->path = xasprintf("#%zu", index + 1);
		e->problem = xstrdup("member name is not readable");
	} else {
		e->path = xstrdup(path);
		e->problem = entry_problem(ae, path, size, opts, &e->skipped);
	}
	return 0;
}

static void
listing_free(struct listing *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].problem);
		free(l->v[i].data);
	}
	free(l->v);
	free(l->error);
	memset(l, 0, sizeof(*l));
}

/* First pass.  -1: refused as a whole (*cause); corruption is l->error. */
static int
list_entries(const unsigned char *data, size_t len,
    const struct extract_opts *opts, struct listing *l, char **cause)
{
	struct archive *a;
	struct archive_entry *ae;
	size_t index;
	int r;

	if ((a = archive_open(data, len, 0, cause)) == NULL)
		return -1;
	for (index = 0;; index++) {
		r = archive_read_next_header(a, &ae);
		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN) {
			l->error = xasprintf("corrupt archive: %s", errstr(a));
			break;
		}
		if (list_one(l, ae, index, opts, cause) != 0) {
			archive_read_free(a);
			return -1;
		}
	}
	archive_read_free(a);
	if (l->n == 0 && l->error != NULL) {
		*cause = l->error;
		l->error = NULL;
		return -1;
	}
	if (opts->max_ratio != 0 && l->declared > ARCHIVE_RATIO_FLOOR &&
	    l->declared / (len > 0 ? len : 1) > opts->max_ratio) {
		*cause = xasprintf("archive compression ratio above %u",
		    opts->max_ratio);
		return -1;
	}
	return 0;
}

/* The total and ratio limits over everything read so far. */
static int
over_limits(struct walk *w)
{
	const struct extract_opts *o = w->opts;

	if (w->over != NULL)
		return 1;
	if (o->max_total_size != 0 && w->total > o->max_total_size)
		w->over = xasprintf("archive expands to more than %zu bytes",
		    o->max_total_size);
	else if (o->max_ratio != 0 && w->total > ARCHIVE_RATIO_FLOOR &&
	    w->total / (w->inlen > 0 ? w->inlen : 1) > o->max_ratio)
		w->over = xasprintf("archive compression ratio above %u",
		    o->max_ratio);
	return w->over != NULL;
}

/*
 * Read the current member's bytes, at most limit (0: none).  0: done;
 * -1: this member is bad (*problem); -2: the archive can not go on.
 */
static int
read_member(struct archive *a, size_t declared, size_t limit,
    struct walk *w, unsigned char **out, size_t *outlen, char **problem)
{
	unsigned char *buf = NULL;
	size_t cap = 0, len = 0;
	la_ssize_t n;

	GROW(buf, cap, (declared < ARCHIVE_CHUNK ? declared : ARCHIVE_CHUNK) +
	    1);
	for (;;) {
		GROW(buf, cap, len + ARCHIVE_CHUNK + 1);
		n = archive_read_data(a, buf + len, ARCHIVE_CHUNK);
		if (n == 0)
			break;
		if (n < 0) {
			*problem = xasprintf("unreadable member: %s",
			    errstr(a));
			free(buf);
			return n == ARCHIVE_FATAL ? -2 : -1;
		}
		len += (size_t)n;
		if (w != NULL)
			w->total += (size_t)n;
		if (limit != 0 && len > limit) {
			*problem = xasprintf("member larger than %zu bytes",
			    limit);
			free(buf);
			return -1;
		}
		if (w != NULL && over_limits(w)) {
			*problem = xstrdup(w->over);
			free(buf);
			return -2;
		}
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct entry *x = *(struct entry *const *)a;
	const struct entry *y = *(struct entry *const *)b;
	int c;

	if ((c = strcmp(x->path, y->path)) != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Second pass: read the members marked want, in archive order. */
static void
read_batch(const unsigned char *data, size_t len, struct listing *l,
    struct walk *w)
{
	struct archive *a;
	struct archive_entry *ae;
	struct entry *e;
	size_t i, j, left = 0;
	char *cause = NULL;
	int r;

	for (j = 0; j < l->n; j++)
		left += l->v[j].want && l->v[j].problem == NULL;
	j = 0;
	if (left == 0 || (a = archive_open(data, len, 0, &cause)) == NULL)
		goto fail;
	for (i = 0; left > 0; i++) {
		if ((r = archive_read_next_header(a, &ae)) == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN) {
			cause = xasprintf("corrupt archive: %s", errstr(a));
			break;
		}
		while (j < l->n && l->v[j].index < i)
			j++;
		if (j == l->n || l->v[j].index != i || !l->v[j].want ||
		    l->v[j].problem != NULL)
			continue;
		e = &l->v[j];
		left--;
		r = read_member(a, e->size, w->opts->max_file_size, w,
		    &e->data, &e->len, &e->problem);
		if (r == -2) {
			cause = xstrdup(e->problem);
			break;
		}
	}
	archive_read_free(a);
fail:
	/* Whatever the broken archive kept from us gets the reason. */
	for (j = 0; j < l->n; j++) {
		e = &l->v[j];
		if (e->want && e->problem == NULL && e->data == NULL)
			e->problem = xasprintf("not read: %s", cause != NULL ?
			    cause : "member missing on second reading");
	}
	free(cause);
}

static int	each(struct walk *, const char *, const unsigned char *,
		    size_t, int, char **);

static void
deliver_nested(struct walk *w, struct archive_member *m, int depth)
{
	char *cause = NULL;
	int r;

	if (depth >= 1) {
		m->error = "archive inside a nested archive not read (one "
		    "level of nesting is read)";
		m->data = NULL;
		m->len = 0;
		w->stop = w->cb(m, w->arg) != 0;
		return;
	}
	r = each(w, m->name, m->data, m->len, depth + 1, &cause);
	if (r == -1) {
		m->error = cause;
		m->data = NULL;
		m->len = 0;
		w->stop = w->cb(m, w->arg) != 0;
	}
	free(cause);
}

static void
deliver(struct walk *w, const char *outer, struct entry *e, int depth)
{
	struct archive_member m;
	enum doc_format f;
	char *name;

	memset(&m, 0, sizeof(m));
	m.name = name = xasprintf("%s!%s", outer, e->path);
	if (e->problem != NULL) {
		m.error = e->problem;
		m.skipped = e->skipped;
		w->stop = w->cb(&m, w->arg) != 0;
	} else {
		m.data = e->data;
		m.len = e->len;
		f = sniff_format(e->path, e->data, e->len);
		if (f == DOC_ZIP || f == DOC_TAR)
			deliver_nested(w, &m, depth);
		else
			w->stop = w->cb(&m, w->arg) != 0;
	}
	free(name);
	free(e->data);
	e->data = NULL;
}

/* Deliver the sorted members, a batch of at most ARCHIVE_BATCH_BYTES at a
   time (at least one member per batch). */
static void
deliver_all(struct walk *w, const char *name, const unsigned char *data,
    size_t len, struct listing *l, int depth)
{
	struct entry **order;
	size_t i, k, m, sum;

	order = xreallocarray(NULL, l->n > 0 ? l->n : 1, sizeof(*order));
	for (i = 0; i < l->n; i++)
		order[i] = &l->v[i];
	qsort(order, l->n, sizeof(*order), cmp_entry);
	for (k = 0; k < l->n && !w->stop; k = m) {
		sum = 0;
		for (m = k; m < l->n && (m == k ||
		    sum + order[m]->size <= ARCHIVE_BATCH_BYTES); m++) {
			sum += order[m]->size;
			order[m]->want = 1;
		}
		read_batch(data, len, l, w);
		for (i = k; i < m; i++) {
			order[i]->want = 0;
			if (!w->stop)
				deliver(w, name, order[i], depth);
		}
	}
	free(order);
}

static int
each(struct walk *w, const char *name, const unsigned char *data,
    size_t len, int depth, char **cause)
{
	struct listing l;
	int r;

	memset(&l, 0, sizeof(l));
	if (list_entries(data, len, w->opts, &l, cause) != 0) {
		listing_free(&l);
		return -1;
	}
	deliver_all(w, name, data, len, &l, depth);
	r = 0;
	if (w->stop) {
		*cause = xstrdup("archive reading stopped");
		r = 1;
	} else if (l.error != NULL) {
		*cause = l.error;
		l.error = NULL;
		r = -1;
	} else if (w->over != NULL && depth == 0) {
		*cause = xstrdup(w->over);
		r = -1;
	}
	listing_free(&l);
	return r;
}

int
archive_each(const char *name, const unsigned char *data, size_t len,
    const struct extract_opts *opts, archive_member_cb *cb, void *arg,
    char **cause)
{
	struct walk w;
	int r;

	memset(&w, 0, sizeof(w));
	w.opts = opts;
	w.cb = cb;
	w.arg = arg;
	w.inlen = len;
	r = each(&w, name, data, len, 0, cause);
	free(w.over);
	return r;
}

int
archive_zip_member(const unsigned char *data, size_t len, const char *member,
    const struct extract_opts *opts, unsigned char **out, size_t *outlen,
    char **cause)
{
	struct walk w;
	struct archive *a;
	struct archive_entry *ae;
	const char *path;
	char *why = NULL;
	size_t size;
	int r;

	*out = NULL;
	*outlen = 0;
	if ((a = archive_open(data, len, 1, cause)) == NULL)
		return -1;
	for (;;) {
		if ((r = archive_read_next_header(a, &ae)) == ARCHIVE_EOF) {
			r = 0;
			break;
		}
		if (r < ARCHIVE_WARN) {
			*cause = xasprintf("corrupt zip: %s", errstr(a));
			r = -1;
			break;
		}
		if ((path = entry_path(ae)) == NULL || strcmp(path, member) != 0)
			continue;
		if (archive_entry_is_encrypted(ae)) {
			*cause = xstrdup("encrypted document (password-protected)");
			r = -1;
			break;
		}
		size = archive_entry_size_is_set(ae) && archive_entry_size(ae) >
		    0 ? (size_t)archive_entry_size(ae) : 0;
		if (opts->max_total_size != 0 && size > opts->max_total_size) {
			*cause = xasprintf("%s expands to more than %zu bytes",
			    member, opts->max_total_size);
			r = -1;
			break;
		}
		memset(&w, 0, sizeof(w));
		w.opts = opts;
		w.inlen = len;
		r = read_member(a, size, 0, &w, out, outlen, &why) == 0 ?
		    1 : -1;
		if (r == -1) {
			*cause = xasprintf("%s: %s", member, why);
			free(why);
		}
		free(w.over);
		break;
	}
	archive_read_free(a);
	return r;
}
