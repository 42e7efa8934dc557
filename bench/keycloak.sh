#!/usr/bin/env bash
# Keycloak 26.5.6 beside Latchkey, for the comparison of issue 6 (BENCHMARKS.md, "Latchkey against
# Keycloak 26.5.6"). bench/compare-keycloak.sh drives it; by hand:
#
#   bench/keycloak.sh install   # Maven fetches org.keycloak:keycloak-quarkus-dist:26.5.6:zip (kept in ~/.m2, so a
#                               # rerun is offline) and unzips a fresh copy into $LATCHKEY_BENCH_KC_DIR
#   bench/keycloak.sh start     # kc.sh start-dev on 127.0.0.1 only; waits for /health/ready and prints
#                               # "ready_seconds=…" and "pid=…" (the JVM, not the kc.sh wrapper)
#   bench/keycloak.sh setup     # realm "bench": clients and N users through the admin REST API (curl + jq);
#                               # prints the settings for http-load as KEYCLOAK_BENCH_*=… lines
#   bench/keycloak.sh stop      # stops the server (the install stays, for a restart)
#   bench/keycloak.sh clean     # stops it and deletes the install
#
# Everything listens on loopback: HTTP on $LATCHKEY_BENCH_KC_PORT (18180), the management interface with
# /health on $LATCHKEY_BENCH_KC_MANAGEMENT_PORT (18190). Dev mode keeps its H2 database in the install's
# data/ directory and uses a local (non-clustered) cache. Keycloak 26.5 wants Java 21+:
# $LATCHKEY_BENCH_KC_JAVA_HOME (default: the Temurin 25 JDK) is given to Keycloak only. The heap is kc.sh's
# own default outside a container (-Xms64m -Xmx512m); JAVA_OPTS_KC_HEAP overrides it as kc.sh documents.
# The bootstrap admin comes from KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD when set, else
# one is made up at install and kept in the install directory (Keycloak creates it on its first start only).
# setup: N=$LATCHKEY_BENCH_KC_USERS (1,000) users bench-user-0 … bench-user-(N-1) sharing one password, with
# Keycloak's default password hashing left as it is (setup prints the algorithm and parameters it used).
set -euo pipefail

VERSION=26.5.6
DIR=${LATCHKEY_BENCH_KC_DIR:-/tmp/latchkey-bench-kc}
HOME_DIR="$DIR/keycloak-$VERSION"
PORT=${LATCHKEY_BENCH_KC_PORT:-18180}
MANAGEMENT_PORT=${LATCHKEY_BENCH_KC_MANAGEMENT_PORT:-18190}
KC_JAVA_HOME=${LATCHKEY_BENCH_KC_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
USERS=${LATCHKEY_BENCH_KC_USERS:-1000}
REALM=bench
SERVICE_CLIENT=bench-service
BROWSER_CLIENT=bench-web
REDIRECT_URI=http://localhost/bench-callback
USER_PREFIX=bench-user-
BASE="http://127.0.0.1:$PORT"
READY_URL="http://127.0.0.1:$MANAGEMENT_PORT/health/ready"
SECRETS="$DIR/secrets.env"
PID_FILE="$DIR/kc.pid"
LOG="$DIR/keycloak.log"

die() { echo "keycloak.sh: $*" >&2; exit 1; }

install() {
  stop >/dev/null 2>&1 || true
  local zip="$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$VERSION/keycloak-quarkus-dist-$VERSION.zip"
  if [[ ! -f "$zip" ]]; then
    mvn -q -B -ntp dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:zip" \
      -DoutputDirectory="$(mktemp -d)" >&2
  fi
  [[ -f "$zip" ]] || die "Maven did not leave $zip"
  rm -rf "$DIR"
  mkdir -p "$DIR"
  unzip -q "$zip" -d "$DIR"
  umask 077
  {
    echo "KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-bench-admin}"
    echo "KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-$(openssl rand -hex 16)}"
    echo "KEYCLOAK_BENCH_CLIENT_SECRET=$(openssl rand -hex 24)"
    echo "KEYCLOAK_BENCH_PASSWORD=$(openssl rand -hex 12)"
  } >"$SECRETS"
  echo "Keycloak $VERSION unzipped into $HOME_DIR"
}

# The JVM of the server started from $1: kc.sh either runs java as its child or, after re-augmenting
# the build, execs it in its own place.
jvm_pid() {
  local pid=$1 child
  if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == java ]]; then echo "$pid"; return; fi
  for child in $(pgrep -P "$pid" || true); do
    if [[ "$(cat "/proc/$child/comm" 2>/dev/null)" == java ]]; then echo "$child"; return; fi
  done
  return 1
}

