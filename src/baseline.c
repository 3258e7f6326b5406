/*
 * baseline.c -- an earlier objective-level report read back, and the
 * findings of new results it already holds marked known (baseline.h).
 *
 * Input: an XML report (parsed by xmlparse.c, walked as a tree) or a CSV
 * one (csvread.c), and the ruleset of this run: objectives and rules are
 * found by id, and ids the ruleset no longer has are ignored.  Output:
 * per baseline document the status of each objective and the conflict
 * rules that fired; then marks on hits and objective results.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "coverage.h"
#include "csvout.h"
#include "csvread.h"
#include "diff.h"
#include "fileio.h"
#include "rules.h"
#include "xmlparse.h"

struct bdoc {
	char		*path;
	char		*sha256;
	unsigned char	*has;		/* objective index: reported */
	enum status	*status;	/* objective index */
	unsigned char	*conflict;	/* rule index: the conflict fired */
};

struct baseline {
	const struct ruleset *rs;
	struct bdoc	*v;
	size_t		 n;
	size_t		 cap;
};

static struct bdoc *
bdoc_add(struct baseline *b, const char *path, const char *sha256)
{
	struct bdoc *d;

	GROW(b->v, b->cap, b->n + 1);
	d = &b->v[b->n++];
	d->path = xstrdup(path);
	d->sha256 = xstrdup(sha256 != NULL ? sha256 : "");
	d->has = xcalloc(b->rs->nobjectives + 1, 1);
	d->status = xcalloc(b->rs->nobjectives + 1, sizeof(*d->status));
	d->conflict = xcalloc(b->rs->nrules + 1, 1);
	return d;
}

/* Every status has a name; status_name() says "unknown" past the last. */
static int
parse_status(const char *s, enum status *st)
{
	int i;

	for (i = 0; s != NULL && strcmp(status_name((enum status)i),
	    "unknown") != 0; i++)
		if (strcmp(s, status_name((enum status)i)) == 0) {
			*st = (enum status)i;
			return 0;
		}
	return -1;
}

static void
note_objective(struct baseline *b, struct bdoc *d, const char *id,
    const char *status)
{
	const struct objective *o;
	enum status st;

	if (id == NULL || (o = ruleset_find_objective(b->rs, id)) == NULL ||
	    parse_status(status, &st) != 0)
		return;
	d->has[o->index] = 1;
	d->status[o->index] = st;
}

static void
note_conflict(struct baseline *b, struct bdoc *d, const char *id)
{
	const struct rule *r;

	if (id != NULL && (r = ruleset_find_rule(b->rs, id)) != NULL &&
	    r->kind == RULE_CONFLICT)
		d->conflict[r->index] = 1;
}

