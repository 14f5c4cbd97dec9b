#!/usr/bin/env bash
# Configures and builds newsdex into BUILD_DIR (default: build). Extra arguments go to cmake;
# BUILD_TARGET builds one target (and what it needs) instead of everything.
# Used by demo.sh, test.sh and CI, so every route builds the same way.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" -DNEWSDEX_WERROR=ON "$@" >/dev/null
cmake --build "$build" -j"$(nproc)" ${BUILD_TARGET:+--target "$BUILD_TARGET"}