start() {
  [[ -d "$HOME_DIR" ]] || install
  [[ ! -f "$PID_FILE" ]] || die "already started (pid file $PID_FILE); run stop first"
  if curl -s -o /dev/null "$BASE/" || curl -s -o /dev/null "$READY_URL"; then
    die "something already listens on port $PORT or $MANAGEMENT_PORT"
  fi
  set -a; source "$SECRETS"; set +a
  local launched wrapper
  launched=$(date +%s%N)
  (cd "$HOME_DIR" && JAVA_HOME="$KC_JAVA_HOME" exec bin/kc.sh start-dev \
    --http-host=127.0.0.1 --http-port="$PORT" --http-management-port="$MANAGEMENT_PORT" \
    --health-enabled=true) </dev/null >>"$LOG" 2>&1 &
  wrapper=$!
  echo "$wrapper" >"$PID_FILE"
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$READY_URL")" == 200 ]]; do
    kill -0 "$wrapper" 2>/dev/null || { tail -30 "$LOG" >&2; rm -f "$PID_FILE"; die "Keycloak exited; log above"; }
    (( $(date +%s%N) - launched < 600000000000 )) || { stop; die "not ready after 600 s"; }
    sleep 0.1
  done
  local ready
  ready=$(( $(date +%s%N) - launched ))
  printf 'ready_seconds=%d.%03d\n' $((ready / 1000000000)) $((ready / 1000000 % 1000))
  echo "pid=$(jvm_pid "$wrapper")"
}

stop() {
  [[ -f "$PID_FILE" ]] || return 0
  local wrapper jvm waited=0
  wrapper=$(cat "$PID_FILE")
  jvm=$(jvm_pid "$wrapper" || true)
  kill -TERM ${jvm:+"$jvm"} "$wrapper" 2>/dev/null || true
  while kill -0 "$wrapper" 2>/dev/null || { [[ -n "$jvm" ]] && kill -0 "$jvm" 2>/dev/null; }; do
    if (( waited++ > 300 )); then kill -KILL ${jvm:+"$jvm"} "$wrapper" 2>/dev/null || true; fi
    sleep 0.1
  done
  rm -f "$PID_FILE"
  echo "Keycloak stopped"
}

admin_token() {
  curl -sf --max-time 60 "$BASE/realms/master/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=admin-cli \
    --data-urlencode "username=$KC_BOOTSTRAP_ADMIN_USERNAME" \
    --data-urlencode "password=$KC_BOOTSTRAP_ADMIN_PASSWORD" | jq -er .access_token
}

# The realm with its two clients: the service client (client credentials) and the browser client (code
# flow, a redirect URI that nothing needs to answer: the sign-in ends at the 302 that carries the code).
realm_json() {
  jq -n --arg serviceClient "$SERVICE_CLIENT" --arg secret "$KEYCLOAK_BENCH_CLIENT_SECRET" \
    --arg browserClient "$BROWSER_CLIENT" --arg redirect "$REDIRECT_URI" --arg realm "$REALM" '{
    realm: $realm, enabled: true,
    clients: [
      {clientId: $serviceClient, enabled: true, protocol: "openid-connect", publicClient: false,
       clientAuthenticatorType: "client-secret", secret: $secret, serviceAccountsEnabled: true,
       standardFlowEnabled: false, directAccessGrantsEnabled: false},
      {clientId: $browserClient, enabled: true, protocol: "openid-connect", publicClient: false,
       clientAuthenticatorType: "client-secret", secret: $secret, standardFlowEnabled: true,
       directAccessGrantsEnabled: false, redirectUris: [$redirect]}
    ]
  }'
}

