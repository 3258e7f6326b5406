/*
 * test_term_lang.c -- French, Spanish and Portuguese terms (term_lang.h):
 * accents, apostrophes, elision, contractions and articles, gender and
 * number, wildcards and gaps, each checked by running the translated regex
 * through PCRE2 with the flags compile.c uses.  Every match must also be
 * found by the term's prefilter, which is never NULL, inside the match
 * folded as term_fold_text() folds it, in Hyperscan's byte mode and in
 * its UTF-8 mode, and by the language's prefilter database built from
 * such terms.  The folding itself, and the offsets it maps back, are
 * checked too.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef HAVE_HYPERSCAN
#include <hs.h>
#endif

#include "check.h"
#include "model.h"
#include "prefilter.h"
#include "term.h"
#include "term_lang.h"
#include "utf8.h"
#include "util.h"
#ifdef HAVE_HYPERSCAN
#include "hs_probe.h"
#endif

#ifdef HAVE_HYPERSCAN
/* Does pf match inside text[start, end), folded as the scanner folds it
   (accents and white space), in both of Hyperscan's modes? */
static int
prefilter_inside(const char *pf, const char *text, size_t start, size_t end)
{
	struct term_fold f;
	int rc;

	memset(&f, 0, sizeof(f));
	term_fold_text(&f, text + start, end - start,
	    TERM_FOLD_ACCENTS | TERM_FOLD_SPACE);
	rc = hs_probe_inside(pf, HS_FLAG_PREFILTER, f.text, 0, f.len);
	term_fold_free(&f);
	return rc;
}
#endif

/*
 * The text term in language lang matches in text ("" for none; "(error)"
 * when it does not translate or compile, or when its prefilter is missing
 * or misses the match).  Caller frees.
 */
static char *
lang_matched(const char *lang, const char *term, const char *text)
{
	pcre2_code *code;
	pcre2_match_data *md;
	PCRE2_SIZE off, *ov;
	char *re, *pf, *cause, *got;
	int err, rc;

	if (term_to_regex_lang(term, lang, &re, &pf, &cause) != 0) {
		fprintf(stderr, "%s term %s: %s\n", lang, term, cause);
		free(cause);
		return xstrdup("(error)");
	}
	got = NULL;
	code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
	if (code == NULL || pf == NULL) {
		fprintf(stderr, "%s term %s: regex %s, prefilter %s\n", lang,
		    term, re, pf != NULL ? pf : "(null)");
		got = xstrdup("(error)");
		goto out;
	}
	md = pcre2_match_data_create_from_pattern(code, NULL);
	rc = pcre2_match(code, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL);
	if (rc > 0) {
		ov = pcre2_get_ovector_pointer(md);
		got = xstrndup(text + ov[0], ov[1] - ov[0]);
#ifdef HAVE_HYPERSCAN
		if (!prefilter_inside(pf, text, ov[0], ov[1])) {
			fprintf(stderr, "prefilter %s misses \"%s\"\n", pf,
			    got);
			free(got);
			got = xstrdup("(error)");
		}
#endif
	} else
		got = xstrdup(rc == PCRE2_ERROR_NOMATCH ? "" : "(error)");
	pcre2_match_data_free(md);
out:
	pcre2_code_free(code);
	free(re);
	free(pf);
	return got;
}

#define CHECK_LANG(lang, term, text, want) do {			\
	char *got_ = lang_matched((lang), (term), (text));		\
	CHECK_STR(got_, (want));					\
	free(got_);							\
} while (0)

/* The whole text matches; no match at all. */
#define FR_YES(term, text)	CHECK_LANG("fr", term, text, text)
#define FR_NO(term, text)	CHECK_LANG("fr", term, text, "")
#define ES_YES(term, text)	CHECK_LANG("es", term, text, text)
#define ES_NO(term, text)	CHECK_LANG("es", term, text, "")
#define PT_YES(term, text)	CHECK_LANG("pt", term, text, text)
#define PT_NO(term, text)	CHECK_LANG("pt", term, text, "")

static char *
regex_of(const char *lang, const char *term)
{
	char *re, *pf, *cause;

	if (term_to_regex_lang(term, lang, &re, &pf, &cause) != 0) {
		free(cause);
		return xstrdup("(error)");
	}
	free(pf);
	return re;
}

