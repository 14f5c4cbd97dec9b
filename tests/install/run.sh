#!/usr/bin/env bash
# Installs newsdex into a scratch prefix and builds a tiny program against it from outside the
# source tree, once with find_package(newsdex) and once with pkg-config, then the C++ examples
# (examples/), running one. The third argument picks a shared (default) or static libnewsdex:
# both must be buildable and consumable.
#
# Usage: run.sh SRC WORK [shared|static] [BUILD_DIR]
# With BUILD_DIR (a configured and built tree of SRC), that build is installed instead of a new
# one: the normal suite installs the build it has just tested, so only the static variant pays
# for a build from scratch (two full builds took half of CI's test stage).
set -euo pipefail
src=$1
work=$2
kind=${3:-shared} # shared or static libnewsdex
existing_build=${4:-}
shared=ON
pc_flags=""
if [ "$kind" = static ]; then
  shared=OFF
  pc_flags="--static"
fi
rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix

if [ -n "$existing_build" ]; then
  cmake --install "$existing_build" --prefix "$prefix" >"$work/install.log"
else
  # A unity build: this checks what is installed, not how each source compiles alone (the
  # normal build does that), and it takes half the time.
  cmake -S "$src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DNEWSDEX_BUILD_TESTS=OFF \
        -DBUILD_SHARED_LIBS="$shared" -DCMAKE_UNITY_BUILD=ON \
        -DCMAKE_INSTALL_PREFIX="$prefix" >"$work/configure.log"
  cmake --build "$work/build" -j2 >"$work/build.log"
  cmake --install "$work/build" >"$work/install.log"
fi

test -x "$prefix/bin/newsdex"
test -f "$prefix/include/newsdex/newsdex.hpp"
test -f "$prefix/include/newsdex/export.hpp"
version_file=$(find "$prefix" -name newsdexConfigVersion.cmake | head -n1)
cmake -DVERSION_FILE="$version_file" -P "$src/tests/install/version_policy.cmake"

consumer=$src/tests/install/consumer
cmake -S "$consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" >"$work/consumer-configure.log"
cmake --build "$work/consumer" >"$work/consumer-build.log"
LD_LIBRARY_PATH="$prefix/lib:${LD_LIBRARY_PATH:-}" "$work/consumer/consumer" "$work/consumer.db"

libdir=$(find "$prefix" -name newsdex.pc -printf '%h\n' | head -n1)
# newsdex.pc names the prefix the build was configured with; an installed BUILD_DIR went to
# another one, as a packager's staging directory does: the prefix is given, as they give it.
PKG_CONFIG_PATH="$libdir" g++ -std=c++20 "$consumer/main.cpp" -o "$work/consumer-pc" \
  $(PKG_CONFIG_PATH="$libdir" pkg-config $pc_flags --define-variable=prefix="$prefix" \
    --cflags --libs newsdex)
LD_LIBRARY_PATH="$(dirname "$libdir"):${LD_LIBRARY_PATH:-}" "$work/consumer-pc" "$work/consumer-pc.db"

# The C++ examples, built on their own against the prefix as a user of libnewsdex-dev builds them
# (examples/README.md), and one of them run for real: the sample articles indexed and searched.
cmake -S "$src/examples" -B "$work/examples" -DCMAKE_PREFIX_PATH="$prefix" \
      >"$work/examples-configure.log" || { cat "$work/examples-configure.log"; exit 1; }
cmake --build "$work/examples" -j2 >"$work/examples-build.log" ||
  { cat "$work/examples-build.log"; exit 1; }
LD_LIBRARY_PATH="$prefix/lib:${LD_LIBRARY_PATH:-}" bash "$src/examples/run_examples.sh" \
  search_facets "$work/examples" "$src/tests/fixtures/articles" "$work/examples-run"
echo "install test ($kind): ok"
