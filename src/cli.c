/*
 * cli.c -- the command line: getopt_long into struct options, then the
 * command it names, found in one table (the commands are cmd_*.c).  Usage
 * errors are found and printed here; each command turns its own results
 * into an exit status, and nothing below exits.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "langdetect.h"
#include "options.h"
#include "util.h"

static const char usage_text[] =
"usage: palint [scan] [options] PATH...\n"
"       palint rules list|check|test [-r RULES]... [FILE...]\n"
"       palint rules export [-o FILE]\n"
"       palint rules export --patterns [--language CODE] [-r RULES]...\n"
"       palint explain [-r RULES]... ID [DOCUMENT]\n"
"       palint extract FILE\n"
"       palint merge [-o FILE] [--csv-raw] REPORT...\n"
"       palint eval [-r RULES]... [-f text|csv] [--split NAME]\n"
"                   [--all-errors] LABELS.tsv\n"
"       palint eval --documents RATINGS.tsv --corpus DIR [-r RULES]...\n"
"       palint diff [-r RULES]... [-f text|csv|xml] [-o FILE]\n"
"                   [--waivers FILE] OLD NEW\n";

static const char help_text[] =
"Check cyber and digital policy documents against the U.S. International\n"
"Cyberspace and Digital Policy Strategy (2024): coverage, gaps, conflicts.\n"
"\n"
"Options:\n"
"  -r, --rules FILE|DIR     rule files to use instead of the built-in set\n"
"                           (or with it: extends=\"builtin\", see palint(1))\n"
"  -f, --format FMT         report format: text, csv, xml or html (one\n"
"                           self-contained page, every level)\n"
"  -o, --output FILE        write the report to FILE (atomically)\n"
"  -l, --level LEVEL        csv rows per objective, area or document\n"
"  -e, --evidence FILE      also write every hit to FILE (.csv or .xml)\n"
"      --fail-under PCT     exit 1 when a document scores below PCT, or\n"
"                           has no verdict (language not the rules',\n"
"                           or text mostly unreadable)\n"
"      --language CODE      the documents are in CODE (ISO 639-1, e.g. en):\n"
"                           no detection, for the document or its paragraphs\n"
"      --sort KEY           documents by score (best first), name or path;\n"
"                           default: the order they were found in\n"
"      --waivers FILE       reviewed findings (CSV) reported as waived\n"
"      --baseline REPORT    only findings new since an earlier report\n"
"  -j, --jobs N             worker threads (default: online CPUs)\n"
"      --include GLOB       only read files matching GLOB inside folders\n"
"      --exclude GLOB       skip files and folders matching GLOB\n"
"  -T, --files-from FILE    read more paths from FILE, one per line ('-')\n"
"      --hidden             also read hidden files and folders\n"
"  -D, --devices ACTION     FIFOs and devices named as operands: read or\n"
"                           skip (default); never read inside folders\n"
"      --stdin-name NAME    report standard input ('-') as NAME\n"
"      --progress           show progress on stderr (default: on a tty)\n"
"      --no-progress        never show progress\n"
"      --no-prefilter       scan with PCRE2 alone (same hits, slower)\n"
"      --csv-raw            CSV cells as they are, formulas not neutralised\n"
"      --cache-dir DIR      where to cache compiled rules ('' for none)\n"
"      --max-file-size N    largest document read (K, M, G suffixes)\n"
"      --max-members N      most members read from one archive\n"
"      --max-total-size N   most uncompressed bytes read from one archive\n"
"      --max-ratio N        highest compression ratio of an archive member\n"
"      --max-xml-depth N    deepest XML nesting accepted\n"
"      --patterns           (rules export) one PCRE2 pattern per line\n"
"                           instead of the built-in rule file\n"
"      --documents FILE     (eval) document ratings to compare with\n"
"      --corpus DIR         (eval) folder holding the rated documents\n"
"      --split NAME         (eval) only the labelled rows whose split is NAME\n"
"  -q, --quiet              no notices on stderr\n"
"  -v, --verbose            text report: every hit under its objective;\n"
"                           rules list/check: each rule's languages\n"
"  -h, --help               show this help\n"
"  -V, --version            show the version\n"
"\n"
"Exit status: 0 fine, 1 findings (score under --fail-under or an\n"
"error-level conflict not waived; for diff, a score that dropped or a\n"
"conflict that appeared), 2 usage, rule or input errors.  See palint(1).\n";

enum {
	OPT_FAIL_UNDER = 256,
	OPT_INCLUDE,
	OPT_EXCLUDE,
	OPT_HIDDEN,
	OPT_STDIN_NAME,
	OPT_PROGRESS,
	OPT_NO_PROGRESS,
	OPT_NO_PREFILTER,
	OPT_CACHE_DIR,
	OPT_MAX_FILE_SIZE,
	OPT_MAX_MEMBERS,
	OPT_MAX_TOTAL_SIZE,
	OPT_MAX_RATIO,
	OPT_MAX_XML_DEPTH,
	OPT_PATTERNS,
	OPT_DOCUMENTS,
	OPT_CORPUS,
	OPT_SPLIT,
	OPT_ALL_ERRORS,
	OPT_CSV_RAW,
	OPT_LANGUAGE,
	OPT_SORT,
	OPT_WAIVERS,
	OPT_BASELINE
};

static const struct option long_options[] = {
	{ "rules", required_argument, NULL, 'r' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "level", required_argument, NULL, 'l' },
	{ "evidence", required_argument, NULL, 'e' },
	{ "fail-under", required_argument, NULL, OPT_FAIL_UNDER },
	{ "jobs", required_argument, NULL, 'j' },
	{ "include", required_argument, NULL, OPT_INCLUDE },
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "files-from", required_argument, NULL, 'T' },
	{ "hidden", no_argument, NULL, OPT_HIDDEN },
	{ "devices", required_argument, NULL, 'D' },
	{ "stdin-name", required_argument, NULL, OPT_STDIN_NAME },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
	{ "no-prefilter", no_argument, NULL, OPT_NO_PREFILTER },
	{ "cache-dir", required_argument, NULL, OPT_CACHE_DIR },
	{ "max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE },
	{ "max-members", required_argument, NULL, OPT_MAX_MEMBERS },
	{ "max-total-size", required_argument, NULL, OPT_MAX_TOTAL_SIZE },
	{ "max-ratio", required_argument, NULL, OPT_MAX_RATIO },
	{ "max-xml-depth", required_argument, NULL, OPT_MAX_XML_DEPTH },
	{ "patterns", no_argument, NULL, OPT_PATTERNS },
	{ "documents", required_argument, NULL, OPT_DOCUMENTS },
	{ "corpus", required_argument, NULL, OPT_CORPUS },
	{ "split", required_argument, NULL, OPT_SPLIT },
	{ "all-errors", no_argument, NULL, OPT_ALL_ERRORS },
	{ "csv-raw", no_argument, NULL, OPT_CSV_RAW },
	{ "language", required_argument, NULL, OPT_LANGUAGE },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ "waivers", required_argument, NULL, OPT_WAIVERS },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static int usage_error(const char *, ...)
    __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwarnx(fmt, ap);
	va_end(ap);
	fputs(usage_text, stderr);
	return -1;
}

/* A size with an optional K, M or G suffix. */
static int
parse_size(const char *s, size_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || s[0] == '-')
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	if (*end != '\0' || v > SIZE_MAX)
		return -1;
	*out = (size_t)v;
	return 0;
}

