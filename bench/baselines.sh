#!/usr/bin/env bash
# The side-by-side run of issue 6 (BENCHMARKS.md, "Baselines: pgbench and Spring's one-time tokens"): on ONE
# fresh bench PostgreSQL, one after another,
#   1. bench/pgbench-pass.sh consume, then signin (the raw database rate of redeeming a pass);
#   2. Latchkey's pass sign-in over HTTP: pass-signin with multi-use passes (also the JIT warm-up), then
#      pass-signin --one-time (each one-time pass used once: the conditional update of step 1);
#   3. bench/ott-baseline over HTTP: ott-signin with Spring Security's one-time tokens;
#   4. JdbcOneTimeTokenService.consume() in-process (ConsumeRate: 5 s warm-up, 10 s measured);
# each with the same client count, and the CPU of the server, PostgreSQL and the load generator over every
# measured window (bench/cpu-window.py). Takes about ten minutes; build first
# (mvn -q -o -pl server,bench,bench/ott-baseline -am package -DskipTests), and on a shared machine run it
# under the machine's CPU lock: flock /tmp/latchkey-cpu.lock bench/baselines.sh OUTDIR
#
#   bench/baselines.sh [OUTDIR]     (default /tmp/latchkey-baselines; one file per step, session.txt all)
# Settings from the environment: LATCHKEY_BENCH_PG_PORT and LATCHKEY_BENCH_PG_DIR (as bench/postgres.sh),
# SERVER_PORT (18301) for Latchkey, OTT_PORT (18390) for the baseline app, CLIENTS (16), WARMUP (60 s, the
# multi-use and ott-signin warm-ups), DURATION (20 s), ONE_TIME_USERS (18000, must cover the one-time run),
# OTT_TOKENS (100000, must cover ott-signin's warm-up and run), CONSUME_TOKENS (300000, likewise for ConsumeRate),
# CONSUME_ROWS and SIGNIN_ROWS (2000000 and 300000, pgbench's seeded passes: ROWS of bench/pgbench-pass.sh).
#
# Alternated (ROUNDS=N, N ≥ 1): Latchkey's one-time sign-in against Spring's, less hostage to how one JVM's JIT
# happened to settle. pgbench and ConsumeRate are left out (PGBENCH=1 keeps pgbench). Every server starts once
# and stays up: each Latchkey (LATCHKEY_JARS, space-separated LABEL=JAR pairs, default the built jar as
# "latchkey"; each on a database of its own and port SERVER_PORT+i) gets the multi-use warm-up run (WARMUP +
# DURATION), Spring's first run gets WARMUP; then N rounds, each running every Latchkey's pass-signin
# --one-time and Spring's ott-signin in turn, with ROUND_WARMUP (10 s) before DURATION each, each Latchkey
# run on ONE_TIME_USERS freshly seeded users (seeded before its warm-up) and each Spring run on its own slice
# of OTT_TOKENS (default enough for 1,000 sign-ins/s throughout). The last lines of session.txt are the rates
# by round and their medians. E.g. before and after a change, three rounds (about 12 minutes):
#   ROUNDS=3 LATCHKEY_JARS="before=/tmp/before.jar after=server/target/latchkey-server-0.1.0-SNAPSHOT.jar" \
#     flock /tmp/latchkey-cpu.lock bench/baselines.sh /tmp/alternated
set -uo pipefail
cd "$(dirname "$0")/.."

