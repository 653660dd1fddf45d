#!/usr/bin/env bash
# Web throughput (docs/BENCHMARKS.md, "Web throughput (issue 19)"): publishes the app, runs it in
# Production on PostgreSQL with fsync on, signs a member up through the real form and gives them
# 100 readings, then loads it with wrk on loopback, each for a bounded time:
#   - the member's reading (POST /Readings/Number as htmx sends it), 16 connections, beside pgbench
#     running the same transaction (advisory lock, insert, trim beyond 100) with 16 clients;
#   - a guest's GET / beside the stylesheet from the same Kestrel, 32 connections each;
#   - the member's GET /history (100 readings), 16 connections;
# then counts, through a PostgreSQL wire-protocol proxy (scripts/bench-web/pg_round_trips.py), the
# round trips and pool checkouts of one member reading, and prints a summary, also written to
# artifacts/bench-web/results.txt. Prints figures; asserts nothing. Not part of ./test.sh.
#
# Starts its own PostgreSQL cluster (fsync on) and deletes it on exit; with VYBE_BENCH_POSTGRES (an
# Npgsql connection string, as VYBE_TEST_POSTGRES) it uses that server instead, in a fresh database
# dropped on exit. Settings (environment): BENCH_DURATION seconds per load (10), BENCH_WARMUP
# seconds before each (3), BENCH_SEQUENTIAL readings counted through the proxy (50), BENCH_PUBLISH=0
# reuses the app already in artifacts/bench-web-app (a second run of the same code).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HELPERS="$REPO_ROOT/scripts/bench-web"
APP_DIR="$REPO_ROOT/artifacts/bench-web-app"
RESULTS_DIR="$REPO_ROOT/artifacts/bench-web"
DURATION="${BENCH_DURATION:-10}"
WARMUP="${BENCH_WARMUP:-3}"
SEQUENTIAL="${BENCH_SEQUENTIAL:-50}"
MEMBER_CAP=100
REQUEST_TIMEOUT=20

log() { printf '\n==> %s\n' "$*"; }

# shellcheck source=scripts/throwaway-postgres.sh
source "$REPO_ROOT/scripts/throwaway-postgres.sh"

WORK_DIR="$(mktemp -d -t vybe-bench-web.XXXXXX)"
APP_PID=""
PROXY_APP_PID=""
PROXY_PID=""
DATABASE=""
OWN_CLUSTER=false
BASE_URL=""
STARTED_PID=""
STARTED_URL=""
MEMBER_ID=""
MEMBER_TOKEN=""
MEMBER_COOKIE=""
STYLESHEET=""
JAR="$WORK_DIR/member.jar"
EVENTS="$WORK_DIR/pg-events.tsv"
# Figures for the summary, by name.
declare -A RESULT=()

PSQL=psql
[[ -x /usr/lib/postgresql/15/bin/psql ]] && PSQL=/usr/lib/postgresql/15/bin/psql
PGBENCH=pgbench
[[ -x /usr/lib/postgresql/15/bin/pgbench ]] && PGBENCH=/usr/lib/postgresql/15/bin/pgbench

