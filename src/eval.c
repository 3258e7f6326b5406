/*
 * eval.c -- `palint eval LABELS.tsv`: the rules against an analyst's labels.
 *
 * Input: a TSV of labelled sentences (doc, line, labels, sentence; labels
 * are objective ids separated by ';', "!ID" for a sentence that points
 * against ID, or "none") and a ruleset.  Each sentence is scanned as a
 * document of its own.  Its predicted labels are the objectives whose
 * support rules fired, and "!ID" for each objective whose conflict rules
 * fired.  Output: agreement per objective and per area (a sentence belongs
 * to an area when one of its objectives does), micro and macro averages,
 * conflict agreement, the rules behind most false positives and the worst
 * sentences both ways, as text tables or CSV.
 *
 * `palint eval --documents` is in eval_docs.c, the arithmetic in
 * eval_metrics.c, the output file in eval_output.c and the command's
 * arguments in cmd_eval.c.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvout.h"
#include "doctext.h"
#include "eval.h"
#include "extract.h"
#include "langdetect.h"
#include "paralang.h"
#include "prefilter.h"
#include "ruleload.h"
#include "rules.h"
#include "safetext.h"
#include "scan.h"
#include "segment.h"

/* How many of each kind of worst sentence and noisy rule to show. */
#define EVAL_WORST	10
/* Sentences are shortened to this many bytes in the listings. */
#define EVAL_SHORT	160

#define FOR		1	/* the sentence addresses the objective */
#define AGAINST		2	/* it points against it ("!ID") */

/* One label of a sentence: a label index and FOR or AGAINST. */
struct mark {
	size_t		 label;
	unsigned char	 kind;
};

struct evrow {
	char		*doc;
	unsigned	 line;		/* in the labelled document */
	char		*sentence;
	struct mark	*gold;
	size_t		 ngold;
	unsigned char	*pred;		/* per label: FOR | AGAINST */
	const struct rule **fired;	/* distinct rules that fired */
	size_t		 nfired;
	unsigned	 nfp;		/* labels predicted, not gold */
	unsigned	 nfn;		/* gold labels missed */
	unsigned	 fn_weight;	/* support of the objectives missed */
	size_t		 order;		/* position in the file */
	char		 lang[LANG_CODE_SIZE]; /* its document's language */
};

/*
 * The labels are the ruleset's objectives, in ruleset order, then any id
 * the file uses that the rules do not have (reported, and counted as
 * misses, so that a typo in the rules cannot raise the scores).
 */
struct evset {
	const char		*path;
	const struct ruleset	*rs;
	char			**ids;
	int			*area;		/* area index; -1: none */
	size_t			 nids;
	size_t			 capids;
	struct evrow		*rows;
	size_t			 nrows;
	size_t			 caprows;
	int			 header;	/* the header line was seen */
	size_t			 ncols;		/* 4, or 5 with a split column */
	const char		*split;		/* keep rows of this split only */
	size_t			 skipped;	/* rows of other splits */
	size_t			 worst;		/* sentences listed per error
						   kind; SIZE_MAX: all */
	int			 quiet;
	struct errlist		 errs;
};

static size_t
label_index(struct evset *es, const char *id, unsigned line)
{
	size_t i;

	for (i = 0; i < es->nids; i++)
		if (strcasecmp(es->ids[i], id) == 0)
			return i;
	if (!es->quiet)
		log_warnx("%s:%u: %s is not an objective of the "
		    "rules; counted as missed", es->path, line, id);
	GROW(es->ids, es->capids, es->nids + 1);
	es->area = xreallocarray(es->area, es->capids, sizeof(*es->area));
	es->ids[es->nids] = xstrdup(id);
	es->area[es->nids] = -1;
	return es->nids++;
}

static void
evset_init(struct evset *es, const char *path, const struct ruleset *rs,
    const char *split, int quiet)
{
	size_t i, j;

	memset(es, 0, sizeof(*es));
	es->path = path;
	es->split = split;
	es->rs = rs;
	es->quiet = quiet;
	es->capids = rs->nobjectives + 1;
	es->ids = xcalloc(es->capids, sizeof(*es->ids));
	es->area = xcalloc(es->capids, sizeof(*es->area));
	for (i = 0; i < rs->nobjectives; i++)
		es->ids[i] = xstrdup(rs->objectives[i]->id);
	es->nids = rs->nobjectives;
	for (i = 0; i < rs->nareas; i++)
		for (j = 0; j < rs->areas[i].nobjectives; j++)
			es->area[rs->areas[i].objectives[j].index] = (int)i;
}