/* English, a language without rules and NULL are the English term. */
static void
test_english(void)
{
	static const char *terms[] = { "cybers\xc3\xa9" "curit\xc3\xa9",
	    "protect~", "critical * infrastructure", "de la", "cyber*" };
	static const char *langs[] = { "en", "de", "EN", NULL };
	char *re, *pf, *cause, *want;
	size_t i, j;

	for (i = 0; i < nitems(terms); i++) {
		want = regex_of("en", terms[i]);
		CHECK_INT(term_to_regex(terms[i], &re, &pf, &cause), 0);
		CHECK_STR(re, want);
		for (j = 0; j < nitems(langs); j++) {
			char *got = regex_of(langs[j], terms[i]);

			CHECK_STR(got, want);
			free(got);
		}
		free(re);
		free(pf);
		free(want);
	}
	/* The English term has no prefilter for a non-ASCII letter. */
	CHECK_INT(term_to_regex_lang("caf\xc3\xa9", "en", &re, &pf, &cause),
	    0);
	CHECK_INT(pf == NULL, 1);
	free(re);
	CHECK_INT(term_to_regex_lang("caf\xc3\xa9", "fr", &re, &pf, &cause),
	    0);
	CHECK_INT(pf != NULL, 1);
	free(re);
	free(pf);
	/* Accents are a French matter only in French. */
	CHECK_LANG("en", "securite", "s\xc3\xa9" "curit\xc3\xa9", "");
}

static void
test_accents(void)
{
	/* Written with accents, found without, and the other way. */
	FR_YES("cybers\xc3\xa9" "curit\xc3\xa9", "cybersecurite");
	FR_YES("cybersecurite", "cybers\xc3\xa9" "curit\xc3\xa9");
	FR_YES("cybers\xc3\xa9" "curit\xc3\xa9", "CYBERS\xc3\x89" "CURIT\xc3\x89");
	FR_YES("CYBERSECURITE", "Cybers\xc3\xa9" "curit\xc3\xa9");
	FR_YES("cybers\xc3\xa9" "curit\xc3\xa9", "CYBERSECURITE");
	/* Another accent on the same letter still matches. */
	FR_YES("r\xc3\xa9seau", "r\xc3\xa8seau");
	FR_YES("fran\xc3\xa7" "ais", "FRAN\xc3\x87" "AIS");
	FR_YES("francais", "fran\xc3\xa7" "ais");
	FR_YES("ma\xc3\xae" "trise", "maitrise");
	FR_YES("maitrise", "MA\xc3\x8e" "TRISE");
	FR_YES("c\xc5\x93ur", "C\xc5\x92UR");
	/* French "oe" and its ligature are one spelling. */
	FR_YES("mise en oeuvre", "mise en \xc5\x93uvre");
	FR_YES("mise en \xc5\x93uvre", "MISE EN OEUVRE");
	FR_YES("mise en \xc5\x93uvre", "Mise en \xc5\x92uvre");
	FR_YES("c\xc5\x93ur~", "C\xc5\x92URS");
	FR_YES("l'\xc5\x93uvre", "l\xe2\x80\x99oeuvre");
	FR_YES("main \xc5\x93uvre", "main d'\xc5\x93uvre");
	ES_NO("poeta", "p\xc5\x93ta");
	ES_YES("espa\xc3\xb1" "a", "espana");
	ES_YES("espana", "ESPA\xc3\x91" "A");
	ES_YES("protecci\xc3\xb3n", "PROTECCION");
	ES_YES("proteccion", "protecci\xc3\xb3n");
	ES_YES("ling\xc3\xbc\xc3\xad" "stica", "linguistica");
	PT_YES("informa\xc3\xa7\xc3\xa3o", "informacao");
	PT_YES("informacao", "INFORMA\xc3\x87\xc3\x83O");
	PT_YES("seguran\xc3\xa7" "a", "seguran\xc3\xa7" "a");
	PT_YES("pa\xc3\xads", "pais");
	/* A different letter is not an accent. */
	FR_NO("securite", "sacurite");
	ES_NO("pena", "peca");
}

