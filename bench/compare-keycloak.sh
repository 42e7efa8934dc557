#!/usr/bin/env bash
# Latchkey against Keycloak 26.5.6, side by side in one run on this machine (issue 6; BENCHMARKS.md, "Latchkey
# against Keycloak 26.5.6"). Build first (mvn -q -o -pl server,bench -am package -DskipTests), then, as one
# bounded measurement under the machine's CPU lock:
#
#   flock /tmp/latchkey-cpu.lock bench/compare-keycloak.sh          # both parts, then the table (~8 min)
#
# or in parts, each under the lock, and the table from what they left:
#   flock /tmp/latchkey-cpu.lock bench/compare-keycloak.sh keycloak
#   flock /tmp/latchkey-cpu.lock bench/compare-keycloak.sh latchkey
#   bench/compare-keycloak.sh report
#
# keycloak: a fresh install (bench/keycloak.sh), its first start (dev mode builds itself on that one), the
#   realm and users, then $STARTS restarts on the same install; on the last: keycloak-token and
#   keycloak-password-signin (closed loop), then stop.
# latchkey: $STARTS starts on a fresh data directory and $STARTS on an existing one (the first start's); on the
#   last: token, pass-signin and pass-signin --fresh-session (closed loop), then stop.
# Start-up is launch → first 200 from the readiness URL (Keycloak /health/ready on its management port,
# Latchkey /actuator/health), polled every 0.1 s; resident memory is VmRSS of the JVM (not a shell wrapper)
# $IDLE_SECONDS after ready and at the end of each load run. Load runs report CPU per success of the server's
# JVM from /proc over the measured window (http-load --server-pid). Results and full logs go to $RESULTS.
# Ports: Keycloak 18180 (HTTP) and 18190 (management), Latchkey 18101; all on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

# How Latchkey is started; the data directory, address and port are appended. By default as the README's ./run
# starts it: ./run is asked to build and prepare without starting (the extracted jar with its class-data-sharing
# archive, or on Java 25+ its AOT cache), and writes what follows `java` on its command line (the cache flag, its
# JVM defaults and JAVA_OPTS, the jar) to server/target/cds/start-options; the `java` found first on PATH runs
# both, so PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH measures Latchkey on Keycloak's JDK. Change this one
# line to measure another launcher, e.g. the fat jar:
# LATCHKEY_START='java ${JAVA_OPTS:-} -jar server/target/latchkey-server-0.1.0-SNAPSHOT.jar'
LATCHKEY_START=${LATCHKEY_START:-'java $(cat server/target/cds/start-options)'}

LATCHKEY_PORT=${LATCHKEY_BENCH_PORT:-18101}
STARTS=${STARTS:-3}
IDLE_SECONDS=${IDLE_SECONDS:-5}
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-20}
CONCURRENCY=${CONCURRENCY:-16}
RESULTS=${RESULTS:-/tmp/latchkey-kc-compare}
HTTP_LOAD=(java -jar bench/target/http-load.jar)
export LATCHKEY_BENCH_KC_DIR=${LATCHKEY_BENCH_KC_DIR:-/tmp/latchkey-bench-kc}

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RESULTS/run.log" >&2; }

resident_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# Waits (at most a minute) until the machine has been under 0.3 cores busy for 3 s, so that a measurement
# starts on a quiet machine; each load run reports what other processes took anyway.
wait_quiet() {
  local tries=0 before after
  while (( tries++ < 20 )); do
    before=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
    sleep 3
    after=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
    if (( after - before < 90 )); then return; fi
  done
  log "the machine did not go quiet (last 3 s: $(( (after - before) / 3 ))% of a core busy); measuring anyway"
}

# The first java process at or below $1.
jvm_of() {
  local pid=$1 child found
  if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == java ]]; then echo "$pid"; return 0; fi
  for child in $(pgrep -P "$pid" || true); do
    if found=$(jvm_of "$child"); then echo "$found"; return 0; fi
  done
  return 1
}