OUT=${1:-/tmp/latchkey-baselines}
OTT_TOKENS_GIVEN=${OTT_TOKENS:-}
export LATCHKEY_BENCH_PG_PORT=${LATCHKEY_BENCH_PG_PORT:-55432}
export LATCHKEY_BENCH_PG_DIR=${LATCHKEY_BENCH_PG_DIR:-/tmp/latchkey-bench-pg}
SERVER_PORT=${SERVER_PORT:-18301}
OTT_PORT=${OTT_PORT:-18390}
export CLIENTS=${CLIENTS:-16}
WARMUP=${WARMUP:-60}
DURATION=${DURATION:-20}
ONE_TIME_USERS=${ONE_TIME_USERS:-18000}
OTT_TOKENS=${OTT_TOKENS:-100000}
CONSUME_TOKENS=${CONSUME_TOKENS:-300000}
CONSUME_ROWS=${CONSUME_ROWS:-2000000}
SIGNIN_ROWS=${SIGNIN_ROWS:-300000}
ROUNDS=${ROUNDS:-0}
ROUND_WARMUP=${ROUND_WARMUP:-10}
LATCHKEY_JARS=${LATCHKEY_JARS:-latchkey=server/target/latchkey-server-0.1.0-SNAPSHOT.jar}
# Spring's tokens in alternated mode: a slice for each of its runs, at up to 1,000 sign-ins/s.
FIRST_SLICE=$((1000 * (WARMUP + DURATION)))
ROUND_SLICE=$((1000 * (ROUND_WARMUP + DURATION)))
if ((ROUNDS > 0)) && [[ -z $OTT_TOKENS_GIVEN ]]; then
  OTT_TOKENS=$((FIRST_SLICE + (ROUNDS - 1) * ROUND_SLICE))
fi
export LATCHKEY_BOOTSTRAP_CLIENT_ID=bench-client
LATCHKEY_BOOTSTRAP_CLIENT_SECRET=$(openssl rand -hex 32)
export LATCHKEY_BOOTSTRAP_CLIENT_SECRET
PG_URL="jdbc:postgresql://127.0.0.1:$LATCHKEY_BENCH_PG_PORT"
mkdir -p "$OUT"
: >"$OUT/session.txt"

say() { echo "== $(date -u '+%Y-%m-%d %H:%M:%S') UTC $*" | tee -a "$OUT/session.txt"; }
machine() { echo "   uptime:$(uptime)" | tee -a "$OUT/session.txt"; }
postmaster() { head -1 "$LATCHKEY_BENCH_PG_DIR/data/postmaster.pid"; }
SERVER_PID=
SERVER_PIDS=()
cleanup() {
  for pid in $SERVER_PID "${SERVER_PIDS[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  bench/postgres.sh stop
}
trap cleanup EXIT

# PostgreSQL's counters for one database: commits, rows returned, fetched, inserted, updated, deleted.
pg_counters() { # database
  psql -h 127.0.0.1 -p "$LATCHKEY_BENCH_PG_PORT" -U postgres -d postgres -qAt -F ' ' -c "select xact_commit,
    tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted from pg_stat_database where datname = '$1'"
}

# pg_window DATABASE AFTER FOR: the counters' growth over the same window as cpu-window.py, in one line.
pg_window() {
  sleep "$2"
  local before after
  before=$(pg_counters "$1")
  sleep "$3"
  after=$(pg_counters "$1")
  echo "$before" "$after" | awk -v s="$3" '{printf "postgres per second: commits %.0f, rows returned %.0f, fetched %.0f, inserted %.0f, updated %.0f, deleted %.0f\n", ($7-$1)/s, ($8-$2)/s, ($9-$3)/s, ($10-$4)/s, ($11-$5)/s, ($12-$6)/s}'
}

# CPU (and PostgreSQL work) per operation from a rate, a cpu-window.py line and a pg_window line.
per_op() { # rate cpu-file pg-file
  python3 - "$1" "$2" "$3" <<'PY' | tee -a "$OUT/session.txt"
import re, sys
try:
    rate = float(sys.argv[1])
except ValueError:
    sys.exit("   no rate, no CPU per op")
line = open(sys.argv[2]).read()
cores = dict(re.findall(r"(\w+) (-?[0-9.]+)(?=\s|$)", line.split(":", 1)[1]))
print("   CPU per op at %.1f/s: " % rate + ", ".join(
    "%s %.2f ms" % (name, float(value) * 1000 / rate) for name, value in cores.items()
    if name not in ("other", "machine")) + "; other %s, machine %s cores" % (cores["other"], cores["machine"]))
counts = re.findall(r"(commits|rows returned|fetched|inserted|updated|deleted) ([0-9.]+)", open(sys.argv[3]).read())
if counts:
    print("   PostgreSQL per op: " + ", ".join("%s %.2f" % (name, float(value) / rate) for name, value in counts))
PY
}