static void
test_apostrophes_and_elision(void)
{
	/* Either apostrophe, in the term or in the text, and a space. */
	FR_YES("l'\xc3\x89tat", "l\xe2\x80\x99" "Etat");
	FR_YES("l\xe2\x80\x99\xc3\xa9tat", "L'ETAT");
	FR_YES("l'\xc3\x89tat", "l' \xc3\xa9tat");
	FR_YES("aujourd'hui", "aujourd\xe2\x80\x99hui");
	/* The elided article stands for the others. */
	FR_YES("l'\xc3\x89tat", "le \xc3\xa9tat");
	FR_YES("l'infrastructure", "les infrastructures");
	CHECK_LANG("fr", "l'\xc3\x89tat", "un \xc3\xa9tat", "\xc3\xa9tat");
	/* Any elided word before a term word that starts with a vowel or
	   h, inside the term and before it. */
	FR_YES("plan action", "plan d'action");
	FR_YES("plan action", "plan d\xe2\x80\x99 action");
	FR_YES("exige que il", "exige qu'il");
	FR_YES("lutte contre hame\xc3\xa7onnage",
	    "lutte contre l'hame\xc3\xa7onnage");
	CHECK_LANG("fr", "informatique", "l'informatique", "informatique");
	/* A term word with an elided word keeps it. */
	FR_YES("qu'il", "qu\xe2\x80\x99il");
	FR_YES("qu'il", "qu' il");
	FR_NO("qu'il", "il");
	/* Not before a consonant, nor as a word of its own. */
	FR_NO("plan cadre", "plan l'cadre");
	FR_NO("plan action", "plan de action");
}

/* A word with an accent is not the group word it folds to: French "dès"
   (from) is not "des", Portuguese "nós" (we) not "nos"; "à" is "a". */
static void
test_accented_words(void)
{
	FR_YES("s\xc3\xa9" "curit\xc3\xa9 d\xc3\xa8s la conception",
	    "s\xc3\xa9" "curit\xc3\xa9 d\xc3\xa8s la conception");
	FR_YES("d\xc3\xa8s le d\xc3\xa9part", "des le depart");
	FR_NO("d\xc3\xa8s le d\xc3\xa9part", "du depart");
	PT_YES("n\xc3\xb3s apoiamos", "n\xc3\xb3s apoiamos");
	PT_NO("n\xc3\xb3s apoiamos", "nas apoiamos");
	PT_YES("acesso \xc3\xa0 rede", "acesso ao rede");
	FR_YES("\xc3\xa0 l'international", "au international");
}

static void
test_contractions(void)
{
	/* French de and à, written in any of their forms. */
	FR_YES("protection de donn\xc3\xa9" "es", "protection des donnees");
	FR_YES("protection des donn\xc3\xa9" "es", "protection de donn\xc3\xa9" "es");
	FR_YES("protection de donn\xc3\xa9" "es", "protection du donnees");
	FR_YES("s\xc3\xa9" "curit\xc3\xa9 de l'information",
	    "s\xc3\xa9" "curit\xc3\xa9 des informations");
	FR_YES("s\xc3\xa9" "curit\xc3\xa9 de l'information",
	    "securite de l\xe2\x80\x99information");
	FR_YES("s\xc3\xa9" "curit\xc3\xa9 de l'information",
	    "s\xc3\xa9" "curit\xc3\xa9 d'information");
	FR_YES("s\xc3\xa9" "curit\xc3\xa9 de information",
	    "s\xc3\xa9" "curit\xc3\xa9 de l' information");
	FR_YES("s\xc3\xa9" "curit\xc3\xa9 de la nation",
	    "s\xc3\xa9" "curit\xc3\xa9 de la nation");
	FR_YES("s\xc3\xa9" "curit\xc3\xa9 du pays",
	    "s\xc3\xa9" "curit\xc3\xa9 de la pays");
	FR_YES("acc\xc3\xa8s \xc3\xa0 information", "acc\xc3\xa8s \xc3\xa0 l'information");
	FR_YES("acc\xc3\xa8s \xc3\xa0 r\xc3\xa9seaux", "acces aux reseaux");
	FR_YES("acc\xc3\xa8s \xc3\xa0 internet", "acc\xc3\xa8s \xc3\xa0 la internet");
	FR_YES("acces a march\xc3\xa9", "acc\xc3\xa8s au march\xc3\xa9");
	FR_NO("protection de donn\xc3\xa9" "es", "protection donn\xc3\xa9" "es");
	FR_NO("protection de donn\xc3\xa9" "es", "protection par les donn\xc3\xa9" "es");
	/* An article written in the term: any article, or none. */
	FR_YES("contre la cybercriminalit\xc3\xa9", "contre le cybercriminalite");
	FR_YES("contre la cybercriminalit\xc3\xa9", "contre cybercriminalit\xc3\xa9");
	FR_YES("contre la menace", "contre les menaces");
	/* A last word is never a contraction. */
	FR_YES("membre de", "membre de");
	FR_NO("membre de", "membre du");
	/* Spanish de, a, en. */
	ES_YES("protecci\xc3\xb3n de datos", "proteccion de los datos");
	ES_YES("seguridad de estado", "seguridad del Estado");
	ES_YES("seguridad del estado", "seguridad de las estado");
	ES_YES("acceso a informaci\xc3\xb3n", "acceso a la informaci\xc3\xb3n");
	ES_YES("acceso a mercado", "acceso al mercado");
	ES_YES("confianza en sistema", "confianza en el sistema");
	ES_YES("contra la delincuencia", "contra delincuencia");
	ES_NO("seguridad de estado", "seguridad d'estado");
	/* Portuguese de, em, a, por. */
	PT_YES("prote\xc3\xa7\xc3\xa3o de dados", "protecao dos dados");
	PT_YES("seguran\xc3\xa7" "a de informa\xc3\xa7\xc3\xa3o",
	    "seguran\xc3\xa7" "a da informa\xc3\xa7\xc3\xa3o");
	PT_YES("confian\xc3\xa7" "a em sistema", "confian\xc3\xa7" "a no sistema");
	PT_YES("confian\xc3\xa7" "a no sistema", "confianca nas sistema");
	PT_YES("acesso a rede", "acesso \xc3\xa0 rede");
	PT_YES("acesso a mercado", "acesso ao mercado");
	PT_YES("acesso a redes", "acesso \xc3\xa0s redes");
	PT_YES("coordenado por ag\xc3\xaa" "ncia", "coordenado pela agencia");
	PT_NO("prote\xc3\xa7\xc3\xa3o de dados", "prote\xc3\xa7\xc3\xa3o em dados");
}

