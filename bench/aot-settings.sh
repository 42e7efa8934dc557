#!/usr/bin/env bash
# Does every documented setting take effect the same way with Spring AOT as without it (issue 6)?
# For one check (or all, in turn), starts the packaged server twice on a throwaway data dir, once plain and
# once with -Dspring.aot.enabled=true (the jar must be built with the profile -Pspring-aot), with
# the setting given as README.md or docs/operations.md shows it, observes its effect over HTTP (or in the
# data dir, the database or the console), stops the server, and prints one Markdown row:
#   | check | AOT off | AOT on | same? |
# Usage, under the CPU lock (each check takes 20-40 s; `scheduled` about 3 min):
#   mvn -q -o -pl server -am package -DskipTests -Pspring-aot
#   flock /tmp/latchkey-cpu.lock bench/aot-settings.sh management-port
#   for c in $(bench/aot-settings.sh --list); do flock /tmp/latchkey-cpu.lock bench/aot-settings.sh $c; done
# Ports 18250-18252 on 127.0.0.1; the `postgres` check starts a throwaway PostgreSQL with bench/postgres.sh
# (LATCHKEY_BENCH_PG_PORT, LATCHKEY_BENCH_PG_DIR) and stops it again.
set -uo pipefail
cd "$(dirname "$0")/.."

JAR=server/target/latchkey-server-0.1.0-SNAPSHOT.jar
P=18250     # server.port
M=18251     # management.server.port, or the other server.port
URL=http://127.0.0.1:$P
ID=aot-check
SECRET=aot-check-secret-0123456789abcdef
BASE=(--server.address=127.0.0.1 --server.port=$P)
BOOT=(LATCHKEY_BOOTSTRAP_CLIENT_ID=$ID LATCHKEY_BOOTSTRAP_CLIENT_SECRET=$SECRET)
PID=""
DATA=""
LOG=""

# launch AOT [NAME=VALUE ...] -- [--arg ...]: starts the jar on a fresh data dir and waits until it is ready.
# Prints nothing; on a refused start, $REFUSED holds the reason.
launch() {
  local aot=$1; shift
  local envs=()
  while [[ $# -gt 0 && $1 != -- ]]; do envs+=("$1"); shift; done
  shift
  DATA=$(mktemp -d /tmp/aot-check.XXXXXX)
  LOG=$DATA.log
  REFUSED=""
  env "${envs[@]}" java -XX:+UseSerialGC -Xmx128m -Dspring.aot.enabled="$aot" -jar "$JAR" \
    --latchkey.data-dir="$DATA" "$@" >"$LOG" 2>&1 &
  PID=$!
  for ((i = 0; i < 600; i++)); do
    if ! kill -0 "$PID" 2>/dev/null; then
      # The innermost cause: the outer exceptions name the bean's source, which differs with AOT.
      REFUSED=$(grep -E '^Caused by: ' "$LOG" | tail -1 | sed -E 's/^Caused by: [a-zA-Z.$]*: //' | cut -c1-160)
      [[ -n $REFUSED ]] || REFUSED=$(grep -m1 -E '^[a-zA-Z.$]*(Exception|Error): ' "$LOG" | sed -E 's/^[a-zA-Z.$]*: //' | cut -c1-160)
      [[ -n $REFUSED ]] || REFUSED="exited: $(grep -m1 -A2 'Description:' "$LOG" | tail -1 | cut -c1-160)"
      PID=""
      return 1
    fi
    # Ready, not merely listening: the bootstrap client and the first administrator are made after Tomcat
    # listens. The management port may be either port, depending on the setting and on AOT.
    for port in $P $M; do
      [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null) == 200 ]] &&
        return 0
    done
    sleep 0.2
  done
  REFUSED="not ready after 120 s"
  return 1
}

halt() {
  if [[ -n $PID ]]; then kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; fi
  PID=""
}

cleanup() { halt; rm -rf "$DATA" "$LOG"; }

