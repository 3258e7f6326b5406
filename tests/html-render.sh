#!/bin/sh
# html-render.sh -- the HTML report in a real browser: headless Chromium
# renders the page from a file:// URL to a PNG, which must not be blank
# and must show the heatmap's colours (so the style sheet passed the
# page's Content-Security-Policy), and the DOM after load must hold the
# sort buttons (so the inline script passed it too).  A copy whose script
# was altered by one byte must lose its buttons: the policy is enforced.
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
	skip "chromium not installed (apt-get install chromium); page not rendered"
command -v python3 >/dev/null 2>&1 || skip "python3 not installed"

# browse OUT ARG...: headless chromium on its own profile; output to OUT.
browse() {
	b_out=$1
	shift
	HOME=$tmp timeout 60 "$chromium" --headless --no-sandbox --disable-gpu \
	    --no-first-run --hide-scrollbars --user-data-dir="$tmp/profile" \
	    "$@" >"$b_out" 2>>"$tmp/chromium.err" ||
		{ tail -n 5 "$tmp/chromium.err" >&2; fail "chromium failed: $*"; }
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

browse "$tmp/dom.html" --dump-dom "file://$tmp/page.html"
[ "$(grep -o '<button type="button">' "$tmp/dom.html" | wc -l)" = 2 ] ||
	fail "the sort buttons are missing: script blocked?"

sed 's/"use strict";/"use strict"; /' "$tmp/page.html" >"$tmp/altered.html"
cmp -s "$tmp/page.html" "$tmp/altered.html" && fail "script not altered"
browse "$tmp/dom2.html" --dump-dom "file://$tmp/altered.html"
grep -q '<button' "$tmp/dom2.html" &&
	fail "an altered inline script ran: the policy is not enforced"
exit 0