# load NAME SERVER_PID DATABASE WARMUP DURATION [http-load options]: one harness run, CPU and PostgreSQL's
# counters sampled over its measured window.
load() {
  local name=$1 server=$2 database=$3 warmup=$4 duration=$5
  shift 5
  say "$name: http-load --warmup $warmup --duration $duration --concurrency $CLIENTS $*"
  machine
  java -jar bench/target/http-load.jar --warmup "$warmup" --duration "$duration" --concurrency "$CLIENTS" "$@" \
    >"$OUT/$name.txt" 2>&1 &
  local harness=$!
  while kill -0 "$harness" 2>/dev/null && ! grep -q 'closed loop' "$OUT/$name.txt"; do sleep 0.2; done
  python3 bench/cpu-window.py --after $((warmup + 2)) --for $((duration - 4)) \
    server="$server" postgres="$(postmaster)" generator="$harness" >"$OUT/$name.cpu" &
  local sampler=$!
  pg_window "$database" $((warmup + 2)) $((duration - 4)) >"$OUT/$name.pg" &
  local counter=$!
  wait "$harness"
  echo "exit code $?" >>"$OUT/$name.txt"
  wait "$sampler" "$counter"
  cat "$OUT/$name.txt" "$OUT/$name.cpu" "$OUT/$name.pg" | tee -a "$OUT/session.txt"
  per_op "$(awk '/throughput/ {print $2}' "$OUT/$name.txt")" "$OUT/$name.cpu" "$OUT/$name.pg"
}

# start_latchkey JAR PORT DATABASE LOG: a Latchkey server on the bench PostgreSQL, ready; its pid in STARTED.
start_latchkey() {
  java -jar "$1" --latchkey.data-dir="$(mktemp -d)" --server.address=127.0.0.1 --server.port="$2" \
    --latchkey.signin.address-failures=1000000 --spring.datasource.url="$PG_URL/$3?user=latchkey" >"$4" 2>&1 &
  STARTED=$!
  for _ in $(seq 180); do curl -sf "http://127.0.0.1:$2/actuator/health/readiness" >/dev/null && break; sleep 1; done
}