code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@"; }
token() { curl -s -u "${1:-$ID}:${2:-$SECRET}" -d grant_type=client_credentials "$URL/oauth2/token" | jq -r '.access_token // empty'; }
api() { curl -s --max-time 10 -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
# The H2 database of a stopped server, queried with the H2 jar the server ships.
h2() {
  local lib=/tmp/aot-check-h2
  [[ -d $lib ]] || unzip -q -j -o "$JAR" 'BOOT-INF/lib/h2-*.jar' -d $lib
  java -cp $lib/'*' org.h2.tools.Shell -url "jdbc:h2:file:$DATA/latchkey" -user '' -sql "$1" 2>&1 | grep -v '^\s*at ' | sed -n 2p | tr -s ' '
}
# A new user (the first administrator already holds the pass printed at the first start) and a pass for
# them, which an API client may issue; prints the pass.
user_with_pass() {
  api -o /dev/null "$URL/v1.0/users" -d "{\"accountEnabled\": true, \"displayName\": \"AOT check\", \"userPrincipalName\": \"$1\"}"
  api "$URL/v1.0/users/$1/authentication/temporaryAccessPassMethods" \
    -d "{\"lifetimeInMinutes\": 60, \"isUsableOnce\": ${2:-false}}" | jq -r .temporaryAccessPass
}
# One pass sign-in as a browser does it (cookie jar $JAR_FILE); prints the status of POST /signin/pass and
# where it leads. Extra curl options (e.g. an X-Forwarded-For header) after the pass.
JAR_FILE=""
signin() {
  local user=$1 pass=$2; shift 2
  JAR_FILE=$(mktemp)
  local csrf
  csrf=$(curl -s -c "$JAR_FILE" -b "$JAR_FILE" "$@" "$URL/signin" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$JAR_FILE" -b "$JAR_FILE" "$@" --data-urlencode "username=$user" -d "_csrf=$csrf" "$URL/signin"
  csrf=$(curl -s -c "$JAR_FILE" -b "$JAR_FILE" "$@" "$URL/signin/pass" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -w '%{http_code}%{redirect_url}' -c "$JAR_FILE" -b "$JAR_FILE" "$@" \
    --data-urlencode "pass=$pass" -d "_csrf=$csrf" "$URL/signin/pass" | sed "s#http://[^/]*##"
}

# ---- the checks: each takes the AOT flag and prints what it saw ----

check_base-url() {
  launch "$1" -- "${BASE[@]}" --latchkey.base-url=https://id.example.com || { echo "refused: $REFUSED"; return; }
  echo "issuer $(curl -s "$URL/.well-known/openid-configuration" | jq -r .issuer)"
}

check_data-dir() {
  launch "$1" -- "${BASE[@]}" || { echo "refused: $REFUSED"; return; }
  echo "files in data-dir: $(ls "$DATA" | tr '\n' ' ')"
}

check_hashing-keys() {
  launch "$1" "${BOOT[@]}" LATCHKEY_HASHING_KEYS_K8="$(head -c32 /dev/urandom | base64)" \
    LATCHKEY_HASHING_KEYS_K9="$(head -c32 /dev/urandom | base64)" LATCHKEY_HASHING_CURRENTKEYID=k9 -- "${BASE[@]}" ||
    { echo "refused: $REFUSED"; return; }
  TOKEN=$(token)
  user_with_pass alice@example.com >/dev/null
  halt
  echo "files: $(ls "$DATA" | tr '\n' ' '); pass hashed under $(h2 'select key_id from temporary_access_passes');" \
    "client secret under $(h2 "select secret_key_id from api_clients where client_id='$ID'")"
}

check_bootstrap-client() {
  launch "$1" "${BOOT[@]}" -- "${BASE[@]}" || { echo "refused: $REFUSED"; return; }
  echo "token with the configured secret: $(code -u "$ID:$SECRET" -d grant_type=client_credentials "$URL/oauth2/token")," \
    "with another: $(code -u "$ID:wrong" -d grant_type=client_credentials "$URL/oauth2/token")"
}

check_admin-upn() {
  launch "$1" "${BOOT[@]}" -- "${BASE[@]}" --latchkey.bootstrap.admin-upn=root@example.com || { echo "refused: $REFUSED"; return; }
  TOKEN=$(token)
  echo "GET /v1.0/users/root@example.com: $(api "$URL/v1.0/users/root@example.com" | jq -r .userPrincipalName)"
}

check_es256() {
  launch "$1" "${BOOT[@]}" -- "${BASE[@]}" --latchkey.signing.access-token-algorithm=ES256 || { echo "refused: $REFUSED"; return; }
  local header
  header=$(token | cut -d. -f1 | tr '_-' '/+')
  while (( ${#header} % 4 )); do header+="="; done
  echo "access token alg $(echo "$header" | base64 -d | jq -r .alg); jwks kty $(curl -s "$URL/oauth2/jwks" | jq -r '[.keys[].kty] | sort | join(",")')"
}

# Sweeps, rotation: their first runs come 1 minute after start, so one long start covers them all. With
# JdbcTemplate at DEBUG, each statement the sweeps run is in the log.
check_scheduled() {
  launch "$1" "${BOOT[@]}" -- "${BASE[@]}" --latchkey.passes.retention=PT0S --latchkey.passes.sweep-interval=PT5S \
    --latchkey.tokens.sweep-interval=PT5S --latchkey.signing.rotate-after=PT20S --latchkey.signing.check-interval=PT5S \
    --logging.level.org.springframework.jdbc.core.JdbcTemplate=DEBUG || { echo "refused: $REFUSED"; return; }
  TOKEN=$(token)
  local pass
  pass=$(user_with_pass alice@example.com true)
  signin alice@example.com "$pass" >/dev/null
  local kids_before
  kids_before=$(curl -s "$URL/oauth2/jwks" | jq '.keys | length')
  sleep 80
  echo "after 80 s: passes swept: $(grep -o 'Swept [0-9]* passes spent more than [A-Z0-9]* ago' "$LOG" | sort | uniq -c | xargs);" \
    "pass sweeps run: $(grep -ci 'delete from temporary_access_passes' "$LOG");" \
    "token sweeps run: $(grep -ci 'delete from oauth2_authorization' "$LOG");" \
    "jwks keys $kids_before → $(curl -s "$URL/oauth2/jwks" | jq '.keys | length')"
}

check_align-interval() {
  launch "$1" -- "${BASE[@]}" --latchkey.clock.align-interval=PT2S \
    --logging.level.org.springframework.jdbc.core.JdbcTemplate=DEBUG || { echo "refused: $REFUSED"; return; }
  local before
  before=$(grep -ci 'current_timestamp' "$LOG")
  sleep 10
  echo "clock measurements in the 10 s after ready: $(( $(grep -ci 'current_timestamp' "$LOG") - before ))"
}

check_trusted-proxies() {
  launch "$1" "${BOOT[@]}" LATCHKEY_SIGNIN_TRUSTEDPROXIES=127.0.0.1 -- "${BASE[@]}" || { echo "refused: $REFUSED"; return; }
  TOKEN=$(token)
  signin nobody@example.com WRONGPASS -H 'X-Forwarded-For: 203.0.113.9' >/dev/null
  echo "sign-in log ipAddress $(api "$URL/v1.0/auditLogs/signIns?\$top=1" | jq -r '.value[0].ipAddress')"
}

check_address-limit() {
  launch "$1" -- "${BASE[@]}" --latchkey.signin.address-failures=2 --latchkey.signin.address-window=PT4S ||
    { echo "refused: $REFUSED"; return; }
  local out=""
  for i in 1 2 3; do out+="$(signin nobody@example.com WRONGPASS) "; done
  sleep 5
  echo "failed sign-ins: ${out}after 5 s: $(signin nobody@example.com WRONGPASS)"
}

check_lockout() {
  launch "$1" "${BOOT[@]}" -- "${BASE[@]}" --latchkey.signin.lockout-threshold=2 --latchkey.signin.first-lock=PT3S \
    --latchkey.signin.longest-lock=PT3S || { echo "refused: $REFUSED"; return; }
  TOKEN=$(token)
  local pass out
  pass=$(user_with_pass alice@example.com)
  out="wrong: $(signin alice@example.com WRONGPASS), wrong: $(signin alice@example.com WRONGPASS),"
  out+=" right: $(signin alice@example.com "$pass");"
  sleep 3.5
  out+=" 3.5 s later wrong: $(signin alice@example.com WRONGPASS);"
  sleep 3.5
  out+=" 3.5 s later right: $(signin alice@example.com "$pass")"
  echo "$out"
}

check_registration-window() {
  launch "$1" "${BOOT[@]}" -- "${BASE[@]}" --latchkey.signin.registration-window=PT3M || { echo "refused: $REFUSED"; return; }
  TOKEN=$(token)
  local pass until
  pass=$(user_with_pass alice@example.com true)
  signin alice@example.com "$pass" >/dev/null
  until=$(curl -s -b "$JAR_FILE" "$URL/security-info" | grep -o 'id="registration-until" datetime="[^"]*"' | sed 's/.*datetime="//;s/"$//')
  echo "may add methods for $(( ($(date -d "$until" +%s) - $(date +%s) + 5) / 10 * 10 )) s"
}

# Bound by @ConfigurationProperties at run time like the others; what they change (a session's end after
# hours, the window of a counter) is not observable in a short start, so a wrong value shows they are read.
check_session-lifetimes() {
  local setting
  for setting in password-session-lifetime=PT8 passkey-session-lifetime=PT12; do
    if launch "$1" -- "${BASE[@]}" --latchkey.signin.$setting; then echo -n "$setting: started; "; else echo -n "$setting: refused: $REFUSED; "; fi
    cleanup
  done
  echo
}

check_trust-anchors() {
  if launch "$1" -- "${BASE[@]}" --latchkey.passkeys.trust-anchors=/etc/ssl/certs/ca-certificates.crt; then
    echo -n "existing PEM: started ($(code "$URL/actuator/health")); "
  else
    echo -n "existing PEM: refused: $REFUSED; "
  fi
  cleanup
  launch "$1" -- "${BASE[@]}" --latchkey.passkeys.trust-anchors=/nonexistent/roots.pem || echo "missing path: refused: $REFUSED"
}

check_metadata-blob() {
  launch "$1" -- "${BASE[@]}" --latchkey.passkeys.metadata-blob=/nonexistent/blob.jwt || echo "missing file: refused: $REFUSED"
}

check_postgres() {
  local jdbc
  jdbc=$(bench/postgres.sh start | tail -1)
  launch "$1" SPRING_DATASOURCE_URL="${jdbc%%\?*}" SPRING_DATASOURCE_USERNAME=latchkey -- "${BASE[@]}" ||
    { echo "refused: $REFUSED"; bench/postgres.sh stop; return; }
  local psql=(runuser -u postgres -- psql -h 127.0.0.1 -p "${LATCHKEY_BENCH_PG_PORT:-55432}" -U latchkey -d latchkey -tAc)
  echo "PostgreSQL: $("${psql[@]}" 'select count(*) from flyway_schema_history') migrations," \
    "users: $("${psql[@]}" 'select user_principal_name from users'); data-dir files: $(ls "$DATA" | tr '\n' ' ')"
  halt
  bench/postgres.sh stop
}

check_pool-size() {
  launch "$1" -- "${BASE[@]}" --spring.datasource.hikari.maximum-pool-size=7 || { echo "refused: $REFUSED"; return; }
  echo "$(curl -s "$URL/actuator/prometheus" | grep '^hikaricp_connections_max')"
}

check_connection-timeout() {
  launch "$1" -- "${BASE[@]}" --spring.datasource.hikari.connection-timeout=1234 \
    --logging.level.com.zaxxer.hikari.HikariConfig=DEBUG || { echo "refused: $REFUSED"; return; }
  echo "Hikari's configuration: $(grep -o 'connectionTimeout\.*[0-9]*' "$LOG" | tr -s '.' | head -1)"
}

check_server-port() {
  launch "$1" PORT=$M -- --server.address=127.0.0.1 || { echo "refused: $REFUSED"; return; }
  echo "PORT=$M: /actuator/health on $M: $(code "http://127.0.0.1:$M/actuator/health"), on 8080: $(code http://127.0.0.1:8080/actuator/health)"
}

check_server-address() {
  launch "$1" -- "${BASE[@]}" || { echo "refused: $REFUSED"; return; }
  echo "listening: $(ss -Hltn "sport = :$P" | awk '{print $4}' | xargs)"
}

check_management-port() {
  launch "$1" MANAGEMENT_SERVER_PORT=$M -- "${BASE[@]}" || { echo "refused: $REFUSED"; return; }
  sleep 1
  echo "health on $M: $(code "http://127.0.0.1:$M/actuator/health"), on $P: $(code "$URL/actuator/health");" \
    "prometheus on $M: $(code "http://127.0.0.1:$M/actuator/prometheus"), on $P: $(code "$URL/actuator/prometheus")"
}

check_probes() {
  launch "$1" -- "${BASE[@]}" || { echo "refused: $REFUSED"; return; }
  echo "liveness $(code "$URL/actuator/health/liveness"), readiness $(code "$URL/actuator/health/readiness"):" \
    "$(curl -s "$URL/actuator/health/readiness" | jq -c '[.status, (.components // {} | keys)]')"
}

check_prometheus() {
  launch "$1" "${BOOT[@]}" -- "${BASE[@]}" || { echo "refused: $REFUSED"; return; }
  token >/dev/null
  echo "$(curl -s "$URL/actuator/prometheus" | grep -E '^latchkey_tokens_total' | head -1)"
}

json_logs() {
  launch "$1" "LOGGING_STRUCTURED_FORMAT_CONSOLE=$2" "${BOOT[@]}" -- "${BASE[@]}" || { echo "refused: $REFUSED"; return; }
  TOKEN=$(token)
  api -o /dev/null "$URL/v1.0/users/nobody@example.com"
  halt
  python3 - "$LOG" <<'PY'
import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip()]
def is_json(l):
    try:
        return isinstance(json.loads(l), dict)
    except ValueError:
        return False
objects = [json.loads(l) for l in lines if is_json(l)]
other = [l.strip() for l in lines if not is_json(l)]
with_id = sum(1 for o in objects if "requestId" in json.dumps(o))
print(f"{len(objects)} of {len(lines)} console lines JSON ({len(objects[0])} keys in the first), {with_id} with a requestId;"
      f" the others: {other[0][:50] + '...' if other else 'none'}")
PY
}
check_json-ecs() { json_logs "$1" ecs; }
check_json-logstash() { json_logs "$1" logstash; }
check_json-gelf() { json_logs "$1" gelf; }

CHECKS=(base-url data-dir hashing-keys bootstrap-client admin-upn es256 scheduled align-interval trusted-proxies
  address-limit lockout registration-window session-lifetimes trust-anchors metadata-blob postgres pool-size
  connection-timeout server-port server-address management-port probes prometheus json-ecs json-logstash json-gelf)

if [[ ${1:-} == --list ]]; then echo "${CHECKS[@]}"; exit 0; fi
trap cleanup EXIT
for check in "${@:-${CHECKS[@]}}"; do
  # In this shell (not a $(...) subshell), so that cleanup sees the server it started.
  "check_$check" false >/tmp/aot-check.off; cleanup
  "check_$check" true >/tmp/aot-check.on; cleanup
  off=$(tr '\n' ' ' </tmp/aot-check.off | sed 's/ *$//'); on=$(tr '\n' ' ' </tmp/aot-check.on | sed 's/ *$//')
  # Ports, times and random values differ between runs by design; the rest must match.
  same=no
  [[ $off == "$on" ]] && same=yes
  echo "| $check | $off | $on | $same |"
done
