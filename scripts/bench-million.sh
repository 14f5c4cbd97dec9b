#!/usr/bin/env bash
# A million articles on one local shard, four local shards and four loopback tcp shards (issue #16,
# item 6; docs/SCALE.md, "A million articles"): for each size and layout, builds the collection with
# `newsdex index` and measures its wall time, CPU (user + sys), peak RSS, size on disk, and then the
# query latency of bench-latency on it (news.txt, top 10 with summaries and snippets, p50/p95/p99;
# and ids only: no summaries, no snippets).
# Prints markdown tables and, per cost, the growth from the smallest size to the largest.
#
#   scripts/bench-million.sh [BUILD_DIR] [--work DIR] [--sizes "100k 1m"]
#                            [--configs "local1 local4 tcp4"] [--corpus FILE] [--rounds 10]
#                            [--no-build]
#   scripts/bench-million.sh [BUILD_DIR] [--work DIR] --report
#
# Sizes are article counts (5000, 5k, 100k, 1m). The articles are the first N of the corpus: FILE,
# or WORK/corpus.jsonl, made once by scripts/scale-corpus.py from reuters21578 and bbc (copies with
# distinct ids "ID~c" and varied text; see its header), as long as the largest size.
#   local1  `newsdex index --db C` into a new path (a fresh build: parallel writers, merged)
#   local4  `newsdex init --db C --shards 4`, then `newsdex index`
#   tcp4    four `xapian-tcpsrv --writable --interface 127.0.0.1` on free ports, `newsdex init
#           --shard tcp:127.0.0.1:PORT` x4, then `newsdex index` through them, and the searches
#           through the same servers. The servers' CPU and peak RSS during the build (the writing
#           is done by the process each server forks for the connection) are sampled from /proc.
# The size on disk is `du` of the stub and its shard directories. Each collection is deleted once
# measured; the work folder (default /tmp/newsdex-million) needs about 3 times the largest
# collection (about 9 GB at 1m) plus the corpus (1.1 GB at 1m). Results are appended to
# WORK/results.tsv (delete it for a fresh table); --report prints the tables of what it holds
# without measuring (for a run stopped early). Builds newsdex and bench-latency in BUILD_DIR
# (default build/, configured with -DNEWSDEX_BUILD_BENCHMARKS=ON, Release), unless --no-build: the
# binaries there as they are. Every server it starts is stopped when it ends.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh" bench-million "$@"
set -- ${args[@]+"${args[@]}"}
work=/tmp/newsdex-million
sizes="100k 1m"
configs="local1 local4 tcp4"
corpus=""
rounds=10
report_only=0
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --configs) configs=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --report) report_only=1; shift ;;
    --no-build) build=0; shift ;;
    *) echo "bench-million: unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "bench-million: needs $tool" >&2; exit 2; }
done
case " $configs " in
  *" tcp4 "*) command -v xapian-tcpsrv >/dev/null ||
    { echo "bench-million: tcp4 needs xapian-tcpsrv (Debian: xapian-tools)" >&2; exit 2; } ;;
esac

# The tables, from results.tsv.
report() {
  awk -F'\t' '
    BEGIN {
      print ""
      print "| articles | layout | index wall | newsdex CPU | newsdex peak RSS | servers CPU | servers peak RSS (max) | size on disk |"
      print "|---:|---|---:|---:|---:|---:|---:|---:|"
    }
    {
      srv = ($8 == "-") ? "-" : $8 " s"
      srss = ($9 == "-") ? "-" : $9 " MB"
      printf "| %s | %s | %s s | %s s | %s MB | %s | %s | %s MB |\n", $2, $3, $4, $5, $6, srv, srss, $7
    }' "$results"
  awk -F'\t' '
    BEGIN {
      print ""
      print "| articles | layout | open + first query | p50 | p95 | p99 | mean | ids only: p50 | p99 | matches a query |"
      print "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    }
    { printf "| %s | %s | %s ms | %s ms | %s ms | %s ms | %s ms | %s ms | %s ms | %s |\n", $2, $3, $10, $11,
        $12, $13, $14, $18, $19, $15 }
  ' "$results"
  # Growth: each cost at the largest size over the same cost at the smallest, per layout.
  awk -F'\t' '
    function ratio(a, b) { return (a == "-" || b == "-" || b == 0) ? "-" : sprintf("%.1fx", a / b) }
    { if (!($3 in lo) || $2 < n_lo[$3]) { lo[$3] = $0; n_lo[$3] = $2 }
      if (!($3 in hi) || $2 > n_hi[$3]) { hi[$3] = $0; n_hi[$3] = $2 }
      if (!($3 in seen)) { order[++layouts] = $3; seen[$3] = 1 } }
    END {
      header = 0
      for (i = 1; i <= layouts; i++) {
        c = order[i]
        if (n_hi[c] == n_lo[c]) continue
        if (!header) {
          print ""
          print "| layout | articles | wall | CPU | peak RSS | servers CPU | size | p50 | p99 | ids only: p50 | p99 |"
          print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
          header = 1
        }
        split(lo[c], a, "\t"); split(hi[c], b, "\t")
        printf "| %s | %s / %s (%.0fx) | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", c, b[2], a[2],
          b[2] / a[2], ratio(b[4], a[4]), ratio(b[5], a[5]), ratio(b[6], a[6]), ratio(b[8], a[8]),
          ratio(b[7], a[7]), ratio(b[11], a[11]), ratio(b[13], a[13]), ratio(b[18], a[18]),
          ratio(b[19], a[19])
      }
    }' "$results"
}

count_of() { # 5000 | 5k | 1m -> the number of articles
  case "$1" in
    *[kK]) echo $((${1%[kK]} * 1000)) ;;
    *[mM]) echo $((${1%[mM]} * 1000000)) ;;
    *) echo $(($1)) ;;
  esac
}
largest=0
for size in $sizes; do
  [[ "$size" =~ ^[0-9]+[kKmM]?$ ]] || { echo "bench-million: bad size $size" >&2; exit 2; }
  n=$(count_of "$size")
  if [ "$n" -gt "$largest" ]; then largest=$n; fi
