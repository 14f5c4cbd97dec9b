#!/usr/bin/env bash
# README command 1: install dependencies, build, index the bundled sample articles into a demo
# database inside the build folder (never your own default database), and run a few searches,
# a trend and an entity network.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
BUILD_DIR=${BUILD_DIR:-$root/build} "$root/scripts/build.sh" -DNEWSDEX_BUILD_TESTS=OFF
build=${BUILD_DIR:-$root/build}
newsdex=$build/tools/newsdex
db=$build/demo.db

echo
echo "== newsdex index --db $db tests/fixtures/articles"
"$newsdex" index --db "$db" "$root/tests/fixtures/articles"
for query in 'NATO' 'Ukraine' '"defense spending"'; do
  echo
  echo "== newsdex search --db $db --limit 3 '$query'"
  "$newsdex" search --db "$db" --limit 3 "$query"
done
echo
echo "== newsdex stats --db $db"
"$newsdex" stats --db "$db"
echo
echo "== newsdex trend --db $db --by year NATO --compare Ukraine"
"$newsdex" trend --db "$db" --by year NATO --compare Ukraine
echo
echo "== newsdex entities --db $db --graph --limit 8 NATO"
"$newsdex" entities --db "$db" --graph --limit 8 NATO
echo
echo "To search it in a browser: $newsdex serve --db $db   (then open http://127.0.0.1:8080/)"
