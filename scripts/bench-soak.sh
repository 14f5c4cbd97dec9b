#!/usr/bin/env bash
# Soak benchmark (not CI): indexing in batches into one existing collection while searchers loop.
#
#   scripts/bench-soak.sh [BUILD_DIR] [--copies N] [--searchers N] [--work DIR]
#
# Indexes reuters21578 N times (default 10) into one collection, one batch a copy, each with its own
# --id-prefix so every copy adds 21,578 new articles; meanwhile N (default 4) search processes loop
# over benchmarks/queries/news.txt against the same collection until the last batch is committed.
# Every second it samples the resident memory of the indexer and of the searchers. At the end it
# prints a markdown table: per batch, wall seconds, articles in the collection, the indexer's peak
# RSS and the searchers' largest RSS so far; then searches run, searches failed (must be 0; a
# failure is any exit code other than 0 or 1) and the final count, which must be N times what the
# first batch added.
# Exit 1 when a search failed or the count is wrong.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh" bench-soak "$@"
set -- ${args[@]+"${args[@]}"}
copies=10
searchers=4
work=""
while [ $# -gt 0 ]; do
  case "$1" in
  --copies) copies=$2; shift 2 ;;
  --searchers) searchers=$2; shift 2 ;;
  --work) work=$2; shift 2 ;;
  *) echo "bench-soak: unknown argument $1" >&2; exit 2 ;;
  esac
done

input="$data_dir/reuters21578/docs.jsonl"
[ -f "$input" ] || { echo "bench-soak: skipped: no $input" >&2; exit 0; }
[ -f "$build_dir/CMakeCache.txt" ] ||
  cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" --target newsdex_cli -j"$(nproc)" >/dev/null
newsdex="$build_dir/tools/newsdex"
[ -n "$work" ] || work=$(mktemp -d /tmp/newsdex-soak.XXXXXX)
mkdir -p "$work"
db="$work/soak.db"
rm -rf "$db" "$db.d"
per_copy=$(wc -l <"$input")
queries="$root/benchmarks/queries/news.txt"
echo "bench-soak: $copies copies of reuters21578 ($per_copy articles each) into $db," \
  "$searchers searchers; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# The collection exists (empty) before the searchers start: they must never see it missing.
"$newsdex" -q init --db "$db"

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# A searcher: loops over the queries until told to stop; appends "ok" or "FAIL code query" lines.
searcher() {
  local log=$1
  while [ ! -e "$work/stop" ]; do
    while IFS= read -r q; do
      case "$q" in '' | '#'*) continue ;; esac
      [ -e "$work/stop" ] && break
      set +e
      "$newsdex" search --db "$db" --format ids --limit 10 "$q" >/dev/null 2>>"$log.err"
      local code=$?
      set -e
      if [ "$code" -le 1 ]; then echo ok >>"$log"; else echo "FAIL $code $q" >>"$log"; fi
    done <"$queries"
  done
}

rm -f "$work/stop" "$work"/searcher.*
pids=()
for i in $(seq 1 "$searchers"); do
  searcher "$work/searcher.$i" &
  pids+=($!)
done

# Samples the largest resident set of any running search process, once a second.
(
  peak=0
  while [ ! -e "$work/stop" ]; do
    for p in $(pgrep -f "newsdex search --db $db" || true); do
      r=$(rss_kb "$p")
      [ "${r:-0}" -gt "$peak" ] && peak=$r
    done
    echo "$peak" >"$work/searcher-peak"
    sleep 1
  done
) &
sampler=$!

echo
echo "| batch | wall s | articles | indexer peak RSS MB | searchers' peak RSS MB |"
echo "|---|---|---|---|---|"
status=0
for c in $(seq 1 "$copies"); do
  start=$(date +%s.%N)
  "$newsdex" -q index --db "$db" --id-prefix "copy$c/" "$input" >"$work/index.$c.out" 2>&1 &
  ipid=$!
  peak=0
  while kill -0 "$ipid" 2>/dev/null; do
    h=$(hwm_kb "$ipid")
    [ "${h:-0}" -gt "$peak" ] && peak=$h
    sleep 0.5
  done
  wait "$ipid" || { echo "bench-soak: batch $c failed:" >&2; cat "$work/index.$c.out" >&2; status=1; }
  end=$(date +%s.%N)
  count=$("$newsdex" stats --db "$db" --format json | sed -n 's/.*"documents": *\([0-9]*\).*/\1/p' | head -1)
  speak=$(cat "$work/searcher-peak" 2>/dev/null || echo 0)
  # What one copy adds (reuters21578 has a record that is not an article): the first batch says.
  [ "$c" -eq 1 ] && per_copy=$count
  awk -v c="$c" -v s="$start" -v e="$end" -v n="$count" -v p="$peak" -v q="$speak" \
    'BEGIN { printf "| %d | %.1f | %s | %.0f | %.0f |\n", c, e - s, n, p / 1024, q / 1024 }'
done

touch "$work/stop"
wait "${pids[@]}" "$sampler" 2>/dev/null || true
ran=$(cat "$work"/searcher.[0-9]* 2>/dev/null | wc -l)
failed=$(cat "$work"/searcher.[0-9]* 2>/dev/null | grep -c '^FAIL' || true)
expected=$((copies * per_copy))
echo
echo "searches run: $ran; failed: $failed; final count: $count (expected $expected)"
if [ "$failed" -ne 0 ]; then
  grep -h '^FAIL' "$work"/searcher.[0-9]* | head -5 >&2
  sort "$work"/searcher.*.err | uniq -c | sort -rn | head -5 >&2
  status=1
fi
[ "$count" = "$expected" ] || status=1
exit $status
