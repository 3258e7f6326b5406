#!/bin/sh
# html-render.sh -- the HTML report in a real browser: headless Chromium
# renders the page from a file:// URL to a PNG, which must not be blank
# and must show the heatmap's colours (so the style sheet passed the
# page's Content-Security-Policy), and the DOM after load must hold the
# sort buttons (so the inline script passed it too); two clicks on
# "Overall", from a test script the policy is widened to allow, sort the
# rows by ascending score.  A copy whose script was altered by one byte
# must lose its buttons: the policy is enforced.
# Skipped when chromium (Debian package chromium) is not installed.
. "${top_srcdir:-$(dirname "$0")/..}/tests/setup.sh"

chromium=
for c in ${CHROMIUM:-} chromium chromium-browser; do
	if command -v "$c" >/dev/null 2>&1; then
		chromium=$c
		break
	fi
done
[ -n "$chromium" ] ||
	skip "chromium not installed (apt-get install chromium): not rendered"
command -v python3 >/dev/null 2>&1 || skip "python3 not installed"

# browse OUT ARG...: headless chromium on its own profile; output to OUT.
browse() {
	b_out=$1
	shift
	HOME=$tmp timeout 60 "$chromium" --headless --no-sandbox --disable-gpu \
	    --no-first-run --hide-scrollbars --user-data-dir="$tmp/profile" \
	    "$@" >"$b_out" 2>>"$tmp/chromium.err" ||
		{ tail -n 5 "$tmp/chromium.err" >&2; fail "chromium: $*"; }
}

cd "$top_srcdir/fixtures"
expect_status 0 $PALINT -q -f html -o "$tmp/page.html" \
    examples/valdoria-cyber-strategy-draft.md golden/negation.txt
cd "$tmp"
browse "$tmp/shot.out" --screenshot="$tmp/shot.png" --window-size=900,640 \
    "file://$tmp/page.html"
[ -s "$tmp/shot.png" ] || fail "no screenshot"
# Distinct colours, then the pixels of the covered and partial colours.
set -- $(python3 "$top_srcdir/tests/pngcolours.py" "$tmp/shot.png" \
    56b4e9 f0e442) || fail "screenshot is not a PNG"
[ "$1" -ge 32 ] || fail "the page renders blank ($1 colours)"
[ "$2" -ge 100 ] || fail "no covered cells in the heatmap: style blocked?"
[ "$3" -ge 100 ] || fail "no partial cells in the heatmap: style blocked?"

# The page's rows come by path: the higher score first.
grep -o 'data-overall="[^"]*"' "$tmp/page.html" | cut -d'"' -f2 >"$tmp/order"
sort -c -r -n "$tmp/order" 2>/dev/null || fail "fixtures no longer sort"
click='var b = document.querySelector("th[data-sort=overall] button");
b.click();
b.click();'
hash=$(printf '%s' "$click" | python3 -c 'import base64, hashlib, sys
d = hashlib.sha256(sys.stdin.buffer.read()).digest()
print(base64.b64encode(d).decode())')
sed -e "s|script-src 'sha256-\([^']*\)'|& 'sha256-$hash'|" \
    -e 's|^</body>$||' "$tmp/page.html" >"$tmp/click.html"
printf '<script>%s</script>\n</body>\n' "$click" >>"$tmp/click.html"
browse "$tmp/dom.html" --dump-dom "file://$tmp/click.html"
[ "$(grep -o '<button type="button">' "$tmp/dom.html" | wc -l)" = 2 ] ||
	fail "the sort buttons are missing: script blocked?"
grep -q 'aria-sort="ascending"' "$tmp/dom.html" ||
	fail "two clicks on Overall do not sort ascending"
grep -o 'data-overall="[^"]*"' "$tmp/dom.html" | cut -d'"' -f2 >"$tmp/sorted"
sort -n "$tmp/order" | cmp -s - "$tmp/sorted" ||
	fail "not by ascending score: $(tr '\n' ' ' <"$tmp/sorted")"

sed 's/"use strict";/"use strict"; /' "$tmp/page.html" >"$tmp/altered.html"
cmp -s "$tmp/page.html" "$tmp/altered.html" && fail "script not altered"
browse "$tmp/dom2.html" --dump-dom "file://$tmp/altered.html"
grep -q '<button' "$tmp/dom2.html" &&
	fail "an altered inline script ran: the policy is not enforced"
exit 0
