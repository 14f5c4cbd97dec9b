#!/usr/bin/env bash
# Builds the Debian packages and checks what they hold, never installing them: a Release build
# into build-package (prefix /usr), `cpack -G DEB` (tools/packaging.cmake), then `dpkg-deb -c` and
# `dpkg-deb -I` of each package. The packages are left in build-package/.
#
#   newsdex_VERSION-1_ARCH.deb         the tool, man pages, completions
#   libnewsdexSOVERSION_VERSION-1_ARCH.deb  the shared library
#   libnewsdex-dev_VERSION-1_ARCH.deb  headers, CMake package, pkg-config file
#
# Install them on a Debian 12 machine with `apt install ./newsdex_*.deb ./libnewsdex*.deb`.
#
#   scripts/package.sh              a Release build of its own, build-package/
#   scripts/package.sh --from DIR   packages an existing build (CI: the normal build/, which the
#                                   test run has just built; only its install prefix changes)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-package
from=""
if [ "${1:-}" = "--from" ]; then
  [ -d "${2:-}" ] || { echo "package: --from needs an existing build directory" >&2; exit 2; }
  from=1
  build=$(cd "$2" && pwd)
fi

"$root/scripts/install-deps.sh"

if [ -n "$from" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_INSTALL_PREFIX=/usr -DNEWSDEX_MAN=ON \
    >"$build/package-configure.log" || { cat "$build/package-configure.log"; exit 1; }
else
  launcher=()
  if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
  mkdir -p "$build"
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DBUILD_SHARED_LIBS=ON -DNEWSDEX_BUILD_TESTS=OFF -DNEWSDEX_WERROR=ON -DNEWSDEX_MAN=ON \
    "${launcher[@]}" >"$build/configure.log" || { cat "$build/configure.log"; exit 1; }
fi
cmake --build "$build" -j"$(nproc)"
rm -f "$build"/*.deb
(cd "$build" && cpack -G DEB)

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
major=${version%%.*}
minor=${version#*.}
minor=${minor%%.*}
soversion=$major
[ "$major" = 0 ] && soversion=$major.$minor # lib/CMakeLists.txt: 0.MINOR while newsdex is 0.x
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
libdir=./usr/lib/$multiarch

tool=$build/newsdex_${version}-1_${arch}.deb
library=$build/libnewsdex${soversion}_${version}-1_${arch}.deb
dev=$build/libnewsdex-dev_${version}-1_${arch}.deb

failures=0
fail() { echo "package: FAIL: $*" >&2; failures=$((failures + 1)); }

# has DEB PATH [LINK_TARGET]: the package holds PATH (a symlink to LINK_TARGET when given).
has() {
  local listing
  listing=$(dpkg-deb -c "$1" | awk '{ $1 = $2 = $3 = $4 = $5 = ""; sub(/^ +/, ""); print }')
  if [ $# -eq 3 ]; then
    grep -qxF "$2 -> $3" <<<"$listing" || fail "$(basename "$1") lacks $2 -> $3"
  else
    grep -qxF "$2" <<<"$listing" || fail "$(basename "$1") lacks $2"
  fi
}

# depends DEB PATTERN: the package's Depends field matches PATTERN (grep -E).
depends() {
  local field
  field=$(dpkg-deb -f "$1" Depends)
  grep -qE "$2" <<<"$field" || fail "$(basename "$1") Depends lacks /$2/: $field"
}

# A file installed by a rule that names no COMPONENT is in no package (tools/packaging.cmake).
stray=$build/stray-files
rm -rf "$stray"
cmake --install "$build" --component Unspecified --prefix "$stray" >/dev/null
if [ -d "$stray" ] && [ -n "$(find "$stray" ! -type d)" ]; then
  fail "installed by rules that name no COMPONENT, so in no package:" \
    "$(cd "$stray" && find . ! -type d | sort | tr '\n' ' ')"
fi

for deb in "$tool" "$library" "$dev"; do
  [ -f "$deb" ] || { fail "no $(basename "$deb") (built: $(cd "$build" && ls ./*.deb))"; }
done
if [ $failures -gt 0 ]; then exit 1; fi

has "$tool" ./usr/bin/newsdex
has "$tool" ./usr/share/man/man1/newsdex.1.gz
for sub in $("$build/tools/newsdex" --help | sed -n '/^Subcommands:/,$p' |
  sed -n 's/^  \([a-z][a-z0-9-]*\) .*$/\1/p'); do
  has "$tool" "./usr/share/man/man1/newsdex-$sub.1.gz"
done
has "$tool" ./usr/share/bash-completion/completions/newsdex
has "$tool" ./usr/share/zsh/vendor-completions/_newsdex
has "$tool" ./usr/share/fish/vendor_completions.d/newsdex.fish
depends "$tool" "(^|, )libnewsdex${soversion//./\\.} \(= ${version//./\\.}"
depends "$tool" "(^|, )libc6 "
depends "$tool" "(^|, )libstdc\+\+6 "

has "$library" "$libdir/libnewsdex.so.$version"
has "$library" "$libdir/libnewsdex.so.$soversion" "libnewsdex.so.$version"
depends "$library" "(^|, )libxapian30 "
depends "$library" "(^|, )libicu72 "
# (Whole outputs in variables: `dpkg-deb | grep -q` fails under pipefail when grep stops early.)
control=$(dpkg-deb -I "$library")
grep -qw shlibs <<<"$control" || fail "$(basename "$library") has no shlibs file"
contents=$(dpkg-deb -c "$library")
if grep -qE '/include/|\.so -> |pkgconfig|/cmake/' <<<"$contents"; then
  fail "$(basename "$library") holds development files"
fi

has "$dev" ./usr/include/newsdex/newsdex.hpp
has "$dev" ./usr/include/newsdex/version.hpp
has "$dev" "$libdir/libnewsdex.so" "libnewsdex.so.$soversion"
has "$dev" "$libdir/pkgconfig/newsdex.pc"
has "$dev" "$libdir/cmake/newsdex/newsdexConfig.cmake"
has "$dev" "$libdir/cmake/newsdex/newsdexConfigVersion.cmake"
has "$dev" "$libdir/cmake/newsdex/newsdexTargets.cmake"
depends "$dev" "(^|, )libnewsdex${soversion//./\\.} \(= ${version//./\\.}"

# synopsis DEB TEXT: the first line of the package's description.
synopsis() {
  local first
  first=$(dpkg-deb -f "$1" Description)
  first=${first%%$'\n'*}
  [ "$first" = "$2" ] || fail "$(basename "$1") synopsis is '$first', not '$2'"
}
synopsis "$tool" "full-text search for news articles: command-line tool"
synopsis "$library" "full-text search for news articles: shared library"
synopsis "$dev" "full-text search for news articles: development files"

for deb in "$tool" "$library" "$dev"; do
  echo "== $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
  dpkg-deb -f "$deb" Package Version Section Depends
done
if [ $failures -gt 0 ]; then
  echo "package: $failures check(s) failed" >&2
  exit 1
fi
echo "package: 3 packages in $build, contents and dependencies checked"
