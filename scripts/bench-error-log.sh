#!/usr/bin/env bash
# Error-log overhead benchmark (docs/BENCHMARKS.md): builds bench/Vybe.Bench in Release and runs it.
# Prints figures; asserts nothing. Uses the PostgreSQL server in VYBE_TEST_POSTGRES when set, else
# starts a throwaway PostgreSQL cluster on 127.0.0.1 (as test.sh does) and deletes it on exit.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_PROJECT="$REPO_ROOT/bench/Vybe.Bench/Vybe.Bench.csproj"

log() { printf '\n==> %s\n' "$*"; }

# --- Throwaway PostgreSQL (copied from test.sh) --------------------------------------------------

PG_TEMP_DIR=""
PG_STARTED=false
PG_BIN=""
PG_OS_USER=""

as_postgres_user() {
  if [[ $EUID -eq 0 ]]; then
    (cd "$PG_TEMP_DIR" && runuser -u "$PG_OS_USER" -- "$@")
  else
    "$@"
  fi
}

stop_postgres() {
  if [[ $PG_STARTED == true ]]; then
    as_postgres_user "$PG_BIN/pg_ctl" -D "$PG_TEMP_DIR/data" stop -m fast >/dev/null || true
    PG_STARTED=false
  fi
  if [[ -n $PG_TEMP_DIR ]]; then
    rm -rf "$PG_TEMP_DIR"
    PG_TEMP_DIR=""
  fi
}

free_loopback_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_throwaway_postgres() {
  log "Starting a throwaway PostgreSQL cluster"
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
    PG_BIN=/usr/lib/postgresql/15/bin
  else
    PG_BIN="$(pg_config --bindir)"
  fi

  if [[ $EUID -eq 0 ]]; then
    if id -u postgres >/dev/null 2>&1; then
      PG_OS_USER=postgres
    else
      id -u vybetest >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin vybetest
      PG_OS_USER=vybetest
    fi
  fi

  PG_TEMP_DIR="$(mktemp -d -t vybe-bench-pg.XXXXXX)"
  if [[ $EUID -eq 0 ]]; then
    chown "$PG_OS_USER:" "$PG_TEMP_DIR"
  fi

  local port password
  port="$(free_loopback_port)"
  password="$(python3 -c 'import secrets; print(secrets.token_hex(24))')"

  (umask 077 && printf '%s\n' "$password" >"$PG_TEMP_DIR/pwfile")
  if [[ $EUID -eq 0 ]]; then
    chown "$PG_OS_USER:" "$PG_TEMP_DIR/pwfile"
  fi

  as_postgres_user "$PG_BIN/initdb" -D "$PG_TEMP_DIR/data" -U vybe --pwfile="$PG_TEMP_DIR/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$PG_TEMP_DIR/initdb.log" \
    || { cat "$PG_TEMP_DIR/initdb.log" >&2; return 1; }
  rm -f "$PG_TEMP_DIR/pwfile"

  # Loopback only; the same settings as test.sh's cluster (no durability), so figures compare.
  cat >>"$PG_TEMP_DIR/data/postgresql.conf" <<CONF

# --- bench-error-log.sh: throwaway cluster ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$PG_TEMP_DIR'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF

  PG_STARTED=true
  as_postgres_user "$PG_BIN/pg_ctl" -D "$PG_TEMP_DIR/data" -l "$PG_TEMP_DIR/postgres.log" -w -t 60 start >/dev/null \
    || { cat "$PG_TEMP_DIR/postgres.log" >&2; return 1; }
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

  export VYBE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=vybe;Password=$password;Database=postgres"
}

# --- Main ----------------------------------------------------------------------------------------

on_exit() {
  local status=$?
  stop_postgres
  exit "$status"
}

main() {
  trap on_exit EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  if [[ -z ${VYBE_TEST_POSTGRES:-} ]]; then
    start_throwaway_postgres
  else
    log "Using the PostgreSQL server in VYBE_TEST_POSTGRES"
  fi

  log "dotnet build bench/Vybe.Bench -c Release"
  dotnet build "$BENCH_PROJECT" -c Release --nologo -v quiet

  log "Running the benchmark"
  # Bounded by the program itself (2,200 requests, at most 110 s per scenario); the timeout is a backstop.
  timeout 600 dotnet "$REPO_ROOT/bench/Vybe.Bench/bin/Release/net10.0/Vybe.Bench.dll"
}

main "$@"
