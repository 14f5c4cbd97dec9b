#!/usr/bin/env bash
# Runs newsdex-eval over every test collection in the shared data folder (each folder holding
# qrels.txt) and prints a markdown table of MAP, nDCG@10, P@10, Recall@100 and Recall@1000.
#
#   scripts/eval-all.sh [BUILD_DIR] [NEWSDEX_EVAL_OPTION...]
#
# BUILD_DIR defaults to build/ in the repository; newsdex-eval must have been built there with
# -DNEWSDEX_BUILD_BENCHMARKS=ON. Further arguments go to every newsdex-eval run, e.g.
# `scripts/eval-all.sh build --k1 1.0 --b 0.5`. The data folder is ../shared/data beside the
# repository, or $NEWSDEX_SHARED_DATA; when it is absent the script says so and exits 0.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh" eval-all "$@"
set -- ${args[@]+"${args[@]}"}

eval_bin="$build_dir/benchmarks/newsdex-eval"
if [ ! -x "$eval_bin" ]; then
  echo "eval-all: $eval_bin not found; build it with" >&2
  echo "  cmake -B $build_dir -S $root -DNEWSDEX_BUILD_BENCHMARKS=ON && cmake --build $build_dir" >&2
  exit 2
fi

collections=()
for dir in "$data_dir"/*/; do
  [ -f "$dir/qrels.txt" ] && collections+=("$(basename "$dir")")
done
if [ ${#collections[@]} -eq 0 ]; then
  echo "eval-all: skipped: no folder with qrels.txt in $data_dir" >&2
  exit 0
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

echo "| collection | docs | queries | MAP | nDCG@10 | P@10 | R@100 | R@1000 |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"

failed=0
rows=()
for name in "${collections[@]}"; do
  echo "eval-all: $name ..." >&2
  if ! output="$("$eval_bin" "$data_dir/$name" "$@" 2>"$log")"; then
    echo "eval-all: $name failed:" >&2
    sed 's/^/  /' "$log" >&2
    echo "| $name | failed | | | | | | |"
    failed=1
    continue
  fi
  # Text output is trec_eval's "measure<TAB>qid<TAB>value"; keep the "all" lines.
  row="$(awk -F'\t' '
    { gsub(/ /, "", $1) }
    $2 == "all" { v[$1] = $3 }
    END {
      printf "%s\t%s\t%s\t%s\t%s\t%s\t%s", v["num_docs"], v["num_q"], v["map"], v["ndcg_cut_10"],
             v["P_10"], v["recall_100"], v["recall_1000"]
    }' <<<"$output")"
  rows+=("$row")
  IFS=$'\t' read -r docs queries map ndcg p10 r100 r1000 <<<"$row"
  echo "| $name | $docs | $queries | $map | $ndcg | $p10 | $r100 | $r1000 |"
done

if [ ${#rows[@]} -gt 0 ]; then
  printf '%s\n' "${rows[@]}" | awk -F'\t' '
    { for (i = 3; i <= 7; i++) sum[i] += $i; n++ }
    END {
      printf "| **mean** (%d) | | |", n
      for (i = 3; i <= 7; i++) printf " %.4f |", sum[i] / n
      printf "\n"
    }'
fi
exit "$failed"
