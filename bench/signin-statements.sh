#!/usr/bin/env bash
# Every SQL statement a pass sign-in sends to PostgreSQL, counted per sign-in (BENCHMARKS.md, "Sign-in, cut
# again"): a throwaway bench/postgres.sh cluster, the server on it, then http-load pass-signin on one
# connection over a few users (the same users sign in again and again, as in the benchmark) with
# log_statement=all switched on only once seeding is over. The log is cut down to statement texts (parameters
# dropped, white space folded) and each distinct text is counted and divided by the number of sign-ins
# (the log's sign-in log inserts: one per sign-in, and every sign-in of the run succeeds); commits come from pg_stat_database over the same window.
# Statements are not timed: log_statement slows PostgreSQL, so run no benchmark alongside.
#
#   bench/signin-statements.sh [OUTDIR] [http-load options...]     (default /tmp/latchkey-statements)
#   e.g. flock /tmp/latchkey-cpu.lock bench/signin-statements.sh /tmp/st-fresh --fresh-session
# Build first (mvn -q -o -pl server,bench -am package -DskipTests). Settings from the environment:
# LATCHKEY_BENCH_PG_PORT and LATCHKEY_BENCH_PG_DIR (as bench/postgres.sh), SERVER_PORT (18301),
# SERVER_JAR (server/target/latchkey-server-0.1.0-SNAPSHOT.jar), USERS (4), DURATION (10 s).
set -uo pipefail
cd "$(dirname "$0")/.."

OUT=${1:-/tmp/latchkey-statements}
shift || true
export LATCHKEY_BENCH_PG_PORT=${LATCHKEY_BENCH_PG_PORT:-55432}
export LATCHKEY_BENCH_PG_DIR=${LATCHKEY_BENCH_PG_DIR:-/tmp/latchkey-bench-pg}
SERVER_PORT=${SERVER_PORT:-18301}
SERVER_JAR=${SERVER_JAR:-server/target/latchkey-server-0.1.0-SNAPSHOT.jar}
USERS=${USERS:-4}
DURATION=${DURATION:-10}
export LATCHKEY_BOOTSTRAP_CLIENT_ID=bench-client
LATCHKEY_BOOTSTRAP_CLIENT_SECRET=$(openssl rand -hex 32)
export LATCHKEY_BOOTSTRAP_CLIENT_SECRET
mkdir -p "$OUT"

psql_admin() { psql -h 127.0.0.1 -p "$LATCHKEY_BENCH_PG_PORT" -U postgres -d postgres -qAt "$@"; }
commits() { psql_admin -c "select xact_commit from pg_stat_database where datname = 'latchkey'"; }
SERVER_PID=
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  bench/postgres.sh stop
}
trap cleanup EXIT

URL=$(bench/postgres.sh start | tail -1)
java -jar "$SERVER_JAR" --latchkey.data-dir="$(mktemp -d)" --server.address=127.0.0.1 --server.port="$SERVER_PORT" \
  --latchkey.signin.address-failures=1000000 --spring.datasource.url="$URL" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 180); do curl -sf "http://127.0.0.1:$SERVER_PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done

java -jar bench/target/http-load.jar --url "http://127.0.0.1:$SERVER_PORT" --scenario pass-signin --users "$USERS" \
  --concurrency 1 --warmup 1 --duration "$DURATION" "$@" >"$OUT/load.txt" 2>&1 &
LOAD=$!
while kill -0 "$LOAD" 2>/dev/null && ! grep -qs 'closed loop' "$OUT/load.txt"; do sleep 0.1; done
LOG_FROM=$(wc -l <"$LATCHKEY_BENCH_PG_DIR/server.log")
psql_admin -c "alter system set log_statement = 'all'" -c "alter system set log_line_prefix = '%m [%p] %d '" \
  -c "select pg_reload_conf()" >/dev/null
COMMITS_FROM=$(commits)
wait "$LOAD"
COMMITS_TO=$(commits)
psql_admin -c "alter system reset all" -c "select pg_reload_conf()" >/dev/null
cat "$OUT/load.txt"
tail -n +"$((LOG_FROM + 1))" "$LATCHKEY_BENCH_PG_DIR/server.log" >"$OUT/postgres.log"
echo "$((COMMITS_TO - COMMITS_FROM))" >"$OUT/commits.txt"

python3 - "$OUT/postgres.log" "$((COMMITS_TO - COMMITS_FROM))" <<'PY' | tee "$OUT/statements.txt"
import collections, re, sys
entries, current = [], None
for line in open(sys.argv[1], errors="replace"):
    start = re.match(r"^\d{4}-\d\d-\d\d \S+ \S+ \[\d+\] (\S*) ", line)
    if start:
        current = [line.rstrip("\n")]
        if start.group(1) == "latchkey":
            entries.append(current)
    elif current is not None:
        current.append(line.strip())
counts = collections.Counter()
for entry in entries:
    text = " ".join(entry)
    found = re.search(r"LOG:\s+(?:statement|execute [^:]*): (.*)", text)
    if found:
        counts[" ".join(found.group(1).split())] += 1
signins = sum(n for text, n in counts.items() if text.startswith("insert into sign_ins "))
if not signins:
    sys.exit("no sign-in found in the log")
commits = int(sys.argv[2])
statements = sum(counts.values())
print(f"{signins} sign-ins; per sign-in: {statements / signins:.2f} statements (BEGIN and COMMIT included), "
      f"{commits / signins:.2f} commits (pg_stat_database)")
for text, n in counts.most_common():
    print(f"{n / signins:6.2f}  {text[:200]}")
PY