static void
evset_free(struct evset *es)
{
	size_t i;

	for (i = 0; i < es->nrows; i++) {
		free(es->rows[i].doc);
		free(es->rows[i].sentence);
		free(es->rows[i].gold);
		free(es->rows[i].pred);
		free(es->rows[i].fired);
	}
	free(es->rows);
	for (i = 0; i < es->nids; i++)
		free(es->ids[i]);
	free(es->ids);
	free(es->area);
	errlist_free(&es->errs);
}

/* An id as the rule files write them: letters, digits, '.', '-', '_'. */
static int
valid_id(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789.-_", *s) == NULL)
			return 0;
	return 1;
}

static void
row_mark(struct evrow *r, size_t label, unsigned char kind)
{
	size_t i;

	for (i = 0; i < r->ngold; i++)
		if (r->gold[i].label == label && r->gold[i].kind == kind)
			return;
	r->gold = xreallocarray(r->gold, r->ngold + 1, sizeof(*r->gold));
	r->gold[r->ngold].label = label;
	r->gold[r->ngold++].kind = kind;
}

/* "none", or ids separated by ';', each maybe with a leading '!'. */
static int
parse_labels(struct evset *es, struct evrow *r, char *field, unsigned line)
{
	char *tok, *next;
	int against;

	if (strcmp(field, "none") == 0)
		return 0;
	for (tok = field; tok != NULL; tok = next) {
		if ((next = strchr(tok, ';')) != NULL)
			*next++ = '\0';
		against = tok[0] == '!';
		if (!valid_id(tok + against) || strcmp(tok, "none") == 0) {
			errlist_add(&es->errs, "%s:%u: bad label '%s' (want "
			    "objective ids separated by ';', or none)",
			    es->path, line, tok);
			return -1;
		}
		row_mark(r, label_index(es, tok + against, line),
		    against ? AGAINST : FOR);
	}
	return 0;
}

