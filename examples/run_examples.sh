#!/usr/bin/env bash
# Runs one C++ example for real and checks what it prints: the ctest tests examples.* and the
# install test (tests/install/run.sh, against the installed package) both call it.
#
#   run_examples.sh EXAMPLE BINDIR ARTICLES WORKDIR
#
# EXAMPLE is index_folder, search_facets, log_sink or progress; BINDIR holds the built examples;
# ARTICLES is a folder of sample articles (tests/fixtures/articles: 30 of them, one titled
# "NATO leaders back 5% spending goal at The Hague summit"); WORKDIR is emptied and used as
# scratch space.
set -euo pipefail
example=$1
bin=$2
articles=$3
work=$4
rm -rf "$work"
mkdir -p "$work"
count=$(find "$articles" -type f | wc -l)

fail() {
  echo "FAIL ($example): $*" >&2
  exit 1
}
# run OUT STATUS CMD...: runs CMD with stdout and stderr into OUT; its exit status must be STATUS.
run() {
  local out=$1 want=$2 status=0
  shift 2
  "$@" >"$out" 2>&1 || status=$?
  if [ "$status" != "$want" ]; then
    cat "$out" >&2
    fail "'$*' exited with $status, not $want"
  fi
}
# expect OUT PATTERN: OUT has a line matching the extended regular expression PATTERN.
expect() {
  if ! grep -qE -- "$2" "$1"; then
    cat "$1" >&2
    fail "no line matching '$2' in $(basename "$1")"
  fi
}

case $example in
index_folder)
  run "$work/usage.out" 2 "$bin/index_folder" "$work/db"
  expect "$work/usage.out" '^usage: index_folder DB DIR$'
  run "$work/first.out" 0 "$bin/index_folder" "$work/db" "$articles"
  expect "$work/first.out" "^read $count, indexed $count, unchanged 0, skipped 0, failed 0$"
  expect "$work/first.out" "^$count documents in $work/db$"
  # The same folder again: every article is stored already, with the same content.
  run "$work/again.out" 0 "$bin/index_folder" "$work/db" "$articles"
  expect "$work/again.out" "^read $count, indexed 0, unchanged $count, skipped 0, failed 0$"
  # A missing folder is a failed input, named, and exit status 1.
  run "$work/missing.out" 1 "$bin/index_folder" "$work/db" "$work/no-such-folder"
  expect "$work/missing.out" "^failed: $work/no-such-folder: "
  # A collection that cannot be opened is a newsdex::Error (exit status 3), naming the path.
  echo "not a collection" >"$work/not-a-db"
  run "$work/error.out" 3 "$bin/index_folder" "$work/not-a-db" "$articles"
  expect "$work/error.out" "^index_folder: .*not-a-db"
  ;;
search_facets)
  run "$work/index.out" 0 "$bin/index_folder" "$work/db" "$articles"
  run "$work/search.out" 0 "$bin/search_facets" "$work/db" NATO spending
  expect "$work/search.out" '^about [0-9]+ matches for: NATO spending$'
  expect "$work/search.out" '^1\. [0-9]+\.[0-9]{3}  NATO leaders back 5% spending goal at The Hague summit  \(Harbour Post, 2025-06-24, '
  expect "$work/search.out" '^5\. ' # limit 5
  if grep -qE '^6\. ' "$work/search.out"; then fail "more than 5 hits"; fi
  expect "$work/search.out" '^   .*\[NATO\]' # a snippet with its match marked
  expect "$work/search.out" '^facet source:  .*Harbour Post \(1\)'
  expect "$work/search.out" '^facet year:  .*2025 \([0-9]+\)'
  expect "$work/search.out" '^facet entity:  NATO \([0-9]+\)'
  # A compound word and its parts are one highlight, each byte printed once.
  printf 'Title: Border talks\n\n%s\n' 'Envoys returned to the pre-2014 border line.' \
    >"$work/compound.txt"
  run "$work/compound-index.out" 0 "$bin/index_folder" "$work/compound.db" "$work/compound.txt"
  run "$work/compound.out" 0 "$bin/search_facets" "$work/compound.db" pre-2014
  expect "$work/compound.out" '^   Envoys returned to the \[pre-2014\] border line\.$'
  run "$work/nothing.out" 1 "$bin/search_facets" "$work/db" zqxjkv
  expect "$work/nothing.out" '^about 0 matches for: zqxjkv$'
  run "$work/missing.out" 3 "$bin/search_facets" "$work/no-such.db" NATO
  expect "$work/missing.out" "^search_facets: $work/no-such.db: "
  ;;
log_sink)
  # One good article and three bad inputs: each bad one must reach the sink as a record.
  mkdir "$work/in"
  printf 'Title: Harbour cranes idle after storm\nDate: the day after the storm\n\n%s\n' \
    'Cranes at the harbour stood idle on Monday after high winds damaged two of them.' \
    >"$work/in/undated.txt"
  : >"$work/in/empty.txt"
  printf '%s\n%s\n' '{"id": "j1", "title": "Ferry timetable changes", "body": "Fewer crossings."}' \
    '{"id": "j2", "title": ' >"$work/in/broken.jsonl"
  run "$work/sink.out" 0 "$bin/log_sink" "$work/db" "$articles/001-nato-summit-spending.txt" \
    "$work/in"
  expect "$work/sink.out" '^indexed 3, problems 3$'
  expect "$work/sink.out" '^the sink received 3 records$'
  expect "$work/sink.out" "^\[newsdex warning\] $work/in/undated.txt: unparseable date"
  expect "$work/sink.out" "^\[newsdex error\] $work/in/empty.txt: empty file"
  expect "$work/sink.out" "^\[newsdex error\] $work/in/broken.jsonl:2:"
  ;;
progress)
  # Enough articles that the stop after 50 lands well before the end, however many threads
  # (the read stage runs at most 4 per thread ahead of the stage that reports progress).
  total=2000
  for i in $(seq 1 $total); do
    printf '{"id": "gen-%d", "title": "Harbour report %d", "body": "Cargo volumes for week %d."}\n' \
      "$i" "$i" "$i"
  done >"$work/many.jsonl"
  run "$work/stopped.out" 0 "$bin/progress" "$work/db" "$work/many.jsonl" 50
  expect "$work/stopped.out" '^progress: 50 articles, [0-9.]+ KB read of [0-9.]+ KB, [0-9]+ written'
  expect "$work/stopped.out" '^interrupted after [0-9]+ articles: they are committed'
  read=$(sed -nE 's/^interrupted after ([0-9]+) articles.*/\1/p' "$work/stopped.out")
  if [ "$read" -lt 50 ] || [ "$read" -ge $total ]; then fail "stopped after $read articles"; fi
  expect "$work/stopped.out" "^read $read, indexed $read, unchanged 0; $read documents in "
  # The same command without the stop continues: what the first run stored is unchanged.
  run "$work/resumed.out" 0 "$bin/progress" "$work/db" "$work/many.jsonl"
  expect "$work/resumed.out" "^progress: $total articles, "
  expect "$work/resumed.out" "^read $total, indexed $((total - read)), unchanged $read; $total documents in "
  if grep -q interrupted "$work/resumed.out"; then fail "the second run was interrupted"; fi
  run "$work/usage.out" 2 "$bin/progress" "$work/db" "$work/many.jsonl" fifty
  expect "$work/usage.out" "STOP_AFTER must be a number of articles, not 'fifty'"
  ;;
*)
  fail "unknown example"
  ;;
esac
echo "example $example: ok"