/* XML: the attribute's value (caller frees with xmlFree), or NULL. */
static char *
prop(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static int
named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static void
xml_objective(struct baseline *b, struct bdoc *d, xmlNodePtr o)
{
	xmlNodePtr h;
	char *id, *status, *kind, *rule;

	id = prop(o, "id");
	status = prop(o, "status");
	note_objective(b, d, id, status);
	xmlFree(id);
	xmlFree(status);
	for (h = o->children; h != NULL; h = h->next) {
		if (!named(h, "hit"))
			continue;
		kind = prop(h, "kind");
		rule = prop(h, "rule");
		if (kind != NULL && strcmp(kind, "conflict") == 0)
			note_conflict(b, d, rule);
		xmlFree(kind);
		xmlFree(rule);
	}
}

static void
xml_document(struct baseline *b, xmlNodePtr n)
{
	struct bdoc *d;
	xmlNodePtr a, o;
	char *path, *sha, *status;

	path = prop(n, "path");
	sha = prop(n, "sha256");
	status = prop(n, "status");
	if (path != NULL && status != NULL && strcmp(status, "ok") == 0) {
		d = bdoc_add(b, path, sha);
		for (a = n->children; a != NULL; a = a->next)
			for (o = named(a, "area") ? a->children : NULL;
			    o != NULL; o = o->next)
				if (named(o, "objective"))
					xml_objective(b, d, o);
	}
	xmlFree(path);
	xmlFree(sha);
	xmlFree(status);
}

static int
load_xml(struct baseline *b, const char *path, const unsigned char *data,
    size_t len, char **cause)
{
	struct xmlparse_opts opts = { XMLPARSE_NOBLANKS | XMLPARSE_NODOCTYPE,
	    0, "reports", NULL, NULL };
	xmlDocPtr doc;
	xmlNodePtr root, n;
	char *level, *why = NULL;
	int ok;

	if ((doc = xmlparse_xml(data, len, &opts, &why)) == NULL) {
		*cause = xasprintf("%s: %s", path, why);
		free(why);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	level = root != NULL && named(root, "report") ? prop(root, "level") :
	    NULL;
	ok = level != NULL && strcmp(level, "objective") == 0;
	xmlFree(level);
	if (!ok) {
		*cause = xasprintf("%s: not an objective-level palint report",
		    path);
		xmlFreeDoc(doc);
		return -1;
	}
	for (n = root->children; n != NULL; n = n->next)
		if (named(n, "document"))
			xml_document(b, n);
	xmlFreeDoc(doc);
	return 0;
}

/* CSV: the column named name in the header, or -1. */
static int
column(const struct csvrecord *h, const char *name)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (strcmp(h->f[i], name) == 0)
			return (int)i;
	return -1;
}

/*
 * The conflict rules of an objective row: "conflict: ID; ID" in the
 * message, which is the whole message (coverage model 1) or follows the
 * reason for a gap after "; " (model 2).  A report of model 2 also has a
 * conflicts column; a row where it is 0 has none, whatever the message.
 */
static void
csv_conflicts(struct baseline *b, struct bdoc *d, const char *msg,
    const char *count)
{
	const char *at;
	char *s, *p, *tok, *save = NULL;

	if (count != NULL && (count[0] == '\0' || strcmp(count, "0") == 0))
		return;
	if (strncmp(msg, "conflict: ", 10) == 0)
		at = msg;
	else if ((at = strstr(msg, "; conflict: ")) != NULL)
		at += 2;
	else
		return;
	s = xstrdup(at + 10);
	for (p = s; (tok = strtok_r(p, "; ", &save)) != NULL; p = NULL)
		note_conflict(b, d, tok);
	free(s);
}

static int
load_csv(struct baseline *b, const char *path, char **cause)
{
	static const char *const need[] = { "document", "sha256",
	    "objective", "status", "message" };
	struct csvfile cf;
	struct csvrecord *r;
	struct bdoc *d = NULL;
	int col[5], ncol;
	const char *doc;
	size_t i;

	if (csvread_file(path, &cf, cause) != 0) {
		csvread_free(&cf);
		return -1;
	}
	for (i = 0; i < nitems(need); i++)
		if (cf.n == 0 || (col[i] = column(&cf.v[0], need[i])) < 0) {
			*cause = xasprintf("%s:1: not an objective-level palint "
			    "report (no %s column)", path, need[i]);
			csvread_free(&cf);
			return -1;
		}
	ncol = column(&cf.v[0], "conflicts");
	for (i = 1; i < cf.n; i++) {
		r = &cf.v[i];
		if (r->n != cf.v[0].n)
			continue;
		doc = csvout_unneutral(r->f[col[0]]);
		if (strcmp(r->f[col[3]], "error") == 0)
			continue;
		if (d == NULL || strcmp(d->path, doc) != 0)
			d = bdoc_add(b, doc, r->f[col[1]]);
		note_objective(b, d, r->f[col[2]], r->f[col[3]]);
		csv_conflicts(b, d, r->f[col[4]], ncol >= 0 ? r->f[ncol] :
		    NULL);
	}
	csvread_free(&cf);
	return 0;
}

struct baseline *
baseline_load(const char *path, const struct ruleset *rs, char **cause)
{
	struct baseline *b;
	unsigned char *data;
	char *why = NULL;
	size_t len, i;
	int rc;

	if ((data = file_read(path, 0, 0, &len, &why)) == NULL) {
		*cause = xasprintf("%s: %s", path, why);
		free(why);
		return NULL;
	}
	b = xcalloc(1, sizeof(*b));
	b->rs = rs;
	for (i = 0; i < len && (data[i] == ' ' || data[i] == '\n' ||
	    data[i] == '\r' || data[i] == '\t'); i++)
		;
	if (i < len && data[i] == '<')
		rc = load_xml(b, path, data, len, cause);
	else
		rc = load_csv(b, path, cause);
	free(data);
	if (rc != 0) {
		baseline_free(b);
		return NULL;
	}
	return b;
}

void
baseline_free(struct baseline *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++) {
		free(b->v[i].path);
		free(b->v[i].sha256);
		free(b->v[i].has);
		free(b->v[i].status);
		free(b->v[i].conflict);
	}
	free(b->v);
	free(b);
}

/* The baseline's document: the same path, else the same bytes. */
static const struct bdoc *
bdoc_find(const struct baseline *b, const struct docresult *dr)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (strcmp(b->v[i].path, dr->path) == 0)
			return &b->v[i];
	for (i = 0; dr->sha256[0] != '\0' && i < b->n; i++)
		if (strcmp(b->v[i].sha256, dr->sha256) == 0)
			return &b->v[i];
	return NULL;
}

/* Its conflict hits marked; whether they are all known. */
static int
mark_conflicts(const struct bdoc *d, struct docresult *dr,
    const struct objective *o)
{
	struct hit *h;
	size_t i;
	int all = 1;

	for (i = 0; i < dr->nhits; i++) {
		h = &dr->hits[i];
		if (h->rule->objective != o || h->rule->kind != RULE_CONFLICT)
			continue;
		h->known = d->conflict[h->rule->index];
		all &= h->known;
	}
	return all;
}

void
baseline_apply(const struct baseline *b, struct docresult *dr)
{
	const struct bdoc *d;
	struct objective_result *or;
	size_t i, k;
	int conflicts;

	if (b == NULL || !dr->ok || (d = bdoc_find(b, dr)) == NULL)
		return;
	for (i = 0; i < dr->nobjectives; i++) {
		or = &dr->objectives[i];
		k = or->objective->index;
		conflicts = mark_conflicts(d, dr, or->objective);
		or->known = d->has[k] && conflicts &&
		    !diff_status_worse(d->status[k], or->status);
	}
}