static void
test_gender_number(void)
{
	/* French. */
	FR_YES("infrastructure~ critique~", "infrastructures critiques");
	FR_YES("infrastructure~ critique~", "Infrastructure critique");
	FR_NO("critique~", "critiquer");
	FR_NO("critique~", "critiquable");
	FR_YES("priv\xc3\xa9~", "priv\xc3\xa9" "es");
	FR_YES("priv\xc3\xa9~", "PRIVEE");
	FR_YES("autorit\xc3\xa9~", "autorit\xc3\xa9s");
	ES_YES("cooperaci\xc3\xb3n~", "cooperacion");
	FR_YES("national~", "nationale");
	FR_YES("national~", "nationaux");
	FR_YES("national~", "nationales");
	FR_NO("national~", "nationalit\xc3\xa9");
	FR_YES("num\xc3\xa9rique~", "num\xc3\xa9riques");
	FR_YES("r\xc3\xa9seau~", "R\xc3\x89SEAUX");
	FR_YES("europ\xc3\xa9" "en~", "europ\xc3\xa9" "ennes");
	FR_YES("offensif~", "offensive");
	FR_YES("s\xc3\xa9rieux~", "s\xc3\xa9rieuse");
	FR_YES("personnel~", "personnelles");
	FR_YES("premier~", "premi\xc3\xa8re");
	FR_YES("fran\xc3\xa7" "ais~", "fran\xc3\xa7" "aises");
	FR_YES("acteur~ \xc3\xa9tatique~", "acteurs etatiques");
	FR_YES("acteur~", "acteurs");
	FR_NO("acteur~", "acteurice");
	/* A last word without "~" takes a plural only. */
	FR_YES("menace", "menaces");
	FR_NO("menace", "menacer");
	/* Spanish. */
	ES_YES("dato~", "datos");
	ES_YES("p\xc3\xba" "blico~", "publicas");
	ES_NO("dato~", "dataci\xc3\xb3n");
	ES_NO("dato~", "datado");
	ES_YES("naci\xc3\xb3n~", "naciones");
	ES_YES("protecci\xc3\xb3n~", "PROTECCIONES");
	ES_YES("divisi\xc3\xb3n~", "divisiones");
	ES_YES("capaz~", "capaces");
	ES_YES("nacional~", "nacionales");
	ES_YES("importante~", "importantes");
	ES_YES("franc\xc3\xa9s~", "francesas");
	ES_YES("proveedor~", "proveedores");
	ES_YES("infraestructura~ cr\xc3\xadtica~", "infraestructuras criticas");
	ES_NO("nacional~", "nacionalidad");
	/* Portuguese. */
	PT_YES("p\xc3\xba" "blico~", "p\xc3\xba" "blicas");
	PT_YES("informa\xc3\xa7\xc3\xa3o~", "informa\xc3\xa7\xc3\xb5" "es");
	PT_YES("informa\xc3\xa7\xc3\xa3o~", "INFORMACOES");
	PT_YES("m\xc3\xa3o~", "m\xc3\xa3os");
	PT_YES("alem\xc3\xa3o~", "alem\xc3\xa3" "es");
	PT_YES("nacional~", "nacionais");
	PT_YES("papel~", "pap\xc3\xa9is");
	PT_YES("vulner\xc3\xa1vel~", "vulner\xc3\xa1veis");
	PT_YES("civil~", "civis");
	PT_YES("ordem~", "ordens");
	PT_YES("setor~", "setores");
	PT_YES("capaz~", "capazes");
	PT_YES("pa\xc3\xads~", "pa\xc3\xad" "ses");
	PT_YES("portugu\xc3\xaas~", "portuguesa");
	PT_YES("infraestrutura~ cr\xc3\xadtica~", "infraestruturas cr\xc3\xadticas");
	PT_NO("informa\xc3\xa7\xc3\xa3o~", "informativo");
	PT_NO("dado~", "data\xc3\xa7\xc3\xa3o");
	/* "~" wants a word of three letters or more. */
	CHECK_LANG("es", "ab~", "abs", "(error)");
	CHECK_LANG("fr", "abc1~", "abc1", "(error)");
}

