/*
 * model.h -- the data every stage of palint passes to the next.
 *
 *   rules.c    fills a struct ruleset from XML (areas, objectives, rules);
 *   compile.c  attaches compiled matchers to the patterns of that ruleset;
 *   document.c runs one input through the stages below: it reads it,
 *              sniffs its format (sniff.c), opens archives (archives.c);
 *   extract.c  turns a file's bytes into a struct doctext (doctext.c);
 *   segment.c  adds lines, sentences, paragraphs and sections to it;
 *   scan.c     produces the struct hit array for one document;
 *   coverage.c turns hits into a struct docresult;
 *   report_*.c write docresults as text, CSV or XML.
 *
 * Ownership: a ruleset owns everything hanging off it (areas, objectives,
 * rules, patterns and their compiled code).  Hits and results borrow rule,
 * objective and area pointers from the ruleset, which must outlive them; all
 * strings inside a hit or a docresult are owned by it.  Every *_free()
 * accepts NULL.
 */
#ifndef PALINT_MODEL_H
#define PALINT_MODEL_H

#include <stddef.h>

enum area_kind {
	AREA_PRINCIPLE,
	AREA_ACTION
};

enum rule_kind {
	RULE_SUPPORT,
	RULE_CONFLICT
};

/* Conflict findings at error level make the exit status 1. */
enum severity {
	SEVERITY_WARNING,
	SEVERITY_ERROR
};

/* Text units, from the smallest but SCOPE_CLAUSE, which was added last
   and is smaller than a sentence; also the scope of <all>, <near> and
   <unless>. */
enum scope {
	SCOPE_SENTENCE,
	SCOPE_PARAGRAPH,
	SCOPE_SECTION,
	SCOPE_DOCUMENT,
	SCOPE_CLAUSE
};

/* Ordered by strength: a sentence with a binding verb is binding. */
enum modality {
	MODALITY_MENTION,
	MODALITY_HORTATORY,
	MODALITY_BINDING
};

/*
 * What a sentence is, as sentkind.c classifies it: ordinary prose, or text
 * that lists, titles or defines things rather than saying what will be
 * done.  The kinds weigh differently as evidence (coverage.h).
 */
enum sentkind {
	SENTKIND_STATEMENT,
	SENTKIND_HEADING,	/* a bare label, no statement */
	SENTKIND_CONTENTS,	/* a table of contents line */
	SENTKIND_DEFINITION,	/* a glossary or definition entry */
	SENTKIND_REFERENCE,	/* a bibliography or reference entry */
	SENTKIND_ACKNOWLEDGEMENT, /* thanks, donors, contributors */
	SENTKIND_TERMS		/* an enumeration of terms, no verb */
};

struct matcher;
struct vocabulary;

/* One <term>, <regex> or <concept ref="ID"/>. */
struct pattern {
	char		*source;	/* text as written in the rule file */
	char		*regex;		/* PCRE2 source; terms translated */
	char		*prefilter;	/* literal-heavy superset for the
					   multi-pattern prefilter; NULL: none
					   (the pattern is always confirmed) */
	int		 is_term;
	int		 case_sensitive;
	const char	*file;		/* borrowed from ruleset->files */
	int		 line;
	struct matcher	*matcher;	/* compiled code, owned; opaque but
					   to compile.c; NULL until compiled */
	unsigned	 index;		/* slot in ruleset->patterns */
	int		 anchor;	/* searched in every paragraph: a
					   rule's direct pattern or the first
					   of an <all>; set by compile.c */
	const struct rule *rule;	/* owner; NULL for modality */
	int		 is_concept;	/* source is a vocabulary id; regex
					   and prefilter are the vocabulary's,
					   filled once every file is loaded */
	int		 shared_code;	/* matcher borrowed from the first
					   concept with the same regex, which
					   owns it */
	unsigned	 lang;		/* its language: an index in
					   ruleset->languages (xml:lang) */
	int		 deferred;	/* regex and prefilter are NULL until
					   made when first needed (patsrc.h):
					   a term of the built-in rules, or a
					   concept with one in its language */
	const struct vocabulary *vocab;	/* a concept's; NULL otherwise */
};

