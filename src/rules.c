/*
 * rules.c -- stage 1: rule files (XML) to a struct ruleset.
 *
 * Input: rule files given as paths, folders or in-memory sources.  Each is
 * parsed by xmlparse.c under its one safety policy (no network, no DTD
 * loading, no entity substitution), and a DOCTYPE is refused outright, so
 * neither entity expansion nor external entities can happen.  The document
 * is validated against the embedded RELAX NG schema, then added to the
 * ruleset: a later file may re-open an area or objective by repeating its
 * id.
 *
 * Output: a struct ruleset (model.h) with every pattern's regex and
 * prefilter source, back pointers and flat indexes, but no compiled code.
 * Every problem found in any file is appended to the errlist as
 * "path:line: message"; if there is one, the result is NULL.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "compile.h"
#include "embedded.h"
#include "fileio.h"
#include "patsrc.h"
#include "prefilter.h"
#include "rules.h"
#include "term.h"
#include "util.h"
#include "xmlparse.h"

#define DEFAULT_MIN_RULES	2
#define MAX_MIN_RULES		10000

/* State of one load: the ruleset being built and where errors go. */
struct loader {
	struct ruleset	*rs;
	struct errlist	*errs;
	const char	*file;		/* current file, as in rs->files */
	xmlRelaxNGPtr	 schema;
	char		*lasterr;	/* to drop repeated validity errors */
	int		 validating;
	char		*unlocated;	/* first validity error with no line */
	struct sha256_run *bytes;	/* every source loaded, in order */
	unsigned	*flangs;	/* the file's languages=, as indexes
					   in rs->languages; the first is its
					   default */
	size_t		 nflangs;
	int		 defer;		/* leave built-in terms untranslated */
	int		 builtin;	/* loading the built-in rules */
	int		 scan;		/* the built-in rules' scan copy */
};