static void
test_wildcards_and_gaps(void)
{
	FR_YES("cyber*", "cybers\xc3\xa9" "curit\xc3\xa9");
	FR_YES("cyb\xc3\xa9r*", "CYBERATTAQUE");
	CHECK_LANG("fr", "num\xc3\xa9ri* souverainet\xc3\xa9",
	    "une num\xc3\xa9risation souverainet\xc3\xa9",
	    "num\xc3\xa9risation souverainet\xc3\xa9");
	ES_YES("ciber* seguridad", "ciberespacio seguridad");
	/* A gap word may have accents or be elided. */
	FR_YES("infrastructure * critique", "infrastructure tr\xc3\xa8s critique");
	FR_YES("protection * donn\xc3\xa9" "es", "protection l'donn\xc3\xa9" "es");
	FR_YES("protection * * syst\xc3\xa8me",
	    "protection de l'\xc3\xa9tat syst\xc3\xa8me");
	FR_YES("menace * pays", "menace aujourd'hui pays");
	FR_NO("menace * pays", "menace un grand pays");
	PT_YES("rede * nacional", "rede el\xc3\xa9trica nacional");
	ES_YES("red * nacional", "red de nacional");
}

static void
test_whole_words(void)
{
	FR_NO("cyber", "cybers\xc3\xa9" "curit\xc3\xa9");
	FR_NO("s\xc3\xa9" "curit\xc3\xa9", "ins\xc3\xa9" "curit\xc3\xa9");
	FR_NO("curit\xc3\xa9", "s\xc3\xa9" "curit\xc3\xa9");
	/* An accented letter is a letter at the edges. */
	FR_NO("tat", "\xc3\xa9tat");
	FR_NO("etat", "\xc3\xa9tat\xc3\xa9");
	ES_NO("dato", "datos\xc3\xb1");
	PT_NO("nacao", "na\xc3\xa7\xc3\xa3o\xc3\xa9");
	CHECK_LANG("fr", "\xc3\xa9tat", "l'\xc3\xa9tat,", "\xc3\xa9tat");
	CHECK_LANG("es", "datos", "(datos)", "datos");
}

static void
test_prefilter_always(void)
{
	static const struct {
		const char	*lang;
		const char	*term;
	} terms[] = {
		{ "fr", "\xc5\x93uvre" },
		{ "fr", "na[\xc3\xaf]ve" },
		{ "es", "[^a]bc" },
		{ "pt", "'" },
		{ "fr", "de la" },
		{ "fr", "l'" }
	};
	char *re, *pf, *cause;
	size_t i;

	for (i = 0; i < nitems(terms); i++) {
		CHECK_INT(term_to_regex_lang(terms[i].term, terms[i].lang, &re,
		    &pf, &cause), 0);
		CHECK_INT(pf != NULL && *pf != '\0', 1);
		free(re);
		free(pf);
	}
	CHECK_LANG("fr", "\xc5\x93uvre", "une \xc5\x92UVRE", "\xc5\x92UVRE");
	CHECK_LANG("fr", "na[\xc3\xaf]ve", "NA\xc3\x8fVE", "NA\xc3\x8fVE");
	CHECK_LANG("es", "[^a]bc", "xbc", "xbc");
	CHECK_LANG("es", "[^a]bc", "\xc3\xb1" "bc", "\xc3\xb1" "bc");
	/* Errors are the English ones. */
	CHECK_LANG("fr", "", "x", "(error)");
	CHECK_LANG("fr", "* menace", "x", "(error)");
	CHECK_LANG("pt", "a[b", "x", "(error)");
}