static int
parse_unsigned(const char *s, unsigned *out)
{
	size_t v;

	if (parse_size(s, &v) != 0 || v > UINT_MAX)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static void
push(const char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = s;
}

static int
parse_format(struct options *o, const char *s)
{
	if (strcmp(s, "text") == 0)
		o->format = FORMAT_TEXT;
	else if (strcmp(s, "csv") == 0)
		o->format = FORMAT_CSV;
	else if (strcmp(s, "xml") == 0)
		o->format = FORMAT_XML;
	else if (strcmp(s, "html") == 0)
		o->format = FORMAT_HTML;
	else
		return usage_error("unknown format '%s' (text, csv, xml or "
		    "html)", s);
	o->format_set = 1;
	return 0;
}

static int
parse_level(struct options *o, const char *s)
{
	if (strcmp(s, "objective") == 0)
		o->level = LEVEL_OBJECTIVE;
	else if (strcmp(s, "area") == 0)
		o->level = LEVEL_AREA;
	else if (strcmp(s, "document") == 0)
		o->level = LEVEL_DOCUMENT;
	else
		return usage_error("unknown level '%s' (objective, area or "
		    "document)", s);
	return 0;
}

static int
parse_sort(struct options *o, const char *s)
{
	if (strcmp(s, "score") == 0)
		o->sort = SORT_SCORE;
	else if (strcmp(s, "name") == 0)
		o->sort = SORT_NAME;
	else if (strcmp(s, "path") == 0)
		o->sort = SORT_PATH;
	else
		return usage_error("unknown sort key '%s' (score, name or "
		    "path)", s);
	return 0;
}

static int
parse_devices(struct options *o, const char *s)
{
	if (strcmp(s, "read") == 0)
		o->read_devices = 1;
	else if (strcmp(s, "skip") == 0)
		o->read_devices = 0;
	else
		return usage_error("unknown devices action '%s' (read or "
		    "skip)", s);
	return 0;
}

static int
parse_percent(struct options *o, const char *s)
{
	char *end;

	errno = 0;
	o->fail_under = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || o->fail_under < 0 ||
	    o->fail_under > 100)
		return usage_error("--fail-under wants a percentage from 0 to "
		    "100, not '%s'", s);
	o->fail_under_set = 1;
	return 0;
}