static void
lerr(struct loader *ld, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Add "file:line: message" (or "file: message" when line is unknown). */
static void
lerr(struct loader *ld, long line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (line > 0)
		errlist_add(ld->errs, "%s:%ld: %s", ld->file, line, msg);
	else
		errlist_add(ld->errs, "%s: %s", ld->file, msg);
	free(msg);
}

/* Add a message unless it repeats the one just added. */
static void
note_error(struct loader *ld, long line, char *msg)
{
	if (ld->lasterr == NULL || strcmp(ld->lasterr, msg) != 0)
		lerr(ld, line, "%s", msg);
	free(ld->lasterr);
	ld->lasterr = msg;
}

/*
 * A validation error as one of ours; warnings are not errors.  The
 * validator follows a located message with unlocated summaries ("Element
 * area failed to validate attributes"): those are kept aside and shown
 * only when nothing else explains the failure.
 */
static void
xml_error(struct loader *ld, const xmlError *e)
{
	char *msg;
	size_t n;
	long line;

	if (e->level == XML_ERR_WARNING || e->message == NULL)
		return;
	msg = xstrdup(e->message);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	line = e->line;
	if (line <= 0 && e->node != NULL)
		line = xmlGetLineNo(e->node);
	if (line <= 0 && ld->validating) {
		if (ld->unlocated == NULL)
			ld->unlocated = msg;
		else
			free(msg);
		return;
	}
	note_error(ld, line, msg);
}

static void
parse_error(void *arg, long line, const char *msg)
{
	note_error(arg, line, xstrdup(msg));
}

static void
valid_error(void *arg, xmlErrorPtr e)
{
	xml_error(arg, e);
}

/*
 * Parse one source; NULL (errors reported) unless well-formed.  Rule files
 * need no DOCTYPE: refusing them all keeps entity expansion and external
 * entities out without relying on parser limits.  NOBLANKS drops the
 * indentation between elements: half the allocations of the tree; COMPACT
 * keeps short texts inside their nodes, fewer of the rest.
 */
static xmlDocPtr
parse_source(struct loader *ld, const struct rule_source *src)
{
	struct xmlparse_opts xo;
	xmlDocPtr doc;
	size_t nerr = ld->errs->n;
	char *cause = NULL;

	/* An empty buffer has no first line to blame. */
	if (src->len == 0) {
		lerr(ld, 0, "empty file");
		return NULL;
	}
	memset(&xo, 0, sizeof(xo));
	xo.flags = XMLPARSE_NOBLANKS | XMLPARSE_NODOCTYPE | XMLPARSE_COMPACT;
	xo.vocabulary = "rule files";
	xo.error = parse_error;
	xo.arg = ld;
	doc = xmlparse_xml(src->data, src->len, &xo, &cause);
	if (doc == NULL && ld->errs->n == nerr)
		lerr(ld, 0, "%s", cause);
	free(cause);
	return doc;
}

static xmlRelaxNGPtr
schema_load(void)
{
	xmlRelaxNGParserCtxtPtr pctxt;
	xmlRelaxNGPtr schema;

	pctxt = xmlRelaxNGNewMemParserCtxt(embedded_rules_rng,
	    (int)embedded_rules_rng_len);
	if (pctxt == NULL)
		fatal("cannot read the embedded rule schema");
	xmlRelaxNGSetParserStructuredErrors(pctxt, NULL, NULL);
	schema = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	if (schema == NULL)
		fatal("the embedded rule schema does not compile");
	return schema;
}

static int
validate(struct loader *ld, xmlDocPtr doc)
{
	xmlRelaxNGValidCtxtPtr vctxt;
	size_t nerr = ld->errs->n;
	int rc;

	if ((vctxt = xmlRelaxNGNewValidCtxt(ld->schema)) == NULL)
		fatal("cannot create a RELAX NG validation context");
	xmlRelaxNGSetValidStructuredErrors(vctxt, valid_error, ld);
	ld->validating = 1;
	rc = xmlRelaxNGValidateDoc(vctxt, doc);
	ld->validating = 0;
	xmlRelaxNGFreeValidCtxt(vctxt);
	if (rc != 0 && ld->errs->n == nerr)
		lerr(ld, 0, "%s", ld->unlocated != NULL ? ld->unlocated :
		    "does not match the rule file schema");
	free(ld->unlocated);
	ld->unlocated = NULL;
	free(ld->lasterr);
	ld->lasterr = NULL;
	return rc == 0 ? 0 : -1;
}

/* An attribute as our own string, or NULL when absent. */
static char *
attr(xmlNodePtr n, const char *name)
{
	xmlChar *v;
	char *s;

	if ((v = xmlGetProp(n, (const xmlChar *)name)) == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static int
attr_is(xmlNodePtr n, const char *name, const char *value)
{
	char *v = attr(n, name);
	int eq = v != NULL && strcmp(v, value) == 0;

	free(v);
	return eq;
}

/*
 * All the text inside n.  Nearly every element holds one text node: its
 * bytes are copied straight, without xmlNodeGetContent()'s buffer.
 */
static char *
text_of(xmlNodePtr n)
{
	xmlChar *v;
	char *s;

	if (n->children != NULL && n->children->next == NULL &&
	    n->children->type == XML_TEXT_NODE &&
	    n->children->content != NULL)
		return xstrdup((const char *)n->children->content);
	if ((v = xmlNodeGetContent(n)) == NULL)
		return xstrdup("");
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* Text with runs of white space folded to one space, ends trimmed: for
   descriptions, which are wrapped in the file. */
static char *
folded_text_of(xmlNodePtr n)
{
	char *s = text_of(n), *r, *w;
	int space = 0;

	for (r = w = s; *r != '\0'; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
			space = 1;
		else {
			if (space && w != s)
				*w++ = ' ';
			space = 0;
			*w++ = *r;
		}
	}
	*w = '\0';
	return s;
}

static int
is_elem(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static long
line_of(xmlNodePtr n)
{
	return xmlGetLineNo(n);
}

static enum scope
scope_parse(xmlNodePtr n)
{
	char *v = attr(n, "scope");
	enum scope s = SCOPE_SENTENCE;

	if (v != NULL) {
		if (strcmp(v, "paragraph") == 0)
			s = SCOPE_PARAGRAPH;
		else if (strcmp(v, "section") == 0)
			s = SCOPE_SECTION;
		else if (strcmp(v, "document") == 0)
			s = SCOPE_DOCUMENT;
		else if (strcmp(v, "clause") == 0)
			s = SCOPE_CLAUSE;
	}
	free(v);
	return s;
}

/* The index of a language in the ruleset, or nlanguages. */
static size_t
language_index(const struct ruleset *rs, const char *code)
{
	size_t i;

	for (i = 0; i < rs->nlanguages; i++)
		if (strcasecmp(rs->languages[i], code) == 0)
			break;
	return i;
}

/* The file's language of this code, as a ruleset index; -1 when the
   file's languages= does not name it. */
static long
file_language(const struct loader *ld, const char *code)
{
	size_t i, k = language_index(ld->rs, code);

	for (i = 0; i < ld->nflangs; i++)
		if (ld->flangs[i] == k)
			return (long)k;
	return -1;
}

/* The language an xml:lang attribute names, as lang_of() says. */
static unsigned
lang_named(const struct loader *ld, xmlAttrPtr a)
{
	xmlChar *v;
	long k;

	if (a->children != NULL && a->children->next == NULL &&
	    a->children->type == XML_TEXT_NODE &&
	    a->children->content != NULL)
		k = file_language(ld, (const char *)a->children->content);
	else {
		v = xmlNodeGetContent((xmlNodePtr)a);
		k = v != NULL ? file_language(ld, (const char *)v) : -1;
		xmlFree(v);
	}
	return k >= 0 ? (unsigned)k : ld->flangs[0];
}

static xmlAttrPtr
xml_lang(xmlNodePtr n)
{
	return xmlHasNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);
}

/*
 * The language in effect at n: its xml:lang or an ancestor's, else the
 * file's default.  An xml:lang the file does not declare has been
 * reported where it stands (check_xml_langs); the default stands in.
 */
static unsigned
lang_of(const struct loader *ld, xmlNodePtr n)
{
	xmlAttrPtr a;

	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if ((a = xml_lang(n)) != NULL)
			return lang_named(ld, a);
	return ld->flangs[0];
}

/* The language of c, a child of an element whose language is base. */
static unsigned
child_lang(const struct loader *ld, xmlNodePtr c, unsigned base)
{
	xmlAttrPtr a;

	return (a = xml_lang(c)) != NULL ? lang_named(ld, a) : base;
}

/* Every xml:lang of the file must be one of its languages=. */
static void
check_xml_langs(struct loader *ld, xmlNodePtr n)
{
	xmlChar *v;
	struct strbuf sb = { NULL, 0, 0 };
	size_t i;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		v = xmlGetNsProp(n, (const xmlChar *)"lang",
		    XML_XML_NAMESPACE);
		if (v != NULL && file_language(ld, (const char *)v) < 0) {
			for (i = 0; i < ld->nflangs; i++)
				strbuf_addf(&sb, "%s%s", i > 0 ? " " : "",
				    ld->rs->languages[ld->flangs[i]]);
			lerr(ld, line_of(n), "<%s>: xml:lang \"%s\" is not "
			    "one of the file's languages (languages=\"%s\")",
			    (const char *)n->name, (const char *)v, sb.s);
			strbuf_free(&sb);
			memset(&sb, 0, sizeof(sb));
		}
		xmlFree(v);
		check_xml_langs(ld, n->children);
	}
}

static int
is_pattern(xmlNodePtr c)
{
	return is_elem(c, "term") || is_elem(c, "regex") ||
	    is_elem(c, "concept");
}

/* Room in pl for the patterns among n's children, made at once: a
   vocabulary may hold hundreds. */
static void
patlist_reserve(struct patlist *pl, xmlNodePtr n)
{
	xmlNodePtr c;
	size_t k = 0;

	for (c = n->children; c != NULL; c = c->next)
		k += is_pattern(c);
	if (k > 0)
		pl->v = xreallocarray(pl->v, pl->n + k, sizeof(*pl->v));
}

/* Append a zeroed pattern to pl, which has room (patlist_reserve). */
static struct pattern *
patlist_add(struct patlist *pl)
{
	struct pattern *p;

	p = &pl->v[pl->n++];
	memset(p, 0, sizeof(*p));
	return p;
}

static void
load_term(struct loader *ld, xmlNodePtr n, struct pattern *p,
    const char *what)
{
	char *cause;

	p->is_term = 1;
	/* The built-in rules are known to translate (the test suite checks
	   them): when only scanning, each is translated when first needed
	   (patsrc.h). */
	if (ld->defer && ld->builtin) {
		p->deferred = 1;
		return;
	}
	/* In its language's morphology (term.h). */
	if (term_to_regex_lang(p->source, ld->rs->languages[p->lang],
	    &p->regex, &p->prefilter, &cause) != 0) {
		lerr(ld, p->line, "%sbad term \"%s\": %s", what, p->source,
		    cause);
		free(cause);
	}
}

static void
load_regex(struct loader *ld, xmlNodePtr n, struct pattern *p,
    const char *what)
{
	p->case_sensitive = attr_is(n, "case", "sensitive");
	if (p->source[strspn(p->source, " \t\r\n")] == '\0') {
		lerr(ld, p->line, "%sempty regex", what);
		return;
	}
	/* Like a built-in term: the test suite compiles them all. */
	if (ld->defer && ld->builtin) {
		p->deferred = 1;
		return;
	}
	p->regex = patsrc_regex(p->source);
	p->prefilter = regex_to_prefilter(p->regex);
}

/* A <concept ref=.../>: its regex and prefilter come once every file is
   loaded, when all vocabularies are known (resolve_concepts). */
static void
load_concept(xmlNodePtr n, struct pattern *p)
{
	p->is_concept = 1;
	p->source = attr(n, "ref");
	if (p->source == NULL)
		p->source = xstrdup("");
}

/*
 * The <term>, <regex> and <concept> children of n, appended to pl.  what
 * prefixes messages ("rule ID: ").  A term is trimmed; a regex is kept as
 * written.
 */
static void
load_patterns(struct loader *ld, xmlNodePtr n, struct patlist *pl,
    const char *what)
{
	struct pattern *p;
	xmlNodePtr c;
	unsigned base = lang_of(ld, n);

	patlist_reserve(pl, n);
	for (c = n->children; c != NULL; c = c->next) {
		if (!is_pattern(c))
			continue;
		p = patlist_add(pl);
		p->file = ld->file;
		p->line = (int)line_of(c);
		p->lang = child_lang(ld, c, base);
		if (is_elem(c, "term")) {
			p->source = folded_text_of(c);
			load_term(ld, c, p, what);
		} else if (is_elem(c, "concept"))
			load_concept(c, p);
		else {
			p->source = text_of(c);
			load_regex(ld, c, p, what);
		}
	}
}

#define MAX_WITHIN	10000

/* within: a positive number of words, or 0 when absent. */
static unsigned
within_parse(struct loader *ld, xmlNodePtr n, const char *what)
{
	char *v = attr(n, "within"), *end;
	long w;

	if (v == NULL)
		return 0;
	errno = 0;
	w = strtol(v, &end, 10);
	if (v[0] < '0' || v[0] > '9' || *end != '\0' || errno != 0 ||
	    w < 1 || w > MAX_WITHIN) {
		lerr(ld, line_of(n), "%swithin must be a number of words from "
		    "1 to %d, not \"%s\"", what, MAX_WITHIN, v);
		w = 0;
	}
	free(v);
	return (unsigned)w;
}

/* <all> or <near>: a group of patterns found together. */
static void
load_group(struct loader *ld, xmlNodePtr n, struct rule *r, const char *what)
{
	struct group *g;
	size_t i;

	r->groups = xreallocarray(r->groups, r->ngroups + 1,
	    sizeof(*r->groups));
	g = &r->groups[r->ngroups++];
	memset(g, 0, sizeof(*g));
	g->scope = scope_parse(n);
	g->line = (int)line_of(n);
	g->near = is_elem(n, "near");
	g->within = within_parse(ld, n, what);
	load_patterns(ld, n, &g->pats, what);
	g->lang = g->pats.n > 0 ? g->pats.v[0].lang : lang_of(ld, n);
	for (i = 1; i < g->pats.n; i++)
		if (g->pats.v[i].lang != g->lang) {
			lerr(ld, g->pats.v[i].line, "%sthe patterns of <%s> "
			    "must share one language (%s here, %s before)",
			    what, g->near ? "near" : "all",
			    ld->rs->languages[g->pats.v[i].lang],
			    ld->rs->languages[g->lang]);
			break;
		}
}

static void
load_unless(struct loader *ld, xmlNodePtr n, struct rule *r,
    const char *what)
{
	struct exception *x;

	r->unless = xreallocarray(r->unless, r->nunless + 1,
	    sizeof(*r->unless));
	x = &r->unless[r->nunless++];
	memset(x, 0, sizeof(*x));
	x->scope = scope_parse(n);
	x->line = (int)line_of(n);
	x->lang = lang_of(ld, n);
	load_patterns(ld, n, &x->pats, what);
}

static void
load_example(struct loader *ld, xmlNodePtr n, struct rule *r)
{
	struct example *e;

	r->examples = xreallocarray(r->examples, r->nexamples + 1,
	    sizeof(*r->examples));
	e = &r->examples[r->nexamples++];
	e->text = text_of(n);
	e->hit = attr_is(n, "hit", "yes");
	e->line = (int)line_of(n);
	e->lang = lang_of(ld, n);
}

/* The children of a <rule>, or of a <variant> in it, in file order; a
   <variant> only sets the language of what it holds. */
static void
load_rule_part(struct loader *ld, xmlNodePtr n, struct rule *r,
    const char *what)
{
	xmlNodePtr c;

	load_patterns(ld, n, &r->pats, what);
	for (c = n->children; c != NULL; c = c->next) {
		if (is_elem(c, "description"))
			r->description = folded_text_of(c);
		else if (is_elem(c, "all") || is_elem(c, "near"))
			load_group(ld, c, r, what);
		else if (is_elem(c, "unless"))
			load_unless(ld, c, r, what);
		else if (is_elem(c, "example"))
			load_example(ld, c, r);
		else if (is_elem(c, "variant"))
			load_rule_part(ld, c, r, what);
	}
}

static void
load_rule_body(struct loader *ld, xmlNodePtr n, struct rule *r)
{
	char *what = xasprintf("rule %s: ", r->id);

	load_rule_part(ld, n, r, what);
	free(what);
}

/* Checks on a rule that the schema cannot make. */
static void
check_rule(struct loader *ld, const struct objective *o, const struct rule *r,
    int replacing)
{
	const struct rule *first;
	size_t i, len = strlen(o->id);
	int yes = 0, no = 0;

	if (!replacing && (first = ruleset_find_rule(ld->rs, r->id)) != NULL)
		lerr(ld, r->line, "rule %s: already defined at %s:%d (replace="
		    "\"yes\" replaces it)", r->id, first->file, first->line);
	if (strncasecmp(r->id, o->id, len) != 0 || r->id[len] != '.' ||
	    r->id[len + 1] == '\0')
		lerr(ld, r->line, "rule %s: id must start with its objective "
		    "id \"%s.\"", r->id, o->id);
	for (i = 0; i < r->nexamples; i++) {
		if (r->examples[i].hit)
			yes = 1;
		else
			no = 1;
	}
	/* The scan copy has no examples; the full file has them all. */
	if (ld->builtin && ld->scan)
		return;
	if (!yes || !no)
		lerr(ld, r->line, "rule %s: needs at least one example with "
		    "hit=\"yes\" and one with hit=\"no\"", r->id);
}

static void	rule_free(struct rule *);
static void	objective_clear(struct objective *);
static void	area_free(struct area *);

/* Note an override for rules list and the report headers. */
static void
override_add(struct loader *ld, enum override_kind kind, const char *id,
    long line)
{
	struct ruleset *rs = ld->rs;
	struct override *ov;

	rs->overrides = xreallocarray(rs->overrides, rs->noverrides + 1,
	    sizeof(*rs->overrides));
	ov = &rs->overrides[rs->noverrides++];
	ov->kind = kind;
	ov->id = xstrdup(id);
	ov->file = ld->file;
	ov->line = (int)line;
}

/* The index in o of the rule with this id, or o->nrules. */
static size_t
rule_index(const struct objective *o, const char *id)
{
	size_t k;

	for (k = 0; k < o->nrules; k++)
		if (strcasecmp(o->rules[k].id, id) == 0)
			break;
	return k;
}

/* replace="yes": the rule of that id in o gives way to r, in its place
   and under the same id; -1 when there is none to replace (reported). */
static int
rule_replace(struct loader *ld, struct objective *o, struct rule *r)
{
	size_t k = rule_index(o, r->id);

	if (k == o->nrules) {
		lerr(ld, r->line, "rule %s: replace=\"yes\" but objective %s "
		    "has no such rule to replace", r->id, o->id);
		return -1;
	}
	override_add(ld, OVERRIDE_REPLACED, o->rules[k].id, r->line);
	/* The id keeps the spelling of its first definition. */
	free(r->id);
	r->id = xstrdup(o->rules[k].id);
	rule_free(&o->rules[k]);
	o->rules[k] = *r;
	return 0;
}

static void
load_rule(struct loader *ld, xmlNodePtr n, struct objective *o)
{
	struct rule r;
	int replace = attr_is(n, "replace", "yes");

	memset(&r, 0, sizeof(r));
	r.id = attr(n, "id");
	r.title = attr(n, "title");
	r.file = ld->file;
	r.line = (int)line_of(n);
	r.kind = attr_is(n, "kind", "conflict") ? RULE_CONFLICT : RULE_SUPPORT;
	if (attr_is(n, "severity", "error"))
		r.severity = SEVERITY_ERROR;
	else if (attr_is(n, "severity", "warning"))
		r.severity = SEVERITY_WARNING;
	else
		r.severity = r.kind == RULE_CONFLICT ? SEVERITY_ERROR :
		    SEVERITY_WARNING;
	r.stance_ignore = attr_is(n, "stance", "ignore");
	load_rule_body(ld, n, &r);
	check_rule(ld, o, &r, replace);
	if (replace && rule_replace(ld, o, &r) == 0)
		return;
	o->rules = xreallocarray(o->rules, o->nrules + 1, sizeof(*o->rules));
	o->rules[o->nrules++] = r;
}

/* min-rules: a positive integer, or the default when absent. */
static void
load_min_rules(struct loader *ld, xmlNodePtr n, struct objective *o,
    int reopened)
{
	char *v = attr(n, "min-rules"), *end;
	long m;

	if (v == NULL) {
		if (!reopened)
			o->min_rules = DEFAULT_MIN_RULES;
		return;
	}
	errno = 0;
	m = strtol(v, &end, 10);
	if (v[0] < '0' || v[0] > '9' || *end != '\0' || errno != 0 ||
	    m < 1 || m > MAX_MIN_RULES)
		lerr(ld, line_of(n), "objective %s: min-rules must be a "
		    "positive integer, not \"%s\"", o->id, v);
	else if (reopened && (unsigned)m != o->min_rules)
		lerr(ld, line_of(n), "objective %s: min-rules %ld differs from "
		    "%u given at %s:%d", o->id, m, o->min_rules, o->file,
		    o->line);
	else
		o->min_rules = (unsigned)m;
	free(v);
}

/* A title given again on re-opening must say the same thing. */
static void
check_title(struct loader *ld, xmlNodePtr n, const char *what,
    const char *id, const char *title, const char *file, int line)
{
	char *t = attr(n, "title");

	if (t != NULL && strcmp(t, title) != 0)
		lerr(ld, line_of(n), "%s %s: title differs from the one given "
		    "at %s:%d", what, id, file, line);
	free(t);
}

static struct objective *
objective_new(struct loader *ld, xmlNodePtr n, struct area *a, char *id)
{
	struct objective *o;

	a->objectives = xreallocarray(a->objectives, a->nobjectives + 1,
	    sizeof(*a->objectives));
	o = &a->objectives[a->nobjectives++];
	memset(o, 0, sizeof(*o));
	o->id = id;
	o->file = ld->file;
	o->line = (int)line_of(n);
	o->working_title = attr_is(n, "working-title", "yes");
	if ((o->title = attr(n, "title")) == NULL) {
		lerr(ld, o->line, "objective %s: title missing on its first "
		    "definition", id);
		o->title = xstrdup("");
	}
	return o;
}

static struct objective *
objective_find_in(struct area *a, const char *id)
{
	size_t i;

	for (i = 0; i < a->nobjectives; i++)
		if (strcasecmp(a->objectives[i].id, id) == 0)
			return &a->objectives[i];
	return NULL;
}

/* replace="yes": the objective keeps its place and id; everything else,
   its rules too, comes from the new definition. */
static void
objective_replace(struct loader *ld, xmlNodePtr n, struct objective *o)
{
	override_add(ld, OVERRIDE_REPLACED, o->id, line_of(n));
	objective_clear(o);
	o->file = ld->file;
	o->line = (int)line_of(n);
	o->working_title = attr_is(n, "working-title", "yes");
	if ((o->title = attr(n, "title")) == NULL) {
		lerr(ld, o->line, "objective %s: replace=\"yes\" needs a title",
		    o->id);
		o->title = xstrdup("");
	}
}

static void
load_objective(struct loader *ld, xmlNodePtr n, struct area *a)
{
	const struct objective *other;
	struct objective *o;
	xmlNodePtr c;
	char *id = attr(n, "id");
	int reopened = 0;

	if (attr_is(n, "replace", "yes") &&
	    (o = objective_find_in(a, id)) != NULL) {
		objective_replace(ld, n, o);
		free(id);
	} else if (attr_is(n, "replace", "yes")) {
		lerr(ld, line_of(n), "objective %s: replace=\"yes\" but area %s "
		    "has no such objective to replace", id, a->id);
		free(id);
		return;
	} else if ((o = objective_find_in(a, id)) != NULL) {
		reopened = 1;
		check_title(ld, n, "objective", id, o->title, o->file, o->line);
		free(id);
	} else {
		if ((other = ruleset_find_objective(ld->rs, id)) != NULL)
			lerr(ld, line_of(n), "objective %s: already defined "
			    "in area %s at %s:%d", id, other->area->id,
			    other->file, other->line);
		o = objective_new(ld, n, a, id);
		/* find_objective follows back pointers while loading. */
		o->area = a;
	}
	load_min_rules(ld, n, o, reopened);
	for (c = n->children; c != NULL; c = c->next) {
		if (is_elem(c, "description") && o->description == NULL)
			o->description = folded_text_of(c);
		else if (is_elem(c, "rule"))
			load_rule(ld, c, o);
	}
}

static enum area_kind
area_kind_of(xmlNodePtr n)
{
	return attr_is(n, "kind", "principle") ? AREA_PRINCIPLE : AREA_ACTION;
}

static struct area *
area_new(struct loader *ld, xmlNodePtr n, char *id)
{
	struct ruleset *rs = ld->rs;
	struct area *a;
	size_t i, j;

	rs->areas = xreallocarray(rs->areas, rs->nareas + 1,
	    sizeof(*rs->areas));
	/* The array moved: objectives point back at their area. */
	for (i = 0; i < rs->nareas; i++)
		for (j = 0; j < rs->areas[i].nobjectives; j++)
			rs->areas[i].objectives[j].area = &rs->areas[i];
	a = &rs->areas[rs->nareas++];
	memset(a, 0, sizeof(*a));
	a->id = id;
	a->kind = area_kind_of(n);
	a->file = ld->file;
	a->line = (int)line_of(n);
	if ((a->title = attr(n, "title")) == NULL) {
		lerr(ld, a->line, "area %s: title missing on its first "
		    "definition", id);
		a->title = xstrdup("");
	}
	return a;
}

/* The index of the area with this id, or nareas when there is none. */
static size_t
area_index(const struct ruleset *rs, const char *id)
{
	size_t i;

	for (i = 0; i < rs->nareas; i++)
		if (strcasecmp(rs->areas[i].id, id) == 0)
			break;
	return i;
}

/* The loader's own, writable view of an area already defined. */
static struct area *
loader_find_area(struct loader *ld, const char *id)
{
	size_t i = area_index(ld->rs, id);

	return i < ld->rs->nareas ? &ld->rs->areas[i] : NULL;
}

static void
load_area(struct loader *ld, xmlNodePtr n)
{
	struct area *a;
	xmlNodePtr c;
	char *id = attr(n, "id");

	if ((a = loader_find_area(ld, id)) != NULL) {
		if (area_kind_of(n) != a->kind)
			lerr(ld, line_of(n), "area %s: kind %s differs from "
			    "%s given at %s:%d", id,
			    area_kind_name(area_kind_of(n)),
			    area_kind_name(a->kind), a->file, a->line);
		check_title(ld, n, "area", id, a->title, a->file, a->line);
		free(id);
	} else
		a = area_new(ld, n, id);
	for (c = n->children; c != NULL; c = c->next)
		if (is_elem(c, "objective"))
			load_objective(ld, c, a);
}

static void
load_modality(struct loader *ld, xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		if (is_elem(c, "binding"))
			load_patterns(ld, c, &ld->rs->binding, "binding: ");
		else if (is_elem(c, "hortatory"))
			load_patterns(ld, c, &ld->rs->hortatory,
			    "hortatory: ");
	}
}

/* The code joins the ruleset's languages (once) and the file's. */
static void
add_language(struct loader *ld, const char *code, size_t len)
{
	struct ruleset *rs = ld->rs;
	char *c = xstrndup(code, len);
	size_t i = language_index(rs, c);

	if (i == rs->nlanguages) {
		rs->languages = xreallocarray(rs->languages,
		    rs->nlanguages + 1, sizeof(*rs->languages));
		rs->languages[rs->nlanguages++] = c;
	} else
		free(c);
	if (file_language(ld, rs->languages[i]) >= 0)
		return;
	ld->flangs = xreallocarray(ld->flangs, ld->nflangs + 1,
	    sizeof(*ld->flangs));
	ld->flangs[ld->nflangs++] = (unsigned)i;
}

/* languages="en fr": the file's codes join the ruleset's; the schema has
   checked their form.  A file without the attribute is English.  Its
   first code is the file's default language. */
static void
load_languages(struct loader *ld, xmlNodePtr root)
{
	char *v, *p;
	size_t n;

	ld->nflangs = 0;
	if ((v = attr(root, "languages")) == NULL) {
		add_language(ld, "en", 2);
		return;
	}
	for (p = v; *p != '\0'; p += n) {
		p += strspn(p, " \t\r\n");
		if ((n = strcspn(p, " \t\r\n")) > 0)
			add_language(ld, p, n);
	}
	if (ld->nflangs == 0) {
		lerr(ld, xmlGetLineNo(root), "languages= names no language");
		add_language(ld, "en", 2);
	}
	free(v);
}

/* Area i leaves the ruleset; the objectives of those after it point back
   at their area's new place. */
static void
area_remove(struct ruleset *rs, size_t i)
{
	size_t j, k;

	area_free(&rs->areas[i]);
	memmove(&rs->areas[i], &rs->areas[i + 1],
	    (rs->nareas - i - 1) * sizeof(*rs->areas));
	rs->nareas--;
	for (j = i; j < rs->nareas; j++)
		for (k = 0; k < rs->areas[j].nobjectives; k++)
			rs->areas[j].objectives[k].area = &rs->areas[j];
}

static void
objective_remove(struct area *a, size_t j)
{
	objective_clear(&a->objectives[j]);
	free(a->objectives[j].id);
	memmove(&a->objectives[j], &a->objectives[j + 1],
	    (a->nobjectives - j - 1) * sizeof(*a->objectives));
	a->nobjectives--;
}

static void
rule_remove(struct objective *o, size_t k)
{
	rule_free(&o->rules[k]);
	memmove(&o->rules[k], &o->rules[k + 1],
	    (o->nrules - k - 1) * sizeof(*o->rules));
	o->nrules--;
}

/* Remove the rule, objective or area with this id; 0, or -1 when none
   is defined.  The override is noted under the id as first defined. */
static int
disable_id(struct loader *ld, const char *id, long line)
{
	struct ruleset *rs = ld->rs;
	struct area *a;
	struct objective *o;
	size_t i, j, k;

	for (i = 0; i < rs->nareas; i++) {
		a = &rs->areas[i];
		if (strcasecmp(a->id, id) == 0) {
			override_add(ld, OVERRIDE_DISABLED, a->id, line);
			area_remove(rs, i);
			return 0;
		}
		for (j = 0; j < a->nobjectives; j++) {
			o = &a->objectives[j];
			if (strcasecmp(o->id, id) == 0) {
				override_add(ld, OVERRIDE_DISABLED, o->id, line);
				objective_remove(a, j);
				return 0;
			}
			if ((k = rule_index(o, id)) < o->nrules) {
				override_add(ld, OVERRIDE_DISABLED,
				    o->rules[k].id, line);
				rule_remove(o, k);
				return 0;
			}
		}
	}
	return -1;
}

static void
load_disable(struct loader *ld, xmlNodePtr n)
{
	char *ref = attr(n, "ref");

	if (disable_id(ld, ref, line_of(n)) != 0)
		lerr(ld, line_of(n), "disable: no rule, objective or area "
		    "\"%s\" is defined before this", ref);
	free(ref);
}

/* <stance>: each file may add cues to the three lists. */
static void
load_stance(struct loader *ld, xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		if (is_elem(c, "attribution"))
			load_patterns(ld, c, &ld->rs->attribution,
			    "attribution: ");
		else if (is_elem(c, "rejection"))
			load_patterns(ld, c, &ld->rs->rejection,
			    "rejection: ");
		else if (is_elem(c, "threat"))
			load_patterns(ld, c, &ld->rs->threat, "threat: ");
	}
}

/* FNV-1a over the id's bytes, ASCII case folded. */
static size_t
vocabulary_hash(const char *id)
{
	size_t h = 2166136261U;

	for (; *id != '\0'; id++) {
		h ^= (unsigned char)(*id >= 'A' && *id <= 'Z' ?
		    *id - 'A' + 'a' : *id);
		h *= 16777619U;
	}
	return h;
}

/* The slot of id in the table: its vocabulary's, or the empty one where
   it would go.  The table is never full (vocabulary_index()). */
static unsigned *
vocabulary_slot(const struct ruleset *rs, const char *id)
{
	size_t mask = rs->nvocab_slots - 1, i;
	unsigned *slot;

	for (i = vocabulary_hash(id) & mask;; i = (i + 1) & mask) {
		slot = &rs->vocab_slots[i];
		if (*slot == 0 ||
		    strcasecmp(rs->vocabularies[*slot - 1].id, id) == 0)
			return slot;
	}
}

/* Index the last vocabulary added, unless its id is taken; the table
   stays at most half full.  A lookup then costs a comparison or two
   rather than one per vocabulary: the built-in rules have hundreds, and
   thousands of concepts. */
static void
vocabulary_index(struct ruleset *rs)
{
	unsigned *old = rs->vocab_slots, *slot;
	size_t nold = rs->nvocab_slots, i;

	if (2 * rs->nvocabularies > rs->nvocab_slots) {
		rs->nvocab_slots = nold > 0 ? 2 * nold : 64;
		rs->vocab_slots = xcalloc(rs->nvocab_slots,
		    sizeof(*rs->vocab_slots));
		for (i = 0; i < nold; i++)
			if (old[i] != 0)
				*vocabulary_slot(rs,
				    rs->vocabularies[old[i] - 1].id) = old[i];
		free(old);
	}
	slot = vocabulary_slot(rs, rs->vocabularies[rs->nvocabularies - 1].id);
	if (*slot == 0)
		*slot = (unsigned)rs->nvocabularies;
}

static struct vocabulary *
vocabulary_find(struct ruleset *rs, const char *id)
{
	unsigned *slot;

	if (rs->nvocab_slots == 0)
		return NULL;
	slot = vocabulary_slot(rs, id);
	return *slot != 0 ? &rs->vocabularies[*slot - 1] : NULL;
}

static void
load_vocabulary(struct loader *ld, xmlNodePtr n)
{
	struct ruleset *rs = ld->rs;
	struct vocabulary *v, *first;
	char *id = attr(n, "id"), *what;

	if ((first = vocabulary_find(rs, id)) != NULL)
		lerr(ld, line_of(n), "vocabulary %s: already defined at %s:%d",
		    id, first->file, first->line);
	rs->vocabularies = xreallocarray(rs->vocabularies,
	    rs->nvocabularies + 1, sizeof(*rs->vocabularies));
	v = &rs->vocabularies[rs->nvocabularies++];
	memset(v, 0, sizeof(*v));
	v->id = id;
	v->file = ld->file;
	v->line = (int)line_of(n);
	vocabulary_index(rs);
	what = xasprintf("vocabulary %s: ", id);
	load_patterns(ld, n, &v->pats, what);
	free(what);
	if (v->pats.n == 0)
		lerr(ld, v->line, "vocabulary %s: has no term, regex or "
		    "concept", id);
}

/* The first file names the ruleset; later ones only add to it. */
static void
load_root(struct loader *ld, xmlNodePtr root)
{
	struct ruleset *rs = ld->rs;
	xmlNodePtr c;

	load_languages(ld, root);
	check_xml_langs(ld, root);
	if (rs->id == NULL) {
		rs->id = attr(root, "id");
		rs->title = attr(root, "title");
		rs->version = attr(root, "version");
		rs->source = attr(root, "source");
	}
	for (c = root->children; c != NULL; c = c->next) {
		if (is_elem(c, "modality"))
			load_modality(ld, c);
		else if (is_elem(c, "disable"))
			load_disable(ld, c);
		else if (is_elem(c, "stance"))
			load_stance(ld, c);
		else if (is_elem(c, "vocabulary"))
			load_vocabulary(ld, c);
		else if (is_elem(c, "area"))
			load_area(ld, c);
	}
}

static void	load_source(struct loader *, const struct rule_source *);

/*
 * extends="builtin": the built-in rules are loaded before the file that
 * says so, which must be the first one, so that its <disable> and
 * replace="yes" can refer to them and the ruleset keeps their id.
 */
static void
load_extends(struct loader *ld, xmlNodePtr root)
{
	struct rule_source src;
	xmlRelaxNGPtr schema = ld->schema;
	const char *file = ld->file;

	if (!attr_is(root, "extends", "builtin"))
		return;
	if (ld->rs->nfiles > 1 || ld->rs->id != NULL) {
		lerr(ld, line_of(root), "extends=\"builtin\" must be in the "
		    "first rule file given");
		return;
	}
	/* The embedded rules are known to match the schema. */
	ld->schema = NULL;
	ld->builtin = 1;
	rules_default_source(&src);
	load_source(ld, &src);
	ld->builtin = 0;
	ld->schema = schema;
	ld->file = file;
	ld->rs->extends = 1;
}

static void
load_source(struct loader *ld, const struct rule_source *src)
{
	struct ruleset *rs = ld->rs;
	xmlDocPtr doc;

	rs->files = xreallocarray(rs->files, rs->nfiles + 1,
	    sizeof(*rs->files));
	rs->files[rs->nfiles++] = xstrdup(src->name);
	ld->file = rs->files[rs->nfiles - 1];
	if ((doc = parse_source(ld, src)) == NULL)
		return;
	if (ld->schema == NULL || validate(ld, doc) == 0) {
		load_extends(ld, xmlDocGetRootElement(doc));
		/* The scan copy alone: the full file's digest, made at
		   build time, is the ruleset's (load_sources). */
		if (!ld->scan)
			sha256_add(ld->bytes, src->data, src->len);
		load_root(ld, xmlDocGetRootElement(doc));
	}
	xmlFreeDoc(doc);
}

static void
index_patterns(struct ruleset *rs, struct patlist *pl)
{
	size_t i;

	rs->patterns = xreallocarray(rs->patterns, rs->npatterns + pl->n,
	    sizeof(*rs->patterns));
	for (i = 0; i < pl->n; i++) {
		pl->v[i].index = (unsigned)rs->npatterns;
		rs->patterns[rs->npatterns++] = &pl->v[i];
	}
}

static void
index_rule(struct ruleset *rs, struct objective *o, struct rule *r)
{
	size_t i;

	r->objective = o;
	r->index = (unsigned)rs->nrules;
	rs->rules[rs->nrules++] = r;
	index_patterns(rs, &r->pats);
	for (i = 0; i < r->ngroups; i++)
		index_patterns(rs, &r->groups[i].pats);
	for (i = 0; i < r->nunless; i++)
		index_patterns(rs, &r->unless[i].pats);
}

/*
 * Back pointers and the flat indexes, once the tree no longer moves.
 * Patterns are numbered rule by rule (direct, <all> and <near>, <unless>),
 * then the binding, hortatory and stance lists.  Vocabulary parts are not
 * patterns of their own: each concept carries its vocabulary's regex.
 */
void
ruleset_link(struct ruleset *rs)
{
	struct area *a;
	struct objective *o;
	size_t i, j, k, nrules = 0, nobj = 0;

	for (i = 0; i < rs->nareas; i++)
		for (j = 0; j < rs->areas[i].nobjectives; j++) {
			nobj++;
			nrules += rs->areas[i].objectives[j].nrules;
		}
	rs->objectives = xcalloc(nobj, sizeof(*rs->objectives));
	rs->rules = xcalloc(nrules, sizeof(*rs->rules));
	for (i = 0; i < rs->nareas; i++) {
		a = &rs->areas[i];
		for (j = 0; j < a->nobjectives; j++) {
			o = &a->objectives[j];
			o->area = a;
			o->index = (unsigned)rs->nobjectives;
			rs->objectives[rs->nobjectives++] = o;
			for (k = 0; k < o->nrules; k++)
				index_rule(rs, o, &o->rules[k]);
		}
	}
	index_patterns(rs, &rs->binding);
	index_patterns(rs, &rs->hortatory);
	index_patterns(rs, &rs->attribution);
	index_patterns(rs, &rs->rejection);
	index_patterns(rs, &rs->threat);
}

static int resolve_vocabulary(struct ruleset *, struct vocabulary *,
    struct errlist *);

/* Give a concept its vocabulary's translations in the concept's
   language; -1 when it has none. */
static int
resolve_concept(struct ruleset *rs, struct pattern *p, struct errlist *errs)
{
	struct vocabulary *v;
	struct vocabjoin *j;

	if ((v = vocabulary_find(rs, p->source)) == NULL) {
		errlist_add(errs, "%s:%d: concept \"%s\": no such vocabulary",
		    p->file, p->line, p->source);
		return -1;
	}
	v->uses++;
	if (v->state == VOCAB_ACTIVE) {
		errlist_add(errs, "%s:%d: concept \"%s\": reference cycle "
		    "back to vocabulary %s", p->file, p->line, p->source,
		    v->id);
		return -1;
	}
	if (resolve_vocabulary(rs, v, errs) != 0)
		return -1;
	if (p->lang >= v->njoins || (j = &v->joins[p->lang])->nparts == 0) {
		errlist_add(errs, "%s:%d: concept \"%s\": vocabulary %s has "
		    "no term or regex in language %s", p->file, p->line,
		    p->source, v->id, rs->languages[p->lang]);
		return -1;
	}
	p->vocab = v;
	p->case_sensitive = j->case_sensitive;
	p->is_term = j->all_terms;
	if (j->deferred) {
		p->deferred = 1;
		return 0;
	}
	free(p->regex);
	free(p->prefilter);
	p->regex = xstrdup(j->regex);
	p->prefilter = j->prefilter != NULL ? xstrdup(j->prefilter) : NULL;
	return 0;
}

/*
 * A vocabulary's parts of one language as one pattern (patsrc_join()).  A
 * regex part is compiled alone first, so that its error names its own
 * line.  No part in that language: j->regex stays NULL; one deferred: it
 * stays NULL until a concept needs it (patsrc.h).
 */
static void
vocabulary_join(const struct ruleset *rs, const struct vocabulary *v,
    unsigned lang, struct vocabjoin *j)
{
	char *cause = NULL;

	patsrc_join_flags(v, lang, j);
	if (j->deferred || j->nparts == 0)
		return;
	/* No part is deferred: nothing to translate, nothing to fail. */
	if (patsrc_join(rs, v, lang, &j->regex, &j->prefilter, &cause) == -1)
		fatal("vocabulary %s: %s", v->id, cause);
}

/* After "(?": a call or reference to another group, (?1), (?-1), (?R),
   (?&name), (?P=name), (?P>name)? */
static int
is_group_call(const char *p)
{
	if (p[0] == '+' || p[0] == '-')
		p++;
	return (p[0] >= '0' && p[0] <= '9') || p[0] == 'R' || p[0] == '&' ||
	    (p[0] == 'P' && (p[1] == '=' || p[1] == '>'));
}

/* Does a regex refer to a group by number or name?  Such a reference
   would point elsewhere once the parts are joined. */
static int
has_group_reference(const char *re)
{
	const char *p;

	for (p = re; *p != '\0'; p++) {
		if (p[0] == '\\' && p[1] != '\0') {
			if ((p[1] >= '1' && p[1] <= '9') || p[1] == 'g' ||
			    p[1] == 'k')
				return 1;
			p++;
		} else if (p[0] == '(' && p[1] == '?' && is_group_call(p + 2))
			return 1;
	}
	return 0;
}

static int
resolve_vocabulary(struct ruleset *rs, struct vocabulary *v,
    struct errlist *errs)
{
	struct pattern *p;
	size_t i;
	char *cause;
	int rc = 0;

	if (v->state == VOCAB_DONE || v->state == VOCAB_FAILED)
		return v->state == VOCAB_DONE ? 0 : -1;
	v->state = VOCAB_ACTIVE;
	for (i = 0; i < v->pats.n; i++) {
		p = &v->pats.v[i];
		if (p->is_concept) {
			if (resolve_concept(rs, p, errs) != 0)
				rc = -1;
		} else if (p->deferred)
			continue;
		else if (!p->is_term &&
		    compile_check(p->regex, p->case_sensitive, &cause) != 0) {
			errlist_add(errs, "%s:%d: vocabulary %s: %s", p->file,
			    p->line, v->id, cause);
			free(cause);
			rc = -1;
		} else if (!p->is_term && has_group_reference(p->regex)) {
			errlist_add(errs, "%s:%d: vocabulary %s: a regex part "
			    "may not refer to a group (back reference or "
			    "recursion)", p->file, p->line, v->id);
			rc = -1;
		}
	}
	if (rc == 0) {
		v->njoins = rs->nlanguages;
		v->joins = xcalloc(v->njoins, sizeof(*v->joins));
		for (i = 0; i < v->njoins; i++)
			vocabulary_join(rs, v, (unsigned)i, &v->joins[i]);
	}
	v->state = rc == 0 ? VOCAB_DONE : VOCAB_FAILED;
	return rc;
}

static void
resolve_list(struct ruleset *rs, struct patlist *pl, struct errlist *errs)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		if (pl->v[i].is_concept)
			(void)resolve_concept(rs, &pl->v[i], errs);
}