psql_run() { "$PSQL" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql_value() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

stop_process() {
  local pid=$1
  if [[ -n $pid ]]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}

cleanup() {
  local status=$?
  stop_process "$APP_PID"
  stop_process "$PROXY_APP_PID"
  # An app that failed to come up is in neither variable yet.
  stop_process "$STARTED_PID"
  stop_process "$PROXY_PID"
  if [[ -n $DATABASE && $OWN_CLUSTER == false ]]; then
    PGDATABASE=postgres psql_run -c "DROP DATABASE IF EXISTS \"$DATABASE\" WITH (FORCE)" || true
  fi
  if [[ $OWN_CLUSTER == true ]]; then
    stop_postgres
  fi
  rm -rf "$WORK_DIR"
  exit "$status"
}

# --- Set-up ------------------------------------------------------------------------------------

ensure_tools() {
  local missing=() tool
  for tool in wrk curl python3; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  command -v "$PGBENCH" >/dev/null 2>&1 || missing+=(postgresql-contrib)
  if [[ ${#missing[@]} -gt 0 ]]; then
    log "Installing ${missing[*]} (apt-get)"
    local as_root=()
    [[ $EUID -ne 0 ]] && as_root=(sudo)
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"
  fi
}

# The throwaway cluster trades durability for speed (fsync off), which would flatter every commit
# here: a benchmark of writes wants the commit a deployment pays for, so it is switched back on.
start_database() {
  if [[ -n ${VYBE_BENCH_POSTGRES:-} ]]; then
    log "Using the PostgreSQL server in VYBE_BENCH_POSTGRES"
    export VYBE_TEST_POSTGRES="$VYBE_BENCH_POSTGRES"
    set_libpq_variables_from_test_postgres
    export PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE=postgres
  else
    OWN_CLUSTER=true
    start_throwaway_postgres
    set_libpq_variables_from_test_postgres
    export PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE=postgres
    psql_run -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" \
      -c "ALTER SYSTEM SET full_page_writes = on" -c "SELECT pg_reload_conf()" >/dev/null
    local attempt
    for attempt in $(seq 1 40); do
      [[ $(psql_value 'SHOW fsync') == on && $(psql_value 'SHOW synchronous_commit') == on ]] && break
      sleep 0.25
    done
  fi
  DATABASE="vybe_bench_web_$(python3 -c 'import secrets; print(secrets.token_hex(6))')"
}

print_machine() {
  log "Machine"
  RESULT[machine]="$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  RESULT[postgres]="PostgreSQL $(psql_value 'SHOW server_version'), fsync $(psql_value 'SHOW fsync'), synchronous_commit $(psql_value 'SHOW synchronous_commit'), on $PGHOST:$PGPORT"
  RESULT[load_start]="$(uptime | sed 's/.*load average: //') (1, 5, 15 min)"
  echo "CPUs:       ${RESULT[machine]}"
  echo "OS:         $(. /etc/os-release && echo "$PRETTY_NAME"), .NET SDK $(dotnet --version)"
  echo "Database:   ${RESULT[postgres]}"
  echo "Load:       ${RESULT[load_start]} at the start: other work on the machine takes from every figure"
}

# Published, not run from the build folder: static files are then fingerprinted and precompressed
# as in a deployment. Publishing builds whatever changed, so the figures are the working tree's.
publish_app() {
  if [[ ${BENCH_PUBLISH:-1} == 0 && -f $APP_DIR/Vybe.Web.dll ]]; then
    log "Reusing the app published in $APP_DIR (BENCH_PUBLISH=0)"
    return
  fi
  log "dotnet publish Vybe.Web (Release) to $APP_DIR"
  rm -rf "$APP_DIR"
  dotnet publish "$REPO_ROOT/Vybe.Web" -c Release --nologo -v q -o "$APP_DIR" >"$WORK_DIR/publish.log" 2>&1 \
    || { cat "$WORK_DIR/publish.log" >&2; return 1; }
}

wait_until_healthy() {
  local url=$1 pid=$2 output=$3 attempt
  for attempt in $(seq 1 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "The app exited before $url answered. Its output:" >&2
      cat "$output" >&2
      return 1
    fi
    curl -fs -o /dev/null --max-time 2 "$url" && return 0
    sleep 0.25
  done
  echo "$url did not answer within 60 s. The app's output:" >&2
  cat "$output" >&2
  return 1
}

# Starts the published app in Production on a free port: start_app NAME CONNECTION_STRING. Sets
# STARTED_PID and STARTED_URL (globals: a command substitution would run it in a subshell, and the
# app would not be this shell's child to wait for). The rate limits are raised (to their maximum) so the load measures the work,
# not the 429s; the app creates the database and migrates it at start-up.
start_app() {
  local name=$1 connection=$2 port
  port="$(free_loopback_port)"
  (cd "$APP_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production \
    Vybe__Database__Provider=postgres \
    ConnectionStrings__Vybe="$connection" \
    Vybe__Email__PickupDirectory="$WORK_DIR/mail" \
    Vybe__RateLimits__ReadingsPerMemberPerMinute=100000 \
    Vybe__RateLimits__ReadingsPerGuestAddressPerMinute=100000 \
    Vybe__RateLimits__ReadingsPerAddressPerMinute=100000 \
    Vybe__RateLimits__SignupPerMinute=100000 \
    Vybe__RateLimits__LoginPerMinute=100000 \
    dotnet Vybe.Web.dll --urls "http://127.0.0.1:$port") >"$WORK_DIR/$name.log" 2>&1 &
  STARTED_PID=$!
  STARTED_URL="http://127.0.0.1:$port"
  wait_until_healthy "$STARTED_URL/healthz" "$STARTED_PID" "$WORK_DIR/$name.log"
}

# --- The member --------------------------------------------------------------------------------

# The antiforgery token of the first form on a page.
form_token() {
  python3 -c 'import re, sys
html = sys.stdin.read()
match = re.search(r"<input[^>]*name=\"__RequestVerificationToken\"[^>]*>", html)
value = re.search(r"value=\"([^\"]*)\"", match.group(0)) if match else None
sys.exit("no antiforgery token on the page") if value is None else print(value.group(1))'
}

# A reading as htmx posts it from the home page's number form (the form carries its own token, so
# site.js adds no header); prints the HTTP status, the body goes to the given file.
post_reading() {
  local number=$1 body=$2 url=${3:-$BASE_URL}
  curl -sS -o "$body" -w '%{http_code}' -b "$JAR" --max-time "$REQUEST_TIMEOUT" \
    -H 'HX-Request: true' -H "HX-Current-URL: $url/?form=number" -H 'HX-Target: result' -H 'HX-Trigger: number-form' \
    --data-urlencode "Input.Number=$number" --data-urlencode 'Input.Depth=standard' \
    --data-urlencode "__RequestVerificationToken=$MEMBER_TOKEN" "$url/Readings/Number"
}

# Signs up through the form (its antiforgery cookie and token, then the POST), then takes the token
# a signed-in page carries: antiforgery tokens are bound to the user, so the signup page's would not do.
seed_member() {
  local email="bench.member@example.com" password token status
  password="bench $(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
  log "Signing up $email through /Account/Signup; $MEMBER_CAP readings through the number form"
  token="$(curl -fsS -c "$JAR" -b "$JAR" --max-time "$REQUEST_TIMEOUT" "$BASE_URL/Account/Signup" | form_token)"
  status="$(curl -sS -o "$WORK_DIR/signup.html" -w '%{http_code}' -c "$JAR" -b "$JAR" --max-time "$REQUEST_TIMEOUT" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Input.Email=$email" \
    --data-urlencode "Input.Password=$password" --data-urlencode "Input.ConfirmPassword=$password" "$BASE_URL/Account/Signup")"
  if [[ $status != 302 ]] || ! grep -q 'vybe\.auth' "$JAR"; then
    echo "Signup answered $status without signing in:" >&2
    head -c 2000 "$WORK_DIR/signup.html" >&2
    return 1
  fi
  MEMBER_TOKEN="$(curl -fsS -c "$JAR" -b "$JAR" --max-time "$REQUEST_TIMEOUT" "$BASE_URL/?form=number" | form_token)"
  # wrk sends cookies as a header: the jar's name=value pairs (httpOnly lines start with #HttpOnly_).
  MEMBER_COOKIE="$(awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$JAR")"
  MEMBER_ID="$(PGDATABASE=$DATABASE psql_value "SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"NormalizedEmail\" = upper('$email')")"

  status="$(post_reading 444 "$WORK_DIR/reading.html")"
  if [[ $status != 200 ]] || grep -q '<html' "$WORK_DIR/reading.html" || ! grep -q 'class="reading"' "$WORK_DIR/reading.html" \
    || ! grep -q 'Saved to' "$WORK_DIR/reading.html"; then
    echo "The reading POST answered $status, not a member's reading fragment:" >&2
    head -c 2000 "$WORK_DIR/reading.html" >&2
    return 1
  fi
  echo "POST /Readings/Number (htmx) answers 200 with a reading fragment saved to the member's history ($(wc -c <"$WORK_DIR/reading.html") bytes)"
  local i
  for ((i = 2; i <= MEMBER_CAP; i++)); do
    status="$(post_reading "$((RANDOM * 32768 + RANDOM))" /dev/null)"
    [[ $status == 200 ]] || { echo "Reading $i answered $status" >&2; return 1; }
  done
  echo "The member ($MEMBER_ID) has $(PGDATABASE=$DATABASE psql_value "SELECT count(*) FROM readings WHERE user_id = '$MEMBER_ID'") readings"
}

# --- Load --------------------------------------------------------------------------------------

# Runs wrk after a warm-up of the same shape; prints wrk's output and keeps it in $WORK_DIR/$name.wrk.
# Then fails loudly when any response was not 200 (wrk's own count, or member.lua's).
run_wrk() {
  local name=$1 connections=$2
  shift 2
  local threads=$((connections < $(nproc) ? connections : $(nproc)))
  wrk -t"$threads" -c"$connections" -d"${WARMUP}s" --timeout 10s "$@" >/dev/null
  wrk -t"$threads" -c"$connections" -d"${DURATION}s" --timeout 10s --latency "$@" | tee "$WORK_DIR/$name.wrk"
  local failed
  failed="$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p; s/^Responses other than 200: *\([0-9]*\).*/\1/p' "$WORK_DIR/$name.wrk" \
    | awk '{ s += $1 } END { print s + 0 }')"
  RESULT[${name}_failed]=$failed
  if [[ $failed != 0 ]]; then
    echo "!! $failed responses were not 200: the figures above are not the page's" >&2
  fi
}

# Requests/s, p50 and p99 (in ms) from a wrk --latency output: "name rps p50 p99".
parse_wrk() {
  python3 - "$WORK_DIR/$1.wrk" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
rps = float(re.search(r"Requests/sec:\s*([\d.]+)", text).group(1))
latency = {p: ms(v, u) for p, v, u in re.findall(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)}
print(f"{rps:.0f} {latency['50']:.1f} {latency['99']:.1f}")
EOF
}

measure_reading_post() {
  log "Member reading: POST /Readings/Number (htmx), 16 connections, ${WARMUP} s warm-up then ${DURATION} s"
  echo "Load at the start: $(uptime | sed 's/.*load average: //')"
  BENCH_REQUEST=reading BENCH_COOKIE="$MEMBER_COOKIE" BENCH_TOKEN="$MEMBER_TOKEN" BENCH_ORIGIN="$BASE_URL" \
    run_wrk reading 16 -s "$HELPERS/member.lua" "$BASE_URL"
  read -r RESULT[reading_rps] RESULT[reading_p50] RESULT[reading_p99] <<<"$(parse_wrk reading)"
  echo "The member has $(PGDATABASE=$DATABASE psql_value "SELECT count(*) FROM readings WHERE user_id = '$MEMBER_ID'") readings (the cap held)"
}

measure_history() {
  log "Member history: GET /history ($MEMBER_CAP readings), 16 connections, ${WARMUP} s warm-up then ${DURATION} s"
  echo "Load at the start: $(uptime | sed 's/.*load average: //')"
  BENCH_REQUEST=history BENCH_COOKIE="$MEMBER_COOKIE" BENCH_ORIGIN="$BASE_URL" \
    run_wrk history 16 -s "$HELPERS/member.lua" "$BASE_URL"
  read -r RESULT[history_rps] RESULT[history_p50] RESULT[history_p99] <<<"$(parse_wrk history)"
}

# The same transaction as the app's reading, for the same member (so the same advisory lock
# serialises it), straight from pgbench over TCP on loopback with the extended protocol, as Npgsql
# speaks it: the ceiling the app's reading could reach on this database.
measure_pgbench() {
  log "pgbench: the reading's transaction (scripts/bench-web/reading-transaction.sql), 16 clients, ${WARMUP} s warm-up then ${DURATION} s"
  echo "Load at the start: $(uptime | sed 's/.*load average: //')"
  local owner_key template numbers sections writer
  # HistoryOwner.LockKey: the Guid's bytes in .NET's order, the two halves as little-endian int64, XORed.
  owner_key="$(python3 -c 'import sys, uuid
b = uuid.UUID(sys.argv[1]).bytes_le
print(int.from_bytes(b[:8], "little", signed=True) ^ int.from_bytes(b[8:], "little", signed=True))' "$MEMBER_ID")"
  template="WHERE user_id = '$MEMBER_ID' AND kind = 'number' ORDER BY created_at DESC LIMIT 1"
  numbers="$(PGDATABASE=$DATABASE psql_value "SELECT numbers::text FROM readings $template")"
  sections="$(PGDATABASE=$DATABASE psql_value "SELECT sections::text FROM readings $template")"
  writer="$(PGDATABASE=$DATABASE psql_value "SELECT writer FROM readings $template")"
  local args=(-h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -n -M extended -c 16 -j 2 -f "$HELPERS/reading-transaction.sql"
    -D owner_key="$owner_key" -D user_id="$MEMBER_ID" -D cap="$MEMBER_CAP" -D numbers="$numbers" -D sections="$sections"
    -D writer="$writer" "$DATABASE")
  "$PGBENCH" "${args[@]}" -T "$WARMUP" >/dev/null 2>&1
  "$PGBENCH" "${args[@]}" -T "$DURATION" 2>&1 | grep -v '^pgbench (' | tee "$WORK_DIR/pgbench.out"
  RESULT[pgbench_tps]="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK_DIR/pgbench.out" | awk '{ printf "%.0f", $1 }')"
  RESULT[pgbench_latency]="$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$WORK_DIR/pgbench.out")"
  echo "The member has $(PGDATABASE=$DATABASE psql_value "SELECT count(*) FROM readings WHERE user_id = '$MEMBER_ID'") readings (the cap held)"
}

# The stylesheet's URL as the page links it: published, it may carry a version or fingerprint.
find_stylesheet() {
  STYLESHEET="$(curl -fsS --max-time "$REQUEST_TIMEOUT" "$BASE_URL/" \
    | python3 -c 'import re, sys
links = re.findall(r"<link[^>]*rel=\"stylesheet\"[^>]*>", sys.stdin.read())
hrefs = [re.search(r"href=\"([^\"]+)\"", link).group(1).replace("&amp;", "&") for link in links]
print(next(h for h in hrefs if "site" in h) if hrefs else sys.exit("no stylesheet on the home page"))')"
}

measure_home_and_static() {
  find_stylesheet
  log "Guest GET / and the stylesheet ($STYLESHEET), 32 connections each, ${WARMUP} s warm-up then ${DURATION} s"
  curl -sS -o /dev/null -D "$WORK_DIR/home.headers" --max-time "$REQUEST_TIMEOUT" "$BASE_URL/"
  echo "GET / sets cookies: $(grep -i '^set-cookie:' "$WORK_DIR/home.headers" | sed 's/^[^:]*: *//; s/=.*//' | paste -sd, - || true)"
  echo "Load at the start: $(uptime | sed 's/.*load average: //')"
  run_wrk home 32 "$BASE_URL/"
  read -r RESULT[home_rps] RESULT[home_p50] RESULT[home_p99] <<<"$(parse_wrk home)"
  run_wrk static 32 "$BASE_URL$STYLESHEET"
  read -r RESULT[static_rps] RESULT[static_p50] RESULT[static_p99] <<<"$(parse_wrk static)"
}

# --- Round trips -------------------------------------------------------------------------------

events_line() { wc -l <"$EVENTS"; }

# Counts one kind of request through the proxy: count_through_proxy NAME LABEL N COMMAND...
# COMMAND runs N requests one at a time; then the app sits idle as long, and the idle window's
# events (background jobs) are subtracted.
count_through_proxy() {
  local name=$1 label=$2 n=$3
  shift 3
  local first end idle_end started elapsed
  sleep 0.5
  first="$(events_line)"
  started="$(date +%s.%N)"
  "$@"
  sleep 0.3 # the last request's tail (a pooled connection's return) reaches the proxy
  end="$(events_line)"
  elapsed="$(python3 -c "import sys, time; print(f'{time.time() - float(sys.argv[1]):.2f}')" "$started")"
  sleep "$elapsed"
  idle_end="$(events_line)"
  python3 "$HELPERS/pg_round_trips.py" report --events "$EVENTS" --window "$first:$end" --idle "$end:$idle_end" \
    --requests "$n" --label "$label (${elapsed} s, then idle as long)" --summary "$WORK_DIR/$name.counts"
  read -r RESULT[${name}_round_trips] RESULT[${name}_checkouts] RESULT[${name}_connections] RESULT[${name}_messages] <"$WORK_DIR/$name.counts"
}

sequential_readings() {
  local url=$1 n=$2 i status
  for ((i = 1; i <= n; i++)); do
    status="$(post_reading "$((RANDOM * 32768 + RANDOM))" /dev/null "$url")"
    [[ $status == 200 ]] || { echo "A reading through the proxy answered $status" >&2; return 1; }
  done
}

sequential_gets() {
  local url=$1 n=$2 i
  shift 2
  for ((i = 1; i <= n; i++)); do
    curl -fsS -o /dev/null --max-time "$REQUEST_TIMEOUT" "$@" "$url"
  done
}

# A second app, on the same database, whose connections pass through the proxy. The first app is
# stopped first so its background jobs and pool do not share the machine with the count.
count_round_trips() {
  log "Round trips: a second app through the PostgreSQL protocol proxy (scripts/bench-web/pg_round_trips.py)"
  stop_process "$APP_PID"
  APP_PID=""
  local proxy_port url
  proxy_port="$(free_loopback_port)"
  : >"$EVENTS"
  python3 "$HELPERS/pg_round_trips.py" proxy --listen "$proxy_port" --upstream "$PGHOST:$PGPORT" --events "$EVENTS" \
    >"$WORK_DIR/proxy.log" 2>&1 &
  PROXY_PID=$!
  local attempt
  for attempt in $(seq 1 40); do
    python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$proxy_port" 2>/dev/null && break
    sleep 0.25
  done
  # Npgsql takes the last value of a repeated key. No SSL: the proxy reads the messages.
  start_app app-proxied "$VYBE_TEST_POSTGRES;Database=$DATABASE;Host=127.0.0.1;Port=$proxy_port;SSL Mode=Disable"
  PROXY_APP_PID=$STARTED_PID
  url=$STARTED_URL
  # Warm: the pool, EF's model and the first query plans are the start-up's cost, not a request's.
  sequential_readings "$url" 5
  sequential_gets "$url/" 3
  sequential_gets "$url/history" 3 -b "$JAR"

  count_through_proxy reading "member reading POST /Readings/Number" "$SEQUENTIAL" sequential_readings "$url" "$SEQUENTIAL"
  count_through_proxy home "guest GET /" 20 sequential_gets "$url/" 20
  count_through_proxy history "member GET /history" 20 sequential_gets "$url/history" 20 -b "$JAR"

  log "The round trips of one member reading, in order, as the proxy saw them"
  local first end
  sleep 0.5
  first="$(events_line)"
  sequential_readings "$url" 1
  sleep 0.3
  end="$(events_line)"
  python3 "$HELPERS/pg_round_trips.py" turns --events "$EVENTS" --window "$first:$end" | tee "$WORK_DIR/one-reading.txt"
}

# --- Summary -----------------------------------------------------------------------------------

ratio() { python3 -c 'import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f"{a / b:.2f}" if b else "n/a")' "$1" "$2"; }

print_summary() {
  local reading_ratio home_ratio
  reading_ratio="$(ratio "${RESULT[reading_rps]}" "${RESULT[pgbench_tps]}")"
  home_ratio="$(ratio "${RESULT[home_rps]}" "${RESULT[static_rps]}")"
  mkdir -p "$RESULTS_DIR"
  {
    echo "Vybe web throughput (scripts/bench-web.sh), $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo 'no git')$(git -C "$REPO_ROOT" diff --quiet HEAD 2>/dev/null || echo ' + local changes')"
    echo "Machine: ${RESULT[machine]}; ${RESULT[postgres]}"
    echo "Load average at the start: ${RESULT[load_start]}; wrk and pgbench ${WARMUP} s warm-up + ${DURATION} s each, on loopback"
    echo
    printf '%-40s %5s %9s %9s %9s\n' "" "conns" "req/s" "p50 ms" "p99 ms"
    printf '%-40s %5s %9s %9s %9s\n' "member reading POST /Readings/Number" 16 "${RESULT[reading_rps]}" "${RESULT[reading_p50]}" "${RESULT[reading_p99]}"
    printf '%-40s %5s %9s %9s %9s\n' "pgbench, the same transaction (tps)" 16 "${RESULT[pgbench_tps]}" "avg $(printf '%.1f' "${RESULT[pgbench_latency]}")" ""
    printf '%-40s %25s\n' "ratio reading / pgbench" "$reading_ratio  (target >= 0.6)"
    printf '%-40s %5s %9s %9s %9s\n' "guest GET /" 32 "${RESULT[home_rps]}" "${RESULT[home_p50]}" "${RESULT[home_p99]}"
    printf '%-40s %5s %9s %9s %9s\n' "static GET ${STYLESHEET%%\?*}" 32 "${RESULT[static_rps]}" "${RESULT[static_p50]}" "${RESULT[static_p99]}"
    printf '%-40s %25s\n' "ratio home / static" "$home_ratio  (target >= 0.3)"
    printf '%-40s %5s %9s %9s %9s\n' "member GET /history ($MEMBER_CAP readings)" 16 "${RESULT[history_rps]}" "${RESULT[history_p50]}" "${RESULT[history_p99]}"
    echo
    # Round trips are waits for the server (a burst of pipelined messages is one); Sync + Query counts
    # each statement's own Sync and each simple Query, DISCARD ALL included.
    printf '%-40s %12s %10s %12s %12s\n' "per request, through the proxy" "round trips" "checkouts" "new conns" "Sync+Query"
    local name label
    for name in reading home history; do
      case $name in
        reading) label="member reading (target <= 5 round trips)" ;;
        home) label="guest GET / (expected 0)" ;;
        history) label="member GET /history" ;;
      esac
      printf '%-40s %12s %10s %12s %12s\n' "$label" "${RESULT[${name}_round_trips]}" "${RESULT[${name}_checkouts]}" \
        "${RESULT[${name}_connections]}" "${RESULT[${name}_messages]}"
    done
    for name in reading history home static; do
      if [[ ${RESULT[${name}_failed]:-0} != 0 ]]; then
        echo "!! $name: ${RESULT[${name}_failed]} responses were not 200"
      fi
    done
    echo
    echo "One member reading's round trips:"
    cat "$WORK_DIR/one-reading.txt"
  } >"$RESULTS_DIR/results.txt"
  log "Summary (also in ${RESULTS_DIR#"$REPO_ROOT"/}/results.txt)"
  sed '/^One member reading/,$d' "$RESULTS_DIR/results.txt"
}

main() {
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  local started=$SECONDS

  ensure_tools
  start_database
  print_machine
  publish_app

  log "Starting Vybe.Web (Production), database $DATABASE"
  start_app app "$VYBE_TEST_POSTGRES;Database=$DATABASE"
  APP_PID=$STARTED_PID
  BASE_URL=$STARTED_URL
  echo "On $BASE_URL"
  seed_member

  measure_reading_post
  measure_history
  measure_pgbench
  measure_home_and_static
  count_round_trips

  print_summary
  log "Done in $((SECONDS - started)) s (load at the end: $(uptime | sed 's/.*load average: //'))"
}

main "$@"
