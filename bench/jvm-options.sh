#!/usr/bin/env bash
# Compares JVM options for Latchkey's start-up, resident memory and throughput (issue 6; BENCHMARKS.md,
# "Start-up and memory, tuned"). Each variant is a name and the JVM options to try, given as NAME='OPTIONS'
# (environment variables for the JVM may lead the options, e.g. 'MALLOC_ARENA_MAX=2 -XX:+UseSerialGC').
# Build first (mvn -q -o -pl server,bench -am package -DskipTests); then, under the machine's CPU lock:
#
#   flock /tmp/latchkey-cpu.lock bench/jvm-options.sh startup g1='' serial='-XX:+UseSerialGC -Xmx128m'
#   flock /tmp/latchkey-cpu.lock bench/jvm-options.sh load serial='-XX:+UseSerialGC -Xmx128m'
#
# Every variant runs as ./run starts the server: from the extracted jar, with a class-data-sharing archive
# (on Java 25+ the JDK's AOT cache) trained with the variant's own options (a training run exits once the
# context is refreshed, as in ./run), on an H2 data directory that a first start has already migrated. A leading
# SHARING=aot, SHARING=cds or SHARING=none in a variant's options chooses the AOT cache, the dynamic CDS archive
# or neither, e.g. cds='SHARING=cds -XX:+UseSerialGC -Xmx128m'. The JVM is the `java` on PATH.
# startup: $ROUNDS rounds, each starting every variant once in turn (interleaved), with bench/startup.sh
#   (ready time, JVM CPU, VmRSS 5 s after ready).
# load: one start per variant, then the `token` and `pass-signin` scenarios of bench/target/http-load.jar
#   ($CONCURRENCY connections, $WARMUP s warm-up + $DURATION s, with --server-pid: CPU per success and VmRSS at
#   the end of each), and VmRSS after both.
# Work files (extracted jar, archives, data directories, logs) go to $WORK; the server listens on 127.0.0.1:$PORT.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=${1:?usage: $0 startup|load NAME=OPTIONS...}
shift
PORT=${PORT:-18101}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-20}
CONCURRENCY=${CONCURRENCY:-16}
WORK=${WORK:-/tmp/latchkey-jvm-options}
JAR=server/target/latchkey-server-0.1.0-SNAPSHOT.jar
mkdir -p "$WORK"
export LATCHKEY_BOOTSTRAP_CLIENT_ID=bench-client
LATCHKEY_BOOTSTRAP_CLIENT_SECRET=${LATCHKEY_BOOTSTRAP_CLIENT_SECRET:-$(openssl rand -base64 32)}
export LATCHKEY_BOOTSTRAP_CLIENT_SECRET

# The jar extracted once per build (the archives name its files, so every variant uses the same copy).
sum=$(sha256sum <"$JAR" | cut -c1-16)
if [[ "$(cat "$WORK/jar.sum" 2>/dev/null)" != "$sum" ]]; then
  rm -rf "$WORK"/extracted "$WORK"/*.jsa "$WORK"/*.aot "$WORK"/data-*
  java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/extracted" >/dev/null
  echo "$sum" >"$WORK/jar.sum"
fi
EXTRACTED=$WORK/extracted/${JAR##*/}

FEATURE=$(java -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -1)
DEFAULT_SHARING=$( (( FEATURE >= 25 )) && echo aot || echo cds)

