/*
 * test_langdetect.c -- the language detector: English, French, Spanish,
 * Portuguese and German policy prose; text too short to judge; a long
 * text judged on its sample; a mixed text paragraph by paragraph; codes
 * and names.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "langdetect.h"
#include "paralang.h"
#include "util.h"

static const char english[] =
    "The government will strengthen the resilience of national critical "
    "infrastructure and work with its international partners to promote "
    "responsible state behaviour in cyberspace. Each ministry shall report "
    "every significant incident to the national response team within "
    "seventy-two hours, and the budget for training will double.";
static const char french[] =
    "Le gouvernement renforcera la résilience des infrastructures "
    "critiques nationales et travaillera avec ses partenaires "
    "internationaux pour promouvoir un comportement responsable des États "
    "dans le cyberespace. Chaque ministère signale tout incident important "
    "à l'équipe nationale de réponse dans les soixante-douze heures.";
static const char spanish[] =
    "El gobierno fortalecerá la resiliencia de las infraestructuras "
    "críticas nacionales y trabajará con sus socios internacionales para "
    "promover un comportamiento responsable de los Estados en el "
    "ciberespacio. Cada ministerio deberá informar de todo incidente "
    "importante al equipo nacional de respuesta en un plazo de setenta y "
    "dos horas.";
static const char portuguese[] =
    "O governo vai fortalecer a resiliência das infraestruturas críticas "
    "nacionais e trabalhar com os seus parceiros internacionais para "
    "promover um comportamento responsável dos Estados no ciberespaço. "
    "Cada ministério deverá comunicar todos os incidentes importantes à "
    "equipa nacional de resposta no prazo de setenta e duas horas.";
static const char german[] =
    "Die Bundesregierung wird die Widerstandsfähigkeit der kritischen "
    "Infrastrukturen stärken und mit ihren internationalen Partnern "
    "zusammenarbeiten, um verantwortungsvolles staatliches Verhalten im "
    "Cyberraum zu fördern. Jedes Ministerium meldet jeden bedeutenden "
    "Vorfall innerhalb von zweiundsiebzig Stunden an das nationale "
    "Abwehrzentrum.";

/* Written without spaces between words. */
static const char chinese[] =
    "政府将加强国家关键基础设施的韧性，并与国际伙伴合作，促进网络空间中负责任"
    "的国家行为。各部委应在七十二小时内向国家应急响应中心报告每一起重大事件，"
    "培训预算将增加一倍。";

/* Kana among the Han characters. */
static const char japanese[] =
    "政府は重要インフラの強靭性を強化し、国際的なパートナーと協力して、サイバー"
    "空間における責任ある国家の行動を促進する。各省庁は七十二時間以内に重大な"
    "インシデントを国家の対応チームに報告しなければならない。";

static void
check_text(const struct langdetect *ld, const char *text, const char *want)
{
	char code[LANG_CODE_SIZE];

	langdetect_document(ld, text, strlen(text), code);
	CHECK_STR(code, want);
}

/* Too little text for n-grams to mean anything: undetermined, not a
   guess.  Digits and punctuation are not letters. */
static void
test_short(const struct langdetect *ld)
{
	check_text(ld, "", "und");
	check_text(ld, "Le gouvernement renforcera", "und");
	check_text(ld, "The government will act.", "und");
	/* Enough letters, but one endless word: no language. */
	check_text(ld, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    "und");
	check_text(ld, "1.2.3 ........................ 45 -- 2024/05/06 "
	    "1.2.4 ........................ 46 -- 2024/05/07 "
	    "1.2.5 ........................ 47 -- 2024/05/08", "und");
}

/*
 * A long text is judged on a sample spread over it: a French text with
 * one English page at the front is French, and its length does not
 * change the answer.
 */
static void
test_long(const struct langdetect *ld)
{
	struct strbuf sb = { NULL, 0, 0 };
	char code[LANG_CODE_SIZE];
	int i;

	strbuf_adds(&sb, english);
	strbuf_adds(&sb, "\n\n");
	for (i = 0; i < 200; i++) {
		strbuf_adds(&sb, french);
		strbuf_adds(&sb, "\n\n");
	}
	langdetect_document(ld, sb.s, sb.len, code);
	CHECK_STR(code, "fr");
	/* The sample of a long text without spaces is cut between
	   characters, not dropped. */
	sb.len = 0;
	for (i = 0; i < 100; i++)
		strbuf_adds(&sb, chinese);
	langdetect_document(ld, sb.s, sb.len, code);
	CHECK_STR(code, "zh");
	strbuf_free(&sb);
}

