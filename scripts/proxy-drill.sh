#!/usr/bin/env bash
# The deployment drill (docs/DEPLOYMENT.md, step by step): Debian's nginx in front of two published
# app instances on one PostgreSQL database, with the files in deploy/ (nginx site, environment
# files), their ports and paths replaced by free loopback ones and a self-signed certificate for
# vybe.test made here. Then:
#   1. checks through nginx over HTTPS (scripts/proxy/checks.mjs), as a client on 127.0.0.2 that
#      maps vybe.test to 127.0.0.1: HTTP/2, HSTS, Secure cookies, the client address the error log
#      records (the one nginx saw, not a forged X-Forwarded-For), the cache of fingerprinted files,
#      a photo at the upload limit let through and one just above it answered by the app's 413 page;
#   2. a rolling restart: readings and page views through nginx (scripts/proxy/load.mjs) while each
#      instance in turn is stopped with SIGTERM (what systemctl stop sends) and started again, about
#      20 s in all. Target: no failed request, and every reading answered is in the database.
# Prints the figures; exits non-zero when a check or the target fails.
#
# ./test.sh runs it against its throwaway cluster (VYBE_TEST_POSTGRES); run alone it starts one.
# Needs nginx, openssl, node, and a Release build (it publishes with --no-build).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The load runs from before the first stop until a few seconds after the second start (about 20 s
# here), never longer than LOAD_MAX_SECONDS.
LOAD_PAUSE_SECONDS=3
LOAD_MAX_SECONDS=120
LOAD_CONCURRENCY="${PROXY_DRILL_CONCURRENCY:-6}"
CLIENT_ADDRESS=127.0.0.2
HOST_NAME=vybe.test

log() { printf '\n==> %s\n' "$*"; }
fail() { printf 'proxy drill: %s\n' "$*" >&2; exit 1; }

# shellcheck source=scripts/throwaway-postgres.sh
source "$REPO_ROOT/scripts/throwaway-postgres.sh"

WORK_DIR="$(mktemp -d -t vybe-proxy-drill.XXXXXX)"
LOG_DIR="$REPO_ROOT/artifacts/proxy-drill"
DATABASE=""
OWN_CLUSTER=false
NGINX_PID_FILE="$WORK_DIR/nginx/nginx.pid"
declare -A INSTANCE_PID=()
declare -A INSTANCE_PORT=()

