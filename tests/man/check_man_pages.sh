#!/usr/bin/env bash
# The generated man pages (tools/man/make-man-pages.sh): one per subcommand of `newsdex --help`,
# each renders without a groff warning and carries the hand-written sections, and newsdex(1)
# names every subcommand.
#
# Usage: check_man_pages.sh MAN_DIR NEWSDEX_BINARY
set -uo pipefail
man_dir=$1
newsdex=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

if ! command -v groff >/dev/null; then
  echo "groff is not installed (Debian package groff-base): cannot render the pages"
  exit 77
fi

mapfile -t subcommands < <(NO_COLOR=1 "$newsdex" --help | sed -n '/^Subcommands:/,$p' | sed -n 's/^  \([a-z][a-z0-9-]*\) .*$/\1/p')
[ ${#subcommands[@]} -ge 10 ] || fail "only ${#subcommands[@]} subcommands in 'newsdex --help'"

render() { # PAGE.1 -> its text, as man shows it; groff's warnings go to $warnings
  MANWIDTH=80 groff -man -Tutf8 -ww -rLL=78n "$1" 2>"$warnings" | sed 's/.\x08//g'
}
warnings=$(mktemp)
trap 'rm -f "$warnings"' EXIT

for page in newsdex "${subcommands[@]/#/newsdex-}"; do
  file=$man_dir/$page.1
  if [ ! -s "$file" ]; then
    fail "$page.1 missing"
    continue
  fi
  [ -s "$file.gz" ] || fail "$page.1.gz (the installed copy) missing"
  text=$(render "$file")
  [ ! -s "$warnings" ] || fail "$page.1: groff warns: $(head -3 "$warnings")"
  grep -q "^NAME" <<<"$text" || fail "$page.1 renders no NAME section"
  for section in SYNOPSIS OPTIONS "EXIT STATUS" ENVIRONMENT "SEE ALSO"; do
    grep -q "^$section" <<<"$text" || fail "$page.1 has no $section section"
  done
  grep -q "NEWSDEX_DB" <<<"$text" || fail "$page.1 does not mention NEWSDEX_DB"
  grep -q "^ *74 " <<<"$text" || fail "$page.1 lacks exit code 74"
done

main=$(render "$man_dir/newsdex.1")
for sub in "${subcommands[@]}"; do
  grep -qw -- "$sub" <<<"$main" || fail "newsdex(1) does not mention $sub"
  grep -q "newsdex-$sub(1)" <<<"$main" || fail "newsdex(1) does not refer to newsdex-$sub(1)"
done
grep -q -- "--facet" <<<"$(render "$man_dir/newsdex-search.1")" ||
  fail "newsdex-search(1) does not document --facet"
# No page for a subcommand --help does not list (the hidden `completion`).
for file in "$man_dir"/*.1; do
  name=$(basename "$file" .1)
  [ "$name" = newsdex ] && continue
  printf '%s\n' "${subcommands[@]}" | grep -qx "${name#newsdex-}" || fail "$name.1 has no subcommand"
done

if [ $failures -gt 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "man pages: ${#subcommands[@]} subcommands + newsdex(1), all render"
