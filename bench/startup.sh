#!/usr/bin/env bash
# Measures Latchkey's start-up (issue 6): launches the server command given after `--`, polls
# /actuator/health every 20 ms until it answers 200, and prints the time from launch to that answer, the
# "Started ... in" line of the log, and the java process's resident memory (VmRSS) 5 s after ready; with
# --load S, also after S seconds of the `token` scenario of bench/target/http-load.jar (concurrency 8), and
# that run's rate. Then it stops the server. Usage:
#   bench/startup.sh [--port P] [--load S] -- java -jar server/target/latchkey-server-0.1.0-SNAPSHOT.jar \
#       --latchkey.data-dir=DIR --server.address=127.0.0.1 --server.port=P
# The port must match the server's; LATCHKEY_BOOTSTRAP_CLIENT_ID/_SECRET must be set for --load (the server
# and the harness both read them). Run it under the CPU lock on a shared machine; one start per call.
set -euo pipefail

PORT=18201
LOAD=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) PORT=$2; shift 2 ;;
    --load) LOAD=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ $# -gt 0 ]] || { echo "usage: $0 [--port P] [--load S] -- <server command>" >&2; exit 2; }

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
LOG=$(mktemp)
TICK=$(getconf CLK_TCK)
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
# A start measured beside someone else's work measures them: wait until the machine has been idle (under
# 0.15 cores busy) for 3 s, at most 2 minutes.
for ((waited = 0; waited < 120; waited += 3)); do
  b0=$(busy); sleep 3; b1=$(busy)
  (( (b1 - b0) * 100 < 15 * 3 * TICK )) && break
done
busy_start=$(busy)
start=$(date +%s%N)
"$@" >"$LOG" 2>&1 &
launcher=$!
trap 'kill $launcher 2>/dev/null || true; wait $launcher 2>/dev/null || true; rm -f "$LOG"' EXIT

# Polled with bash's own /dev/tcp rather than curl: forking curl 50 times a second would compete with the
# start it measures.
healthy() {
  local status=""
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
  printf 'GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  read -r -t 5 _ status _ <&3 || true
  exec 3<&-
  [[ $status == 200 ]]
}
exec {nap}<> <(:)  # `read -t` on an idle pipe waits without forking `sleep`
until healthy 2>/dev/null; do
  if ! kill -0 $launcher 2>/dev/null; then echo "server exited:" >&2; tail -30 "$LOG" >&2; exit 1; fi
  read -r -t 0.02 -u "$nap" || true
done
ready=$(date +%s%N)
busy_ready=$(busy)
jvm_ticks=$(awk '{print $14 + $15}' /proc/$launcher/stat)

# ./run execs java, a direct `java` is the process itself: either way the pid is the JVM's.
rss() { awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' /proc/$launcher/status; }

wall=$(echo "($ready - $start) / 1000000000" | bc -l)
printf 'ready after %.2f s; JVM CPU %.2f s; other processes %.2f cores meanwhile\n' "$wall" \
  "$(echo "$jvm_ticks / $TICK" | bc -l)" "$(echo "($busy_ready - $busy_start - $jvm_ticks) / $TICK / $wall" | bc -l)"
grep -o 'Started LatchkeyApplication in .*' "$LOG" || true
sleep 5
echo "VmRSS idle: $(rss)"
if [[ $LOAD -gt 0 ]]; then
  java -jar "$BENCH_DIR/target/http-load.jar" --scenario token --warmup 5 --duration "$LOAD" --concurrency 8 \
    --url "http://127.0.0.1:$PORT" | grep -E 'success|p50|throughput|/s' | head -5 || true
  echo "VmRSS after load: $(rss)"
fi
