#!/usr/bin/env bash
# Writes newsdex(1) and a page per subcommand (newsdex-search(1), ...) into OUT_DIR with help2man,
# from the built binary's own --help, so the pages cannot drift from it. The subcommands are read
# from `newsdex --help`, so a new one gets its page without a change here. What --help cannot say
# comes from the hand-written include files beside this script: common.h2m (exit status,
# environment, files) for every page and PAGE.h2m (examples) where there is one.
#
# Usage: make-man-pages.sh NEWSDEX_BINARY OUT_DIR   (writes OUT_DIR/*.1 and, to install, *.1.gz)
set -euo pipefail

binary=$(realpath "$1")
out=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$out/.work

rm -rf "$out"
mkdir -p "$work/bin"
# Run as plain `newsdex` from PATH, so usage lines read "newsdex search", not the build path.
ln -s "$binary" "$work/bin/newsdex"
export PATH=$work/bin:$PATH
# A sanitizer build must not fail the page generation over a leak report at exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
export NO_COLOR=1 COLUMNS=80 LC_ALL=C.UTF-8

# "  search      Search the collection": the names after "Subcommands:" in `newsdex --help`
# (a wrapped description continues on lines indented further).
mapfile -t subcommands < <(newsdex --help | sed -n '/^Subcommands:/,$p' | sed -n 's/^  \([a-z][a-z0-9-]*\) .*$/\1/p')
if [ ${#subcommands[@]} -eq 0 ]; then
  echo "make-man-pages: no subcommands in 'newsdex --help'" >&2
  exit 1
fi

see_also() { # PAGE: every other page of the set
  echo "[SEE ALSO]"
  local first=1 page
  for page in newsdex "${subcommands[@]/#/newsdex-}"; do
    [ "$page" = "$1" ] && continue
    [ $first -eq 1 ] || printf ',\n'
    printf '.BR \\%%%s (1)' "${page//-/\\-}" # \%: never hyphenated; \-: a real hyphen
    first=0
  done
  echo
}

page() { # PAGE PROGRAM DESCRIPTION
  see_also "$1" >"$work/$1.see-also.h2m"
  help2man --no-info --section=1 --manual="newsdex Manual" --source="newsdex" \
    --name="$3" --include="$here/common.h2m" --opt-include="$here/$1.h2m" \
    --include="$work/$1.see-also.h2m" --output="$out/$1.1" "$2"
}

page newsdex newsdex "full-text search for news articles"
for sub in "${subcommands[@]}"; do
  description=$(newsdex "$sub" --help | head -n 1) # a subcommand's help opens with it, unwrapped
  # help2man asks a program for --help and --version: newsdex-SUB is `newsdex SUB`, named so in
  # its version line (help2man takes the page's name from it).
  cat >"$work/bin/newsdex-$sub" <<WRAPPER
#!/bin/sh
if [ "\$1" = --version ]; then
  newsdex --version | sed 's/^newsdex /newsdex-$sub (newsdex) /'
else
  exec newsdex $sub "\$@"
fi
WRAPPER
  chmod +x "$work/bin/newsdex-$sub"
  page "newsdex-$sub" "newsdex-$sub" "$description"
done
rm -rf "$work"
# Debian installs man pages compressed (policy 12.1); -n keeps the bytes reproducible.
for page in "$out"/*.1; do gzip -9 -n -c "$page" >"$page.gz"; done
