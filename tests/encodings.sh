#!/bin/sh
# The corpus's UTF-16LE and GBK files decode exactly as iconv decodes them:
# no mojibake, a curly apostrophe stays one character, CRLF becomes LF.
# Soft hyphens are then taken out (softhyphen.h); in these files none ends
# a line, so each simply goes.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

[ -d "$corpus" ] || skip "no corpus at $corpus (../shared/corpus beside the source tree)"

n16=0 ngbk=0 gbk_apos=0
for f in "$corpus"/*.txt "$corpus"/*.md; do
	gbk=0
	bom=$(head -c 2 "$f" | od -An -tx1 | tr -d ' \n')
	if [ "$bom" = fffe ]; then
		tail -c +3 "$f" | iconv -f UTF-16LE -t UTF-8 | sed 's/\r$//' | tr '\r' '\n' >"$tmp/want"
		n16=$((n16 + 1))
	elif ! iconv -f UTF-8 -t UTF-8 <"$f" >/dev/null 2>&1; then
		iconv -f GB18030 -t UTF-8 <"$f" | sed 's/\r$//' | tr '\r' '\n' >"$tmp/want"
		ngbk=$((ngbk + 1))
		gbk=1
	else
		continue
	fi
	$PALINT extract "$f" >"$tmp/got" 2>"$tmp/err" || fail "$f: extract failed: $(cat "$tmp/err")"
	sed 's/\xc2\xad//g' "$tmp/want" >"$tmp/want.noshy"
	mv "$tmp/want.noshy" "$tmp/want"
	cmp -s "$tmp/want" "$tmp/got" || { diff "$tmp/want" "$tmp/got" | head -5 >&2; fail "$f decodes differently from iconv"; }
	grep -q '¡¯\|â€' "$tmp/got" && fail "$f: mojibake"
	if [ "$gbk" = 1 ] && grep -q '’' "$tmp/got"; then
		gbk_apos=$((gbk_apos + 1))
	fi
done
[ "$n16" = 25 ] || fail "$n16 UTF-16LE files checked, want 25"
[ "$ngbk" = 4 ] || fail "$ngbk GBK files checked, want 4"
# The GBK files carry curly apostrophes (A1 AF); they come out as U+2019.
[ "$gbk_apos" -ge 1 ] || fail "no curly apostrophe in any GBK file"
