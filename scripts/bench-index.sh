#!/usr/bin/env bash
# Indexing benchmark: newsdex against a plain single-threaded Xapian indexer on the shared bbc and
# reuters21578 collections, same run, medians of 3. Prints markdown tables and the ratios.
#
#   scripts/bench-index.sh [BUILD_DIR] [bench-index options, e.g. --runs 5 --writers 2 --batch 500]
#
# Builds bench-index in BUILD_DIR (default build/, configured with -DNEWSDEX_BUILD_BENCHMARKS=ON).
# The data folder is ../shared/data beside the repository, or $NEWSDEX_SHARED_DATA.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh" bench-index "$@"
set -- ${args[@]+"${args[@]}"}
# A new build directory is configured as CI builds (RelWithDebInfo); an existing one keeps its type.
build_type=()
[ -f "$build_dir/CMakeCache.txt" ] || build_type=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
cmake -S "$root" -B "$build_dir" -DNEWSDEX_BUILD_BENCHMARKS=ON ${build_type[@]+"${build_type[@]}"} >/dev/null
echo "bench-index: build type $(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build_dir/CMakeCache.txt")"
cmake --build "$build_dir" --target bench_index -j"$(nproc)" >/dev/null
echo "bench-index: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$build_dir/benchmarks/bench-index" "$@" "$data_dir/bbc/docs.jsonl" "$data_dir/reuters21578/docs.jsonl"