static void
resolve_rule(struct ruleset *rs, struct rule *r, struct errlist *errs)
{
	size_t i;

	resolve_list(rs, &r->pats, errs);
	for (i = 0; i < r->ngroups; i++)
		resolve_list(rs, &r->groups[i].pats, errs);
	for (i = 0; i < r->nunless; i++)
		resolve_list(rs, &r->unless[i].pats, errs);
}

/*
 * Once every file is loaded, so that an extra file may use a vocabulary
 * of the built-in rules (and the other way round): every concept gets its
 * vocabulary's translations, every vocabulary is checked even when no
 * rule uses it.
 */
static void
resolve_concepts(struct ruleset *rs, struct errlist *errs)
{
	struct objective *o;
	size_t i, j, k;

	for (i = 0; i < rs->nareas; i++)
		for (j = 0; j < rs->areas[i].nobjectives; j++) {
			o = &rs->areas[i].objectives[j];
			for (k = 0; k < o->nrules; k++)
				resolve_rule(rs, &o->rules[k], errs);
		}
	resolve_list(rs, &rs->binding, errs);
	resolve_list(rs, &rs->hortatory, errs);
	resolve_list(rs, &rs->attribution, errs);
	resolve_list(rs, &rs->rejection, errs);
	resolve_list(rs, &rs->threat, errs);
	for (i = 0; i < rs->nvocabularies; i++)
		(void)resolve_vocabulary(rs, &rs->vocabularies[i], errs);
}


