#!/usr/bin/env bash
# README command 1: install dependencies, build, index the bundled sample articles into a demo
# database inside the build folder (never your own default database), and run a few searches.
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