done

results="$work/results.tsv"
if [ "$report_only" = 1 ]; then
  report
  exit 0
fi
if [ "$build" = 1 ]; then
  if [ ! -d "$build_dir" ]; then
    cmake -S "$root" -B "$build_dir" -DNEWSDEX_BUILD_BENCHMARKS=ON -DCMAKE_BUILD_TYPE=Release \
      >/dev/null
  fi
  cmake --build "$build_dir" --target newsdex_cli bench_latency -j"$(nproc)" >/dev/null
fi
newsdex="$build_dir/tools/newsdex"
latency="$build_dir/benchmarks/bench-latency"
mkdir -p "$work"
touch "$results"

if [ -z "$corpus" ]; then
  corpus="$work/corpus.jsonl"
  if [ ! -s "$corpus" ] || [ "$(wc -l <"$corpus")" -lt "$largest" ]; then
    for f in reuters21578 bbc; do
      [ -f "$data_dir/$f/docs.jsonl" ] ||
        { echo "bench-million: skipped: $data_dir/$f/docs.jsonl is absent" >&2; exit 0; }
    done
    echo "bench-million: writing a $largest-article corpus to $corpus" >&2
    python3 "$root/scripts/scale-corpus.py" --articles "$largest" \
      "$data_dir/reuters21578/docs.jsonl" "$data_dir/bbc/docs.jsonl" >"$corpus"
  fi
fi
[ "$(wc -l <"$corpus")" -ge "$largest" ] ||
  { echo "bench-million: $corpus has fewer than $largest articles" >&2; exit 2; }

# Servers (their pids, each leading a process group of its own), stopped on any exit, with the
# step running (and what it runs: /usr/bin/time's child) and the sampler of the servers' usage.
servers=""
current=""
sampler_pid=""
stop_servers() {
  local s
  for s in $servers; do kill -TERM -- "-$s" 2>/dev/null || true; done
  for s in $servers; do wait "$s" 2>/dev/null || true; done
  servers=""
}
cleanup() {
  if [ -n "$current" ]; then
    pkill -TERM -P "$current" 2>/dev/null || true
    kill -TERM "$current" 2>/dev/null || true
  fi
  if [ -n "$sampler_pid" ]; then kill -TERM "$sampler_pid" 2>/dev/null || true; fi
  stop_servers
}
trap 'cleanup' EXIT
trap 'exit 130' INT TERM

