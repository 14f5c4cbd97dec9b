#!/usr/bin/env bash
# Leave-one-collection-out cross-validation of newsdex's ranking defaults over every judged set of
# the shared data folder (seven abstract collections and the two Reuters news sets, one fold),
# with a paired randomization test per set; prints the markdown tables of docs/EVALUATION.md
# ("Out of sample").
#
#   scripts/eval-cv.sh [BUILD_DIR] [NEWSDEX_CV_OPTION...]
#
# BUILD_DIR defaults to build/ in the repository; newsdex-cv must have been built there with
# -DNEWSDEX_BUILD_BENCHMARKS=ON. Further arguments go to newsdex-cv, e.g. `--per-setting` (every
# setting's scores) or `--work DIR` (keep the indexes and reuse them). It runs at nice 10: the
# machine's other work (builds, benchmarks) keeps its share. The data folder is ../shared/data
# beside the repository, or $NEWSDEX_SHARED_DATA; when it is absent the script says so and exits 0.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh" eval-cv "$@"
set -- ${args[@]+"${args[@]}"}

cv_bin="$build_dir/benchmarks/newsdex-cv"
if [ ! -x "$cv_bin" ]; then
  echo "eval-cv: $cv_bin not found; build it with" >&2
  echo "  cmake -B $build_dir -S $root -DNEWSDEX_BUILD_BENCHMARKS=ON && cmake --build $build_dir" >&2
  exit 2
fi
exec nice -n 10 "$cv_bin" "$data_dir" "$@"
