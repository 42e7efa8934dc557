#!/usr/bin/env bash
# Compares Latchkey's start-up between whole java command lines (issue 6; BENCHMARKS.md, "Start-up, Latchkey's
# own work"), e.g. two builds as ./run starts each. Each variant is NAME='WORDS', where WORDS is what follows
# `java` up to the server's own arguments, like server/target/cds/start-options (which ./run writes):
#
#   LATCHKEY_RUN_PREPARE_ONLY=1 ./run     # builds, trains the archive, writes server/target/cds/start-options
#   flock /tmp/latchkey-cpu.lock bench/startup-compare.sh before="$(cat /tmp/before/start-options)" \
#       after="$(cat server/target/cds/start-options)"
#
# Every variant gets a data directory of its own under $WORK, which one unmeasured start migrates first; then
# $ROUNDS rounds each start every variant once in turn (interleaved) with bench/startup.sh (ready time, JVM CPU,
# "Started … in", VmRSS 5 s after ready) on 127.0.0.1:$PORT. The JVM is the `java` on PATH; relative paths in
# WORDS are taken from the repository's root. Run it under the machine's CPU lock.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18101}
ROUNDS=${ROUNDS:-3}
WORK=${WORK:-/tmp/latchkey-startup-compare}
mkdir -p "$WORK"
export LATCHKEY_BOOTSTRAP_CLIENT_ID=${LATCHKEY_BOOTSTRAP_CLIENT_ID:-bench-client}
LATCHKEY_BOOTSTRAP_CLIENT_SECRET=${LATCHKEY_BOOTSTRAP_CLIENT_SECRET:-$(openssl rand -base64 32)}
export LATCHKEY_BOOTSTRAP_CLIENT_SECRET

names=() words=()
for variant in "$@"; do
  names+=("${variant%%=*}")
  words+=("${variant#*=}")
done
start() {
  # shellcheck disable=SC2086 # WORDS is a command line's words
  bench/startup.sh --port "$PORT" -- java ${words[$1]} --server.address=127.0.0.1 --server.port="$PORT" \
    --latchkey.data-dir="$WORK/data-${names[$1]}"
}
for i in "${!names[@]}"; do
  [[ -d $WORK/data-${names[$i]} ]] || start "$i" >"$WORK/${names[$i]}.first-start.log" 2>&1
done

echo "uptime: $(uptime)"
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!names[@]}"; do
    echo "== round $round ${names[$i]}: ${words[$i]}"
    start "$i" 2>&1 | sed 's/^/   /'
  done
done
