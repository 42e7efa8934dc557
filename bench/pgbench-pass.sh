#!/usr/bin/env bash
# The database's own limit for redeeming a Temporary Access Pass (issue 6): pgbench doing on PostgreSQL what
# one pass sign-in asks of it, with no Latchkey in between.
#
#   bench/pgbench-pass.sh [consume|signin]
#
#   consume (default): one transaction = the conditional update that uses up a one-time pass, exactly the
#     statement of PassRepository.consume:
#       update temporary_access_passes set consumed_at = :at
#       where id = :id and usable_once = true and consumed_at is null
#     autocommitted (fsync on, as Latchkey's database runs).
#   signin: one transaction = every statement PassSignIn.signIn sends for a successful one-time sign-in, in
#     its order: the user by upn_key, the pass with its hash by user_id, the pass policy document, the user's
#     groups, the throttle row; then in one transaction the conditional update, the throttle reset (delete)
#     and the sign-in log insert. Not included: the session (Spring Session JDBC) and the username step.
#
# Each transaction uses up a different pass: pass k of client c is row 1 + permute(c + clients * k, N), a
# pseudo-random order over the N seeded rows, so every update finds its row unused and writes it, and the
# rows are spread over the table as real sign-ins are. The script checks that afterwards (consumed rows =
# transactions).
#
# Tables: a schema pgbench_pass in the latchkey database, made by Latchkey's own migrations
# (server/src/main/resources/db/migration/common, in version order), seeded with N users, each with a
# one-time pass. Latchkey's own tables are not touched. Needs the bench PostgreSQL (bench/postgres.sh start)
# and pgbench (Debian: postgresql-client). Settings, from the environment:
#   LATCHKEY_BENCH_PG_PORT (55432)  LATCHKEY_BENCH_PG_DIR (/tmp/latchkey-bench-pg), as bench/postgres.sh
#   CLIENTS (16)  WARMUP (5 s, not measured)  DURATION (20 s)  ROWS (N, 2000000)  RESEED (1: drop and seed)
# Seeding 2,000,000 rows takes about a minute here; the measured run must stay under ROWS / 2 transactions.
# Prints pgbench's report, transactions per second, and PostgreSQL's and pgbench's CPU per transaction over
# the measured run (from /proc).
set -euo pipefail

MODE=${1:-consume}
PORT=${LATCHKEY_BENCH_PG_PORT:-55432}
DIR=${LATCHKEY_BENCH_PG_DIR:-/tmp/latchkey-bench-pg}
CLIENTS=${CLIENTS:-16}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-20}
ROWS=${ROWS:-2000000}
MIGRATIONS="$(cd "$(dirname "$0")/.." && pwd)/server/src/main/resources/db/migration/common"
RESEED=${RESEED:-1}
case "$MODE" in consume|signin) ;; *) echo "usage: $0 [consume|signin]" >&2; exit 2 ;; esac

psql_() { psql -h 127.0.0.1 -p "$PORT" -U latchkey -d latchkey -v ON_ERROR_STOP=1 -qAt "$@"; }

seed() {
  # The tables are Latchkey's own: every migration, in version order, applied in a schema of their own.
  { echo "drop schema if exists pgbench_pass cascade; create schema pgbench_pass; set search_path = pgbench_pass;"
    for migration in $(ls "$MIGRATIONS" | sort -V); do cat "$MIGRATIONS/$migration"; echo; done
    cat <<SQL
-- Ids look like Latchkey's (UUIDs) and are derived from the row number, so a script can name row n.
insert into users (id, user_principal_name, upn_key, display_name, user_type, account_enabled, created_at)
select '00000000-0000-4000-8000-' || lpad(n::text, 12, '0'), 'pgbench-' || n || '@bench.example.com',
       'pgbench-' || n || '@bench.example.com', 'Bench user ' || n, 'Member', true, now()
from generate_series(1, $ROWS) n;
insert into temporary_access_passes (id, user_id, key_id, pass_hash, created_at, start_at, lifetime_minutes,
                                     expires_at, usable_once, consumed_at)
select '00000000-0000-4000-9000-' || lpad(n::text, 12, '0'), '00000000-0000-4000-8000-' || lpad(n::text, 12, '0'),
       'k1', sha256(n::text::bytea), now(), now(), 480, now() + interval '480 minutes', true, null
from generate_series(1, $ROWS) n;
-- About the size of Latchkey's stored pass policy document.
update method_policies set document = repeat('x', 700), updated_at = now() where id = 'TemporaryAccessPass';
vacuum analyze users, group_members, temporary_access_passes, method_policies, pass_throttles, sign_ins;
SQL
  } | psql_
}