# Splits a variant's options into leading VAR=value words (environment) and the rest (JVM options); SHARING
# is taken out of the environment, and RECORD and USE become the flags that make and use its archive.
split_options() {
  ENVS=() OPTS=()
  local word sharing=$DEFAULT_SHARING
  for word in $1; do
    if [[ ${#OPTS[@]} == 0 && $word =~ ^SHARING= ]]; then sharing=${word#SHARING=}
    elif [[ ${#OPTS[@]} == 0 && $word =~ ^[A-Z_]+= ]]; then ENVS+=("$word")
    else OPTS+=("$word"); fi
  done
  case $sharing in
    aot) RECORD=(-XX:AOTCacheOutput="$WORK/$NAME.aot") USE=(-XX:AOTCache="$WORK/$NAME.aot") ;;
    cds) RECORD=(-XX:ArchiveClassesAtExit="$WORK/$NAME.jsa") USE=(-XX:SharedArchiveFile="$WORK/$NAME.jsa") ;;
    none) RECORD=() USE=() ;;
    *) echo "SHARING must be aot, cds or none" >&2; exit 2 ;;
  esac
}

# Trains the variant's archive and migrates its data directory, once.
prepare() {
  local name=$1
  NAME=$name split_options "$2"
  if [[ ${#RECORD[@]} -gt 0 && ! -s ${USE[0]#*=} ]]; then
    local scratch
    scratch=$(mktemp -d)
    env "${ENVS[@]}" java "${RECORD[@]}" -Dspring.context.exit=onRefresh "${OPTS[@]}" \
      -jar "$EXTRACTED" --latchkey.data-dir="$scratch" --spring.datasource.url="jdbc:h2:file:$scratch/latchkey" \
      --server.address=127.0.0.1 --server.port=0 >"$WORK/$name.training.log" 2>&1
    rm -rf "$scratch"
  fi
  if [[ ! -d $WORK/data-$name ]]; then
    command_for "$name" "$2"
    COMMAND[-1]=--latchkey.data-dir=$WORK/data-$name
    bench/startup.sh --port "$PORT" -- "${COMMAND[@]}" >"$WORK/$name.first-start.log" 2>&1
  fi
}

# COMMAND: the variant's server command up to its data directory, which the caller appends.
command_for() {
  NAME=$1 split_options "$2"
  COMMAND=(env "${ENVS[@]}" java "${USE[@]}" "${OPTS[@]}" -jar "$EXTRACTED"
    --server.address=127.0.0.1 --server.port="$PORT" --latchkey.signin.address-failures=1000000
    --latchkey.data-dir=)
}

names=() options=()
for variant in "$@"; do
  names+=("${variant%%=*}")
  options+=("${variant#*=}")
done
for i in "${!names[@]}"; do
  prepare "${names[$i]}" "${options[$i]}"
done

echo "uptime: $(uptime)"
case $MODE in
  startup)
    for round in $(seq 1 "$ROUNDS"); do
      for i in "${!names[@]}"; do
        command_for "${names[$i]}" "${options[$i]}"
        dir=$WORK/data-${names[$i]}
        echo "== round $round ${names[$i]}: ${options[$i]}"
        COMMAND[-1]=--latchkey.data-dir=$dir
        bench/startup.sh --port "$PORT" -- "${COMMAND[@]}" 2>&1 | sed 's/^/   /'
      done
    done
    ;;
  load)
    for i in "${!names[@]}"; do
      command_for "${names[$i]}" "${options[$i]}"
      COMMAND[-1]=--latchkey.data-dir=$WORK/data-${names[$i]}
      echo "== ${names[$i]}: ${options[$i]}"
      "${COMMAND[@]}" >"$WORK/${names[$i]}.server.log" 2>&1 &
      server=$!
      trap 'kill $server 2>/dev/null || true' EXIT
      until curl -fs -o /dev/null "http://127.0.0.1:$PORT/actuator/health"; do
        kill -0 $server 2>/dev/null || { tail -20 "$WORK/${names[$i]}.server.log"; exit 1; }
        sleep 0.1
      done
      jvm=$(pgrep -P $server java || echo $server)
      for scenario in token pass-signin; do
        java -jar bench/target/http-load.jar --scenario $scenario --url "http://127.0.0.1:$PORT" \
          --server-pid "$jvm" --warmup "$WARMUP" --duration "$DURATION" --concurrency "$CONCURRENCY" 2>&1 \
          | grep -E '^  (record|server) ' | sed 's/^/   /'
      done
      echo "   VmRSS after both: $(awk '/^VmRSS/ {printf "%.0f MiB", $2 / 1024}' /proc/$jvm/status)"
      grep -E 'OutOfMemory|ERROR' "$WORK/${names[$i]}.server.log" | head -3 | sed 's/^/   server log: /' || true
      kill $server; wait $server 2>/dev/null || true
      trap - EXIT
    done
    ;;
  *) echo "unknown mode $MODE" >&2; exit 2 ;;
esac
