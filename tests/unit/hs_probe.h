/*
 * hs_probe.h -- for the unit tests of prefilter sources: does a Hyperscan
 * source match somewhere inside text[start, end), in byte mode and in
 * UTF-8 mode (the prefilter may compile a source in either)?  Included by
 * a test file after <hs.h> and util.h, under HAVE_HYPERSCAN.
 */
#ifndef PALINT_TEST_HS_PROBE_H
#define PALINT_TEST_HS_PROBE_H

static int
hs_probe_found(unsigned id, unsigned long long from, unsigned long long to,
    unsigned flags, void *arg)
{
	(void)id;
	(void)from;
	(void)to;
	(void)flags;
	*(int *)arg = 1;
	return 1;
}

/* flags: added to HS_FLAG_CASELESS, e.g. HS_FLAG_PREFILTER. */
static int
hs_probe_inside(const char *pf, unsigned flags, const char *text,
    size_t start, size_t end)
{
	static const unsigned modes[] = { 0, HS_FLAG_UTF8 | HS_FLAG_UCP };
	hs_database_t *db;
	hs_compile_error_t *ce;
	hs_scratch_t *scratch;
	size_t i;
	int found, all = 1;

	for (i = 0; i < nitems(modes); i++) {
		if (hs_compile(pf, HS_FLAG_CASELESS | flags | modes[i],
		    HS_MODE_BLOCK, NULL, &db, &ce) != HS_SUCCESS) {
			fprintf(stderr, "prefilter %s: %s\n", pf, ce->message);
			hs_free_compile_error(ce);
			return 0;
		}
		found = 0;
		scratch = NULL;
		if (hs_alloc_scratch(db, &scratch) == HS_SUCCESS)
			hs_scan(db, text + start, (unsigned)(end - start), 0,
			    scratch, hs_probe_found, &found);
		hs_free_scratch(scratch);
		hs_free_database(db);
		all = all && found;
	}
	return all;
}

#endif
