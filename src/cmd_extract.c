/*
 * cmd_extract.c -- `palint extract FILE`: the text palint reads from a
 * document, as UTF-8 on stdout, so that an analyst can see why a rule does
 * or does not match.
 *
 * Input: one path, or "-" for stdin.  Output: the extracted text; the
 * extractor's warnings on stderr (unless -q).  The bytes go through the
 * read and extract part of document.c, as in a scan; an archive is refused
 * ("is an archive"): scan it to see its members.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "document.h"

int
cmd_extract(const struct options *o)
{
	struct input in;
	struct doctext *doc;
	size_t len, i;
	char *cause = NULL;

	if (o->nargs != 1) {
		log_warnx("extract wants one document");
		return 2;
	}
	memset(&in, 0, sizeof(in));
	in.path = xstrdup(o->args[0]);
	in.is_stdin = strcmp(in.path, "-") == 0;
	in.read_any = o->read_devices;
	doc = document_text(&in, &o->limits, &cause);
	free(in.path);
	if (doc == NULL) {
		log_warnx("%s: %s", o->args[0], cause);
		free(cause);
		return 2;
	}
	for (i = 0; i < doc->nwarnings && !o->quiet; i++)
		log_warnx("%s: warning: %s", o->args[0],
		    doc->warnings[i]);
	len = doc->len;
	i = fwrite(doc->text, 1, len, stdout);
	doctext_free(doc);
	return i == len && fflush(stdout) == 0 ? 0 : 2;
}