static int
parse_line_number(const char *s, unsigned *out)
{
	unsigned long v;
	char *end;

	if (s[0] < '0' || s[0] > '9')
		return -1;
	v = strtoul(s, &end, 10);
	if (*end != '\0' || v == 0 || v > 0xffffffffUL)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/*
 * The header names the columns: doc, line, labels, sentence, and
 * optionally split (which part of a development set a row belongs to).
 */
static int
on_label_header(char **f, size_t n, unsigned line, void *arg)
{
	struct evset *es = arg;
	static const char *const want[] = { "doc", "line", "labels",
	    "sentence", "split" };
	size_t i;

	es->header = 1;
	es->ncols = n;
	for (i = 0; i < n && i < nitems(want); i++)
		if (strcmp(f[i], want[i]) != 0)
			break;
	if ((n != 4 && n != 5) || i != n) {
		errlist_add(&es->errs, "%s:%u: the first line must be "
		    "the header doc, line, labels, sentence[, split] "
		    "(tab-separated)", es->path, line);
		return -1;
	}
	if (es->split != NULL && n != 5) {
		errlist_add(&es->errs, "%s:%u: --split %s, but the file has "
		    "no split column", es->path, line, es->split);
		return -1;
	}
	return 0;
}

/* One labelled sentence (eval_tsv_read has checked the field count). */
static int
on_label_row(char **f, size_t n, unsigned line, void *arg)
{
	struct evset *es = arg;
	struct evrow r;

	memset(&r, 0, sizeof(r));
	if (es->split != NULL && strcmp(f[4], es->split) != 0) {
		es->skipped++;
		return 0;
	}
	if (parse_line_number(f[1], &r.line) != 0) {
		errlist_add(&es->errs, "%s:%u: bad line number '%s'",
		    es->path, line, f[1]);
		return 0;
	}
	if (f[0][0] == '\0' || f[3][0] == '\0') {
		errlist_add(&es->errs, "%s:%u: empty %s", es->path, line,
		    f[0][0] == '\0' ? "doc" : "sentence");
		return 0;
	}
	if (parse_labels(es, &r, f[2], line) != 0) {
		free(r.gold);
		return 0;
	}
	r.doc = xstrdup(f[0]);
	r.sentence = xstrdup(f[3]);
	r.order = es->nrows;
	GROW(es->rows, es->caprows, es->nrows + 1);
	es->rows[es->nrows++] = r;
	return 0;
}

static void
fired_add(struct evrow *r, const struct rule *rule)
{
	size_t i;

	for (i = 0; i < r->nfired; i++)
		if (r->fired[i] == rule)
			return;
	r->fired = xreallocarray(r->fired, r->nfired + 1, sizeof(*r->fired));
	r->fired[r->nfired++] = rule;
}

/* Scan one sentence as a document; fill its predicted labels. */
static int
predict_row(struct evset *es, struct scanner *sc, struct evrow *r)
{
	struct doctext *doc;
	struct hit *hits;
	size_t nhits, i;
	char *cause = NULL;
	const struct rule *rule;

	r->pred = xcalloc(es->nids, 1);
	doc = doctext_from_string(r->sentence, strlen(r->sentence));
	memcpy(doc->lang, r->lang, sizeof(doc->lang));
	if (scan_document(sc, doc, &hits, &nhits, &cause) != 0) {
		errlist_add(&es->errs, "%s: %s:%u: %s", es->path, r->doc,
		    r->line, cause);
		free(cause);
		doctext_free(doc);
		return -1;
	}
	for (i = 0; i < nhits; i++) {
		rule = hits[i].rule;
		r->pred[rule->objective->index] |=
		    rule->kind == RULE_CONFLICT ? AGAINST : FOR;
		fired_add(r, rule);
	}
	hits_free(hits, nhits);
	doctext_free(doc);
	return 0;
}

/* Counts for every table of the report. */
struct tally {
	struct eval_counts	*obj;		/* per label, FOR */
	struct eval_counts	*conf;		/* per label, AGAINST */
	struct eval_counts	*area;		/* per area, FOR */
	struct eval_counts	*confarea;	/* per area, AGAINST */
	struct eval_counts	*rule;		/* per rule: tp, fp */
	size_t			 nlabels;
	size_t			 nareas;
	size_t			 nrules;
};

static void
tally_init(struct tally *t, const struct evset *es)
{
	t->nlabels = es->nids;
	t->nareas = es->rs->nareas;
	t->nrules = es->rs->nrules;
	t->obj = xcalloc(t->nlabels + 1, sizeof(*t->obj));
	t->conf = xcalloc(t->nlabels + 1, sizeof(*t->conf));
	t->area = xcalloc(t->nareas + 1, sizeof(*t->area));
	t->confarea = xcalloc(t->nareas + 1, sizeof(*t->confarea));
	t->rule = xcalloc(t->nrules + 1, sizeof(*t->rule));
}

static void
tally_free(struct tally *t)
{
	free(t->obj);
	free(t->conf);
	free(t->area);
	free(t->confarea);
	free(t->rule);
}

static void
count(struct eval_counts *c, int gold, int pred)
{
	if (gold && pred)
		c->tp++;
	else if (pred)
		c->fp++;
	else if (gold)
		c->fn++;
}

/* The sentence's labels at area level: per area, FOR | AGAINST. */
static void
area_sets(const struct evset *es, const unsigned char *labels,
    unsigned char *areas)
{
	size_t i;

	memset(areas, 0, es->rs->nareas + 1);
	for (i = 0; i < es->nids; i++)
		if (es->area[i] >= 0)
			areas[es->area[i]] |= labels[i];
}

/* Rule precision: did the label the rule predicts belong to the gold? */
static void
tally_rules(struct tally *t, const struct evrow *r, const unsigned char *gold)
{
	const struct rule *rule;
	unsigned char kind;
	size_t i;

	for (i = 0; i < r->nfired; i++) {
		rule = r->fired[i];
		kind = rule->kind == RULE_CONFLICT ? AGAINST : FOR;
		if (gold[rule->objective->index] & kind)
			t->rule[rule->index].tp++;
		else
			t->rule[rule->index].fp++;
	}
}

static void
tally_row(struct tally *t, const struct evset *es, struct evrow *r,
    unsigned char *gold, unsigned char *ga, unsigned char *pa)
{
	size_t i;

	memset(gold, 0, es->nids);
	for (i = 0; i < r->ngold; i++)
		gold[r->gold[i].label] |= r->gold[i].kind;
	for (i = 0; i < es->nids; i++) {
		count(&t->obj[i], gold[i] & FOR, r->pred[i] & FOR);
		count(&t->conf[i], gold[i] & AGAINST, r->pred[i] & AGAINST);
		r->nfp += ((r->pred[i] & ~gold[i]) & FOR) != 0;
		r->nfp += ((r->pred[i] & ~gold[i]) & AGAINST) != 0;
		r->nfn += ((gold[i] & ~r->pred[i]) & FOR) != 0;
		r->nfn += ((gold[i] & ~r->pred[i]) & AGAINST) != 0;
	}
	area_sets(es, gold, ga);
	area_sets(es, r->pred, pa);
	for (i = 0; i < es->rs->nareas; i++) {
		count(&t->area[i], ga[i] & FOR, pa[i] & FOR);
		count(&t->confarea[i], ga[i] & AGAINST, pa[i] & AGAINST);
	}
	tally_rules(t, r, gold);
}

static void
tally_all(struct tally *t, struct evset *es)
{
	unsigned char *gold, *ga, *pa;
	size_t i, j;

	tally_init(t, es);
	gold = xcalloc(es->nids + 1, 1);
	ga = xcalloc(es->rs->nareas + 1, 1);
	pa = xcalloc(es->rs->nareas + 1, 1);
	for (i = 0; i < es->nrows; i++)
		tally_row(t, es, &es->rows[i], gold, ga, pa);
	/* Misses weigh by how common the objective is: a miss on a
	   frequent objective costs the micro average the most. */
	for (i = 0; i < es->nrows; i++)
		for (j = 0; j < es->rows[i].ngold; j++)
			if (es->rows[i].gold[j].kind == FOR &&
			    !(es->rows[i].pred[es->rows[i].gold[j].label] & FOR))
				es->rows[i].fn_weight +=
				    t->obj[es->rows[i].gold[j].label].tp +
				    t->obj[es->rows[i].gold[j].label].fn;
	free(gold);
	free(ga);
	free(pa);
}

/* Output: the same tables as text or CSV. */
struct out {
	FILE		*fp;
	int		 csv;
	unsigned	 csvflags;	/* csvout.h */
	int		 width;		/* of the id column in text */
	const char	*level;		/* CSV level column */
};

static void
out_row(const struct out *o, const char *id, const struct eval_counts *c,
    const struct eval_scores *s)
{
	char tp[16] = "", fp[16] = "", fn[16] = "";

	if (c != NULL) {
		snprintf(tp, sizeof(tp), "%u", c->tp);
		snprintf(fp, sizeof(fp), "%u", c->fp);
		snprintf(fn, sizeof(fn), "%u", c->fn);
	}
	if (o->csv) {
		csvout_field(o->fp, o->level, o->csvflags | CSVOUT_FIRST);
		csvout_field(o->fp, id, o->csvflags);
		fprintf(o->fp, ",%s,%s,%s,%.3f,%.3f,%.3f,%u\r\n", tp, fp, fn,
		    s->precision, s->recall, s->f1, s->support);
		return;
	}
	fprintf(o->fp, "  %-*s %5s %5s %5s %9.3f %6.3f %6.3f %7u\n",
	    o->width, id, tp, fp, fn, s->precision, s->recall, s->f1,
	    s->support);
}

static void
out_heading(const struct out *o, const char *title)
{
	if (o->csv)
		return;
	fprintf(o->fp, "\n%s\n  %-*s    tp    fp    fn precision recall "
	    "    f1 support\n", title, o->width, "");
}

/* One row per label (all in CSV; only those with any count in text when
   sparse), then micro and, when asked, macro. */
static void
out_table(struct out *o, const char *level, const char *title,
    const char *const *ids, const struct eval_counts *c, size_t n,
    int sparse, int macro)
{
	struct eval_scores s;
	struct eval_counts sum;
	size_t i, used;

	o->level = level;
	out_heading(o, title);
	for (i = 0; i < n; i++) {
		if (sparse && !o->csv && c[i].tp + c[i].fp + c[i].fn == 0)
			continue;
		eval_score(&c[i], &s);
		out_row(o, ids[i], &c[i], &s);
	}
	eval_micro(c, n, &s, &sum);
	out_row(o, "micro", &sum, &s);
	if (!macro)
		return;
	used = eval_macro(c, n, &s);
	out_row(o, "macro", NULL, &s);
	if (!o->csv)
		fprintf(o->fp, "  (macro: mean over the %zu of %zu with "
		    "support)\n", used, n);
}

static const char **
area_ids(const struct ruleset *rs)
{
	const char **ids;
	size_t i;

	ids = xcalloc(rs->nareas + 1, sizeof(*ids));
	for (i = 0; i < rs->nareas; i++)
		ids[i] = rs->areas[i].id;
	return ids;
}

static void
out_tables(struct out *o, const struct evset *es, const struct tally *t)
{
	const char **aids = area_ids(es->rs);
	const char *const *oids = (const char *const *)es->ids;

	out_table(o, "objective", "Objectives", oids, t->obj, t->nlabels, 0,
	    1);
	out_table(o, "area", "Areas", aids, t->area, t->nareas, 0, 1);
	out_table(o, "conflict", "Conflicts (!ID)", oids, t->conf,
	    t->nlabels, 1, 0);
	out_table(o, "conflict-area", "Conflicts by area", aids, t->confarea,
	    t->nareas, 1, 0);
	free(aids);
}

static int
id_width(const struct evset *es)
{
	size_t i, w = strlen("micro");

	for (i = 0; i < es->nids; i++)
		if (strlen(es->ids[i]) > w)
			w = strlen(es->ids[i]);
	for (i = 0; i < es->rs->nareas; i++)
		if (strlen(es->rs->areas[i].id) > w)
			w = strlen(es->rs->areas[i].id);
	return (int)w;
}

/* "AA1.1;!AA2.5", or "none". */
static char *
label_text(const struct evset *es, const unsigned char *labels)
{
	struct strbuf sb = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < es->nids; i++) {
		if (labels[i] & FOR)
			strbuf_addf(&sb, "%s%s", sb.len > 0 ? ";" : "",
			    es->ids[i]);
		if (labels[i] & AGAINST)
			strbuf_addf(&sb, "%s!%s", sb.len > 0 ? ";" : "",
			    es->ids[i]);
	}
	if (sb.len == 0)
		strbuf_adds(&sb, "none");
	return strbuf_take(&sb);
}

