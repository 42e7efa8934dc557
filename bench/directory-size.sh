#!/usr/bin/env bash
# Sign-in cost against the size of the directory (issue 6): one fresh PostgreSQL, one server, N users.
#
#   bench/directory-size.sh 1000000 [OUTPUT_DIR]
#
# Starts a throwaway PostgreSQL (bench/postgres.sh), starts the server once so Flyway creates the schema and
# stops it, writes N users with a multi-use pass each straight into the database (bench/target/seed-directory.jar,
# COPY, then ANALYZE), starts the server again, checks one seeded user through the Graph API, and runs
# http-load on the seeded users (drawn at random over all N): pass-signin closed loop, pass-signin open loop
# at $RATE/s, methods closed loop. Beside each run bench/cpu-window.py samples the CPU of the server, of
# PostgreSQL and of the generator over the measured window. Then it EXPLAINs the sign-in's lookups and stops
# everything. Needs the jars built (mvn -q -o -pl server,bench -am package -DskipTests). Run it under the
# machine's CPU lock: flock /tmp/latchkey-cpu.lock bench/directory-size.sh N.
#
# Environment: LATCHKEY_BENCH_PG_PORT, LATCHKEY_BENCH_PG_DIR (as for postgres.sh), PORT (server, 18401),
# RATE (100), WARMUP_CLOSED (90), WARMUP_OPEN (60), DURATION (30).
set -euo pipefail

USERS=${1:?usage: $0 USERS [OUTPUT_DIR]}
OUT=${2:-$(mktemp -d /tmp/directory-size.XXXX)}
PORT=${PORT:-18401}
RATE=${RATE:-100}
WARMUP_CLOSED=${WARMUP_CLOSED:-90}
WARMUP_OPEN=${WARMUP_OPEN:-60}
DURATION=${DURATION:-30}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
SERVER_JAR=$ROOT/server/target/latchkey-server-0.1.0-SNAPSHOT.jar
mkdir -p "$OUT"

export LATCHKEY_BOOTSTRAP_CLIENT_ID=bench-client
# hex: curl -u sends the secret as it is, while the server URL-decodes HTTP Basic client credentials
export LATCHKEY_BOOTSTRAP_CLIENT_SECRET=$(openssl rand -hex 32)
KEY=$(openssl rand -base64 32)
DATA_DIR=$(mktemp -d)
SERVER_PID=

log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/summary.txt"; }

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}

cleanup() {
  stop_server
  "$HERE/postgres.sh" stop || true
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT

start_server() {
  local started=$(date +%s.%N)
  java -jar "$SERVER_JAR" --latchkey.data-dir="$DATA_DIR" --server.address=127.0.0.1 --server.port="$PORT" \
    --spring.datasource.url="$JDBC_URL" --latchkey.signin.address-failures=1000000 \
    --latchkey.hashing.keys.bench="$KEY" --latchkey.hashing.current-key-id=bench >>"$OUT/server.log" 2>&1 &
  SERVER_PID=$!
  until curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null; do
    kill -0 "$SERVER_PID" || { log "server died; see $OUT/server.log"; exit 1; }
    sleep 0.2
  done
  log "server $SERVER_PID ready in $(echo "$(date +%s.%N) - $started" | bc) s"
}

postmaster_pid() { head -1 "${LATCHKEY_BENCH_PG_DIR:-/tmp/latchkey-bench-pg}/data/postmaster.pid"; }

# run NAME WARMUP HTTP-LOAD-ARGS...: one harness run with the CPU sampled over its measured window.
run() {
  local name=$1 warmup=$2; shift 2
  log "uptime: $(uptime)"
  log "http-load --warmup $warmup --duration $DURATION $*"
  java -jar "$HERE/target/http-load.jar" --url "http://127.0.0.1:$PORT" --seeded-users "$OUT/seeded-users.properties" \
    --warmup "$warmup" --duration "$DURATION" "$@" >"$OUT/$name.txt" 2>&1 &
  local load=$!
  python3 "$HERE/cpu-window.py" --after $((warmup + 2)) --for $((DURATION - 4)) \
    server="$SERVER_PID" postgres="$(postmaster_pid)" generator="$load" >"$OUT/$name.cpu" &
  local sampler=$!
  local status=0
  wait "$load" || status=$?
  wait "$sampler" || true
  { grep -v '^ *[0-9]* s  ' "$OUT/$name.txt" | tail -9; cat "$OUT/$name.cpu"; } | tee -a "$OUT/summary.txt"
  log "$name exit code $status"
}

log "directory-size: $USERS users, output in $OUT, $(git -C "$ROOT" rev-parse --short HEAD)"
log "uptime: $(uptime)"
JDBC_URL=$("$HERE/postgres.sh" start | tail -1)
log "PostgreSQL at $JDBC_URL"

start_server
stop_server

log "seeding $USERS users"
java -jar "$HERE/target/seed-directory.jar" --jdbc-url "$JDBC_URL" --users "$USERS" --hashing-key "bench:$KEY" \
  --out "$OUT/seeded-users.properties" 2>&1 | grep -v '^[0-9,]* users written' | tee -a "$OUT/summary.txt"
PSQL=(psql -h 127.0.0.1 -p "${LATCHKEY_BENCH_PG_PORT:-55432}" -U latchkey -d latchkey -X -q)
"${PSQL[@]}" -c "select (select count(*) from users) as users, (select count(*) from temporary_access_passes) as passes,
  pg_size_pretty(pg_total_relation_size('users')) as users_size,
  pg_size_pretty(pg_total_relation_size('temporary_access_passes')) as passes_size" | tee -a "$OUT/summary.txt"

start_server
PREFIX=$(sed -n 's/^prefix=//p' "$OUT/seeded-users.properties")
SOME_UPN="$PREFIX-$((USERS - 1))@bench.example.com"
TOKEN=$(curl -sf -u "$LATCHKEY_BOOTSTRAP_CLIENT_ID:$LATCHKEY_BOOTSTRAP_CLIENT_SECRET" \
  -d grant_type=client_credentials "http://127.0.0.1:$PORT/oauth2/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
log "GET /v1.0/users/$SOME_UPN: $(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/v1.0/users/$SOME_UPN")"
log "its methods: $(curl -s -H "Authorization: Bearer $TOKEN" \
  "http://127.0.0.1:$PORT/v1.0/users/$SOME_UPN/authentication/methods" | head -c 400)"

run pass-signin-closed "$WARMUP_CLOSED" --scenario pass-signin --concurrency 16
run pass-signin-open "$WARMUP_OPEN" --scenario pass-signin --rate "$RATE" --concurrency 64
run methods-closed 20 --scenario methods --concurrency 16

stop_server
{
  echo "== EXPLAIN of the sign-in's lookups, after the runs"
  "${PSQL[@]}" -c "explain (analyze, buffers) select id, user_principal_name, display_name from users where upn_key = '$SOME_UPN'"
  "${PSQL[@]}" -c "explain (analyze, buffers) select id, key_id, pass_hash from temporary_access_passes
    where user_id = (select id from users where upn_key = '$SOME_UPN')"
  "${PSQL[@]}" -c "select relname, seq_scan, idx_scan, n_live_tup from pg_stat_user_tables where seq_scan > 0 or idx_scan > 0 order by relname"
  "${PSQL[@]}" -c "select relname, heap_blks_read, heap_blks_hit, idx_blks_read, idx_blks_hit from pg_statio_user_tables
    where relname in ('users', 'temporary_access_passes')"
} >>"$OUT/summary.txt" 2>&1
log "done; PostgreSQL stopped on exit"
