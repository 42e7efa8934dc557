#!/usr/bin/env bash
# Whether a refused pass sign-in takes the same time whatever the reason (BENCHMARKS.md, "Uniform failures,
# timed (security)"): starts a server on a fresh data directory (H2, or a throwaway bench/postgres.sh cluster),
# runs http-load --scenario signin-failures against it, and stops both. The server gets the per-address limit
# raised out of the way, and locks that last 2 hours, so that the locked class stays locked through the run;
# the lock threshold stays at its default (10), since the locked class needs it, and the harness spreads the
# other classes' failures so that no other account gets near it. On PostgreSQL it then prints the sign-in
# log's reasons, to show that each class was refused for the reason it stands for.
#
#   bench/signin-failures.sh h2|postgres [http-load options...]
#   e.g. flock /tmp/latchkey-cpu.lock bench/signin-failures.sh h2 --rate 30 --warmup 30 --duration 150
# Build first (mvn -q -o -pl server,bench -am package -DskipTests). Settings from the environment:
# SERVER_PORT (18140), SERVER_JAR (server/target/latchkey-server-0.1.0-SNAPSHOT.jar), and for postgres
# LATCHKEY_BENCH_PG_PORT and LATCHKEY_BENCH_PG_DIR (as bench/postgres.sh).
set -uo pipefail
cd "$(dirname "$0")/.."

DB=${1:?h2 or postgres}
shift
SERVER_PORT=${SERVER_PORT:-18140}
SERVER_JAR=${SERVER_JAR:-server/target/latchkey-server-0.1.0-SNAPSHOT.jar}
export LATCHKEY_BOOTSTRAP_CLIENT_ID=bench-client
LATCHKEY_BOOTSTRAP_CLIENT_SECRET=$(openssl rand -hex 32)
export LATCHKEY_BOOTSTRAP_CLIENT_SECRET
DATA_DIR=$(mktemp -d)

SERVER_PID=
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [[ $DB == postgres ]] && bench/postgres.sh stop >/dev/null
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT

DATASOURCE=()
if [[ $DB == postgres ]]; then
  DATASOURCE=(--spring.datasource.url="$(bench/postgres.sh start | tail -1)")
fi
echo "uptime: $(uptime)"
java -XX:+UseSerialGC -Xmx128m -jar "$SERVER_JAR" --latchkey.data-dir="$DATA_DIR" --server.address=127.0.0.1 \
  --server.port="$SERVER_PORT" --latchkey.signin.address-failures=1000000 \
  --latchkey.signin.first-lock=PT2H --latchkey.signin.longest-lock=PT2H "${DATASOURCE[@]}" \
  >"$DATA_DIR/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$SERVER_PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
java -jar bench/target/http-load.jar --url "http://127.0.0.1:$SERVER_PORT" --scenario signin-failures \
  --server-pid "$SERVER_PID" "$@"
STATUS=$?
if [[ $DB == postgres ]]; then
  # What the server made of the attempts (set-up included): each class should show up under its own reason.
  echo "pass sign-ins in the sign-in log, by reason (set-up, warm-up and measured):"
  psql -h 127.0.0.1 -p "${LATCHKEY_BENCH_PG_PORT:-55432}" -U latchkey -d latchkey -qAt -F ' ' -c \
    "select coalesce(failure_reason, '(signed in)'), count(*) from sign_ins
     where authentication_method = 'Temporary Access Pass' group by 1 order by 1" | sed 's/^/  /'
fi
exit $STATUS
