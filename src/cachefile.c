/*
 * cachefile.c -- the location, naming and framing shared by palint's cache
 * files (cachefile.h).
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cachefile.h"
#include "outfile.h"
#include "util.h"

/* The GNU build id of the executable in hex; "" when it has none. */
static char build_id[2 * 64 + 1];
static pthread_once_t build_id_once = PTHREAD_ONCE_INIT;

/* The NT_GNU_BUILD_ID note among the notes of [p, end), if any. */
static void
build_id_from_notes(const unsigned char *p, const unsigned char *end)
{
	static const char hex[] = "0123456789abcdef";
	ElfW(Nhdr)	 nh;
	size_t		 off, i;

	while ((size_t)(end - p) >= sizeof(nh)) {
		memcpy(&nh, p, sizeof(nh));
		off = sizeof(nh) + ((nh.n_namesz + 3) & ~3U);
		if ((size_t)(end - p) < off + nh.n_descsz)
			return;
		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
		    memcmp(p + sizeof(nh), "GNU", 4) == 0 &&
		    nh.n_descsz > 0 && nh.n_descsz <= 64) {
			for (i = 0; i < nh.n_descsz; i++) {
				build_id[2 * i] = hex[p[off + i] >> 4];
				build_id[2 * i + 1] = hex[p[off + i] & 15];
			}
			build_id[2 * i] = '\0';
			return;
		}
		p += off + ((nh.n_descsz + 3) & ~3U);
	}
}

/* The first object dl_iterate_phdr() reports is the executable. */
static int
build_id_phdr(struct dl_phdr_info *info, size_t size, void *arg)
{
	const ElfW(Phdr) *ph;
	const unsigned char *p;
	int		 i;

	(void)size;
	(void)arg;
	for (i = 0; i < info->dlpi_phnum && build_id[0] == '\0'; i++) {
		ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
		build_id_from_notes(p, p + ph->p_memsz);
	}
	return 1;
}

static void
build_id_load(void)
{
	(void)dl_iterate_phdr(build_id_phdr, NULL);
}

const char *
cachefile_build_id(void)
{
	pthread_once(&build_id_once, build_id_load);
	return build_id[0] != '\0' ? build_id : NULL;
}

char *
cachefile_dir(const char *cache_dir)
{
	const char	*s;

	if (cache_dir != NULL)
		return *cache_dir != '\0' ? xstrdup(cache_dir) : NULL;
	s = getenv("XDG_CACHE_HOME");
	if (s != NULL && *s == '/')
		return xasprintf("%s/palint", s);
	s = getenv("HOME");
	if (s != NULL && *s == '/')
		return xasprintf("%s/.cache/palint", s);
	return NULL;
}

void
cachefile_mkdirs(const char *path)
{
	char	*tmp, *s;

	tmp = xstrdup(path);
	for (s = tmp + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		(void)mkdir(tmp, 0700);
		*s = '/';
	}
	free(tmp);
}

/*
 * Mapping instead of reading saves copying megabytes into fresh memory,
 * most of which a short run may never look at again.  A cache file is
 * never rewritten in place, only replaced by a rename, so the mapping
 * keeps the bytes that were checked.
 */
unsigned char *
cachefile_map(const char *path, size_t *len)
{
	struct stat	 st;
	void		*p;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) ==
	    -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size <= 0 || st.st_size > INT_MAX) {
		close(fd);
		return NULL;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return p;
}

void
cachefile_unmap(unsigned char *buf, size_t len)
{
	if (buf != NULL)
		(void)munmap(buf, len);
}

/*
 * The checksum is there to catch a truncated or damaged file before
 * anything in it is believed.  It is no defence against an attacker, who
 * could as well write a consistent file into the user's own cache; it has
 * to make an accidental change show and to cost little next to the
 * megabytes it covers, so it is a fast non-cryptographic sum.
 */
/* magic, then the fields in a row, through a temporary file and a
   rename. */
