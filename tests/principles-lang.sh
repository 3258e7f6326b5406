#!/bin/sh
# The built-in rules read the guiding principles in French, Spanish and
# Portuguese: each sentence below names international cooperation on
# cyber security, so it is a hit of P3.international-cooperation in its
# own language, and its modality comes from that language's words — the
# future tense and "must" verbs bind, the conditional and "may" verbs are
# hortatory, a past statement is a mention.  The same sentences read as
# English are no hit at all.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

# doc LANG NAME TEXT: write one paragraph, scan it as LANG, and print the
# modality of each P3.international-cooperation hit.
doc() {
	printf '%s\n' "$3" >"$tmp/$2.txt"
	$PALINT scan --language "$1" -e "$tmp/$2.csv" "$tmp/$2.txt" \
	    >/dev/null 2>"$tmp/$2.err" || { cat "$tmp/$2.err" >&2; fail "$2: scan failed"; }
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	    $col["rule"] == "P3.international-cooperation" { print $col["modality"] }' \
	    "$tmp/$2.csv" | sort -u
}

# expect LANG NAME MODALITY TEXT
expect() {
	got=$(doc "$1" "$2" "$4")
	[ "$got" = "$3" ] || fail "$2 ($1): modality \"$got\", want \"$3\""
}

expect fr fr-future binding "Le Gouvernement renforcera la coopération internationale en matière de cybersécurité."
expect fr fr-must binding "L'agence doit développer la coopération internationale dans le domaine de la cybersécurité."
expect fr fr-may hortatory "Le pays pourrait développer la coopération internationale en matière de cybersécurité."
expect fr fr-past mention "Le pays a développé la coopération régionale et internationale en matière de cybersécurité."
expect es es-future binding "El Gobierno promoverá la cooperación internacional en materia de ciberseguridad."
expect es es-must binding "El centro nacional debe impulsar la cooperación internacional en materia de ciberseguridad."
expect es es-may hortatory "El país podría ampliar la cooperación internacional en materia de ciberseguridad."
expect pt pt-future binding "O Governo ampliará a cooperação internacional em segurança cibernética."
expect pt pt-must binding "O órgão deve ampliar a cooperação internacional em segurança cibernética."
expect pt pt-may hortatory "O país poderia ampliar a cooperação internacional em segurança cibernética."

# English patterns do not read French: the same text as English is no hit.
got=$(doc en fr-as-en "Le Gouvernement renforcera la coopération internationale en matière de cybersécurité.")
[ -z "$got" ] || fail "a French sentence read as English is a hit: $got"