# A load run: prints its output to the log and keeps its "record" line; $1 is the product, the rest http-load's
# arguments.
load_run() {
  local product=$1; shift
  wait_quiet
  log "$product: http-load $*"
  local status=0
  "${HTTP_LOAD[@]}" "$@" --warmup "$WARMUP" --duration "$DURATION" --concurrency "$CONCURRENCY" \
    >"$RESULTS/last-load.txt" 2>&1 || status=$?
  cat "$RESULTS/last-load.txt" >>"$RESULTS/run.log"
  grep -E '^  (throughput|latency|other|server|machine) ' "$RESULTS/last-load.txt" >&2 || true
  if ! grep -q '^  record ' "$RESULTS/last-load.txt"; then
    tail -5 "$RESULTS/last-load.txt" >&2
    log "$product: the run produced no measurement (exit $status)"
    return 1
  fi
  local variant=default
  [[ " $* " == *" --fresh-session "* ]] && variant=fresh-session
  echo "product=$product $(sed -n 's/^  record *//p' "$RESULTS/last-load.txt") variant=$variant exit=$status" \
    >>"$RESULTS/load.txt"
}

keycloak_part() {
  log "keycloak: uptime $(uptime)"
  local setup_env="$RESULTS/keycloak-setup.env" start_out pid kind i
  sed -i '/^product=keycloak /d' "$RESULTS/load.txt"
  trap 'bench/keycloak.sh clean >&2' EXIT
  bench/keycloak.sh clean >/dev/null
  bench/keycloak.sh install >&2
  : >"$RESULTS/startup-keycloak.txt"
  for i in $(seq 0 "$STARTS"); do
    kind=$([[ $i == 0 ]] && echo first || echo restart)
    wait_quiet
    start_out=$(bench/keycloak.sh start)
    pid=$(sed -n 's/^pid=//p' <<<"$start_out")
    sleep "$IDLE_SECONDS"
    echo "product=keycloak kind=$kind seconds=$(sed -n 's/^ready_seconds=//p' <<<"$start_out") idle_rss_mib=$(resident_mib "$pid")" \
      | tee -a "$RESULTS/startup-keycloak.txt" >&2
    if [[ $i == 0 ]]; then
      bench/keycloak.sh setup >"$setup_env" 2>>"$RESULTS/run.log"
      grep 'password hashing' "$RESULTS/run.log" | tail -1 >&2
    fi
    if [[ $i != "$STARTS" ]]; then bench/keycloak.sh stop >&2; fi
  done
  # shellcheck disable=SC1090
  source "$setup_env"
  local kc_args=(--url "$KEYCLOAK_BENCH_URL" --server-pid "$pid" --realm "$KEYCLOAK_BENCH_REALM")
  load_run keycloak --scenario keycloak-token "${kc_args[@]}" \
    --client-id "$KEYCLOAK_BENCH_CLIENT_ID" --client-secret "$KEYCLOAK_BENCH_CLIENT_SECRET" || true
  load_run keycloak --scenario keycloak-password-signin "${kc_args[@]}" --users "$KEYCLOAK_BENCH_USERS" \
    --browser-client "$KEYCLOAK_BENCH_BROWSER_CLIENT" --redirect-uri "$KEYCLOAK_BENCH_REDIRECT_URI" \
    --user-prefix "$KEYCLOAK_BENCH_USER_PREFIX" --password "$KEYCLOAK_BENCH_PASSWORD" || true
  bench/keycloak.sh clean >&2
  trap - EXIT
}

# Latchkey's launcher and JVM, and how long it took to be ready; set by latchkey_start (which must not run in
# a subshell, or latchkey_stop would not know what to stop).
LATCHKEY_LAUNCHER=""
LATCHKEY_JVM=""
LATCHKEY_READY=""
LATCHKEY_DATA_DIRS=()
latchkey_start() {
  local data_dir=$1 launched ready
  if curl -s -o /dev/null "http://127.0.0.1:$LATCHKEY_PORT/"; then
    log "something already listens on port $LATCHKEY_PORT"
    return 1
  fi
  launched=$(date +%s%N)
  eval "$LATCHKEY_START" --latchkey.data-dir="$data_dir" --server.address=127.0.0.1 --server.port="$LATCHKEY_PORT" \
    --latchkey.signin.address-failures=1000000 </dev/null >>"$RESULTS/latchkey.log" 2>&1 &
  LATCHKEY_LAUNCHER=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$LATCHKEY_PORT/actuator/health")" == 200 ]]; do
    if ! kill -0 "$LATCHKEY_LAUNCHER" 2>/dev/null; then tail -30 "$RESULTS/latchkey.log" >&2; return 1; fi
    sleep 0.1
  done
  ready=$(( $(date +%s%N) - launched ))
  LATCHKEY_JVM=$(jvm_of "$LATCHKEY_LAUNCHER")
  LATCHKEY_READY=$(printf '%d.%03d' $((ready / 1000000000)) $((ready / 1000000 % 1000)))
}

