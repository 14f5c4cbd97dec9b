#!/usr/bin/env bash
# The read-replica recipe of docs/SCALE.md, run on loopback in a temporary directory: a
# collection of two remote shards served by xapian-tcpsrv --writable (with XAPIAN_MAX_CHANGESETS,
# since the server is the writer), xapian-replicate-server over the shard directories, one
# replica per shard updated by xapian-replicate, and a search of the replicas after each update.
#
#   scripts/replica-recipe.sh [NEWSDEX] [ARTICLES]
#
# NEWSDEX defaults to `newsdex` on PATH, ARTICLES to tests/fixtures/articles. Ports: 7001-7002
# (shards) and 7010 (replication), or NEWSDEX_RECIPE_PORT as the first of four. Everything the
# script starts is stopped when it ends.
set -euo pipefail

newsdex=${1:-newsdex}
here=$(cd "$(dirname "$0")/.." && pwd)
articles=${2:-$here/tests/fixtures/articles}
base=${NEWSDEX_RECIPE_PORT:-7001}
work=$(mktemp -d)
pids=""

stop() {
  for pid in $pids; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT INT TERM

# Starts a server in a process group of its own (setsid), so that it and every connection
# process it forks are stopped together.
serve() {
  setsid "$@" >/dev/null 2>&1 &
  pids="$pids $!"
}

# Waits until something accepts on 127.0.0.1:$1.
wait_for() {
  i=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    i=$((i + 1))
    [ "$i" -lt 100 ] || { echo "nothing listens on port $1" >&2; exit 1; }
    sleep 0.1
  done
}

mkdir -p "$work/primary" "$work/replica"
for k in 0 1; do
  XAPIAN_MAX_CHANGESETS=100 serve xapian-tcpsrv --interface 127.0.0.1 --port $((base + k)) \
    --writable "$work/primary/s$k"
done
serve xapian-replicate-server --interface 127.0.0.1 --port $((base + 9)) "$work/primary"
for port in $base $((base + 1)) $((base + 9)); do wait_for "$port"; done

"$newsdex" init --db "$work/news.db" --shard "tcp:127.0.0.1:$base" \
  --shard "tcp:127.0.0.1:$((base + 1))"
"$newsdex" index --db "$work/news.db" "$articles"
printf 'auto s0\nauto s1\n' >"$work/replica/news.db"

update() {
  for k in 0 1; do
    xapian-replicate --one-shot --verbose --host 127.0.0.1 --port $((base + 9)) --master "s$k" \
      "$work/replica/s$k" | grep 'Update complete' | sed "s/^/replica s$k: /"
  done
}

update # the first update of each replica is a full copy
echo "replica: $("$newsdex" stats --db "$work/replica/news.db" --format json | grep '"documents"')"

printf '{"id":"recipe-1","title":"Zanzibar ferry resumes","body":"The zanzibar ferry sailed."}\n' \
  >"$work/new.jsonl"
"$newsdex" index --db "$work/news.db" "$work/new.jsonl"
update # changesets only
"$newsdex" search --db "$work/replica/news.db" zanzibar