psql_tool() {
  local tool=$1
  shift
  if [[ -x /usr/lib/postgresql/15/bin/$tool ]]; then
    "/usr/lib/postgresql/15/bin/$tool" "$@"
  else
    "$tool" "$@"
  fi
}
psql_value() { psql_tool psql -X -q -t -A -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

cleanup() {
  local status=$?
  local name
  for name in "${!INSTANCE_PID[@]}"; do
    kill "${INSTANCE_PID[$name]}" 2>/dev/null || true
    wait "${INSTANCE_PID[$name]}" 2>/dev/null || true
  done
  if [[ -f $NGINX_PID_FILE ]]; then
    kill "$(cat "$NGINX_PID_FILE")" 2>/dev/null || true
  fi
  if [[ -n $DATABASE ]]; then
    psql_value postgres "DROP DATABASE IF EXISTS \"$DATABASE\" WITH (FORCE)" >/dev/null || true
  fi
  if [[ $OWN_CLUSTER == true ]]; then
    stop_postgres
  fi
  # The logs stay for a look afterwards (artifacts/ is git-ignored); the rest goes.
  rm -rf "$LOG_DIR" && mkdir -p "$LOG_DIR"
  cp "$WORK_DIR"/*.log "$WORK_DIR"/*.txt "$WORK_DIR"/load.* "$WORK_DIR"/nginx/*.log "$LOG_DIR"/ 2>/dev/null || true
  rm -rf "$WORK_DIR"
  exit "$status"
}

# Reads a systemd EnvironmentFile (KEY=value lines, # comments) into this shell's environment, as
# systemd would hand it to the service: values are taken literally, spaces and <> included.
export_environment_file() {
  local line
  while IFS= read -r line || [[ -n $line ]]; do
    [[ -z $line || $line == \#* ]] && continue
    export "${line?}"
  done <"$1"
}

# Starts one instance as deploy/systemd/vybe@.service does: its environment files, then
# ASPNETCORE_URLS for its port, then `dotnet Vybe.Web.dll` from the app folder.
start_instance() {
  local name=$1 port=${INSTANCE_PORT[$1]}
  (
    export_environment_file "$WORK_DIR/etc/vybe.env"
    export_environment_file "$WORK_DIR/etc/secrets.env"
    export ASPNETCORE_URLS="http://127.0.0.1:$port"
    cd "$WORK_DIR/app"
    exec dotnet Vybe.Web.dll
  ) >>"$WORK_DIR/$name.log" 2>&1 &
  INSTANCE_PID[$name]=$!
  local attempt started=$EPOCHREALTIME
  for attempt in $(seq 1 240); do
    if ! kill -0 "${INSTANCE_PID[$name]}" 2>/dev/null; then
      cat "$WORK_DIR/$name.log" >&2
      fail "instance $name exited before it was ready"
    fi
    # AllowedHosts admits the public name only, so the probe says it.
    if curl -fs -o /dev/null --max-time 2 -H "Host: $HOST_NAME" "http://127.0.0.1:$port/readyz"; then
      printf '  instance %s (port %s) ready %.1f s after it was started\n' "$name" "$port" "$(awk -v now="$EPOCHREALTIME" -v then="$started" 'BEGIN { print now - then }')"
      return 0
    fi
    sleep 0.25
  done
  cat "$WORK_DIR/$name.log" >&2
  fail "instance $name was not ready within 60 s"
}

# What systemctl stop does: SIGTERM, then waiting for the process to end. Prints how long it took.
stop_instance() {
  local name=$1 started=$SECONDS status=0
  kill -TERM "${INSTANCE_PID[$name]}"
  wait "${INSTANCE_PID[$name]}" || status=$?
  unset "INSTANCE_PID[$name]"
  echo "  instance $name (port ${INSTANCE_PORT[$name]}) stopped in $((SECONDS - started)) s, exit status $status"
  # 143 is 128 + SIGTERM: .NET's host stops cleanly on SIGTERM and exits 0 (SuccessExitStatus=143 in the unit covers either).
  [[ $status == 0 || $status == 143 ]] || fail "instance $name exited with $status on SIGTERM"
}

main() {
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  cd "$REPO_ROOT"
  command -v nginx >/dev/null || fail "nginx is not installed (Debian: apt install nginx)"

  if [[ -z ${VYBE_TEST_POSTGRES:-} ]]; then
    OWN_CLUSTER=true
    start_throwaway_postgres
  fi
  set_libpq_variables_from_test_postgres
  export PGHOST PGPORT PGUSER PGPASSWORD

  # docs/DEPLOYMENT.md, "Publish".
  log "Publishing Vybe.Web (Release) to the drill's app folder"
  [[ -f Vybe.Web/bin/Release/net10.0/Vybe.Web.dll ]] || dotnet build Vybe.Web -c Release --nologo -v q
  dotnet publish Vybe.Web -c Release --no-build --nologo -v q -o "$WORK_DIR/app"

  DATABASE="vybe_proxy_$(python3 -c 'import secrets; print(secrets.token_hex(6))')"
  psql_value postgres "CREATE DATABASE \"$DATABASE\"" >/dev/null
  INSTANCE_PORT[first]="$(free_loopback_port)"
  INSTANCE_PORT[second]="$(free_loopback_port)"
  local https_port http_port
  https_port="$(free_loopback_port)"
  http_port="$(free_loopback_port)"
  local origin="https://$HOST_NAME:$https_port"

  # docs/DEPLOYMENT.md, "Configuration": deploy/vybe.env and the secrets file, with this drill's
  # database, address and mail folder. The rate limits are raised for the load only: every request
  # comes from one client address, which the default per-address limits would rightly refuse.
  log "Configuration from deploy/vybe.env and deploy/secrets.env.example"
  mkdir -p "$WORK_DIR/etc" "$WORK_DIR/mail"
  sed -e "s|^Vybe__PublicBaseUrl=.*|Vybe__PublicBaseUrl=$origin|" \
      -e "s|^AllowedHosts=.*|AllowedHosts=$HOST_NAME|" \
      -e "s|^Vybe__Email__Smtp__Host=.*|Vybe__Email__Smtp__Host=|" \
      deploy/vybe.env >"$WORK_DIR/etc/vybe.env"
  cat >>"$WORK_DIR/etc/vybe.env" <<EOF
Vybe__Email__PickupDirectory=$WORK_DIR/mail
Vybe__RateLimits__ReadingsPerGuestAddressPerMinute=100000
Vybe__RateLimits__ReadingsPerAddressPerMinute=100000
Vybe__RateLimits__ClientErrorsPerMinute=1000
Vybe__RateLimits__UploadsPerMinute=1000
EOF
  sed -e "s|^ConnectionStrings__Vybe=.*|ConnectionStrings__Vybe=$VYBE_TEST_POSTGRES;Database=$DATABASE|" \
      deploy/secrets.env.example >"$WORK_DIR/etc/secrets.env"
  chmod 600 "$WORK_DIR/etc/secrets.env"

  # docs/DEPLOYMENT.md, "Migrations on deploy": before any instance of the new version starts.
  log "Migrating the database (dotnet Vybe.Web.dll migrate)"
  (export_environment_file "$WORK_DIR/etc/vybe.env" && export_environment_file "$WORK_DIR/etc/secrets.env" &&
    cd "$WORK_DIR/app" && dotnet Vybe.Web.dll migrate) >"$WORK_DIR/migrate.log" 2>&1 ||
    { cat "$WORK_DIR/migrate.log" >&2; fail "migrate failed"; }
  tail -n 2 "$WORK_DIR/migrate.log"

  log "Starting two instances on ports ${INSTANCE_PORT[first]} and ${INSTANCE_PORT[second]}"
  start_instance first
  start_instance second

  # docs/DEPLOYMENT.md, "TLS": here a self-signed certificate for the drill's host name.
  mkdir -p "$WORK_DIR/tls" "$WORK_DIR/cache" "$WORK_DIR/nginx"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$HOST_NAME" -addext "subjectAltName=DNS:$HOST_NAME" \
    -keyout "$WORK_DIR/tls/privkey.pem" -out "$WORK_DIR/tls/fullchain.pem" 2>/dev/null

  # docs/DEPLOYMENT.md, "nginx": the site file as it is, its ports, paths and name replaced; around
  # it the few lines Debian's /etc/nginx/nginx.conf would give, pointing at this drill's folder.
  log "nginx (deploy/nginx/vybe.conf) on https://$HOST_NAME:$https_port"
  sed -e "s|server 127.0.0.1:5001 |server 127.0.0.1:${INSTANCE_PORT[first]} |" \
      -e "s|server 127.0.0.1:5002 |server 127.0.0.1:${INSTANCE_PORT[second]} |" \
      -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" \
      -e "s|listen 80;|listen 127.0.0.1:$http_port;|" \
      -e "s|/etc/ssl/vybe/|$WORK_DIR/tls/|g" \
      -e "s|/var/cache/nginx/vybe|$WORK_DIR/cache|" \
      -e "s|server_name vybe.example.com;|server_name $HOST_NAME;|" \
      deploy/nginx/vybe.conf >"$WORK_DIR/nginx/vybe.conf"
  for port in "${INSTANCE_PORT[first]}" "${INSTANCE_PORT[second]}" "$https_port" "$http_port"; do
    grep -q "$port" "$WORK_DIR/nginx/vybe.conf" || fail "port $port was not substituted: deploy/nginx/vybe.conf changed shape"
  done
  cat >"$WORK_DIR/nginx/nginx.conf" <<EOF
user $(id -un) $(id -gn);
worker_processes 1;
pid $NGINX_PID_FILE;
error_log $WORK_DIR/nginx/error.log warn;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    # Which instance answered what (and what nginx tried first), for a look after a failed run.
    log_format drill '\$time_iso8601 \$remote_addr "\$request" \$status upstream \$upstream_addr \$upstream_status \$upstream_response_time';
    access_log $WORK_DIR/nginx/access.log drill;
    client_body_temp_path $WORK_DIR/nginx/body;
    proxy_temp_path $WORK_DIR/nginx/proxy;
    fastcgi_temp_path $WORK_DIR/nginx/fastcgi;
    uwsgi_temp_path $WORK_DIR/nginx/uwsgi;
    scgi_temp_path $WORK_DIR/nginx/scgi;
    include $WORK_DIR/nginx/vybe.conf;
}
EOF
  nginx -t -q -c "$WORK_DIR/nginx/nginx.conf" -p "$WORK_DIR/nginx" -e "$WORK_DIR/nginx/error.log" || fail "nginx -t refused the configuration"
  nginx -c "$WORK_DIR/nginx/nginx.conf" -p "$WORK_DIR/nginx" -e "$WORK_DIR/nginx/error.log"

  log "Checks through nginx over HTTPS, from $CLIENT_ADDRESS"
  local curl_args=(--silent --show-error --cacert "$WORK_DIR/tls/fullchain.pem" --resolve "$HOST_NAME:$https_port:127.0.0.1" --interface "$CLIENT_ADDRESS")
  local version
  version="$(curl "${curl_args[@]}" --http2 -o /dev/null -w '%{http_version}' "$origin/")"
  if [[ $version == 2 ]]; then echo "ok   HTTP/2 is spoken"; else fail "nginx answered over HTTP/$version, not HTTP/2"; fi
  local redirect
  redirect="$(curl --silent -o /dev/null -w '%{http_code} %{redirect_url}' -H "Host: $HOST_NAME" "http://127.0.0.1:$http_port/history")"
  if [[ $redirect == "301 https://$HOST_NAME/history" ]]; then echo "ok   plain HTTP is sent to HTTPS: $redirect"; else fail "plain HTTP answered $redirect"; fi

  local marker="proxy drill $(python3 -c 'import secrets; print(secrets.token_hex(8))')"
  local checks_failed=false
  node scripts/proxy/checks.mjs "$origin" "$WORK_DIR/tls/fullchain.pem" "$CLIENT_ADDRESS" "$marker" \
    "$(photo_limit ImageHeader MaxBytes)" "$(photo_request_limit)" || checks_failed=true

  # The error log writes its rows from a queue, a moment after the request.
  local recorded="" attempt
  for attempt in $(seq 1 40); do
    recorded="$(psql_value "$DATABASE" "SELECT host(ip) FROM error_logs WHERE message = '$marker'")"
    [[ -n $recorded ]] && break
    sleep 0.25
  done
  if [[ $recorded == "$CLIENT_ADDRESS" ]]; then
    echo "ok   the error log recorded the client's address nginx passed on ($recorded), not the forged X-Forwarded-For"
  else
    echo "FAIL the error log recorded '${recorded:-no row}' for the report sent from $CLIENT_ADDRESS with X-Forwarded-For 203.0.113.7"
    checks_failed=true
  fi
  [[ $checks_failed == false ]] || fail "a check through nginx failed (above)"

  drain_in_flight_request
  rolling_restart "$origin"
  verify_systemd_units
}

# A request in flight when the instance is told to stop is finished before it exits, and the
# reading it made is stored (scripts/proxy/drain.mjs).
drain_in_flight_request() {
  log "Stopping an instance with a reading POST in flight"
  local before after status=0
  before="$(psql_value "$DATABASE" "SELECT count(*) FROM readings")"
  node scripts/proxy/drain.mjs "${INSTANCE_PORT[first]}" "$HOST_NAME" "${INSTANCE_PID[first]}" || status=$?
  wait "${INSTANCE_PID[first]}" || true
  unset "INSTANCE_PID[first]"
  after="$(psql_value "$DATABASE" "SELECT count(*) FROM readings")"
  echo "  readings stored by it: $((after - before))"
  [[ $status == 0 && $((after - before)) == 1 ]] || fail "the reading in flight was not answered and stored"
  start_instance first
}

# docs/DEPLOYMENT.md, "systemd": the units as shipped, with /opt/vybe pointing at this drill's copy.
# systemd-analyze verify reads them as systemd would (no systemd is running here to start them).
verify_systemd_units() {
  log "systemd-analyze verify deploy/systemd/*"
  if ! command -v systemd-analyze >/dev/null; then
    echo "skipped: systemd-analyze is not installed"
    return 0
  fi
  mkdir -p "$WORK_DIR/units" "$WORK_DIR/opt/scripts"
  cp scripts/db-backup.sh "$WORK_DIR/opt/scripts/"
  ln -s "$WORK_DIR/app" "$WORK_DIR/opt/app"
  local unit
  for unit in deploy/systemd/*; do
    sed "s|/opt/vybe|$WORK_DIR/opt|g" "$unit" >"$WORK_DIR/units/$(basename "$unit")"
  done
  mv "$WORK_DIR/units/vybe@.service" "$WORK_DIR/units/vybe@5001.service"
  (cd "$WORK_DIR/units" && systemd-analyze verify ./vybe@5001.service ./vybe-backup.service ./vybe-backup.timer) ||
    fail "systemd-analyze verify found a problem in deploy/systemd (above)"
  echo "ok   vybe@.service, vybe-backup.service and vybe-backup.timer verify"
}

# The photo limits from the app's source, so the drill tests the limits the app enforces.
photo_limit() {
  sed -n "s/.*const int $2 = \([0-9 *]*\);.*/\1/p" "Vybe.Web/Ocr/$1.cs" | python3 -c 'import sys; print(eval(sys.stdin.read()))'
}
photo_request_limit() {
  sed -n 's/.*const int MaxRequestBytes = ImageUploadRules.MaxBytes + (\([0-9 *]*\));.*/\1/p' Vybe.Web/Pages/Readings/PhotoUpload.cs |
    python3 -c "import sys; print($(photo_limit ImageHeader MaxBytes) + eval(sys.stdin.read()))"
}

rolling_restart() {
  local origin=$1
  local readings_before
  readings_before="$(psql_value "$DATABASE" "SELECT count(*) FROM readings")"
  log "Rolling restart under load: $LOAD_CONCURRENCY guests through nginx while each instance is stopped (SIGTERM) and started in turn"
  local stop_file="$WORK_DIR/load.stop"
  node scripts/proxy/load.mjs "$origin" "$WORK_DIR/tls/fullchain.pem" "$CLIENT_ADDRESS" "$LOAD_MAX_SECONDS" "$LOAD_CONCURRENCY" \
    "$WORK_DIR/load.json" "$stop_file" >"$WORK_DIR/load.out" 2>&1 &
  local load_pid=$! load_status=0 began=$SECONDS name
  for name in first second; do
    sleep "$LOAD_PAUSE_SECONDS"
    echo "  at $((SECONDS - began)) s: stopping instance $name"
    stop_instance "$name"
    start_instance "$name"
    echo "  at $((SECONDS - began)) s: instance $name started again"
  done
  sleep "$LOAD_PAUSE_SECONDS"
  touch "$stop_file"
  wait "$load_pid" || load_status=$?
  cat "$WORK_DIR/load.out"
  [[ -f $WORK_DIR/load.json ]] || fail "the load generator left no figures"

  local answered stored
  answered="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["readingsAnswered"])' "$WORK_DIR/load.json")"
  stored="$(psql_value "$DATABASE" "SELECT count(*) FROM readings")"
  stored=$((stored - readings_before))
  echo "  readings answered: $answered; readings stored: $stored"
  python3 - "$WORK_DIR/load.json" <<'PY' | tee "$WORK_DIR/summary.txt"
import json, sys
result = json.load(open(sys.argv[1]))
print(f"Rolling restart through nginx: {result['requests']} requests in {result['seconds']} s, "
      f"{result['failed']} failed, p50 {result['p50Ms']} ms, p99 {result['p99Ms']} ms")
PY
  [[ $load_status == 0 ]] || fail "requests failed during the rolling restart (above)"
  [[ $stored == "$answered" ]] || fail "$answered readings were answered but $stored stored"
  echo "The proxy drill passed."
}

main "$@"