/*
 * The longest term palint accepts, of the widest letters (each "e" is a
 * class of its accented forms) and ending in "~", compiles in every
 * language; one word or one byte more is refused with its reason.
 */
static void
test_term_bounds(void)
{
	static const char *const langs[] = { "en", "fr", "es", "pt" };
	char term[25 * 50 + 1], *re, *pf, *cause;
	pcre2_code *code;
	PCRE2_SIZE off;
	size_t i, k, n;
	int err;

	for (i = 0; i < nitems(langs); i++) {
		n = 0;
		for (k = 0; k < 24; k++) {
			memset(term + n, 'e', 47);
			n += 47;
			term[n++] = '~';
			term[n++] = ' ';
		}
		term[--n] = '\0';
		CHECK_INT(term_to_regex_lang(term, langs[i], &re, &pf, &cause),
		    0);
		code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
		    PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
		CHECK(code != NULL);
		pcre2_code_free(code);
		free(re);
		free(pf);

		strcpy(term + n, " data");
		CHECK_INT(term_to_regex_lang(term, langs[i], &re, &pf, &cause),
		    -1);
		CHECK_STR(cause, "more than 24 words; a term is a phrase");
		free(cause);

		memset(term, 'e', 49);
		strcpy(term + 49, " data");
		CHECK_INT(term_to_regex_lang(term, langs[i], &re, &pf, &cause),
		    -1);
		CHECK_STR(cause, "word 1 is longer than 48 bytes");
		free(cause);
	}
}

#ifdef HAVE_HYPERSCAN
/* Terms and texts they match, for the database test. */
static const struct {
	const char	*lang;
	const char	*term;
	const char	*text;
} db_cases[] = {
	{ "fr", "cybers\xc3\xa9" "curit\xc3\xa9", "la CYBERSECURITE." },
	{ "fr", "cybersecurite", "la CYBERS\xc3\x89" "CURIT\xc3\x89." },
	{ "fr", "infrastructure~ critique~", "des Infrastructures\ncritiques" },
	{ "fr", "s\xc3\xa9" "curit\xc3\xa9 de l'information",
	    "la s\xc3\xa9" "curit\xc3\xa9 des syst\xc3\xa8mes d\xe2\x80\x99information"
	    " et la securite d\xe2\x80\x99 information" },
	{ "fr", "plan action", "le plan d\xe2\x80\x99" "action" },
	{ "fr", "national~ * s\xc3\xa9" "curit\xc3\xa9", "NATIONAUX de s\xc3\xa9" "curit\xc3\xa9" },
	{ "fr", "\xc5\x93uvre", "mise en \xc5\x92UVRE" },
	{ "es", "protecci\xc3\xb3n de datos", "PROTECCION DE LOS DATOS" },
	{ "es", "naci\xc3\xb3n~", "las naciones" },
	{ "es", "espa\xc3\xb1ol~", "ESPA\xc3\x91OLES" },
	{ "pt", "informa\xc3\xa7\xc3\xa3o~", "as INFORMA\xc3\x87\xc3\x95" "ES" },
	{ "pt", "acesso a rede", "o acesso \xc3\xa0 rede" },
	{ "pt", "vulner\xc3\xa1vel~", "sistemas vulneraveis" }
};

/* The span of the first match of re in text; 0 if there is none. */
static int
first_match(const char *re, const char *text, size_t *s, size_t *e)
{
	pcre2_code *code;
	pcre2_match_data *md;
	PCRE2_SIZE off;
	int err, rc;

	code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
	if (code == NULL)
		return 0;
	md = pcre2_match_data_create_from_pattern(code, NULL);
	rc = pcre2_match(code, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL);
	if (rc > 0) {
		*s = pcre2_get_ovector_pointer(md)[0];
		*e = pcre2_get_ovector_pointer(md)[1];
	}
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	return rc > 0;
}

struct db_hit {
	const struct prefilter	*pf;
	unsigned		 pattern;
	size_t			 s, e;
	int			 found;
};