static int
parse_language(struct options *o, const char *s)
{
	if (!langdetect_valid_code(s))
		return usage_error("--language wants a language code such as "
		    "en or fr (ISO 639-1, lowercase), not '%s'", s);
	o->limits.language = s;
	return 0;
}

/* "--name" of a long option by its value, for messages. */
static const char *
option_name(int c)
{
	size_t i;

	for (i = 0; long_options[i].name != NULL; i++)
		if (long_options[i].val == c)
			return long_options[i].name;
	return "?";
}

/* The options that set limits; -1 for a bad value. */
static int
parse_limit(struct options *o, int c, const char *s)
{
	struct extract_opts *l = &o->limits;
	int rc = 0;

	switch (c) {
	case OPT_MAX_FILE_SIZE: rc = parse_size(s, &l->max_file_size); break;
	case OPT_MAX_MEMBERS: rc = parse_size(s, &l->max_members); break;
	case OPT_MAX_TOTAL_SIZE: rc = parse_size(s, &l->max_total_size); break;
	case OPT_MAX_RATIO: rc = parse_unsigned(s, &l->max_ratio); break;
	case OPT_MAX_XML_DEPTH: rc = parse_unsigned(s, &l->max_xml_depth); break;
	}
	if (rc != 0)
		return usage_error("--%s wants a number, optionally with a K, M "
		    "or G suffix, not '%s'", option_name(c), s);
	return 0;
}

/* argv_opt: the word getopt was reading, for messages about it. */
static int
parse_option(struct options *o, int c, const char *arg, const char *argv_opt,
    int *done)
{
	unsigned jobs;

	switch (c) {
	case 'r': push(&o->rules, &o->nrules, arg); return 0;
	case 'f': return parse_format(o, arg);
	case 'o': o->output = arg; return 0;
	case 'l': return parse_level(o, arg);
	case 'e': o->evidence = arg; return 0;
	case OPT_FAIL_UNDER: return parse_percent(o, arg);
	case 'j':
		if (parse_unsigned(arg, &jobs) != 0 || jobs == 0)
			return usage_error("-j wants a positive number, not "
			    "'%s'", arg);
		o->jobs = jobs;
		return 0;
	case OPT_INCLUDE: push(&o->include, &o->ninclude, arg); return 0;
	case OPT_EXCLUDE: push(&o->exclude, &o->nexclude, arg); return 0;
	case 'T': o->files_from = arg; return 0;
	case OPT_HIDDEN: o->hidden = 1; return 0;
	case 'D': return parse_devices(o, arg);
	case OPT_STDIN_NAME: o->stdin_name = arg; return 0;
	case OPT_PROGRESS: o->progress = 1; return 0;
	case OPT_NO_PROGRESS: o->progress = 0; return 0;
	case OPT_NO_PREFILTER: o->prefilter = 0; return 0;
	case OPT_CACHE_DIR: o->cache_dir = arg; return 0;
	case OPT_PATTERNS: o->patterns = 1; return 0;
	case OPT_DOCUMENTS: o->documents = arg; return 0;
	case OPT_CORPUS: o->corpus = arg; return 0;
	case OPT_SPLIT: o->split = arg; return 0;
	case OPT_ALL_ERRORS: o->all_errors = 1; return 0;
	case OPT_CSV_RAW: o->csv_raw = 1; return 0;
	case OPT_LANGUAGE: return parse_language(o, arg);
	case OPT_SORT: return parse_sort(o, arg);
	case OPT_WAIVERS: o->waivers = arg; return 0;
	case OPT_BASELINE: o->baseline = arg; return 0;
	case 'q': o->quiet = 1; return 0;
	case 'v': o->verbose = 1; return 0;
	case 'h': fputs(usage_text, stdout); fputs("\n", stdout);
		fputs(help_text, stdout); *done = 1; return 0;
	case 'V': printf("palint %s\n", PACKAGE_VERSION); *done = 1; return 0;
	case '?':
		if (optopt != 0)
			return usage_error("unknown option '-%c'", optopt);
		return usage_error("unknown option '%s'", argv_opt);
	case ':':
		if (strncmp(argv_opt, "--", 2) == 0)
			return usage_error("option '%s' wants a value",
			    argv_opt);
		return usage_error("option '-%c' wants a value", optopt);
	default: return parse_limit(o, c, arg);
	}
}