latchkey_stop() {
  [[ -n "$LATCHKEY_LAUNCHER" ]] || return 0
  kill -TERM ${LATCHKEY_JVM:+"$LATCHKEY_JVM"} "$LATCHKEY_LAUNCHER" 2>/dev/null || true
  wait "$LATCHKEY_LAUNCHER" 2>/dev/null || true
  while [[ -n "$LATCHKEY_JVM" ]] && kill -0 "$LATCHKEY_JVM" 2>/dev/null; do sleep 0.1; done
  LATCHKEY_LAUNCHER=""
  LATCHKEY_JVM=""
}

latchkey_part() {
  log "latchkey: uptime $(uptime)"
  [[ -f server/target/latchkey-server-0.1.0-SNAPSHOT.jar ]] || { log "build the server first"; return 1; }
  if [[ $LATCHKEY_START == *server/target/cds/* ]]; then
    log "latchkey: ./run prepares the extracted jar and its archive or AOT cache (once per build and JDK): $(java -version 2>&1 | head -1)"
    LATCHKEY_RUN_PREPARE_ONLY=1 ./run >>"$RESULTS/run.log" 2>&1
  fi
  export LATCHKEY_BOOTSTRAP_CLIENT_ID=bench-client
  LATCHKEY_BOOTSTRAP_CLIENT_SECRET=$(openssl rand -base64 32)
  export LATCHKEY_BOOTSTRAP_CLIENT_SECRET
  local existing="" kind dir i
  sed -i '/^product=latchkey /d' "$RESULTS/load.txt"
  trap 'latchkey_stop; rm -rf "${LATCHKEY_DATA_DIRS[@]}"' EXIT
  : >"$RESULTS/startup-latchkey.txt"
  for i in $(seq 1 $(( 2 * STARTS ))); do
    if (( i <= STARTS )); then
      kind=fresh
      dir=$(mktemp -d /tmp/latchkey-kc-compare-data.XXXXXX)
      LATCHKEY_DATA_DIRS+=("$dir")
      existing=${existing:-$dir}
    else
      kind=existing
      dir=$existing
    fi
    wait_quiet
    latchkey_start "$dir"
    sleep "$IDLE_SECONDS"
    echo "product=latchkey kind=$kind seconds=$LATCHKEY_READY idle_rss_mib=$(resident_mib "$LATCHKEY_JVM")" \
      | tee -a "$RESULTS/startup-latchkey.txt" >&2
    if (( i < 2 * STARTS )); then latchkey_stop; fi
  done
  local lk_args=(--url "http://127.0.0.1:$LATCHKEY_PORT" --server-pid "$LATCHKEY_JVM")
  load_run latchkey --scenario token "${lk_args[@]}" || true
  load_run latchkey --scenario pass-signin "${lk_args[@]}" || true
  load_run latchkey --scenario pass-signin --fresh-session "${lk_args[@]}" || true
  latchkey_stop
  rm -rf "${LATCHKEY_DATA_DIRS[@]}"
  trap - EXIT
}

# The value of key $2 in the first line of file $1 that matches $3.
field() { grep -E -- "$3" "$1" 2>/dev/null | head -1 | tr ' ' '\n' | sed -n "s/^$2=//p"; }

report() {
  local lk="$RESULTS/startup-latchkey.txt" kc="$RESULTS/startup-keycloak.txt" load="$RESULTS/load.txt"
  local kc_first kc_restart lk_fresh lk_existing kc_idle lk_idle
  kc_first=$(grep 'kind=first' "$kc" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p')
  kc_restart=$(grep 'kind=restart' "$kc" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' | median)
  lk_fresh=$(grep 'kind=fresh' "$lk" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' | median)
  lk_existing=$(grep 'kind=existing' "$lk" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' | median)
  kc_idle=$(grep 'kind=restart' "$kc" | sed -n 's/.*idle_rss_mib=//p' | median)
  lk_idle=$(sed -n 's/.*idle_rss_mib=//p' "$lk" | median)
  local kct kcs lkt lks lkf
  kct='product=keycloak scenario=keycloak-token '
  kcs='product=keycloak scenario=keycloak-password-signin '
  lkt='product=latchkey scenario=token '
  lks='product=latchkey scenario=pass-signin .*variant=default'
  lkf='product=latchkey scenario=pass-signin .*variant=fresh-session'
  local kc_load lk_load
  kc_load=$(sed -n 's/.*server_rss_mib=\([0-9]*\).*/\1/p' <(grep product=keycloak "$load") | sort -n | tail -1)
  lk_load=$(sed -n 's/.*server_rss_mib=\([0-9]*\).*/\1/p' <(grep product=latchkey "$load") | sort -n | tail -1)
  echo "Start-ups (s): Keycloak first $kc_first, restarts $(grep 'kind=restart' "$kc" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' | tr '\n' ' ');" \
    "Latchkey fresh $(grep 'kind=fresh' "$lk" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' | tr '\n' ' '), existing $(grep 'kind=existing' "$lk" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' | tr '\n' ' ')"
  echo
  echo "| measure | Keycloak 26.5.6 | Latchkey | Latchkey / Keycloak | target | |"
  echo "|---|---|---|---|---|---|"
  ratio_row() { # label, kc value, lk value, target ratio, "higher"|"lower" is better
    awk -v label="$1" -v kc="$2" -v lk="$3" -v target="$4" -v better="$5" 'BEGIN {
      if (kc == "" || lk == "" || kc + 0 == 0) { printf "| %s | %s | %s | | | not measured |\n", label, kc, lk; exit }
      r = lk / kc
      shown = r < 1 ? sprintf("%.3f× (1/%.1f)", r, 1 / r) : sprintf("%.2f×", r)
      if (better == "higher") { met = r >= target; t = sprintf("≥ %g×", target) }
      else { met = r <= target; t = sprintf("≤ %g×", target) }
      printf "| %s | %s | %s | %s | %s | %s |\n", label, kc, lk, shown, t, met ? "met" : "**not met**" }'
  }
  info_row() { awk -v label="$1" -v kc="$2" -v lk="$3" 'BEGIN {
      r = (kc != "" && lk != "" && kc + 0 != 0) ? sprintf("%.2f×", lk / kc) : ""
      printf "| %s | %s | %s | %s | | |\n", label, kc, lk, r }'; }
  ratio_row "client-credential tokens/s (closed loop, $CONCURRENCY conns)" "$(field "$load" rate "$kct")" "$(field "$load" rate "$lkt")" 4 higher
  ratio_row "server CPU per token (ms)" "$(field "$load" server_cpu_ms "$kct")" "$(field "$load" server_cpu_ms "$lkt")" 0.25 lower
  ratio_row "sign-ins/s: KC password vs LK pass (session kept)" "$(field "$load" rate "$kcs")" "$(field "$load" rate "$lks")" 30 higher
  ratio_row "sign-ins/s: KC password vs LK pass (--fresh-session)" "$(field "$load" rate "$kcs")" "$(field "$load" rate "$lkf")" 30 higher
  ratio_row "server CPU per sign-in (ms; LK session kept)" "$(field "$load" server_cpu_ms "$kcs")" "$(field "$load" server_cpu_ms "$lks")" 0.03334 lower
  ratio_row "server CPU per sign-in (ms; LK --fresh-session)" "$(field "$load" server_cpu_ms "$kcs")" "$(field "$load" server_cpu_ms "$lkf")" 0.03334 lower
  ratio_row "ready (s, median): KC restart vs LK existing data" "$kc_restart" "$lk_existing" 0.3333 lower
  ratio_row "ready (s, median): KC restart vs LK fresh data" "$kc_restart" "$lk_fresh" 0.3333 lower
  info_row "ready (s): KC first start (build) vs LK fresh data" "$kc_first" "$lk_fresh"
  ratio_row "resident MiB, idle after ready (median)" "$kc_idle" "$lk_idle" 0.5 lower
  ratio_row "resident MiB, end of load (highest)" "$kc_load" "$lk_load" 0.5 lower
  echo
  echo "Load runs (one line each; failures must be 0, others_cores is CPU taken by other processes):"
  sed 's/^/    /' "$load"
}

part=${1:-all}
mkdir -p "$RESULTS"
touch "$RESULTS/load.txt"
case "$part" in
  keycloak) keycloak_part ;;
  latchkey) latchkey_part ;;
  report) report ;;
  all) : >"$RESULTS/load.txt"; : >"$RESULTS/run.log"; keycloak_part; latchkey_part; report ;;
  *) echo "usage: $0 [all|keycloak|latchkey|report]" >&2; exit 2 ;;
esac