static char *
gold_text(const struct evset *es, const struct evrow *r)
{
	unsigned char *gold;
	char *s;
	size_t i;

	gold = xcalloc(es->nids + 1, 1);
	for (i = 0; i < r->ngold; i++)
		gold[r->gold[i].label] |= r->gold[i].kind;
	s = label_text(es, gold);
	free(gold);
	return s;
}

/* The rules that fired for a label the analyst did not give. */
static char *
wrong_rules(const struct evrow *r)
{
	struct strbuf sb = { NULL, 0, 0 };
	const struct rule *rule;
	unsigned char kind;
	size_t i, j;
	int gold;

	for (i = 0; i < r->nfired; i++) {
		rule = r->fired[i];
		kind = rule->kind == RULE_CONFLICT ? AGAINST : FOR;
		gold = 0;
		for (j = 0; j < r->ngold; j++)
			gold |= r->gold[j].label == rule->objective->index &&
			    r->gold[j].kind == kind;
		if (!gold)
			strbuf_addf(&sb, "%s%s", sb.len > 0 ? ", " : "",
			    rule->id);
	}
	return strbuf_take(&sb);
}

static void
out_sentence(FILE *fp, const struct evset *es, const struct evrow *r,
    int show_rules)
{
	struct strbuf sb = { NULL, 0, 0 };
	char *pred, *gold, *rules, *text;

	pred = label_text(es, r->pred);
	gold = gold_text(es, r);
	text = eval_shorten(r->sentence, EVAL_SHORT);
	fprintf(fp, "  %s:%u  predicted %s, labelled %s\n",
	    safe_str(&sb, r->doc, SAFE_ONELINE), r->line, pred, gold);
	if (show_rules) {
		rules = wrong_rules(r);
		fprintf(fp, "    rules: %s\n", rules);
		free(rules);
	}
	fprintf(fp, "    %s\n", safe_str(&sb, text, SAFE_ONELINE));
	strbuf_free(&sb);
	free(pred);
	free(gold);
	free(text);
}