/* The commands: the words that name them and the function that runs
   them.  Without a command word palint scans. */
static const struct cmdent {
	const char	*w1;
	const char	*w2;		/* NULL: one word */
	enum command	 c;
	int		(*run)(const struct options *);
} cmds[] = {
	{ "scan", NULL, CMD_SCAN, cmd_scan },
	{ "rules", "list", CMD_RULES_LIST, cmd_rules_list },
	{ "rules", "check", CMD_RULES_CHECK, cmd_rules_check },
	{ "rules", "test", CMD_RULES_TEST, cmd_rules_test },
	{ "rules", "export", CMD_RULES_EXPORT, cmd_rules_export },
	{ "explain", NULL, CMD_EXPLAIN, cmd_explain },
	{ "merge", NULL, CMD_MERGE, cmd_merge },
	{ "eval", NULL, CMD_EVAL, cmd_eval },
	{ "extract", NULL, CMD_EXTRACT, cmd_extract },
	{ "diff", NULL, CMD_DIFF, cmd_diff },
};

/* The subcommand in argv[1..2]; returns how many words it used. */
static int
parse_command(struct options *o, int argc, char **argv)
{
	size_t i;

	o->command = CMD_SCAN;
	if (argc < 2)
		return 0;
	for (i = 0; i < nitems(cmds); i++) {
		if (strcmp(argv[1], cmds[i].w1) != 0)
			continue;
		if (cmds[i].w2 == NULL) {
			o->command = cmds[i].c;
			return 1;
		}
		if (argc > 2 && strcmp(argv[2], cmds[i].w2) == 0) {
			o->command = cmds[i].c;
			return 2;
		}
	}
	if (strcmp(argv[1], "rules") == 0)
		return usage_error("'rules' wants list, check, test or "
		    "export%s%s%s", argc > 2 ? ", not '" : "",
		    argc > 2 ? argv[2] : "", argc > 2 ? "'" : "");
	return 0;
}

static void
options_init(struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->format = FORMAT_TEXT;
	o->level = LEVEL_OBJECTIVE;
	o->progress = -1;
	o->prefilter = 1;
	extract_opts_default(&o->limits);
}

/* Returns 0 to run, 1 when done (help, version), -1 on a usage error. */
static int
options_parse(struct options *o, int argc, char **argv)
{
	int c, skip, done = 0;

	options_init(o);
	if ((skip = parse_command(o, argc, argv)) < 0)
		return -1;
	optind = 1 + skip;
	/* Our messages, not getopt's: ':' first reports a missing value. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":r:f:o:l:e:j:T:D:qvhV",
	    long_options, NULL)) != -1) {
		if (parse_option(o, c, optarg, argv[optind - 1], &done) != 0)
			return -1;
		if (done)
			return 1;
	}
	for (; optind < argc; optind++)
		push(&o->args, &o->nargs, argv[optind]);
	if (o->command == CMD_SCAN && o->nargs == 0 && o->files_from == NULL)
		return usage_error("no document to scan");
	return 0;
}

static void
options_free(struct options *o)
{
	free(o->rules);
	free(o->args);
	free(o->include);
	free(o->exclude);
}

int
palint_main(int argc, char **argv)
{
	struct options o;
	size_t i;
	int rc;

	if ((rc = options_parse(&o, argc, argv)) != 0) {
		options_free(&o);
		return rc > 0 ? EXIT_OK : EXIT_TROUBLE;
	}
	rc = EXIT_TROUBLE;
	for (i = 0; i < nitems(cmds); i++)
		if (cmds[i].c == o.command)
			rc = cmds[i].run(&o);
	options_free(&o);
	return rc;
}
