#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL server for the database tests.
#
#   TEST_DATABASE_URL=$(scripts/test-postgres.sh start)   # prints only the URL on stdout
#   scripts/test-postgres.sh stop
#
# The server runs as the `postgres` OS user (PostgreSQL refuses to run as root), keeps its data in a
# fresh temporary directory, listens on a spare port on 127.0.0.1 only, and trusts local connections
# there. The state file remembers the directory so `stop` can find it; `stop` removes everything.
set -euo pipefail

state_file="${TEST_POSTGRES_STATE:-${TMPDIR:-/tmp}/family-outcomes-test-postgres.state}"

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local dir
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  done
  dirname "$(command -v pg_ctl)"
}

# Run a PostgreSQL binary as the postgres user when we are root; as ourselves otherwise.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

spare_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  local bin dir port
  bin=$(find_bin)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/family-outcomes-pg.XXXXXX")
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  port=$(spare_port)
  as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # Trust only TCP connections from 127.0.0.1; no Unix socket, no other hosts.
  printf 'host all all 127.0.0.1/32 trust\n' >"$dir/data/pg_hba.conf"
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  printf '%s\n%s\n' "$dir" "$bin" >"$state_file"
  echo "postgres://postgres@127.0.0.1:$port/postgres"
}

stop() {
  [ -f "$state_file" ] || return 0
  local dir bin
  dir=$(sed -n 1p "$state_file")
  bin=$(sed -n 2p "$state_file")
  if [ -d "$dir/data" ]; then as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir" "$state_file"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