# step CMD...: runs CMD in the background and waits for it, so that a signal to the script stops
# it at once (bash runs traps only between foreground commands).
step() {
  local rc=0
  "$@" &
  current=$!
  wait "$current" || rc=$?
  current=""
  return "$rc"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# serve PORT DIR: starts a writable xapian-tcpsrv in a process group of its own (setsid: it forks
# a process per connection and signals its own group when stopped) and waits until it accepts;
# returns 1 when it exited first (the port was taken meanwhile).
serve() {
  local port=$1 dir=$2 pid
  setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" --writable "$dir" \
    >>"$work/servers.log" 2>&1 &
  pid=$!
  for _ in $(seq 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      servers="$servers $pid"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  echo "bench-million: xapian-tcpsrv on port $port does not accept" >&2
  exit 1
}

# The servers' CPU and peak RSS. The writing is done by the process each server forks for the
# connection, and the server does not wait for it (no CPU of it reaches the server's rusage), so a
# sampler reads /proc every 0.1 s: utime + stime and VmHWM of each server and its connection
# processes, until SIGTERM, then writes "CPU_SECONDS PEAK_RSS_KB" a server (CPU summed over its
# processes, peak RSS the largest). A process's last 0.1 s before it exits is missed: it has
# answered the final commit by then.
sampler='
import os, signal, sys, time
out, servers = sys.argv[1], [int(p) for p in sys.argv[2:]]
tick = os.sysconf("SC_CLK_TCK")
cpu, hwm, owner, stop = {}, {}, {}, []
signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
def sample(pid, k):
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        cpu[pid], owner[pid] = int(fields[11]) + int(fields[12]), k
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    hwm[pid] = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
while not stop:
    for k, s in enumerate(servers):
        sample(s, k)
        try:
            kids = open("/proc/%d/task/%d/children" % (s, s)).read().split()
        except OSError:
            kids = []
        for c in kids:
            sample(int(c), k)
    time.sleep(0.1)
with open(out, "w") as f:
    for k in range(len(servers)):
        pids = [p for p in owner if owner[p] == k]
        f.write("%.2f %d\n" % (sum(cpu[p] for p in pids) / tick, max([hwm.get(p, 0) for p in pids] or [0])))
'

# Waits until no server has a connection process left (up to a minute), so that the sampler has
# seen each one's end.
wait_for_connections() {
  local s
  for s in $servers; do
    for _ in $(seq 600); do
      if [ -z "$(cat "/proc/$s/task/$s/children" 2>/dev/null || true)" ]; then break; fi
      sleep 0.1
    done
  done
}

mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# measure SIZE N CONFIG FILE: builds, checks the article count, times the queries, deletes.
measure() {
  local size=$1 n=$2 config=$3 file=$4 dir="$work/$3-$1" p k
  local srv_cpu=- srv_rss=- disk docs indexed skipped writers q ids
  rm -rf "$dir"
  mkdir -p "$dir"
  local db="$dir/news.db"
  case "$config" in
    local1) ;;
    local4) "$newsdex" init --db "$db" --shards 4 >/dev/null ;;
    tcp4)
      local shard_args=()
      for k in 0 1 2 3; do
        until p=$(free_port) && serve "$p" "$dir/s$k"; do :; done
        shard_args+=(--shard "tcp:127.0.0.1:$p")
      done
      "$newsdex" init --db "$db" "${shard_args[@]}" >/dev/null
      # shellcheck disable=SC2086 # one pid an argument
      python3 -c "$sampler" "$dir/servers-usage" $servers &
      sampler_pid=$!
      ;;
    *) echo "bench-million: unknown config $config" >&2; exit 2 ;;
  esac
  echo "bench-million: $config, $n articles: indexing" >&2
  step /usr/bin/time -f "%e %U %S %M" -o "$dir/time-index" \
    "$newsdex" index --db "$db" --format json "$file" >"$dir/index.json" 2>"$dir/index.log" ||
    { tail -n 5 "$dir/index.log" "$dir/time-index" >&2; exit 1; }
  read -r wall user sys rss < <(tail -n 1 "$dir/time-index")
  read -r indexed skipped writers < <(python3 -c 'import json,sys; j=json.load(open(sys.argv[1]))
print(j["indexed"], j["skipped"], j["writers"])' "$dir/index.json")
  if [ -n "$sampler_pid" ]; then
    wait_for_connections
    kill -TERM "$sampler_pid"
    wait "$sampler_pid"
    sampler_pid=""
    srv_cpu=0 srv_rss=0
    while read -r c r; do
      srv_cpu=$(awk -v a="$srv_cpu" -v c="$c" 'BEGIN { print a + c }')
      if [ "$r" -gt "$srv_rss" ]; then srv_rss=$r; fi
    done <"$dir/servers-usage"
    srv_rss=$(mb "$srv_rss")
  fi
  # Articles without a title or text are skipped by design (the corpus has a few): the
  # collection must hold every other one.
  docs=$("$newsdex" stats --db "$db" --format json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
  if [ "$docs" != "$indexed" ] || [ $((indexed + skipped)) != "$n" ]; then
    echo "bench-million: $config holds $docs articles; indexed $indexed, skipped $skipped of $n" >&2
    exit 1
  fi
  disk=$(du -sk "$dir" --exclude='index.*' --exclude='time-*' --exclude='servers-*' | cut -f1)
  echo "bench-million: $config, $n articles: queries" >&2
  step "$latency" --db "$db" --rounds "$rounds" --json >"$dir/index.query"
  step "$latency" --db "$db" --rounds "$rounds" --ids-only --json >"$dir/index.ids"
  q=$(cat "$dir/index.query")
  ids=$(cat "$dir/index.ids")
  stop_servers
  python3 - "$q" "$ids" <<EOF >>"$results"
import json, sys
q, ids = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print("\t".join(str(x) for x in ["$size", $n, "$config", $wall, round($user + $sys, 1), $(mb "$rss"),
      $(mb "$disk"), "$srv_cpu", "$srv_rss", round(q["open_ms"], 1), round(q["p50_ms"], 2),
      round(q["p95_ms"], 2), round(q["p99_ms"], 2), round(q["mean_ms"], 2),
      round(q["mean_matches"]), $docs, $writers, round(ids["p50_ms"], 2), round(ids["p99_ms"], 2)]))
EOF
  tail -n 1 "$results" >&2
  rm -rf "$dir"
}

echo "bench-million: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), work in $work"
for size in $sizes; do
  n=$(count_of "$size")
  file=$corpus
  if [ "$(wc -l <"$corpus")" -ne "$n" ]; then
    file="$work/first-$n.jsonl"
    head -n "$n" "$corpus" >"$file"
  fi
  for config in $configs; do measure "$size" "$n" "$config" "$file"; done
  [ "$file" = "$corpus" ] || rm -f "$file"
done
echo "bench-million: done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
report
