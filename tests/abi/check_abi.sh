#!/usr/bin/env bash
# ABI checks on the built libnewsdex (docs/ARCHITECTURE.md, "ABI"). Exit 77 = skipped.
#
#   check_abi.sh exports LIBRARY VERSION
#     The dynamic symbol table exports the public API and nothing of newsdex::detail or of the
#     classes' private Impl; the soname follows the 0.x policy (libnewsdex.so.0.MINOR).
#   check_abi.sh linkage LIBRARY --shared PROGRAM... --internal PROGRAM...
#     Programs of the public API load libnewsdex.so; programs of the internal library do not
#     (one executable holding both has every global twice).
set -euo pipefail
mode=$1
lib=$2
shift 2
case $lib in
*.a)
  echo "libnewsdex is built static (BUILD_SHARED_LIBS=OFF): no dynamic symbols, skipped"
  exit 77
  ;;
esac
fail=0

if [ "$mode" = exports ]; then
  version=$1
  symbols=$(nm -D --defined-only "$lib" | c++filt)
  echo "$(wc -l <<<"$symbols") dynamic symbols defined in $lib"

  detail=$(grep -F 'newsdex::detail' <<<"$symbols" || true)
  if [ -n "$detail" ]; then
    echo "FAIL: $(wc -l <<<"$detail") symbols of newsdex::detail are exported, e.g.:"
    head -n 20 <<<"$detail"
    fail=1
  fi
  impl=$(grep -E 'newsdex::[A-Za-z_:]*Impl\b' <<<"$symbols" || true)
  if [ -n "$impl" ]; then
    echo "FAIL: $(wc -l <<<"$impl") symbols of private Impl classes are exported, e.g.:"
    head -n 20 <<<"$impl"
    fail=1
  fi

  # A sample of the API an application links against, from every public header (names only:
  # a function returning std::string carries an [abi:cxx11] tag after its name).
  for wanted in 'typeinfo for newsdex::Error' 'vtable for newsdex::Error' \
    'newsdex::Error::Error(' 'newsdex::Error::is_database_error() const' 'newsdex::to_string' \
    'newsdex::version()' 'newsdex::set_log_sink(' 'newsdex::Analyzer::analyze(' \
    'newsdex::Indexer::Indexer(' 'newsdex::Searcher::search(' 'newsdex::InputWalker::next(' \
    'newsdex::read_articles(' 'newsdex::schema::bounded_term' 'newsdex::find_entities(' \
    'newsdex::entity_stats('; do
    if ! grep -qF -- "$wanted" <<<"$symbols"; then
      echo "FAIL: the public API lacks: $wanted"
      fail=1
    fi
  done

  major=${version%%.*}
  rest=${version#*.}
  minor=${rest%%.*}
  if [ "$major" = 0 ]; then
    expected=libnewsdex.so.0.$minor
  else
    expected=libnewsdex.so.$major
  fi
  soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
  if [ "$soname" != "$expected" ]; then
    echo "FAIL: soname is '$soname', expected '$expected' for version $version"
    fail=1
  else
    echo "soname $soname"
  fi
elif [ "$mode" = linkage ]; then
  kind=""
  for arg in "$@"; do
    case $arg in
    --shared | --internal)
      kind=$arg
      continue
      ;;
    esac
    if grep -q 'NEEDED.*libnewsdex\.so' <<<"$(readelf -d "$arg")"; then
      loads=yes
    else
      loads=no
    fi
    if [ "$kind" = --shared ] && [ $loads = no ]; then
      echo "FAIL: $arg does not load libnewsdex.so"
      fail=1
    elif [ "$kind" = --internal ] && [ $loads = yes ]; then
      echo "FAIL: $arg links the internal library and also loads libnewsdex.so"
      fail=1
    else
      echo "ok: $(basename "$arg") ($kind)"
    fi
  done
else
  echo "unknown mode $mode" >&2
  exit 2
fi

[ $fail = 0 ] && echo "abi $mode: ok"
exit $fail
