#!/usr/bin/env bash
# Query latency benchmark: newsdex against plain Xapian (QueryParser + Enquire) on the shared
# reuters21578 and bbc collections, same process, sides alternated, median over runs; the extra
# cost of snippets + facets; the same ratios with the baseline at newsdex's BM25 parameters; and the
# callgrind instruction counts for the fixed query set (one warm pass: newsdex ranked with the
# entity boost off and on, newsdex hits with their fields, Xapian at its own and at newsdex's BM25
# parameters, and newsdex with snippets, facets and the suggestion).
#
#   scripts/bench-query.sh [BUILD_DIR] [bench-query options, e.g. --runs 5 --per-run 2000]
#
# Builds bench-query in BUILD_DIR (default build/, configured with -DNEWSDEX_BUILD_BENCHMARKS=ON).
# The data folder is ../shared/data beside the repository, or $NEWSDEX_SHARED_DATA. Indexes are
# built once into $NEWSDEX_BENCH_WORK (default a temp dir) and reused by the callgrind runs.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh" bench-query "$@"
set -- ${args[@]+"${args[@]}"}
work="${NEWSDEX_BENCH_WORK:-$(mktemp -d)}"
# A new build directory is configured as CI builds (RelWithDebInfo); an existing one keeps its type.
build_type=()
[ -f "$build_dir/CMakeCache.txt" ] || build_type=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
cmake -S "$root" -B "$build_dir" -DNEWSDEX_BUILD_BENCHMARKS=ON ${build_type[@]+"${build_type[@]}"} >/dev/null
echo "bench-query: build type $(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build_dir/CMakeCache.txt")"
cmake --build "$build_dir" --target bench_query -j"$(nproc)" >/dev/null
bench="$build_dir/benchmarks/bench-query"
echo "bench-query: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$bench" --data "$data_dir" --work "$work" "$@"
# The same with the baseline ranking by newsdex's BM25 parameters (k1 1.8, b 0.5, which prune less
# well than Xapian's defaults): what is left is newsdex's own cost, not its choice of ranking.
echo "bench-query: the baseline with newsdex's BM25 parameters (--baseline-k1 1.8 --baseline-b 0.5):"
"$bench" --data "$data_dir" --work "$work" "$@" --baseline-k1 1.8 --baseline-b 0.5 |
  grep -E '^  "|p50_ratio_median|"p50"'

if command -v valgrind >/dev/null; then
  for collection in reuters21578 bbc; do
    declare -A ir=()
    for side in newsdex newsdex-boost newsdex-hits xapian xapian-same-bm25 newsdex-page; do
      out="$work/callgrind.$collection.$side"
      extra=()
      [ "$side" = xapian-same-bm25 ] && extra=(--baseline-k1 1.8 --baseline-b 0.5)
      valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$out" \
        "$bench" --data "$data_dir" --work "$work" --collection "$collection" \
        --callgrind "${side%-same-bm25}" ${extra[@]+"${extra[@]}"} >/dev/null 2>&1
      ir[$side]=$(awk '/^totals:/ {print $2; exit}' "$out")
    done
    awk -v c="$collection" -v n="${ir[newsdex]}" -v h="${ir[newsdex-hits]}" -v x="${ir[xapian]}" \
      -v p="${ir[newsdex-page]}" -v b="${ir[newsdex-boost]}" -v s="${ir[xapian-same-bm25]}" \
      'BEGIN { printf "callgrind %s: newsdex ranked %d Ir, xapian %d Ir, ratio %.2f ", c, n, x, n / x
               printf "(%.2f against xapian at k1 1.8, b 0.5: %d Ir); ", n / s, s
               printf "boost on %d Ir (%.2f); hits with their fields %d Ir (%.2f); ", b, b / x, h, h / x
               printf "with snippets, facets and suggestion %d Ir\n", p }'
  done
else
  echo "bench-query: valgrind not found; no instruction counts" >&2
fi
