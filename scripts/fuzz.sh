#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang-14 with ASan + UBSan, in build-fuzz/) and runs
# them. See docs/RELIABILITY.md, "Fuzzing".
#
#   scripts/fuzz.sh [--seconds N] [TARGET...]   fuzz each target for N seconds (default 60)
#   scripts/fuzz.sh --replay [--runs N] [TARGET...]
#                                               CI: replay each committed corpus, then N inputs
#                                               (default 5000) from a fixed seed; deterministic
#
# TARGET is a name such as query_parser (default: every tests/fuzz/*_fuzz.cpp). The committed
# corpus (tests/fuzz/corpus/TARGET) is copied to a working corpus under
# build-fuzz/fuzz-work/TARGET/, which timed runs keep growing, so new inputs never land in the
# repository; a crashing input is saved there too (crashes/) and its path printed. Exits non-zero
# when any target crashes, leaks, trips a sanitizer or times out. FUZZ_BUILD_DIR overrides the
# build directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=60
runs=5000
replay=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
  --seconds) seconds=$2; shift 2 ;;
  --runs) runs=$2; shift 2 ;;
  --replay) replay=1; shift ;;
  -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
  -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
  *) targets+=("$1"); shift ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$root"/tests/fuzz/*_fuzz.cpp; do
    name=$(basename "$f" .cpp)
    targets+=("${name%_fuzz}")
  done
fi
for t in "${targets[@]}"; do
  if [ ! -f "$root/tests/fuzz/${t}_fuzz.cpp" ]; then
    echo "fuzz.sh: no target '$t' (tests/fuzz/${t}_fuzz.cpp)" >&2
    exit 2
  fi
done

"$root/scripts/install-deps.sh"
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang-14 \
  -DCMAKE_CXX_COMPILER=clang++-14 -DNEWSDEX_FUZZ=ON -DNEWSDEX_BUILD_TESTS=OFF \
  -DNEWSDEX_WERROR=ON -DCMAKE_UNITY_BUILD=ON "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/%/_fuzz}"

# The dictionary a target uses: its own, or the one of its input's language.
dict_of() {
  case "$1" in
  jsonl_reader | json_array_reader | manifest) echo "$root/tests/fuzz/json.dict" ;;
  *) echo "$root/tests/fuzz/$1.dict" ;;
  esac
}

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
# Replay runs with address-space randomization off: libFuzzer's comparison tracing feeds the
# values a target compares, pointers among them, to its mutator, so with ASLR on the same seed
# mutated differently from run to run (coverage differed by a few per cent). `setarch -R` turns
# it off for the one process; where the kernel refuses, the run goes on randomized.
no_aslr=()
if [ "$replay" -eq 1 ] && setarch -R true 2>/dev/null; then no_aslr=(setarch -R); fi
work=$build/fuzz-work
failed=()
for t in "${targets[@]}"; do
  dir=$work/$t
  # Replay starts from the committed corpus alone, so that it is deterministic; a timed run
  # goes on from the corpus earlier runs grew (the committed seeds added to it).
  corpus=$dir/corpus
  if [ "$replay" -eq 1 ]; then
    corpus=$dir/replay-corpus
    rm -rf "$corpus"
  fi
  mkdir -p "$corpus" "$dir/crashes"
  cp "$root/tests/fuzz/corpus/$t/"* "$corpus/"
  args=(-max_len=8192 -timeout=30 -rss_limit_mb=2048 -print_final_stats=1
        "-artifact_prefix=$dir/crashes/")
  dict=$(dict_of "$t")
  if [ -f "$dict" ]; then args+=("-dict=$dict"); fi
  if [ "$replay" -eq 1 ]; then
    # -reload=0: libFuzzer otherwise rereads the corpus folder every second, and what it finds
    # there then depends on timing; without it a run is the same every time.
    args+=(-seed=1 "-runs=$runs" -reload=0)
  else
    args+=("-max_total_time=$seconds")
  fi
  echo "== $t"
  if "${no_aslr[@]}" "$build/tests/fuzz/${t}_fuzz" "${args[@]}" "$corpus" >"$dir/log" 2>&1; then
    # libFuzzer's last status line: executions, coverage (cov: edges, ft: features), corpus.
    grep -E '^#[0-9]+' "$dir/log" | tail -n 1 || true
  else
    failed+=("$t")
    tail -n 60 "$dir/log"
    saved=$(grep -E 'Test unit written to|artifact_prefix' "$dir/log" | tail -n 1 || true)
    echo "fuzz.sh: $t FAILED; ${saved:-see $dir/log}" >&2
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: failures in ${failed[*]} (logs and inputs under $work)" >&2
  exit 1
fi
echo "fuzz.sh: ${#targets[@]} target(s) passed"
