#!/usr/bin/env bash
# README command 2: install dependencies, build, and run every test.
#   scripts/test.sh              the normal build (build/)
#   scripts/test.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"

if [ "${1:-}" = "--sanitize" ]; then
  export BUILD_DIR=${BUILD_DIR:-$root/build-asan}
  BUILD_TYPE=Debug "$root/scripts/build.sh" -DNEWSDEX_BUILD_TESTS=ON -DNEWSDEX_SANITIZE=address,undefined
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp
  # The install test rebuilds the project without sanitizers, and the heavy suites (whole corpora)
  # would take most of CI's time under the sanitizers: the normal run covers both.
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)" -LE 'install|heavy'
else
  export BUILD_DIR=${BUILD_DIR:-$root/build}
  "$root/scripts/build.sh" -DNEWSDEX_BUILD_TESTS=ON -DNEWSDEX_BUILD_BENCHMARKS=ON
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)"
fi