/* With validate 0 the sources must be known to match the schema; with
   builtin 1 they are the built-in rules. */
static struct ruleset *
load_sources(const struct rule_source *srcs, size_t n, int validate,
    int builtin, int defer, struct errlist *errs)
{
	struct loader ld;
	size_t i, nerr = errs->n;

	memset(&ld, 0, sizeof(ld));
	ld.rs = xcalloc(1, sizeof(*ld.rs));
	ld.errs = errs;
	ld.defer = defer;
	ld.builtin = builtin;
	ld.scan = builtin && n == 1 && srcs[0].data == embedded_scan_rules;
	ld.bytes = sha256_begin();
	if (validate)
		ld.schema = schema_load();
	for (i = 0; i < n; i++)
		load_source(&ld, &srcs[i]);
	xmlRelaxNGFree(ld.schema);
	free(ld.lasterr);
	free(ld.flangs);
	if (errs->n == nerr)
		resolve_concepts(ld.rs, errs);
	if (n == 0)
		errlist_add(errs, "no rule files given");
	/* Of the rule files' bytes, in the order loaded. */
	sha256_end(ld.bytes, ld.rs->sha256);
	if (ld.scan)
		memcpy(ld.rs->sha256, embedded_scan_rules_sha256,
		    sizeof(ld.rs->sha256));
	if (errs->n != nerr) {
		ruleset_free(ld.rs);
		return NULL;
	}
	ruleset_link(ld.rs);
	return ld.rs;
}