# Users $1 … $2-1 for a partial import, each given the password in clear so that Keycloak hashes it as its
# policy says. Profile fields are filled in, or the first sign-in would stop at "update your profile".
users_json() {
  jq -n --argjson from "$1" --argjson to "$2" --arg prefix "$USER_PREFIX" --arg password "$KEYCLOAK_BENCH_PASSWORD" '{
    ifResourceExists: "FAIL",
    users: [range($from; $to) | {
      username: "\($prefix)\(.)", enabled: true, email: "\($prefix)\(.)@bench.example.com",
      emailVerified: true, firstName: "Bench", lastName: "User \(.)",
      credentials: [{type: "password", value: $password, temporary: false}]
    }]
  }'
}

# Imports the users in two halves at once: each import hashes its passwords on one thread, and the
# machine has two cores.
import_users() {
  local token=$1 half=$(( USERS / 2 )) failed=0 part range
  local -a parts=()
  for range in "0 $half" "$half $USERS"; do
    # shellcheck disable=SC2086
    users_json $range | curl -sf -o /dev/null --max-time 1200 -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' --data-binary @- "$BASE/admin/realms/$REALM/partialImport" &
    parts+=($!)
  done
  for part in "${parts[@]}"; do wait "$part" || failed=1; done
  return $failed
}

setup() {
  set -a; source "$SECRETS"; set +a
  local token started user_id
  token=$(admin_token) || die "no admin token (is Keycloak started?)"
  if curl -sf -o /dev/null -H "Authorization: Bearer $token" "$BASE/admin/realms/$REALM"; then
    curl -sf -X DELETE -H "Authorization: Bearer $token" "$BASE/admin/realms/$REALM" || die "could not delete realm $REALM"
  fi
  started=$(date +%s)
  realm_json | curl -sf --max-time 60 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data-binary @- "$BASE/admin/realms" || die "realm import failed; see $LOG"
  import_users "$token" || die "user import failed; see $LOG"
  echo "realm $REALM with $USERS users imported in $(( $(date +%s) - started )) s" >&2
  token=$(admin_token)
  user_id=$(curl -sf -H "Authorization: Bearer $token" \
    "$BASE/admin/realms/$REALM/users?username=${USER_PREFIX}0&exact=true" | jq -er '.[0].id')
  echo "password hashing: $(curl -sf -H "Authorization: Bearer $token" \
    "$BASE/admin/realms/$REALM/users/$user_id/credentials" | jq -c '.[0].credentialData | fromjson')" >&2
  echo "KEYCLOAK_BENCH_URL=$BASE"
  echo "KEYCLOAK_BENCH_REALM=$REALM"
  echo "KEYCLOAK_BENCH_CLIENT_ID=$SERVICE_CLIENT"
  echo "KEYCLOAK_BENCH_CLIENT_SECRET=$KEYCLOAK_BENCH_CLIENT_SECRET"
  echo "KEYCLOAK_BENCH_BROWSER_CLIENT=$BROWSER_CLIENT"
  echo "KEYCLOAK_BENCH_REDIRECT_URI=$REDIRECT_URI"
  echo "KEYCLOAK_BENCH_USER_PREFIX=$USER_PREFIX"
  echo "KEYCLOAK_BENCH_USERS=$USERS"
  echo "KEYCLOAK_BENCH_PASSWORD=$KEYCLOAK_BENCH_PASSWORD"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  setup) setup ;;
  stop) stop ;;
  pid) jvm_pid "$(cat "$PID_FILE")" ;;
  clean) stop; rm -rf "$DIR" ;;
  *) echo "usage: $0 install|start|setup|stop|pid|clean" >&2; exit 2 ;;
esac