struct patlist {
	struct pattern	*v;
	size_t		 n;
};

/*
 * <all scope=...>: every pattern must match inside one scope unit.
 * <near> is the same with near set: its hit spans the closest matches
 * (one of each pattern) rather than the first pattern's match.  Either
 * with within > 0: those matches must fit in that many words.
 */
struct group {
	enum scope	 scope;
	struct patlist	 pats;
	int		 line;
	int		 near;
	unsigned	 within;	/* words; 0: anywhere in the unit */
	unsigned	 lang;		/* of every member (ruleset index) */
};

/* <unless scope=...>: any match in the hit's scope unit cancels the hit. */
struct exception {
	enum scope	 scope;
	struct patlist	 pats;		/* each applies in its own language */
	int		 line;
	unsigned	 lang;		/* in effect at the <unless> */
};

struct example {
	char		*text;
	int		 hit;		/* 1: the rule must fire; 0: must not */
	int		 line;
	unsigned	 lang;		/* scanned as text of this language
					   (ruleset index) */
};

struct objective;

struct rule {
	char		*id;
	char		*title;
	char		*description;
	enum rule_kind	 kind;
	enum severity	 severity;
	struct patlist	 pats;		/* any of these is a hit */
	struct group	*groups;	/* each satisfied group is a hit */
	size_t		 ngroups;
	struct exception *unless;
	size_t		 nunless;
	struct example	*examples;
	size_t		 nexamples;
	struct objective *objective;	/* back pointer */
	const char	*file;
	int		 line;
	unsigned	 index;		/* slot in ruleset->rules */
	int		 stance_ignore;	/* conflict rule: stance="ignore" */
};

struct area;

struct objective {
	char		*id;
	char		*title;
	char		*description;
	int		 working_title;	/* title is descriptive, not official */
	unsigned	 min_rules;	/* support rules needed for "covered" */
	struct rule	*rules;
	size_t		 nrules;
	struct area	*area;		/* back pointer */
	const char	*file;
	int		 line;
	unsigned	 index;		/* slot in ruleset->objectives */
};

struct area {
	char		*id;
	char		*title;
	enum area_kind	 kind;
	struct objective *objectives;
	size_t		 nobjectives;
	const char	*file;
	int		 line;
};

/* A change a rule file made to rules defined before it: <disable ref>,
   or replace="yes" on a rule or objective. */
enum override_kind {
	OVERRIDE_DISABLED,
	OVERRIDE_REPLACED
};

struct override {
	enum override_kind kind;
	char		*id;		/* as first defined */
	const char	*file;		/* borrowed from ruleset->files */
	int		 line;
};

/* <vocabulary id=...>: patterns that <concept ref=.../> stands for. */
struct vocabulary {
	char		*id;
	struct patlist	 pats;		/* parts; concepts resolved */
	const char	*file;
	int		 line;
	int		 state;		/* VOCAB_*, while resolving */
	unsigned	 uses;		/* concepts referring to it */
	/* The parts of each language (ruleset->languages order) as one
	   pattern; regex NULL: it has no part in that language. */
	struct vocabjoin *joins;
	size_t		 njoins;
};

/* A vocabulary's parts of one language as one pattern. */
struct vocabjoin {
	char		*regex;		/* NULL while deferred */
	char		*prefilter;
	int		 case_sensitive;
	int		 all_terms;
	size_t		 nparts;	/* its parts in that language */
	int		 deferred;	/* one of them is */
};

enum {
	VOCAB_NEW,
	VOCAB_ACTIVE,
	VOCAB_DONE,
	VOCAB_FAILED
};