struct ruleset *
rules_load_sources(const struct rule_source *srcs, size_t n,
    struct errlist *errs)
{
	return load_sources(srcs, n, 1, 0, 0, errs);
}

/*
 * The embedded rules are not validated again on every start (building and
 * checking the schema is a tenth of a short run): the test suite loads the
 * same bytes through rules_load_sources(), which does.
 */
void
rules_default_source(struct rule_source *src)
{
	src->name = "<embedded>/us-icdps-2024.xml";
	src->data = embedded_default_rules;
	src->len = embedded_default_rules_len;
}

void
rules_scan_source(struct rule_source *src)
{
	src->name = "<embedded>/us-icdps-2024.xml";
	src->data = embedded_scan_rules;
	src->len = embedded_scan_rules_len;
}

static struct ruleset *
load_default(int defer, int scan, struct errlist *errs)
{
	struct rule_source src;

	if (scan)
		rules_scan_source(&src);
	else
		rules_default_source(&src);
	return load_sources(&src, 1, 0, 1, defer, errs);
}

struct ruleset *
rules_load_default(struct errlist *errs)
{
	return load_default(0, 0, errs);
}

/*
 * Rule files read from disk.  The sources handed to rules_load_sources()
 * are read-only views; the buffers behind them are owned here.
 */