static int
write_fields(const char *path, const char *magic, const void *const *field,
    const size_t *fieldlen, size_t nfields)
{
	struct outfile	 of;
	char		*cause = NULL;
	size_t		 i;

	cachefile_mkdirs(path);
	if (outfile_open_private(&of, path, &cause) == -1) {
		free(cause);
		return -1;
	}
	fwrite(magic, 1, CACHEFILE_MAGICLEN, of.fp);
	for (i = 0; i < nfields; i++)
		if (fieldlen[i] > 0)
			fwrite(field[i], 1, fieldlen[i], of.fp);
	if (outfile_commit(&of, &cause) == -1) {
		free(cause);
		return -1;
	}
	return 0;
}

int
cachefile_write(const char *path, const char *magic, const void *body,
    size_t len)
{
	char		 sum[CACHEFILE_SUMLEN + 1];
	const void	*field[2] = { sum, body };
	size_t		 fieldlen[2] = { CACHEFILE_SUMLEN, len };

	checksum64_hex(body, len, sum);
	return write_fields(path, magic, field, fieldlen, 2);
}

int
cachefile_write_split(const char *path, const char *magic, const void *head,
    size_t headlen, const void *tail, size_t taillen)
{
	char		 sum[CACHEFILE_SUMLEN + 1], hlen[CACHEFILE_SUMLEN + 1];
	const void	*field[4] = { sum, hlen, head, tail };
	size_t		 fieldlen[4] = { CACHEFILE_SUMLEN, CACHEFILE_SUMLEN,
			    headlen, taillen };

	checksum64_hex(head, headlen, sum);
	(void)snprintf(hlen, sizeof(hlen), "%016llx",
	    (unsigned long long)headlen);
	return write_fields(path, magic, field, fieldlen, 4);
}

const unsigned char *
cachefile_body(const unsigned char *buf, size_t len, const char *magic,
    size_t *bodylen)
{
	char	 sum[CACHEFILE_SUMLEN + 1];

	if (buf == NULL || len < CACHEFILE_HEADLEN ||
	    memcmp(buf, magic, CACHEFILE_MAGICLEN) != 0)
		return NULL;
	checksum64_hex(buf + CACHEFILE_HEADLEN, len - CACHEFILE_HEADLEN, sum);
	if (memcmp(sum, buf + CACHEFILE_MAGICLEN, CACHEFILE_SUMLEN) != 0)
		return NULL;
	*bodylen = len - CACHEFILE_HEADLEN;
	return buf + CACHEFILE_HEADLEN;
}

const unsigned char *
cachefile_split(const unsigned char *buf, size_t len, const char *magic,
    size_t *headlen, const unsigned char **tail, size_t *taillen)
{
	char		 sum[CACHEFILE_SUMLEN + 1], hlen[CACHEFILE_SUMLEN + 1];
	const unsigned char *head = buf + CACHEFILE_HEADLEN + CACHEFILE_SUMLEN;
	unsigned long long n;

	if (buf == NULL || len < CACHEFILE_HEADLEN + CACHEFILE_SUMLEN ||
	    memcmp(buf, magic, CACHEFILE_MAGICLEN) != 0)
		return NULL;
	memcpy(hlen, buf + CACHEFILE_HEADLEN, CACHEFILE_SUMLEN);
	hlen[CACHEFILE_SUMLEN] = '\0';
	if (strspn(hlen, "0123456789abcdef") != CACHEFILE_SUMLEN)
		return NULL;
	n = strtoull(hlen, NULL, 16);
	if (n > len - (size_t)(head - buf))
		return NULL;
	checksum64_hex(head, (size_t)n, sum);
	if (memcmp(sum, buf + CACHEFILE_MAGICLEN, CACHEFILE_SUMLEN) != 0)
		return NULL;
	*headlen = (size_t)n;
	*tail = head + n;
	*taillen = len - (size_t)(*tail - buf);
	return head;
}

void
cachereader_bytes(struct cachereader *r, void *out, size_t n)
{
	if (r->bad || r->left < n) {
		r->bad = 1;
		memset(out, 0, n);
		return;
	}
	memcpy(out, r->p, n);
	r->p += n;
	r->left -= n;
}

uint32_t
cachereader_u32(struct cachereader *r)
{
	uint32_t	 u;

	cachereader_bytes(r, &u, sizeof(u));
	return u;
}