/* A mixed text, paragraph by paragraph, with a short one in between. */
static void
test_spans(const struct langdetect *ld)
{
	const char *parts[] = { english, french, "Annex 2.", spanish,
	    portuguese, german, "" };
	const char *want[] = { "en", "fr", "und", "es", "pt", "de", "und" };
	struct strbuf sb = { NULL, 0, 0 };
	struct span spans[nitems(parts)];
	char codes[nitems(parts)][LANG_CODE_SIZE];
	size_t i;

	for (i = 0; i < nitems(parts); i++) {
		spans[i].start = sb.len;
		strbuf_adds(&sb, parts[i]);
		spans[i].end = sb.len;
		strbuf_adds(&sb, "\n\n");
	}
	langdetect_spans(ld, sb.s, spans, nitems(parts), codes);
	for (i = 0; i < nitems(parts); i++)
		CHECK_STR(codes[i], want[i]);
	/* The whole mixed text has no one language to name... or a
	   majority; either way it is one of the five or und, never a
	   language absent from it. */
	langdetect_document(ld, sb.s, sb.len, codes[0]);
	CHECK(strstr(" en fr es pt de und ", codes[0]) != NULL);
	strbuf_free(&sb);
}

static void
test_names(void)
{
	CHECK_STR(langdetect_name("fr"), "French");
	CHECK_STR(langdetect_name("en"), "English");
	CHECK_STR(langdetect_name("pt"), "Portuguese");
	CHECK_STR(langdetect_name("und"), "undetermined");
	CHECK_STR(langdetect_name("haw"), "haw");
	CHECK(langdetect_valid_code("en"));
	CHECK(langdetect_valid_code("haw"));
	CHECK(!langdetect_valid_code("EN"));
	CHECK(!langdetect_valid_code("e"));
	CHECK(!langdetect_valid_code("en-GB"));
	CHECK(!langdetect_valid_code("engl"));
	CHECK(!langdetect_valid_code(""));
}

/*
 * Paragraphs settled by their function words need no detector: an English
 * one in an English document, a Spanish and a French one that say so
 * plainly; a short one between two languages reads as the document, and
 * one without function words (a list of names) at the end as the one
 * before it.
 */
static void
test_paragraphs_without_detector(void)
{
	static char text[] =
	    "The ministry and the agencies of the state will share with the "
	    "operators the information that they need to be ready for the "
	    "incidents of the year.\n\n"
	    "El gobierno y los operadores del sector deben compartir con las "
	    "agencias del Estado la informacion sobre los incidentes y sus "
	    "causas, por el bien de todos.\n\n"
	    "Corto.\n\n"
	    "Le gouvernement et les operateurs du secteur partagent avec les "
	    "agences de l'Etat des informations sur les incidents et leurs "
	    "causes, pour le bien de tous.\n\n"
	    "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda "
	    "Mu Nu Xi Omicron Pi Rho Sigma Tau.";
	static const char *const want[] = { "en", "es", "en", "fr", "fr" };
	struct span paras[5];
	struct doctext doc;
	char codes[5][LANG_CODE_SIZE];
	const char *p = text;
	size_t i;

	memset(&doc, 0, sizeof(doc));
	for (i = 0; i < 5; i++) {
		paras[i].start = (size_t)(p - text);
		p = strstr(p, "\n\n");
		paras[i].end = p != NULL ? (size_t)(p - text) : strlen(text);
		p = p != NULL ? p + 2 : text + strlen(text);
	}
	doc.text = text;
	doc.len = strlen(text);
	doc.paragraphs = paras;
	doc.nparagraphs = 5;
	paralang_detect(NULL, &doc, "en", codes);
	/* "Corto." lies between Spanish and French: its neighbours do not
	   agree, so it takes the document's language. */
	for (i = 0; i < 5; i++)
		CHECK_STR(codes[i], want[i]);
}

int
main(void)
{
	struct langdetect *ld;
	const struct langdetect *sh;
	const char *scause = NULL;
	char *cause = NULL;

	if ((ld = langdetect_open(&cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return 1;
	}
	check_text(ld, english, "en");
	check_text(ld, french, "fr");
	check_text(ld, spanish, "es");
	check_text(ld, portuguese, "pt");
	check_text(ld, german, "de");
	check_text(ld, chinese, "zh");
	check_text(ld, japanese, "ja");
	test_short(ld);
	test_long(ld);
	test_spans(ld);
	test_names();
	test_paragraphs_without_detector();
	/* The shared detector is one, and answers alike. */
	sh = langdetect_shared(&scause);
	CHECK(sh != NULL);
	CHECK(sh == langdetect_shared(&scause));
	check_text(sh, german, "de");
	langdetect_free(ld);
	langdetect_free(NULL);
	return CHECK_DONE();
}