struct ruleset {
	char		*id;
	char		*title;
	char		*version;
	char		*source;
	char		 sha256[65];	/* of the rule files' bytes, in order */
	struct area	*areas;
	size_t		 nareas;
	struct patlist	 binding;	/* <modality> lists */
	struct patlist	 hortatory;
	char		**files;	/* origin of each element, owned */
	size_t		 nfiles;
	/* Flat indexes, borrowed views into the tree above. */
	struct rule	**rules;
	size_t		 nrules;
	struct objective **objectives;
	size_t		 nobjectives;
	struct pattern	**patterns;	/* every pattern, incl. modality and
					   stance */
	size_t		 npatterns;
	struct vocabulary *vocabularies;
	size_t		 nvocabularies;
	/* <stance> lists: cues that cancel a conflict hit in its clause. */
	struct patlist	 attribution;
	struct patlist	 rejection;
	struct patlist	 threat;
	/* Languages the rules are written for, ISO 639-1 codes in the order
	   first declared: the union of every file's languages= ("en" for a
	   file that declares none); owned.  Patterns name theirs by index
	   here; a file's default language (its first) is that of a pattern
	   with no xml:lang. */
	char		**languages;
	size_t		 nlanguages;
	int		 extends;	/* built-in rules loaded first, for a
					   file with extends="builtin" */
	struct override	*overrides;	/* in file order */
	size_t		 noverrides;
	/* Vocabularies by id, ASCII case folded: an open hash table of
	   indexes + 1 (0: empty slot), owned; rules.c's. */
	unsigned	*vocab_slots;
	size_t		 nvocab_slots;	/* a power of two, or 0 */
};

/* A half-open byte range [start, end) of the document text. */
struct span {
	size_t		 start;
	size_t		 end;
};

/*
 * Bytes taken out of a document's text before segmentation (soft hyphens,
 * softhyphen.h).  off is where they were, in the text as it is now: the
 * byte that followed them; line and column are that byte's position
 * before, and breaks counts the line breaks taken out there and before.
 */
struct textjoin {
	size_t		 off;
	unsigned	 line;		/* 1-based */
	unsigned	 column;	/* 1-based, in characters */
	unsigned	 breaks;
};

/*
 * One document's text, ready to scan.  Extractors fill text, len and the
 * structural hints; segment.c fills the rest.  text is UTF-8 with LF line
 * ends and a terminating NUL that len does not count.
 */
struct doctext {
	char		*text;
	size_t		 len;
	/* Hints from the extractor, byte offsets in ascending order. */
	size_t		*headings;	/* a heading starts a section here */
	size_t		 nheadings;
	size_t		*pages;		/* page i+1 starts here; none: 0 */
	size_t		 npages;
	char		**warnings;	/* e.g. "invalid UTF-8, read as ..." */
	size_t		 nwarnings;
	/* Filled by segment.c. */
	size_t		*lines;		/* start of each line */
	size_t		 nlines;
	struct span	*sentences;
	size_t		 nsentences;
	struct span	*paragraphs;
	size_t		 nparagraphs;
	struct span	*sections;
	size_t		 nsections;
	size_t		 words;
	/* Set before the scan (document.c): the language each paragraph is
	   read in, ISO 639-1 codes, paragraph by paragraph; NULL: every
	   paragraph is in lang, the document's.  "" or "und" in lang: the
	   rules' default language. */
	char		 lang[8];
	char		(*paralang)[8];
	/* Filled by segment.c (softhyphen.h): where bytes were taken out,
	   ascending by off, so that positions are reported as before. */
	struct textjoin	*joins;
	size_t		 njoins;
};

/*
 * A finding reviewed and accepted: one row of a --waivers file, kept by
 * waivers.c.  Results point at the waiver that applies to them; the waiver
 * list must outlive them.
 */
struct waiver {
	char		*id;		/* objective or rule id, as in the
					   ruleset */
	char		*glob;		/* fnmatch(3) over the reported path */
	char		*justification;
	char		*reviewer;
	char		 expires[11];	/* YYYY-MM-DD, or "" for never */
	const char	*file;		/* the waivers file */
	unsigned	 line;
	int		 is_rule;	/* id names a rule, not an objective */
	size_t		 used;		/* findings it waived so far */
};

/* One unexcepted match of a rule: the evidence behind a verdict. */
struct hit {
	const struct rule *rule;	/* borrowed from the ruleset */
	size_t		 start;		/* byte span in the document text */
	size_t		 end;
	unsigned	 line;		/* 1-based */
	unsigned	 column;	/* 1-based, in characters */
	unsigned	 page;		/* 1-based; 0 when not paged */
	enum modality	 modality;
	char		*match;		/* owned: the matched text */
	char		*sentence;	/* owned: its sentence, spaces folded */
	enum sentkind	 kind;		/* of that sentence */
	char		*section;	/* owned: the headings above it, as
					   "2 Goals > 2.3 Cooperation"; NULL
					   when the document has none */
	const struct waiver *waiver;	/* NULL, or the waiver of this hit */
	int		 known;		/* --baseline: already reported */
	char		 lang[8];	/* the language it was matched in */
};