static void
db_candidate(unsigned expr, size_t end, void *arg)
{
	struct db_hit *h = arg;
	const unsigned *pats;
	size_t i, n;

	pats = prefilter_patterns_of(h->pf, expr, &n);
	for (i = 0; i < n; i++)
		if (pats[i] == h->pattern && end > h->s && end <= h->e)
			h->found = 1;
}

/*
 * The database built from these terms, as anchors and as other patterns
 * (whose sources the database may cut short), takes every one of them,
 * and each term's match holds the end of one of its candidates.
 */
static void
test_prefilter_database(void)
{
	enum { N = nitems(db_cases) };
	struct pattern pats[2 * N], *all[2 * N];
	struct ruleset rs;
	struct prefilter *pf;
	struct prefilter_scratch *ps;
	struct db_hit h;
	char *notice = NULL, *cause = NULL;
	char en[] = "en", fr[] = "fr", es[] = "es", pt[] = "pt";
	char *langs[] = { en, fr, es, pt };
	size_t i, k;

	memset(&rs, 0, sizeof(rs));
	memset(pats, 0, sizeof(pats));
	rs.languages = langs;
	rs.nlanguages = nitems(langs);
	for (i = 0; i < 2 * N; i++) {
		k = i % N;
		CHECK_INT(term_to_regex_lang(db_cases[k].term, db_cases[k].lang,
		    &pats[i].regex, &pats[i].prefilter, &cause), 0);
		pats[i].is_term = 1;
		pats[i].index = (unsigned)i;
		for (pats[i].lang = 1; pats[i].lang < nitems(langs) &&
		    strcmp(langs[pats[i].lang], db_cases[k].lang) != 0;
		    pats[i].lang++)
			continue;
		pats[i].anchor = i < N;
		all[i] = &pats[i];
	}
	rs.patterns = all;
	rs.npatterns = 2 * N;
	snprintf(rs.sha256, sizeof(rs.sha256), "test_term_lang");
	if ((pf = prefilter_build(&rs, "", &notice)) == NULL) {
		/* A CPU Hyperscan does not support: nothing to check. */
		CHECK(notice != NULL);
		free(notice);
		goto out;
	}
	ps = prefilter_scratch_new(pf);
	for (i = 0; i < 2 * N; i++) {
		k = i % N;
		CHECK(prefilter_covers(pf, (unsigned)i));
		memset(&h, 0, sizeof(h));
		h.pf = pf;
		h.pattern = (unsigned)i;
		CHECK(first_match(pats[i].regex, db_cases[k].text, &h.s, &h.e));
		CHECK_INT(prefilter_scan(pf, ps, pats[i].lang,
		    db_cases[k].text, 0, strlen(db_cases[k].text),
		    db_candidate, &h, &cause), 0);
		if (!h.found)
			fprintf(stderr, "no candidate for %s in \"%s\"\n",
			    db_cases[k].term, db_cases[k].text);
		CHECK(h.found);
	}
	prefilter_scratch_free(ps);
	prefilter_free(pf);
out:
	for (i = 0; i < 2 * N; i++) {
		free(pats[i].regex);
		free(pats[i].prefilter);
	}
}
#endif

/* text folded as how says is want (wantlen bytes), and folded offset
   k + 1 maps back to origin[k], one per byte of want. */
static void
check_fold(struct term_fold *f, const char *text, size_t len, unsigned how,
    const char *want, size_t wantlen, const size_t *origin)
{
	size_t k;

	term_fold_text(f, text, len, how);
	CHECK_INT(f->len, wantlen);
	CHECK(f->len == wantlen && memcmp(f->text, want, wantlen) == 0);
	for (k = 0; k < f->len && k < wantlen; k++)
		CHECK_INT(term_fold_origin(f, k + 1), origin[k]);
}

/*
 * The folded text: accented letters of either case, Y with diaeresis, the
 * long s and the Kelvin and Angstrom signs become ASCII letters; letters
 * without a class (sharp s, ae, o with stroke), the ligature oe, curly
 * apostrophes and stray bytes are copied; every folded offset maps back
 * to the end of the character it comes from.
 */
