#!/usr/bin/env bash
# Indexing as the collection grows (docs/PERFORMANCE.md, "Cost as the collection grows"): newsdex
# against a plain single-threaded Xapian indexer at 1x, 10x and 40x reuters21578 (distinct ids,
# text varied by scripts/scale-corpus.py), newsdex alone at 1,000,000 articles (reuters21578 and
# bbc), incremental runs at 10x (10 % new articles appended; the same articles again), and a
# system-call summary of a 1x build of each engine. Prints markdown tables; keeps the timelines
# (articles indexed against seconds) as CSV in the work folder.
#
#   scripts/bench-scale.sh [BUILD_DIR] [--work DIR] [--sizes "1 10 40 1m"] [--no-incremental]
#                          [--no-syscalls]
#
# The work folder (default /tmp/newsdex-scale) needs about 12 GB at the default sizes; the whole
# run takes about 40 minutes on 2 cores. Builds bench-index (the library in it; not the CLI) in
# BUILD_DIR (default build/, configured RelWithDebInfo with -DNEWSDEX_BUILD_BENCHMARKS=ON).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh" bench-scale "$@"
set -- ${args[@]+"${args[@]}"}
work=/tmp/newsdex-scale
sizes="1 10 40 1m"
incremental=1
syscalls=1
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --no-incremental) incremental=0; shift ;;
    --no-syscalls) syscalls=0; shift ;;
    *) echo "bench-scale: unknown option $1" >&2; exit 2 ;;
  esac
done
reuters="$data_dir/reuters21578/docs.jsonl"
bbc="$data_dir/bbc/docs.jsonl"
if [ ! -f "$reuters" ]; then
  echo "bench-scale: skipped: $reuters is absent" >&2
  exit 0
fi
cmake -S "$root" -B "$build_dir" -DNEWSDEX_BUILD_BENCHMARKS=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" --target bench_index -j"$(nproc)" >/dev/null
bench="$build_dir/benchmarks/bench-index"
mkdir -p "$work"
echo "bench-scale: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), work in $work"

corpus() { # NAME ARGS...: the corpus file, made once
  local out="$work/$1.jsonl"
  shift
  [ -s "$out" ] || python3 "$root/scripts/scale-corpus.py" "$@" >"$out"
  echo "$out"
}

for size in $sizes; do
  case "$size" in
    1) file=$reuters; runs=3 ;;
    1m) file=$(corpus m1 --articles 1000000 "$reuters" "$bbc"); runs=1 ;;
    *) file=$(corpus "r$size" --copies "$size" "$reuters"); runs=1 ;;
  esac
  engine=both
  [ "$size" = 1m ] && engine=newsdex
  keep="$work/keep-$size"
  rm -rf "$keep"
  "$bench" --runs "$runs" --engine "$engine" --keep "$keep" --timeline "$work/timelines" "$file"
  if [ "$size" = 10 ] && [ "$incremental" = 1 ]; then
    # 10 % new articles (the eleventh copy), then the same 10x articles again.
    extra="$work/r10-extra.jsonl"
    [ -s "$extra" ] || python3 "$root/scripts/scale-corpus.py" --copies 11 "$reuters" |
      tail -n "$(wc -l <"$reuters")" >"$extra"
    echo
    echo "incremental at 10x: 10 % new articles appended"
    "$bench" --runs 1 --keep "$keep" --existing "$extra"
    echo
    echo "incremental at 10x: the same articles again (newsdex skips unchanged ones by content hash;"
    echo "plain Xapian replaces every document)"
    "$bench" --runs 1 --keep "$keep" --existing "$file"
  fi
  [ "$size" = 1 ] || rm -rf "$keep"
done

if [ "$syscalls" = 1 ] && command -v strace >/dev/null; then
  for engine in plain newsdex; do
    echo
    echo "system calls of a 1x build, $engine (strace -c -f; the tracing slows both down):"
    rm -rf "$work/strace-keep"
    strace -c -f -o "$work/strace-$engine.txt" \
      "$bench" --runs 1 --engine "$engine" --keep "$work/strace-keep" "$reuters" >/dev/null
    head -n 14 "$work/strace-$engine.txt"
  done
  rm -rf "$work/strace-keep"
fi