struct srclist {
	struct rule_source *v;
	size_t		 n;
	size_t		 cap;
	char		**owned;	/* names and texts, freed together */
	size_t		 nowned;
	size_t		 capowned;
};

static const char *
srclist_own(struct srclist *sl, char *p)
{
	GROW(sl->owned, sl->capowned, sl->nowned + 1);
	sl->owned[sl->nowned++] = p;
	return p;
}

/* Read a whole file; on failure report "path: cannot read: why". */
static void
srclist_read(struct srclist *sl, const char *path, struct errlist *errs)
{
	struct rule_source *src;
	unsigned char *data;
	size_t len;
	char *cause = NULL;

	if ((data = file_read(path, FILE_READ_ANY, 0, &len, &cause)) == NULL) {
		errlist_add(errs, "%s: cannot read: %s", path, cause);
		free(cause);
		return;
	}
	GROW(sl->v, sl->cap, sl->n + 1);
	src = &sl->v[sl->n++];
	src->name = srclist_own(sl, xstrdup(path));
	src->data = srclist_own(sl, (char *)data);
	src->len = len;
}

static void
srclist_free(struct srclist *sl)
{
	size_t i;

	for (i = 0; i < sl->nowned; i++)
		free(sl->owned[i]);
	free(sl->owned);
	free(sl->v);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_xml_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

/* Every *.xml file directly inside dir, in byte order of their names. */
static void
srclist_read_dir(struct srclist *sl, const char *dir, struct errlist *errs)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL, *path;
	size_t n = 0, cap = 0, i, len = strlen(dir);
	struct stat st;

	if ((d = opendir(dir)) == NULL) {
		errlist_add(errs, "%s: cannot read: %s", dir, strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (!is_xml_name(de->d_name))
			continue;
		path = xasprintf("%s%s%s", dir,
		    len > 0 && dir[len - 1] == '/' ? "" : "/", de->d_name);
		if (stat(path, &st) != 0 || S_ISDIR(st.st_mode)) {
			free(path);
			continue;
		}
		GROW(names, cap, n + 1);
		names[n++] = path;
	}
	closedir(d);
	if (n == 0)
		errlist_add(errs, "%s: no *.xml rule files in this folder",
		    dir);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		srclist_read(sl, names[i], errs);
		free(names[i]);
	}
	free(names);
}

