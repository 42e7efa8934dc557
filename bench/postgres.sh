#!/usr/bin/env bash
# A throwaway PostgreSQL for benchmarking Latchkey: `bench/postgres.sh start` initialises a fresh cluster
# under $LATCHKEY_BENCH_PG_DIR (default /tmp/latchkey-bench-pg), listening on 127.0.0.1:$LATCHKEY_BENCH_PG_PORT
# (default 55432) only, creates the database and role `latchkey` (trust authentication: local benchmarks
# only), and prints the JDBC URL to give the server. `bench/postgres.sh stop` stops it and deletes its data.
# PostgreSQL's own settings are left at their defaults (fsync and synchronous_commit on).
# Needs PostgreSQL 15 or newer server binaries (Debian: apt-get install postgresql-15); run as root, it runs
# the server as the `postgres` user, since initdb refuses root.
set -euo pipefail

PORT=${LATCHKEY_BENCH_PG_PORT:-55432}
DIR=${LATCHKEY_BENCH_PG_DIR:-/tmp/latchkey-bench-pg}
DATA="$DIR/data"

bindir() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [[ -n "$newest" ]]; then echo "$newest"; return; fi
  if command -v pg_ctl >/dev/null; then dirname "$(command -v pg_ctl)"; return; fi
  echo "No PostgreSQL server binaries found: install postgresql-15 or set PG_BIN." >&2
  exit 1
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin
  bin=$(bindir)
  stop >/dev/null 2>&1 || true
  mkdir -p "$DIR"
  if [[ $(id -u) -eq 0 ]]; then chown postgres: "$DIR"; fi
  as_owner "$bin/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$DIR/initdb.log"
  # The server outlives this script: it gets none of the caller's open files, so that it can't keep a lock the
  # caller took around this script (flock /tmp/latchkey-cpu.lock bench/postgres.sh start) held until it stops.
  (
    for fd in $(ls /proc/$BASHPID/fd); do
      if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    as_owner "$bin/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=100" start >/dev/null
  )
  as_owner "$bin/psql" -h 127.0.0.1 -p "$PORT" -U postgres -q -v ON_ERROR_STOP=1 \
    -c "create role latchkey login" -c "create database latchkey owner latchkey"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT, data in $DATA"
  echo "jdbc:postgresql://127.0.0.1:$PORT/latchkey?user=latchkey"
}

stop() {
  if [[ -f "$DATA/postmaster.pid" ]]; then
    as_owner "$(bindir)/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