static void
test_fold_text(void)
{
	static const char text[] =
	    "\xc3\x89t\xc3\xa9 \xc3\x9f\xc3\xa6\xc3\xb8 \xc5\xb8\xc5\xbf"
	    "\xe2\x84\xaa\xe2\x84\xab \xc5\x93\xe2\x80\x99\xff!";
	static const char want[] =
	    "ete \xc3\x9f\xc3\xa6\xc3\xb8 yska \xc5\x93\xe2\x80\x99\xff!";
	/* want's offset k + 1 -> text's offset just past its character */
	static const size_t origin[] = {
	    2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 17, 20, 23, 24, 25, 26,
	    27, 28, 29, 30, 31
	};
	struct term_fold f;

	memset(&f, 0, sizeof(f));
	check_fold(&f, text, sizeof(text) - 1, TERM_FOLD_ACCENTS, want,
	    sizeof(want) - 1, origin);
	CHECK_INT(term_fold_origin(&f, 0), 0);
	/* Reused for a shorter text: nothing of the first is left. */
	term_fold_text(&f, "\xc3\xa7" "a", 3, TERM_FOLD_ACCENTS);
	CHECK_INT(f.len, 2);
	CHECK_STR(f.text, "ca");
	CHECK_INT(term_fold_origin(&f, 1), 2);
	CHECK_INT(term_fold_origin(&f, 2), 3);
	term_fold_free(&f);
}

/*
 * White space folded: each run of the characters PCRE2 matches with \s
 * under UCP is one " ", and an end just past it maps to just past the
 * run's first character; accents are left alone unless asked for.
 */
static void
test_fold_spaces(void)
{
	/* "a", space tab LF, "b", NBSP NBSP, "c", U+3000 space, "É", "d" */
	static const char text[] =
	    "a \t\nb\xc2\xa0\xc2\xa0" "c\xe3\x80\x80 \xc3\x89" "d";
	static const char want[] = "a b c \xc3\x89" "d";
	static const size_t origin[] = { 1, 2, 5, 7, 10, 13, 15, 16, 17 };
	struct term_fold f;

	memset(&f, 0, sizeof(f));
	check_fold(&f, text, sizeof(text) - 1, TERM_FOLD_SPACE, want,
	    sizeof(want) - 1, origin);
	/* Both at once. */
	term_fold_text(&f, text, sizeof(text) - 1,
	    TERM_FOLD_SPACE | TERM_FOLD_ACCENTS);
	CHECK_STR(f.text, "a b c ed");
	CHECK_INT(term_fold_origin(&f, 7), 16);
	CHECK_INT(term_fold_origin(&f, 8), 17);
	/* Neither: a copy. */
	term_fold_text(&f, text, sizeof(text) - 1, 0);
	CHECK_INT(f.len, sizeof(text) - 1);
	CHECK_INT(term_fold_origin(&f, 9), 9);
	term_fold_free(&f);
}

/* term_fold_space_len() and term_fold_spaces[] know exactly the characters
   PCRE2's \s takes, the way palint compiles rules (UTF, UCP): every code
   point is tried. */
static void
test_fold_space_set(void)
{
	pcre2_code *code;
	pcre2_match_data *md;
	PCRE2_SIZE off;
	uint32_t cp;
	char buf[4];
	size_t n;
	int err, pcre, ours, differ = 0, spaces = 0;

	code = pcre2_compile((PCRE2_SPTR)"\\s", PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED, &err, &off, NULL);
	CHECK(code != NULL);
	if (code == NULL)
		return;
	md = pcre2_match_data_create_from_pattern(code, NULL);
	for (cp = 0; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		n = utf8_encode(cp, buf);
		pcre = pcre2_match(code, (PCRE2_SPTR)buf, n, 0, 0, md,
		    NULL) > 0;
		ours = term_fold_space_len(buf, n) == n;
		if (pcre != ours && differ++ < 5)
			fprintf(stderr, "U+%04X: PCRE2 %d, fold %d\n",
			    (unsigned)cp, pcre, ours);
		spaces += ours;
	}
	CHECK_INT(differ, 0);
	/* The table lists the same characters. */
	CHECK_INT(spaces, TERM_FOLD_NSPACES);
	for (n = 0; n < TERM_FOLD_NSPACES; n++)
		CHECK_INT(term_fold_space_len(term_fold_spaces[n],
		    strlen(term_fold_spaces[n])), strlen(term_fold_spaces[n]));
	pcre2_match_data_free(md);
	pcre2_code_free(code);
}

int
main(void)
{
	test_fold_text();
	test_fold_spaces();
	test_fold_space_set();
	test_english();
	test_accents();
	test_apostrophes_and_elision();
	test_contractions();
	test_accented_words();
	test_gender_number();
	test_wildcards_and_gaps();
	test_whole_words();
	test_prefilter_always();
	test_term_bounds();
#ifdef HAVE_HYPERSCAN
	test_prefilter_database();
#endif
	return CHECK_DONE();
}
