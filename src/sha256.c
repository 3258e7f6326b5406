/*
 * sha256.c -- document and ruleset digests, through nettle.
 */
#include "config.h"

#include <nettle/sha2.h>
#include <stdint.h>
#include <stdlib.h>
#include <xxhash.h>

#include "util.h"

struct sha256_run {
	struct sha256_ctx ctx;
};

static void
digest_hex(struct sha256_ctx *ctx, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_digest(ctx, sizeof(d), d);
	for (i = 0; i < sizeof(d); i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

void
sha256_hex(const void *p, size_t n, char out[65])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, n, p);
	digest_hex(&ctx, out);
}

struct sha256_run *
sha256_begin(void)
{
	struct sha256_run *r;

	r = xmalloc(sizeof(*r));
	sha256_init(&r->ctx);
	return r;
}

void
sha256_add(struct sha256_run *r, const void *p, size_t n)
{
	sha256_update(&r->ctx, n, p);
}

void
sha256_end(struct sha256_run *r, char out[65])
{
	digest_hex(&r->ctx, out);
	free(r);
}

/*
 * A 64-bit checksum: xxHash's XXH3, which reads many gigabytes a second,
 * for data that only has to show an accidental change (a truncated or
 * damaged cache file), not resist a forger.
 */
uint64_t
checksum64(const void *p, size_t n)
{
	return XXH3_64bits(p, n);
}

void
checksum64_hex(const void *p, size_t n, char out[17])
{
	static const char hex[] = "0123456789abcdef";
	uint64_t	 h = checksum64(p, n);
	int		 k;

	for (k = 0; k < 16; k++)
		out[k] = hex[(h >> (60 - 4 * k)) & 15];
	out[16] = '\0';
}