static int
fp_cmp(const void *va, const void *vb)
{
	const struct evrow *a = *(const struct evrow *const *)va;
	const struct evrow *b = *(const struct evrow *const *)vb;

	if (a->nfp != b->nfp)
		return a->nfp > b->nfp ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int
fn_cmp(const void *va, const void *vb)
{
	const struct evrow *a = *(const struct evrow *const *)va;
	const struct evrow *b = *(const struct evrow *const *)vb;

	if (a->nfn != b->nfn)
		return a->nfn > b->nfn ? -1 : 1;
	if (a->fn_weight != b->fn_weight)
		return a->fn_weight > b->fn_weight ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* The sentences with the most wrong labels of one kind. */
static void
out_worst(FILE *fp, const struct evset *es, int fps)
{
	const struct evrow **v;
	size_t i, n = 0;

	v = xcalloc(es->nrows + 1, sizeof(*v));
	for (i = 0; i < es->nrows; i++)
		if (fps ? es->rows[i].nfp > 0 : es->rows[i].nfn > 0)
			v[n++] = &es->rows[i];
	qsort(v, n, sizeof(*v), fps ? fp_cmp : fn_cmp);
	fprintf(fp, "\nWorst false %s (%zu of %zu sentences)\n",
	    fps ? "positives" : "negatives", n < es->worst ? n : es->worst,
	    n);
	for (i = 0; i < n && i < es->worst; i++)
		out_sentence(fp, es, v[i], fps);
	free(v);
}

static int
rule_cmp(const void *va, const void *vb, const struct eval_counts *c)
{
	const struct rule *a = *(const struct rule *const *)va;
	const struct rule *b = *(const struct rule *const *)vb;

	if (c[a->index].fp != c[b->index].fp)
		return c[a->index].fp > c[b->index].fp ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* The rules behind most false positives: where tuning pays first. */
static void
out_noisy_rules(FILE *fp, const struct evset *es, const struct tally *t)
{
	const struct rule **v;
	struct eval_scores s;
	size_t i, j, n = 0;

	v = xcalloc(t->nrules + 1, sizeof(*v));
	for (i = 0; i < t->nrules; i++)
		if (t->rule[i].fp > 0)
			v[n++] = es->rs->rules[i];
	/* Insertion sort: qsort has no context argument in C. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && rule_cmp(&v[j], &v[j - 1], t->rule) < 0;
		    j--) {
			const struct rule *tmp = v[j];

			v[j] = v[j - 1];
			v[j - 1] = tmp;
		}
	fprintf(fp, "\nRules with most false positives (%zu of %zu)\n",
	    n < EVAL_WORST ? n : EVAL_WORST, n);
	for (i = 0; i < n && i < EVAL_WORST; i++) {
		eval_score(&t->rule[v[i]->index], &s);
		fprintf(fp, "  %-32s fp %3u  tp %3u  precision %.3f\n",
		    v[i]->id, t->rule[v[i]->index].fp,
		    t->rule[v[i]->index].tp, s.precision);
	}
	free(v);
}

static void
out_report(FILE *fp, int csv, unsigned csvflags, const struct evset *es,
    const struct tally *t)
{
	struct out o;

	memset(&o, 0, sizeof(o));
	o.fp = fp;
	o.csv = csv;
	o.csvflags = csvflags;
	o.width = id_width(es);
	if (csv) {
		fputs("level,id,tp,fp,fn,precision,recall,f1,support\r\n", fp);
		out_tables(&o, es, t);
		return;
	}
	fprintf(fp, "palint eval: %s: %zu sentences", es->path, es->nrows);
	if (es->split != NULL)
		fprintf(fp, " (split %s; %zu others left out)", es->split,
		    es->skipped);
	fprintf(fp, "; rules %s %s\n", es->rs->id, es->rs->version);
	out_tables(&o, es, t);
	out_noisy_rules(fp, es, t);
	out_worst(fp, es, 1);
	out_worst(fp, es, 0);
}

/*
 * The languages of the rows of document doc, from row i on: their text
 * taken together, one row per paragraph, read as a scan reads a document
 * (document language, then each paragraph's, paralang.h), so that rows
 * too few for the whole to be judged still get the language their
 * function words give them.
 */
static void
doc_row_languages(const struct langdetect *ld, struct evset *es, size_t i)
{
	struct strbuf sb;
	struct doctext *dt;
	char doclang[LANG_CODE_SIZE], (*codes)[LANG_CODE_SIZE];
	size_t j, *at, nat = 0, k, para;

	memset(&sb, 0, sizeof(sb));
	at = xcalloc(es->nrows - i, sizeof(*at));
	for (j = i; j < es->nrows; j++)
		if (strcmp(es->rows[j].doc, es->rows[i].doc) == 0) {
			at[nat++] = sb.len;
			strbuf_addf(&sb, "%s\n\n", es->rows[j].sentence);
		}
	langdetect_document(ld, sb.s, sb.len, doclang);
	dt = doctext_from_string(sb.s, sb.len);
	codes = xcalloc(dt->nparagraphs > 0 ? dt->nparagraphs : 1,
	    sizeof(*codes));
	paralang_detect(ld, dt, doclang, codes);
	for (j = i, k = 0; j < es->nrows; j++) {
		if (strcmp(es->rows[j].doc, es->rows[i].doc) != 0)
			continue;
		para = segment_find(dt->paragraphs, dt->nparagraphs,
		    at[k++]);
		memcpy(es->rows[j].lang, para < dt->nparagraphs ?
		    codes[para] : doclang, LANG_CODE_SIZE);
	}
	free(codes);
	doctext_free(dt);
	free(at);
	strbuf_free(&sb);
}

/*
 * The language of each row: --language, else as doc_row_languages()
 * reads its document's rows (one row alone is too short to judge); "und"
 * when the detector cannot be loaded, which reads as the rules' default
 * language.
 */
static void
row_languages(const struct options *o, struct evset *es)
{
	const struct langdetect *ld = NULL;
	const char *why = NULL;
	size_t i;

	if (o->limits.language == NULL &&
	    (ld = langdetect_shared(&why)) == NULL)
		log_warnx("%s: language not detected: %s", es->path, why);
	for (i = 0; i < es->nrows; i++) {
		if (es->rows[i].lang[0] != '\0')
			continue;
		if (o->limits.language != NULL || ld == NULL) {
			snprintf(es->rows[i].lang, LANG_CODE_SIZE, "%s",
			    ld == NULL && o->limits.language == NULL ?
			    LANG_UNDETERMINED : o->limits.language);
			continue;
		}
		doc_row_languages(ld, es, i);
	}
}

/* Scan every sentence; 0, or -1 when one could not be scanned. */
static int
predict_all(const struct options *o, struct evset *es)
{
	struct prefilter *pf;
	struct scanner *sc;
	size_t i;
	int rc = 0;

	row_languages(o, es);
	pf = ruleload_prefilter(o, es->rs);
	sc = scanner_new(es->rs, pf);
	for (i = 0; i < es->nrows; i++)
		if (predict_row(es, sc, &es->rows[i]) != 0)
			rc = -1;
	scanner_free(sc);
	ruleload_prefilter_free(pf);
	return rc;
}

struct labels_report {
	const struct evset	*es;
	const struct tally	*t;
};

static void
write_labels(FILE *fp, int csv, unsigned csvflags, void *arg)
{
	const struct labels_report *lr = arg;

	out_report(fp, csv, csvflags, lr->es, lr->t);
}

static int
read_labels(struct evset *es)
{
	if (eval_tsv_read(es->path, on_label_header, on_label_row, es,
	    &es->errs) != 0)
		return -1;
	if (!es->header)
		errlist_add(&es->errs, "%s: empty file (want the header doc, "
		    "line, labels, sentence[, split])", es->path);
	else if (es->split != NULL && es->nrows == 0 && es->errs.n == 0)
		errlist_add(&es->errs, "%s: no row has split '%s'", es->path,
		    es->split);
	return es->errs.n > 0 ? -1 : 0;
}

int
eval_labels(const struct options *o, const struct ruleset *rs)
{
	struct labels_report lr;
	struct evset es;
	struct tally t;
	int rc;

	evset_init(&es, o->args[0], rs, o->split, o->quiet);
	es.worst = o->all_errors ? SIZE_MAX : EVAL_WORST;
	if (read_labels(&es) != 0) {
		errlist_warn(&es.errs);
		evset_free(&es);
		return -1;
	}
	/* A sentence that cannot be scanned counts as predicting nothing;
	   the report is still written, and the exit status says it. */
	rc = predict_all(o, &es);
	tally_all(&t, &es);
	lr.es = &es;
	lr.t = &t;
	if (eval_output(o, write_labels, &lr) != 0)
		rc = -1;
	errlist_warn(&es.errs);
	tally_free(&t);
	evset_free(&es);
	return rc;
}
