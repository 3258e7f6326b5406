/*
 * diff.h -- two drafts of a document compared (`palint diff`).
 *
 * diff.c is pure: two docresults judged with the same ruleset in, one
 * struct diff_document out, listing what changed per objective:
 *
 *   - status and score before and after;
 *   - evidence gained and lost, matched by rule and normalised sentence
 *     (ASCII case folded, runs of white space made one space, trimmed), not
 *     by line or offset, so that text that only moved is not a change and
 *     two hits of one rule in one sentence are one piece of evidence;
 *   - conflicts introduced and removed: conflict rules that fire in one
 *     draft and not in the other.
 *
 * A document is worse when its overall score drops or a conflict rule
 * fires that did not before, unless every hit of that rule in the new
 * draft is waived (hit.waiver, from --waivers); `palint diff` exits 1 when
 * any document is.
 *
 * diff_write.c writes diff_documents as text, CSV or XML (valid against
 * rules/palint-diff.rng), streaming like report.h.
 *
 * Ownership: a diff_document owns its strings and arrays and borrows rule
 * and objective pointers from the ruleset, which must outlive it.
 */
#ifndef PALINT_DIFF_H
#define PALINT_DIFF_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"
#include "report.h"

enum diff_kind {
	DIFF_SAME,			/* nothing listed changed */
	DIFF_CHANGED,
	DIFF_ADDED,			/* only in the new draft(s) */
	DIFF_REMOVED,			/* only in the old draft(s) */
	DIFF_ERROR			/* either side could not be read */
};

/* One piece of evidence: a rule and the sentence it fired in. */
struct diff_evidence {
	const struct rule *rule;
	char		*sentence;	/* owned: the first hit's, as found */
	unsigned	 line;		/* in the draft that holds it */
};

struct diff_objective {
	const struct objective *objective;
	enum status	 before;
	enum status	 after;
	double		 score_before;
	double		 score_after;
	struct diff_evidence *gained;	/* in the new draft only */
	size_t		 ngained;
	struct diff_evidence *lost;	/* in the old draft only */
	size_t		 nlost;
	const struct rule **introduced;	/* conflict rules, new draft only */
	const struct waiver **waived;	/* per introduced rule: the waiver
					   of its hits, or NULL */
	size_t		 nintroduced;
	const struct rule **removed;	/* conflict rules, old draft only */
	size_t		 nremoved;
};

struct diff_document {
	char		*path;		/* as reported; owned */
	enum diff_kind	 kind;
	char		*error;		/* DIFF_ERROR: "old: why"; owned */
	double		 overall_before; /* not DIFF_ADDED */
	double		 overall_after;	/* not DIFF_REMOVED */
	struct diff_objective *objectives; /* the changed ones, in
					   ruleset order */
	size_t		 nobjectives;
	int		 worse;
};

/*
 * old and new: the same document's two drafts, either one NULL for a
 * document added or removed, not both.  A result with ok == 0 on either
 * side gives DIFF_ERROR.  An added document lists the conflict rules that
 * fire in it as introduced (and is worse if any does); a removed one lists
 * nothing.  Never NULL.
 */
struct diff_document *diff_documents(const char *path,
		    const struct docresult *old, const struct docresult *new);
void		 diff_document_free(struct diff_document *);
/* Whether status b is worse than a: covered > partial > absent.  Statuses
   say what the support evidence covers; conflicts are compared apart. */
int		 diff_status_worse(enum status a, enum status b);
/* "same", "changed", "added", "removed", "error" */
const char	*diff_kind_name(enum diff_kind);

/* diff_write.c */
struct diff_writer;

struct diff_writer *diff_writer_open(enum report_format, FILE *,
		    const struct report_info *, const char *old,
		    const char *new);
/* 0, or -1 once writing failed. */
int		 diff_writer_document(struct diff_writer *,
		    const struct diff_document *);
/* Writes the trailer and frees the writer; 0, or -1 on a write error. */
int		 diff_writer_close(struct diff_writer *);

#endif
