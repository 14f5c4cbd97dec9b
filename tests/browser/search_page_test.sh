#!/usr/bin/env bash
# The search page of `newsdex serve` in a real browser (headless Chromium): the page runs a query
# taken from its URL, shows hits with highlighted snippets, facets and entity chips, sets its
# ready marker when its requests are done, and renders a feed title full of markup as text.
# A screenshot is left in ARTEFACT_DIR (docs/SERVE.md shows one). Exit 77: skipped.
#
# Usage: search_page_test.sh NEWSDEX_BINARY FIXTURES_DIR ARTEFACT_DIR
set -uo pipefail
newsdex=$1
fixtures=$2
artefacts=$3
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium is not installed (Debian package chromium; scripts/install-deps.sh): skipped"
  exit 77
fi
if ! "$newsdex" serve --help | grep -q -- --port; then
  echo "newsdex was built without cpp-httplib: no serve, skipped"
  exit 77
fi

work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# The sample articles, and one feed record whose title and body carry markup and a script.
cat >"$work/hostile.jsonl" <<'JSON'
{"id": "hostile-1", "title": "<script>document.title='owned'</script><b id=\"injected\">NATO</b> & <img src=x onerror=alert(1)>", "date": "2025-03-01", "source": "Feed <i>Source</i>", "body": "NATO ministers met. <script>window.owned = 1</script><b id=\"injected-body\">bold</b> NATO again."}
JSON
"$newsdex" index --db "$work/db" "$fixtures/articles" "$work/hostile.jsonl" >"$work/index.out" 2>&1 ||
  { cat "$work/index.out"; fail "indexing the fixtures failed"; exit 1; }

"$newsdex" serve --db "$work/db" --port 0 >"$work/serve.out" 2>"$work/serve.err" &
server=$!
port=""
for _ in $(seq 1 300); do
  port=$(sed -n 's#.* at http://127\.0\.0\.1:\([0-9]*\)/$#\1#p' "$work/serve.out")
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.2
done
[ -n "$port" ] || { cat "$work/serve.err"; fail "the server did not start"; exit 1; }

# Chromium as root needs --no-sandbox; its own profile; /dev/shm may be tiny in containers;
# --virtual-time-budget lets the page's requests finish before the DOM is taken.
chrome() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --user-data-dir="$work/profile" --virtual-time-budget=15000 "$@" 2>>"$work/chrome.err"
}
url="http://127.0.0.1:$port/?q=NATO"
dom=$(chrome --dump-dom "$url")
[ -n "$dom" ] || { tail -5 "$work/chrome.err"; fail "chromium printed no DOM"; }

grep -q 'data-ready="1"' <<<"$dom" || fail "the page never set its ready marker"
hits=$(grep -o '<li class="hit"' <<<"$dom" | wc -l)
[ "$hits" -ge 5 ] || fail "expected at least 5 hits for NATO from ?q= in the URL, saw $hits"
grep -q '<mark>NATO</mark>' <<<"$dom" || fail "no highlighted NATO in a snippet"
grep -q 'data-facet="source"' <<<"$dom" || fail "no source facet"
grep -q 'data-facet="entity"' <<<"$dom" || fail "no entity facet"
grep -q 'class="chip"' <<<"$dom" || fail "no entity chips"
grep -q '<input id="q"' <<<"$dom" || fail "no search box"
grep -q '<svg' <<<"$dom" || fail "no trend chart"
grep -Eq 'id="status"[^>]*>1–[0-9]+ of [0-9]+' <<<"$dom" || fail "no result count"

# The hostile record: found, and its markup shown as text, never run or parsed.
grep -q 'data-id="hostile-1"' <<<"$dom" || fail "the record with markup in its title is not among the hits"
grep -q '&lt;script&gt;document.title' <<<"$dom" || fail "the title's <script> is not shown as text"
grep -q 'Feed &lt;i&gt;Source&lt;/i&gt;' <<<"$dom" || fail "the source's markup is not shown as text"
if grep -Eq '<(b|img)[^>]*(injected|onerror)' <<<"$dom"; then fail "markup from a feed became an element"; fi
if grep -q '<title>owned' <<<"$dom"; then fail "a script from a feed ran"; fi
grep -q '<title>newsdex</title>' <<<"$dom" || fail "the page title changed"

# Paging: the second page of the same query, from the URL alone.
dom2=$(chrome --dump-dom "http://127.0.0.1:$port/?q=NATO&offset=10")
grep -Eq 'id="status"[^>]*>11–' <<<"$dom2" || fail "?offset=10 did not show the second page"

mkdir -p "$artefacts"
rm -f "$artefacts/search-page.png"
chrome --hide-scrollbars --window-size=1280,900 --screenshot="$artefacts/search-page.png" \
  "http://127.0.0.1:$port/?q=NATO%20defense" >/dev/null
[ -s "$artefacts/search-page.png" ] || fail "no screenshot was written"

grep -q 'GET /api/search?q=NATO' "$work/serve.err" || fail "the server logged no search request"
if [ "$failures" -gt 0 ]; then
  echo "--- server log"; tail -20 "$work/serve.err"
  exit 1
fi
echo "search page: $hits hits, highlights, facets, chips, trend, paging, hostile title as text;" \
  "screenshot $artefacts/search-page.png"