/* Coverage by the support evidence; conflicts are reported beside it. */
enum status {
	STATUS_ABSENT,
	STATUS_PARTIAL,
	STATUS_COVERED
};

struct objective_result {
	const struct objective *objective;
	enum status	 status;
	double		 score;		/* 0..1, see coverage.h */
	unsigned	 rules_fired;	/* distinct support rules */
	unsigned	 rules_total;	/* support rules of the objective */
	unsigned	 conflicts_fired; /* distinct conflict rules */
	unsigned	 hits;		/* support and conflict hits */
	unsigned	 first_line;	/* of the first hit; 0: none */
	double		 evidence;	/* sum of the support rules' strengths */
	unsigned	 needed;	/* min(min_rules, rules_total) */
	int		 conflict;	/* 0 none, else 1 + the worst severity
					   of the conflict rules that fired */
	const struct waiver *waiver;	/* NULL, or the waiver of its gap
					   or conflict */
	int		 known;		/* --baseline: its gap or conflict
					   was reported, no worse */
};

struct area_result {
	const struct area *area;
	double		 score;		/* mean of its objectives, 0..1 */
	unsigned	 covered;
	unsigned	 partial;
	unsigned	 absent;
	unsigned	 contradicted;	/* objectives with a conflict, whatever
					   their status */
};

/* Everything reported about one document; self-contained once built. */
struct docresult {
	char		*path;		/* as given; archive!member */
	char		 sha256[65];	/* of the raw bytes; "" if unread */
	int		 ok;		/* 0: status error, see error */
	char		*error;		/* one line; owned */
	char		**warnings;
	size_t		 nwarnings;
	size_t		 words;
	struct hit	*hits;		/* sorted by start, then rule index */
	size_t		 nhits;
	struct objective_result *objectives; /* ruleset->objectives order */
	size_t		 nobjectives;
	struct area_result *areas;	/* ruleset->areas order */
	size_t		 nareas;
	double		 overall;	/* mean of action-area scores */
	double		 principles;	/* mean of principle-area scores */
	unsigned	 conflicts;	/* objectives with a conflict */
	unsigned	 gaps;		/* objectives absent or partial */
	int		 conflict_errors; /* error-level conflict rules fired,
					   waived and known ones not counted */
	/* What the document is (document.c), beside how it scores. */
	char		 language[8];	/* ISO 639-1 code (langdetect.h);
					   "und": undetermined; "": unread */
	char		*no_verdict;	/* owned; set when the document was
					   not judged (its language is not
					   the rules'): why, on one line; it
					   then has no hits, objectives or
					   areas, and no scores */
	unsigned	 flags;		/* DOCFLAG_* */
	/* Its languages paragraph by paragraph, each with its share of the
	   paragraphs' bytes, largest first; none when unread or not judged
	   paragraph by paragraph (--language). */
	struct langshare *mix;		/* owned */
	size_t		 nmix;
	size_t		 skipped;	/* paragraphs not scanned: in a
					   language the rules do not read */
	/* Text nobody can read (readable.h): the paragraphs with some, its
	   bytes and share of the paragraphs' bytes, and the matches found
	   in it, which count toward nothing.  unreadable: so much of it
	   that the document got no verdict (no_verdict says so). */
	size_t		 unread_paragraphs;
	size_t		 unread_bytes;
	double		 unread_share;
	size_t		 unread_hits;
	int		 unreadable;
};

/* One language of a document and its share of the text, 0..1. */
struct langshare {
	char		 code[8];
	double		 share;
};

/* Flags on a judged document: it was scored, but read the score with care. */
#define DOCFLAG_NOT_POLICY	0x01	/* not policy text (textkind.h) */
#define DOCFLAG_UNREADABLE	0x02	/* some of it unreadable (readable.h) */

#endif
