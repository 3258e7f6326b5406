/*
 * test_readable.c -- the readability measure on strings written for it:
 * clean text of each language and of the awkward kinds (contents, lists,
 * references, headings, tables) is readable; the kinds of damage PDF
 * extraction does are not.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doctext.h"
#include "readable.h"
#include "util.h"

/* Two texts interleaved a letter at a time, as two columns read across. */
static char *
interleave(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, n = 0;
	char *s = xmalloc(la + lb + 1);

	for (i = 0; i < la || i < lb; i++) {
		if (i < la)
			s[n++] = a[i];
		if (i < lb)
			s[n++] = b[i];
	}
	s[n] = '\0';
	return s;
}

/* Every character of s followed by a space. */
static char *
spaced(const char *s)
{
	size_t i, n = 0;
	char *t = xmalloc(2 * strlen(s) + 1);

	for (i = 0; s[i] != '\0'; i++) {
		t[n++] = s[i];
		if (s[i] != ' ')
			t[n++] = ' ';
	}
	t[n] = '\0';
	return t;
}

static const char *const clean[] = {
	/* English, French, Spanish, Portuguese prose. */
	"The ministry will publish a yearly report on the state of network "
	"defence and will ask operators of essential services to share what "
	"they learn from every serious incident with the national team.",
	"Le gouvernement renforcera la protection des réseaux de l'État et "
	"des opérateurs d'importance vitale, avec le concours des "
	"collectivités et des entreprises du secteur numérique.",
	"El Gobierno reforzará la protección de las redes del Estado y de "
	"los operadores esenciales, con la participación de las empresas y "
	"de la sociedad civil en todas las fases del plan.",
	"O Governo vai reforçar a proteção das redes do Estado e dos "
	"operadores de serviços essenciais, em conjunto com as empresas e "
	"com a sociedade civil, ao longo de todo o plano.",
	/* A table of contents. */
	"1 Introduction ........................................ 4\n"
	"2 Threat landscape .................................... 7\n"
	"2.1 Critical infrastructure ........................... 9\n"
	"2.2 Organised crime .................................. 12\n"
	"3 International partnerships ......................... 15\n"
	"4 Implementation and review .......................... 21",
	/* A numbered list. */
	"1. Establish a coordination centre\n2. Train incident handlers\n"
	"3. Review procurement rules\n4. Fund university research\n"
	"5. Protect election systems\n6. Report yearly to parliament",
	/* A list of references. */
	"[1] Smith, J. (2019). Securing Networks. Oxford University Press.\n"
	"[2] Moreau, L. (2021). Résilience numérique. Paris: Dunod.\n"
	"[3] Garcia, M. (2020). Ciberseguridad y Estado. Madrid: Tecnos.\n"
	"[4] https://www.example.org/reports/2020/annual-review.pdf",
	/* An all-caps heading and a table row of numbers. */
	"CHAPTER FOUR: STRATEGIC OBJECTIVES AND LINES OF ACTION FOR THE "
	"NATIONAL CYBERSECURITY PROGRAMME 2024 TO 2028",
	"2019 2020 2021 2022 2023 12.5 14.1 15.0 17.8 19.2 Total 78.6 100%",
	/* Acronyms, the way glossaries list them. */
	"CERT CSIRT ENISA ICT ISP NCSC OECD UNGA UNIDIR SOC DDoS PKI IoT "
	"SCADA",
	/* Bullets drawn from a symbol font, one per item. */
	"\xef\x82\xb7 awareness campaigns for schools\n"
	"\xef\x82\xb7 a register of critical operators\n"
	"\xef\x82\xb7 training for judges and prosecutors",
	/* Portuguese in capitals: "Ã" before a letter is no mojibake. */
	"PROGRAMA DE GESTÃO DA SEGURANÇA DA INFORMAÇÃO E COMUNICAÇÕES NA "
	"ADMINISTRAÇÃO PÚBLICA FEDERAL",
	/* Languages beyond the four: their letter pairs are not soup. */
	"Die Regierung wird die Netze des Bundes und der Betreiber "
	"kritischer Infrastrukturen gemeinsam mit der Wirtschaft schützen "
	"und jährlich darüber berichten, welche Angriffe abgewehrt wurden.",
	"Il governo proteggerà le reti dello Stato e degli operatori di "
	"servizi essenziali, insieme alle imprese e alla società civile, per "
	"tutta la durata del piano.",
};

static void
test_clean(void)
{
	size_t i;

	for (i = 0; i < nitems(clean); i++) {
		if (readable_string(clean[i]) != READ_OK)
			fprintf(stderr, "flagged: %s\n", clean[i]);
		CHECK_INT(readable_string(clean[i]), READ_OK);
	}
}

static void
test_soup(void)
{
	char *s;
	size_t i;

	for (i = 0; i + 1 < 4; i++) {
		s = interleave(clean[i], clean[i + 1]);
		CHECK_INT(readable_string(s), READ_SOUP);
		free(s);
	}
	/* Two columns of capitalised words. */
	s = interleave("National Cyber Security Council and Ministry of "
	    "Communications", "Computer Emergency Response Team of the "
	    "Central Bank");
	CHECK_INT(readable_string(s), READ_SOUP);
	free(s);
}

static void
test_damage(void)
{
	struct strbuf sb = { NULL, 0, 0 };
	char *s;
	int i;

	s = spaced("National Cyber Security Policy and Strategy 2024");
	CHECK_INT(readable_string(s), READ_SPACED);
	free(s);
	/* A font with no Unicode map: private-use code points throughout. */
	for (i = 0; i < 60; i++)
		strbuf_adds(&sb, i % 6 == 5 ? " " : "\xef\x80\xb4");
	CHECK_INT(readable_string(sb.s), READ_SYMBOLS);
	strbuf_free(&sb);
	/* French read as Latin-1. */
	CHECK_INT(readable_string("La sÃ©curitÃ© des rÃ©seaux de l'Ã‰tat "
	    "est une prioritÃ© du gouvernement pour les annÃ©es Ã  venir."),
	    READ_MOJIBAKE);
	/* Too short to judge. */
	CHECK_INT(readable_string("Tmhoer ee xppeaonpsleio"), READ_OK);
}

/* A document: its soup paragraph is found, the clean ones are not. */
static void
test_document(void)
{
	struct strbuf sb = { NULL, 0, 0 };
	struct readability r;
	struct doctext *doc;
	char *soup;
	size_t at;

	soup = interleave(clean[0], clean[1]);
	strbuf_addf(&sb, "%s\n\n", clean[0]);
	at = sb.len;
	strbuf_addf(&sb, "%s\n\n%s\n", soup, clean[2]);
	doc = doctext_from_string(sb.s, sb.len);
	readable_measure(doc, &r);
	CHECK_INT(r.paragraphs, 1);
	CHECK_INT(r.nspans, 1);
	CHECK(readable_at(&r, at));
	CHECK(readable_at(&r, at + strlen(soup) - 1));
	CHECK(!readable_at(&r, 0));
	CHECK(!readable_at(&r, at + strlen(soup) + 2));
	CHECK_INT(r.bytes, strlen(soup));
	CHECK(readable_share(&r) > 0.3 && readable_share(&r) < 0.6);
	readable_clear(&r);
	doctext_free(doc);
	strbuf_free(&sb);
	free(soup);
}

int
main(void)
{
	test_clean();
	test_soup();
	test_damage();
	test_document();
	return CHECK_DONE();
}