static struct ruleset *
load_paths(const char *const *paths, size_t n, int defer,
    struct errlist *errs)
{
	struct srclist sl;
	struct ruleset *rs;
	struct stat st;
	size_t i, nerr = errs->n;

	memset(&sl, 0, sizeof(sl));
	for (i = 0; i < n; i++) {
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
			srclist_read_dir(&sl, paths[i], errs);
		else
			srclist_read(&sl, paths[i], errs);
	}
	/* Files that could be read are still loaded, to report their errors
	   too. */
	rs = NULL;
	if (sl.n > 0 || errs->n == nerr)
		rs = load_sources(sl.v, sl.n, 1, 0, defer, errs);
	if (rs != NULL && errs->n != nerr) {
		ruleset_free(rs);
		rs = NULL;
	}
	srclist_free(&sl);
	return rs;
}

struct ruleset *
rules_load_paths(const char *const *paths, size_t n, struct errlist *errs)
{
	return load_paths(paths, n, 0, errs);
}

struct ruleset *
rules_load_deferred(const char *const *paths, size_t n,
    struct errlist *errs)
{
	return n > 0 ? load_paths(paths, n, 1, errs) :
	    load_default(1, 0, errs);
}

struct ruleset *
rules_load_scan(const char *const *paths, size_t n, struct errlist *errs)
{
	return n > 0 ? load_paths(paths, n, 1, errs) :
	    load_default(1, 1, errs);
}

