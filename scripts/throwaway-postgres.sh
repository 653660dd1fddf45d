#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1, for test.sh and the benchmark scripts. Source it, then
# call start_throwaway_postgres (it exports VYBE_TEST_POSTGRES) and, from an EXIT trap, stop_postgres.
# The caller defines log().

# --- Throwaway PostgreSQL ----------------------------------------------------------------------

PG_TEMP_DIR=""
PG_STARTED=false
PG_BIN=""
PG_OS_USER=""

# PostgreSQL refuses to run as root, so as root its commands run as an unprivileged OS user; a
# developer's own account is already unprivileged.
as_postgres_user() {
  if [[ $EUID -eq 0 ]]; then
    # cd first: the server's user may not be allowed into the caller's directory (/root/...), and
    # initdb/pg_ctl fail when they cannot resolve their working directory.
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
  log "Starting a throwaway PostgreSQL 15 cluster"
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

  PG_TEMP_DIR="$(mktemp -d -t vybe-pg.XXXXXX)"
  if [[ $EUID -eq 0 ]]; then
    chown "$PG_OS_USER:" "$PG_TEMP_DIR"
  fi

  local port password
  port="$(free_loopback_port)"
  password="$(python3 -c 'import secrets; print(secrets.token_hex(24))')"

  # The password reaches initdb through a file readable only by the server's user, never argv.
  (umask 077 && printf '%s\n' "$password" >"$PG_TEMP_DIR/pwfile")
  if [[ $EUID -eq 0 ]]; then
    chown "$PG_OS_USER:" "$PG_TEMP_DIR/pwfile"
  fi

  as_postgres_user "$PG_BIN/initdb" -D "$PG_TEMP_DIR/data" -U vybe --pwfile="$PG_TEMP_DIR/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$PG_TEMP_DIR/initdb.log" \
    || { cat "$PG_TEMP_DIR/initdb.log" >&2; return 1; }
  rm -f "$PG_TEMP_DIR/pwfile"

  # Loopback only, socket inside the temp dir (not /var/run/postgresql, which may belong to a
  # system cluster). Durability is worthless for a cluster deleted after the run: trade it for speed.
  cat >>"$PG_TEMP_DIR/data/postgresql.conf" <<EOF

# --- throwaway cluster (scripts/throwaway-postgres.sh) ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$PG_TEMP_DIR'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

  PG_STARTED=true
  as_postgres_user "$PG_BIN/pg_ctl" -D "$PG_TEMP_DIR/data" -l "$PG_TEMP_DIR/postgres.log" -w -t 60 start >/dev/null \
    || { cat "$PG_TEMP_DIR/postgres.log" >&2; return 1; }
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $PG_TEMP_DIR)"

  # The test projects read exactly this variable and create and drop their own databases on the server.
  export VYBE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=vybe;Password=$password;Database=postgres"
}

# Sets PGHOST, PGPORT, PGUSER and PGPASSWORD (libpq's variables, read by psql, pg_dump and
# pg_restore) from the Npgsql connection string in VYBE_TEST_POSTGRES
# ("Host=..;Port=..;Username=..;Password=..;Database=.."). Bash scopes dynamically: a caller that
# declares them `local -x` first keeps them to itself.
set_libpq_variables_from_test_postgres() {
  local pairs pair key value
  IFS=';' read -r -a pairs <<<"$VYBE_TEST_POSTGRES"
  for pair in "${pairs[@]}"; do
    key="${pair%%=*}"
    key="${key// /}"
    value="${pair#*=}"
    case "${key,,}" in
      host) PGHOST=$value ;;
      port) PGPORT=$value ;;
      username) PGUSER=$value ;;
      password) PGPASSWORD=$value ;;
    esac
  done
}
