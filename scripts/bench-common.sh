# Sourced by the scripts that run on ../shared/data (eval-all.sh, bench-index.sh, bench-query.sh):
# sets `root`, `build_dir` (first argument when it is not an option, default build/; it is then
# shifted off, so "$@" keeps the rest for the caller) and `data_dir` ($NEWSDEX_SHARED_DATA, else
# ../shared/data beside the repository), and exits 0 with a message when the data is absent.
# Usage: source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh" NAME "$@"; set -- "${args[@]}"
name=$1
shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$root/build"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  build_dir="$1"
  shift
fi
args=("$@")
data_dir="${NEWSDEX_SHARED_DATA:-$root/../shared/data}"
if [ ! -d "$data_dir" ]; then
  echo "$name: skipped: no shared data folder at $data_dir (set NEWSDEX_SHARED_DATA)" >&2
  exit 0
fi