# CPU ticks of this PostgreSQL: the postmaster (with the children it has reaped) and every live process under it.
pg_ticks() {
  local postmaster
  postmaster=$(head -1 "$DIR/data/postmaster.pid")
  { awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat"
    for child in $(ps -o pid= --ppid "$postmaster"); do
      awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || true
    done; } | awk '{s += $1} END {print s}'
}

script=$(mktemp --suffix=.pgbench)
trap 'rm -f "$script"' EXIT
# Variables persist from one transaction of a client to the next: k counts this client's transactions.
cat >"$script" <<'PGBENCH'
\set id 1 + permute(:client_id + :clients * :k, :n)
\set k :k + 1
PGBENCH
if [[ $MODE == consume ]]; then
  cat >>"$script" <<'PGBENCH'
update pgbench_pass.temporary_access_passes set consumed_at = now()
where id = '00000000-0000-4000-9000-' || lpad(:id::text, 12, '0') and usable_once = true and consumed_at is null;
PGBENCH
else
  cat >>"$script" <<'PGBENCH'
select id, user_principal_name, display_name, user_type, account_enabled, created_at
  from pgbench_pass.users where upn_key = 'pgbench-' || :id || '@bench.example.com';
select id, user_id, created_at, start_at, lifetime_minutes, usable_once, consumed_at, key_id, pass_hash
  from pgbench_pass.temporary_access_passes where user_id = '00000000-0000-4000-8000-' || lpad(:id::text, 12, '0');
select document from pgbench_pass.method_policies where id = 'TemporaryAccessPass';
select group_id from pgbench_pass.group_members where user_id = '00000000-0000-4000-8000-' || lpad(:id::text, 12, '0');
select locked_until from pgbench_pass.pass_throttles where account_key = 'pgbench-' || :id || '@bench.example.com';
begin;
update pgbench_pass.temporary_access_passes set consumed_at = now()
where id = '00000000-0000-4000-9000-' || lpad(:id::text, 12, '0') and usable_once = true and consumed_at is null;
delete from pgbench_pass.pass_throttles where account_key = 'pgbench-' || :id || '@bench.example.com';
insert into pgbench_pass.sign_ins (id, created_at, user_id, user_principal_name, user_display_name,
  authentication_method, succeeded, error_code, failure_reason, ip_address, user_agent, correlation_id)
values (gen_random_uuid()::text, now(), '00000000-0000-4000-8000-' || lpad(:id::text, 12, '0'),
  'pgbench-' || :id || '@bench.example.com', 'Bench user ' || :id, 'Temporary Access Pass', true, 0, null,
  '127.0.0.1', 'pgbench', gen_random_uuid()::text);
commit;
PGBENCH
fi

if [[ $RESEED == 1 ]]; then
  started=$(date +%s.%N)
  seed
  echo "seeded $ROWS users with a one-time pass each in $(echo "$(date +%s.%N) - $started" | bc) s"
fi
consumed() { psql_ -c "select count(*) from pgbench_pass.temporary_access_passes where consumed_at is not null"; }

pgbench_() { # seconds, first k (so that the warm-up and the measured run use different passes)
  # One seed for both runs: permute()'s order follows it, and the measured run must avoid the warm-up's rows.
  echo pgbench -h 127.0.0.1 -p "$PORT" -U latchkey -n -M prepared -c "$CLIENTS" -j 2 -T "$1" --random-seed=1 \
    -D n="$ROWS" -D clients="$CLIENTS" -D k="$2" -f "$script" latchkey
}
if (( WARMUP > 0 )); then
  $(pgbench_ "$WARMUP" 0) >/dev/null
fi
# permute() takes its argument modulo N: the warm-up uses the first indices, the measured run starts half-way
# (so both must stay under N/2 transactions, which the count of used-up passes below confirms).
before=$(consumed)
ticks=$(getconf CLK_TCK)
pg_before=$(pg_ticks)
out=$(mktemp)
/usr/bin/time -f '%U %S' -o "$out.time" $(pgbench_ "$DURATION" $((ROWS / 2 / CLIENTS))) >"$out"
pg_after=$(pg_ticks)
after=$(consumed)
cat "$out"
tx=$(awk '/number of transactions actually processed/ {split($NF, a, "/"); print a[1]}' "$out")
tps=$(awk '/^tps = / {print $3}' "$out")
read -r user sys <"$out.time"
rm -f "$out" "$out.time"
echo "mode $MODE, $CLIENTS clients, $DURATION s: $tps transactions/s; passes used up in the run: $((after - before)) of $tx transactions"
awk -v pg="$((pg_after - pg_before))" -v hz="$ticks" -v tx="$tx" -v u="$user" -v s="$sys" -v d="$DURATION" 'BEGIN {
  printf "cpu per transaction: postgres %.3f ms, pgbench %.3f ms; cores: postgres %.2f, pgbench %.2f\n",
    pg / hz * 1000 / tx, (u + s) * 1000 / tx, pg / hz / d, (u + s) / d }'
