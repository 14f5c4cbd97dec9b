#!/usr/bin/env bash
# Installs everything newsdex needs to build, test and benchmark on Debian 12, toolchain included.
# Idempotent: packages already present are left alone; runs apt-get through sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git clang-format
  libxapian-dev xapian-tools libicu-dev
  libcli11-dev libspdlog-dev libfmt-dev
  libsimdjson-dev nlohmann-json3-dev libgumbo-dev libtbb-dev zlib1g-dev
  libzstd-dev # the stored article is compressed with zstd (lib/schema/stored_article.cpp)
  libjemalloc-dev # the allocator of newsdex's programs (CMakeLists.txt, NEWSDEX_JEMALLOC)
  libgtest-dev libgmock-dev libbenchmark-dev
  valgrind # bench-query includes <valgrind/callgrind.h>; the bench scripts count instructions
  uuid-dev # the static install test links static Xapian, which needs -luuid
  # scripts/fuzz.sh: libFuzzer, ASan and UBSan come with clang-14's runtime; the normal suite's
  # fuzz regression test reads LLVM's FuzzedDataProvider.h from clang-14's headers.
  clang-14 libclang-rt-14-dev
  pybind11-dev python3-dev python3-pytest # the Python binding (-DNEWSDEX_PYTHON=ON) and its tests
  help2man groff-base # the man pages (tools/man) and the test that renders them
  bash-completion zsh fish # the completion tests ask each shell what it offers
  dpkg-dev file # scripts/package.sh: cpack's DEB generator runs dpkg-shlibdeps, which uses file
  doxygen # the API reference (docs/api) and its check that every public symbol is documented
  libcpp-httplib-dev # newsdex serve (tools/newsdex/http_server.cpp)
  chromium # the search page of newsdex serve, tested in a headless browser (tests/browser)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