# The alternated comparison (ROUNDS ≥ 1): see the header.
alternated() {
  local labels=() ports=() pids=() i=0 pair label jar database
  for pair in $LATCHKEY_JARS; do
    label=${pair%%=*}
    jar=${pair#*=}
    database=latchkey
    if ((i > 0)); then
      database=latchkey_$i
      psql -h 127.0.0.1 -p "$LATCHKEY_BENCH_PG_PORT" -U postgres -qc "create database $database owner latchkey"
    fi
    say "Latchkey $label ($jar, $(sha256sum "$jar" | cut -c1-12)) on 127.0.0.1:$((SERVER_PORT + i)), database $database"
    start_latchkey "$jar" $((SERVER_PORT + i)) "$database" "$OUT/latchkey-$label-server.log"
    SERVER_PIDS+=("$STARTED")
    labels+=("$label") ports+=($((SERVER_PORT + i))) pids+=("$STARTED")
    i=$((i + 1))
  done
  say "bench/ott-baseline on 127.0.0.1:$OTT_PORT"
  java -jar bench/ott-baseline/target/ott-baseline.jar --server.port="$OTT_PORT" \
    --spring.datasource.url="$PG_URL/ott?user=latchkey" --ott-baseline.tokens="$OTT_TOKENS" \
    --ott-baseline.token-file="$OUT/tokens.txt" >"$OUT/ott-server.log" 2>&1 &
  local ott=$!
  SERVER_PIDS+=("$ott")
  for _ in $(seq 300); do [[ -f $OUT/tokens.txt ]] && break; sleep 1; done
  grep 'Generated' "$OUT/ott-server.log" | tee -a "$OUT/session.txt"
  for ((i = 0; i < ${#labels[@]}; i++)); do
    load "latchkey-${labels[i]}-multi-use" "${pids[i]}" "$(database_of "$i")" "$WARMUP" "$DURATION" \
      --url "http://127.0.0.1:${ports[i]}" --scenario pass-signin
  done
  local round warmup
  for ((round = 1; round <= ROUNDS; round++)); do
    for ((i = 0; i < ${#labels[@]}; i++)); do
      load "round$round-latchkey-${labels[i]}-one-time" "${pids[i]}" "$(database_of "$i")" "$ROUND_WARMUP" "$DURATION" \
        --url "http://127.0.0.1:${ports[i]}" --scenario pass-signin --one-time --users "$ONE_TIME_USERS"
    done
    warmup=$ROUND_WARMUP
    ((round == 1)) && warmup=$WARMUP
    local first=$((round == 1 ? 1 : FIRST_SLICE + (round - 2) * ROUND_SLICE + 1))
    local last=$((round == 1 ? FIRST_SLICE : FIRST_SLICE + (round - 1) * ROUND_SLICE))
    sed -n "${first},${last}p" "$OUT/tokens.txt" >"$OUT/tokens-$round.txt"
    load "round$round-ott-signin" "$ott" ott "$warmup" "$DURATION" \
      --url "http://127.0.0.1:$OTT_PORT" --scenario ott-signin --tokens "$OUT/tokens-$round.txt"
  done
  say "rates by round (successes/s), then the median of each"
  python3 - "$OUT" "$ROUNDS" "${labels[@]}" <<'PY' | tee -a "$OUT/session.txt"
import re, statistics, sys
out, rounds, labels = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def rate(name):
    found = re.search(r"throughput\s+([0-9.]+)", open(f"{out}/{name}.txt").read())
    return float(found.group(1)) if found else float("nan")
rows = {f"Latchkey {label} one-time": [rate(f"round{r}-latchkey-{label}-one-time") for r in range(1, rounds + 1)]
        for label in labels}
rows["Spring ott-signin"] = [rate(f"round{r}-ott-signin") for r in range(1, rounds + 1)]
for name, rates in rows.items():
    print(f"   {name:32s} " + "  ".join(f"{x:7.1f}" for x in rates) + f"   median {statistics.median(rates):7.1f}")
spring = statistics.median(rows["Spring ott-signin"])
for label in labels:
    print(f"   Latchkey {label} / Spring, medians: {statistics.median(rows[f'Latchkey {label} one-time']) / spring:.2f}")
PY
}

database_of() { if (($1 == 0)); then echo latchkey; else echo "latchkey_$1"; fi; }

say "machine: $(nproc) cores, $(java -version 2>&1 | head -1), commit $(git rev-parse --short HEAD)"
bench/postgres.sh start | tee -a "$OUT/session.txt"
psql -h 127.0.0.1 -p "$LATCHKEY_BENCH_PG_PORT" -U postgres -qc "create database ott owner latchkey"
if ((ROUNDS > 0)) && [[ ${PGBENCH:-0} != 1 ]]; then
  alternated
  say "done"
  exit 0
fi

say "pgbench consume"
machine
WARMUP=5 DURATION=$DURATION ROWS=$CONSUME_ROWS bench/pgbench-pass.sh consume 2>&1 | grep -v '^WARNING' | tee "$OUT/pgbench-consume.txt" >>"$OUT/session.txt"
say "pgbench signin"
machine
WARMUP=5 DURATION=$DURATION ROWS=$SIGNIN_ROWS bench/pgbench-pass.sh signin 2>&1 | grep -v '^WARNING' | tee "$OUT/pgbench-signin.txt" >>"$OUT/session.txt"
# Its tables go, so that their autovacuum does not run during the HTTP runs.
psql -h 127.0.0.1 -p "$LATCHKEY_BENCH_PG_PORT" -U postgres -d latchkey -qc "drop schema pgbench_pass cascade" -c checkpoint
if ((ROUNDS > 0)); then
  alternated
  say "done"
  exit 0
fi

say "Latchkey server on 127.0.0.1:$SERVER_PORT"
java -jar server/target/latchkey-server-0.1.0-SNAPSHOT.jar --latchkey.data-dir="$(mktemp -d)" \
  --server.address=127.0.0.1 --server.port="$SERVER_PORT" --latchkey.signin.address-failures=1000000 \
  --spring.datasource.url="$PG_URL/latchkey?user=latchkey" >"$OUT/latchkey-server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 180); do curl -sf "http://127.0.0.1:$SERVER_PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
load latchkey-pass-signin-multi-use "$SERVER_PID" latchkey "$WARMUP" "$DURATION" \
  --url "http://127.0.0.1:$SERVER_PORT" --scenario pass-signin
load latchkey-pass-signin-one-time "$SERVER_PID" latchkey 10 "$DURATION" \
  --url "http://127.0.0.1:$SERVER_PORT" --scenario pass-signin --one-time --users "$ONE_TIME_USERS"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null

say "bench/ott-baseline on 127.0.0.1:$OTT_PORT"
rm -f "$OUT/tokens.txt"
java -jar bench/ott-baseline/target/ott-baseline.jar --server.port="$OTT_PORT" \
  --spring.datasource.url="$PG_URL/ott?user=latchkey" --ott-baseline.tokens="$OTT_TOKENS" \
  --ott-baseline.token-file="$OUT/tokens.txt" >"$OUT/ott-server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 300); do [[ -f $OUT/tokens.txt ]] && break; sleep 1; done
grep 'Generated' "$OUT/ott-server.log" | tee -a "$OUT/session.txt"
load ott-signin "$SERVER_PID" ott "$WARMUP" "$DURATION" \
  --url "http://127.0.0.1:$OTT_PORT" --scenario ott-signin --tokens "$OUT/tokens.txt"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null
SERVER_PID=

say "JdbcOneTimeTokenService.consume() in-process, $CLIENTS threads"
machine
java -cp bench/ott-baseline/target/ott-baseline.jar -Dloader.main=dev.latchkey.bench.ott.ConsumeRate \
  org.springframework.boot.loader.launch.PropertiesLauncher --url="$PG_URL/ott?user=latchkey" \
  --threads="$CLIENTS" --tokens="$CONSUME_TOKENS" --warmup=5 --duration=10 >"$OUT/ott-consume.txt" 2>&1 &
consumer=$!
while kill -0 "$consumer" 2>/dev/null && ! grep -q '^generated' "$OUT/ott-consume.txt"; do sleep 0.2; done
pg_window ott 6 8 >"$OUT/ott-consume.pg" &
python3 bench/cpu-window.py --after 6 --for 8 consumer="$consumer" postgres="$(postmaster)" \
  >"$OUT/ott-consume.cpu"
wait
grep -v INFO "$OUT/ott-consume.txt" | tee -a "$OUT/session.txt"
cat "$OUT/ott-consume.cpu" "$OUT/ott-consume.pg" | tee -a "$OUT/session.txt"
per_op "$(grep -oE '[0-9.]+ consumes/s' "$OUT/ott-consume.txt" | cut -d' ' -f1)" "$OUT/ott-consume.cpu" \
  "$OUT/ott-consume.pg"
say "done"