static void
patlist_free(struct patlist *pl)
{
	size_t i;

	for (i = 0; i < pl->n; i++) {
		pattern_free_code(&pl->v[i]);
		free(pl->v[i].source);
		free(pl->v[i].regex);
		free(pl->v[i].prefilter);
	}
	free(pl->v);
}

static void
rule_free(struct rule *r)
{
	size_t i;

	free(r->id);
	free(r->title);
	free(r->description);
	patlist_free(&r->pats);
	for (i = 0; i < r->ngroups; i++)
		patlist_free(&r->groups[i].pats);
	free(r->groups);
	for (i = 0; i < r->nunless; i++)
		patlist_free(&r->unless[i].pats);
	free(r->unless);
	for (i = 0; i < r->nexamples; i++)
		free(r->examples[i].text);
	free(r->examples);
}

/* Everything of an objective but its id, which replace="yes" keeps. */
static void
objective_clear(struct objective *o)
{
	size_t j;

	for (j = 0; j < o->nrules; j++)
		rule_free(&o->rules[j]);
	free(o->rules);
	free(o->title);
	free(o->description);
	o->rules = NULL;
	o->nrules = 0;
	o->title = o->description = NULL;
}

static void
area_free(struct area *a)
{
	size_t i;

	for (i = 0; i < a->nobjectives; i++) {
		objective_clear(&a->objectives[i]);
		free(a->objectives[i].id);
	}
	free(a->objectives);
	free(a->id);
	free(a->title);
}

void
ruleset_free(struct ruleset *rs)
{
	size_t i, j;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->nareas; i++)
		area_free(&rs->areas[i]);
	free(rs->areas);
	patlist_free(&rs->binding);
	patlist_free(&rs->hortatory);
	patlist_free(&rs->attribution);
	patlist_free(&rs->rejection);
	patlist_free(&rs->threat);
	for (i = 0; i < rs->nvocabularies; i++) {
		patlist_free(&rs->vocabularies[i].pats);
		free(rs->vocabularies[i].id);
		for (j = 0; j < rs->vocabularies[i].njoins; j++) {
			free(rs->vocabularies[i].joins[j].regex);
			free(rs->vocabularies[i].joins[j].prefilter);
		}
		free(rs->vocabularies[i].joins);
	}
	free(rs->vocabularies);
	free(rs->vocab_slots);
	for (i = 0; i < rs->nfiles; i++)
		free(rs->files[i]);
	free(rs->files);
	for (i = 0; i < rs->noverrides; i++)
		free(rs->overrides[i].id);
	free(rs->overrides);
	free(rs->rules);
	free(rs->objectives);
	free(rs->patterns);
	for (i = 0; i < rs->nlanguages; i++)
		free(rs->languages[i]);
	free(rs->languages);
	free(rs->id);
	free(rs->title);
	free(rs->version);
	free(rs->source);
	free(rs);
}

/* The finders walk the tree, so they also work while it is being built.
   Ids are compared without regard to ASCII case: "aa3.5" names AA3.5. */
const struct rule *
ruleset_find_rule(const struct ruleset *rs, const char *id)
{
	const struct objective *o;
	size_t i, j, k;

	for (i = 0; i < rs->nareas; i++)
		for (j = 0; j < rs->areas[i].nobjectives; j++) {
			o = &rs->areas[i].objectives[j];
			for (k = 0; k < o->nrules; k++)
				if (strcasecmp(o->rules[k].id, id) == 0)
					return &o->rules[k];
		}
	return NULL;
}

const struct objective *
ruleset_find_objective(const struct ruleset *rs, const char *id)
{
	size_t i, j;

	for (i = 0; i < rs->nareas; i++)
		for (j = 0; j < rs->areas[i].nobjectives; j++)
			if (strcasecmp(rs->areas[i].objectives[j].id, id) == 0)
				return &rs->areas[i].objectives[j];
	return NULL;
}

const struct area *
ruleset_find_area(const struct ruleset *rs, const char *id)
{
	size_t i = area_index(rs, id);

	return i < rs->nareas ? &rs->areas[i] : NULL;
}

int
rule_has_language(const struct rule *r, unsigned lang)
{
	size_t i;

	for (i = 0; i < r->pats.n; i++)
		if (r->pats.v[i].lang == lang)
			return 1;
	for (i = 0; i < r->ngroups; i++)
		if (r->groups[i].lang == lang)
			return 1;
	return 0;
}

char *
rule_languages(const struct ruleset *rs, const struct rule *r)
{
	struct strbuf sb = { NULL, 0, 0 };
	size_t i;

	strbuf_adds(&sb, "");
	for (i = 0; i < rs->nlanguages; i++)
		if (rule_has_language(r, (unsigned)i))
			strbuf_addf(&sb, "%s%s", sb.len > 0 ? " " : "",
			    rs->languages[i]);
	return strbuf_take(&sb);
}

const char *
scope_name(enum scope s)
{
	switch (s) {
	case SCOPE_SENTENCE:
		return "sentence";
	case SCOPE_PARAGRAPH:
		return "paragraph";
	case SCOPE_SECTION:
		return "section";
	case SCOPE_DOCUMENT:
		return "document";
	case SCOPE_CLAUSE:
		return "clause";
	}
	return "?";
}

const char *
modality_name(enum modality m)
{
	switch (m) {
	case MODALITY_MENTION:
		return "mention";
	case MODALITY_HORTATORY:
		return "hortatory";
	case MODALITY_BINDING:
		return "binding";
	}
	return "?";
}

const char *
area_kind_name(enum area_kind k)
{
	return k == AREA_PRINCIPLE ? "principle" : "action-area";
}

const char *
rule_kind_name(enum rule_kind k)
{
	return k == RULE_CONFLICT ? "conflict" : "support";
}
