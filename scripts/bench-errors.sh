#!/usr/bin/env bash
# Error issues at scale (docs/BENCHMARKS.md, "Error issues at scale"): seeds 1,000,000 error_logs rows
# in 2,000 fingerprints, with the issue tables as the writer would leave them
# (scripts/bench-errors-seed.sql), runs the published app (Production) on that database, signs in as
# an admin through the login form, and prints the median and p95 time of the admin error pages beside
# the time of a plain SELECT count(*) FROM error_logs, then the query plans that matter for scale.
# Prints figures; asserts nothing. Pages that are not built yet (404) are reported as such.
#
# Uses the PostgreSQL server in VYBE_TEST_POSTGRES when set (a fresh database, dropped on exit), else
# starts a throwaway PostgreSQL cluster on 127.0.0.1 and deletes it on exit. Stops on its own: every
# request has a time limit and every page a time budget. Settings (environment):
#   BENCH_ROWS (1000000), BENCH_FINGERPRINTS (2000), BENCH_REQUESTS per page (30), BENCH_WARMUP (3),
#   BENCH_PAGE_BUDGET seconds per page, warm-up included (30), BENCH_FULL_PLANS=1 prints whole plans.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${BENCH_ROWS:-1000000}"
FINGERPRINTS="${BENCH_FINGERPRINTS:-2000}"
REQUESTS="${BENCH_REQUESTS:-30}"
WARMUP="${BENCH_WARMUP:-3}"
PAGE_BUDGET="${BENCH_PAGE_BUDGET:-30}"
REQUEST_TIMEOUT=20
# The newest seeded release, so rows the app writes during the run belong with the seeded ones.
APP_RELEASE="1.6.0+e71f5c2"

log() { printf '\n==> %s\n' "$*"; }

# shellcheck source=scripts/throwaway-postgres.sh
source "$REPO_ROOT/scripts/throwaway-postgres.sh"

WORK_DIR="$(mktemp -d -t vybe-bench-errors.XXXXXX)"
APP_DIR="$WORK_DIR/app"
APP_PID=""
DATABASE=""
OWN_CLUSTER=false
BASE_URL=""
COUNT_MEDIAN_MS=""

PSQL=psql
[[ -x /usr/lib/postgresql/15/bin/psql ]] && PSQL=/usr/lib/postgresql/15/bin/psql

psql_run() { "$PSQL" -X -q -v ON_ERROR_STOP=1 "$@"; }

# One value, unaligned.
psql_value() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

cleanup() {
  local status=$?
  if [[ -n $APP_PID ]]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [[ -n $DATABASE && $OWN_CLUSTER == false ]]; then
    PGDATABASE=postgres psql_run -c "DROP DATABASE IF EXISTS \"$DATABASE\" WITH (FORCE)" || true
  fi
  if [[ $OWN_CLUSTER == true ]]; then
    stop_postgres
  fi
  rm -rf "$WORK_DIR"
  exit "$status"
}

# The app's configuration, for the server and for its maintenance commands.
app() {
  (cd "$APP_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production \
    Vybe__Database__Provider=postgres \
    ConnectionStrings__Vybe="$VYBE_TEST_POSTGRES;Database=$DATABASE" \
    Vybe__Database__MigrateOnStartup=false \
    Vybe__Email__PickupDirectory="$WORK_DIR/mail" \
    Vybe__Release="$APP_RELEASE" \
    Logging__LogLevel__Default=Warning \
    Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=None \
    dotnet Vybe.Web.dll "$@")
}

wait_until_healthy() {
  local url=$1 attempt
  for attempt in $(seq 1 240); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      echo "The app exited before $url answered. Its output:" >&2
      cat "$WORK_DIR/app.log" >&2
      return 1
    fi
    if curl -fs -o /dev/null --max-time 2 "$url"; then
      return 0
    fi
    sleep 0.25
  done
  echo "$url did not answer within 60 s. The app's output:" >&2
  cat "$WORK_DIR/app.log" >&2
  return 1
}

print_machine() {
  log "Machine"
  echo "CPUs:       $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'))"
  echo "RAM:        $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "Load:       $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the start"
  echo "OS:         $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo ".NET:       $(dotnet --version) SDK"
  echo "PostgreSQL: $(psql_value 'SHOW server_version'), shared_buffers $(psql_value 'SHOW shared_buffers'), fsync $(psql_value 'SHOW fsync'), on ${PGHOST}"
}

# The antiforgery token of the first form on a page.
form_token() {
  python3 -c 'import re, sys
html = sys.stdin.read()
match = re.search(r"<input[^>]*name=\"__RequestVerificationToken\"[^>]*>", html)
value = re.search(r"value=\"([^\"]*)\"", match.group(0)) if match else None
sys.exit("no antiforgery token on the page") if value is None else print(value.group(1))'
}

# Posts a form the way a browser would: GET the page (antiforgery cookie and token), then POST it.
post_form() {
  local jar=$1 path=$2
  shift 2
  local token status
  token="$(curl -fsS -c "$jar" -b "$jar" --max-time "$REQUEST_TIMEOUT" "$BASE_URL$path" | form_token)"
  local fields=(--data-urlencode "__RequestVerificationToken=$token")
  local field
  for field in "$@"; do
    fields+=(--data-urlencode "$field")
  done
  status="$(curl -sS -o "$WORK_DIR/post.html" -w '%{http_code}' -c "$jar" -b "$jar" --max-time "$REQUEST_TIMEOUT" "${fields[@]}" "$BASE_URL$path")"
  if [[ $status != 302 ]]; then
    echo "POST $path answered $status instead of a redirect:" >&2
    grep -o 'class="validation-summary-errors"[^<]*<ul>.*</ul>' "$WORK_DIR/post.html" >&2 || head -c 2000 "$WORK_DIR/post.html" >&2
    return 1
  fi
}

sign_in_as_admin() {
  local email="bench.admin@example.com" password
  password="bench $(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
  log "Signing up $email, granting it admin (grant-admin), signing in through the login form"
  post_form "$WORK_DIR/signup.jar" /Account/Signup "Input.Email=$email" "Input.Password=$password" "Input.ConfirmPassword=$password"
  app grant-admin "$email"
  # A fresh session, so the cookie carries the role.
  post_form "$WORK_DIR/admin.jar" /Account/Login "Input.Email=$email" "Input.Password=$password"
  local status
  status="$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK_DIR/admin.jar" --max-time 60 "$BASE_URL/Admin")"
  if [[ $status != 200 ]]; then
    echo "Signed in, but /Admin answered $status: the account is not an admin." >&2
    return 1
  fi
}

# Median of a few SELECT count(*) FROM error_logs, timed by psql (\timing) in one session.
time_count() {
  log "SELECT count(*) FROM error_logs (1 warm-up, then 5 timed)"
  local times
  times="$( { echo 'SELECT count(*) FROM error_logs;'; echo '\timing on'; for _ in 1 2 3 4 5; do echo 'SELECT count(*) FROM error_logs;'; done; } \
    | psql_run -At | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')"
  COUNT_MEDIAN_MS="$(printf '%s\n' "$times" | python3 -c 'import statistics, sys; print(f"{statistics.median(float(x) for x in sys.stdin):.1f}")')"
  echo "times ms: $(echo "$times" | tr '\n' ' ')"
  echo "median:   $COUNT_MEDIAN_MS ms"
}

PAGE_ROWS=()

# Times GET $path as the signed-in admin: warm-up, then up to REQUESTS requests within PAGE_BUDGET
# seconds, each on a new connection and timed by curl (time_total: from the start of the request,
# connection included, to the last byte of the body).
measure_page() {
  local label=$1 path=$2 url="$BASE_URL$2" status
  status="$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK_DIR/admin.jar" --max-time "$REQUEST_TIMEOUT" "$url" || echo 000)"
  if [[ $status == 404 ]]; then
    PAGE_ROWS+=("$label|$path|404 — not built yet|||||")
    return
  fi
  if [[ $status != 200 ]]; then
    PAGE_ROWS+=("$label|$path|HTTP $status|||||")
    return
  fi
  # The first request above counts as a warm-up; the budget covers the rest of them too.
  local i deadline=$((SECONDS + PAGE_BUDGET)) samples="" bytes=0 line code
  for ((i = 1; i < WARMUP && SECONDS < deadline; i++)); do
    curl -s -o /dev/null -b "$WORK_DIR/admin.jar" --max-time "$REQUEST_TIMEOUT" "$url" || true
  done
  for ((i = 0; i < REQUESTS && SECONDS < deadline; i++)); do
    line="$(curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}' -b "$WORK_DIR/admin.jar" --max-time "$REQUEST_TIMEOUT" "$url" || echo "000 0 0")"
    read -r code _ bytes <<<"$line"
    if [[ $code != 200 ]]; then
      PAGE_ROWS+=("$label|$path|HTTP $code on request $((i + 1))|||||")
      return
    fi
    samples+="${line#* }"$'\n'
  done
  PAGE_ROWS+=("$(printf '%s' "$samples" | python3 -c '
import math, sys
label, path, count_ms = sys.argv[1], sys.argv[2], float(sys.argv[3])
times = sorted(float(line.split()[0]) * 1000 for line in sys.stdin if line.strip())
size = sys.argv[4]
def rank(p):  # nearest rank
    return times[max(0, math.ceil(p / 100 * len(times)) - 1)]
median = rank(50)
print(f"{label}|{path}|200|{len(times)}|{median:.1f}|{rank(95):.1f}|{times[-1]:.1f}|{median / count_ms:.2f}|{int(size) // 1024} KiB")
' "$label" "$path" "$COUNT_MEDIAN_MS" "$bytes")")
}

print_pages() {
  printf '\n%-34s %-48s %-22s %4s %9s %9s %9s %9s %8s\n' page path status n "median ms" "p95 ms" "max ms" "× count" size
  local row label path status n median p95 max ratio size
  for row in "${PAGE_ROWS[@]}"; do
    IFS='|' read -r label path status n median p95 max ratio size <<<"$row"
    printf '%-34s %-48s %-22s %4s %9s %9s %9s %9s %8s\n' "$label" "$path" "$status" "$n" "$median" "$p95" "$max" "$ratio" "$size"
  done
  echo "(× count: the page's median over the median of SELECT count(*) FROM error_logs, $COUNT_MEDIAN_MS ms)"
}

measure_pages() {
  local biggest typical biggest_rows typical_rows
  biggest="$(psql_value 'SELECT id FROM error_issues ORDER BY event_count DESC, id LIMIT 1')"
  biggest_rows="$(psql_value "SELECT event_count FROM error_issues WHERE id = $biggest")"
  typical="$(psql_value 'SELECT id FROM error_issues ORDER BY event_count, id OFFSET (SELECT count(*) / 2 FROM error_issues) LIMIT 1')"
  typical_rows="$(psql_value "SELECT event_count FROM error_issues WHERE id = $typical")"
  log "Pages: $WARMUP warm-up, then $REQUESTS requests each (at most ${PAGE_BUDGET} s a page), one at a time, new connection each"
  echo "Biggest issue: #$biggest ($biggest_rows rows); typical (median-sized) issue: #$typical ($typical_rows rows)"
  measure_page "issues list" "/Admin/Errors"
  measure_page "issues list, filtered" "/Admin/Errors?status=open&level=error"
  measure_page "issue page, biggest" "/Admin/Errors/Issues/$biggest"
  measure_page "issue page, typical" "/Admin/Errors/Issues/$typical"
  measure_page "row log" "/Admin/Errors/Log"
  measure_page "row log, filtered" "/Admin/Errors/Log?q=timeout"
  # Until the issues list lands, /Admin/Errors is the row log itself: time its filter too.
  if [[ ${PAGE_ROWS[4]} == *"not built yet"* ]]; then
    measure_page "today's row log (/Admin/Errors), q" "/Admin/Errors?q=timeout"
  fi
  print_pages
  if [[ ${PAGE_ROWS[4]} == *"not built yet"* ]]; then
    echo "/Admin/Errors/Log answers 404, so /Admin/Errors is still the row log: its figures are the row log's, not the issues list's."
  fi
}

# EXPLAIN (ANALYZE, BUFFERS) of one statement: the top node, its buffers, the scans it uses (with
# the rows each returned) and the execution time; flags a sequential scan of error_logs unless the
# third argument says it is expected. A DELETE runs in a transaction that is rolled back.
plan() {
  local label=$1 sql=$2 expected=${3:-} output
  output="$(psql_run -c 'BEGIN' -c "EXPLAIN (ANALYZE, BUFFERS) $sql" -c 'ROLLBACK' 2>&1)"
  printf '\n-- %s\n' "$label"
  if [[ ${BENCH_FULL_PLANS:-0} == 1 ]]; then
    printf '%s\n' "$output"
    return
  fi
  printf '%s\n' "$output" | awk -v expected="$expected" '
    function strip(line) { sub(/^ *(-> *)?/, "", line); return line }
    NR == 3 { print "   " strip($0) }
    /Buffers:/ && !buffers { print "   " strip($0); buffers = 1 }
    /(Seq|Index|Index Only|Bitmap Heap|Bitmap Index) Scan/ {
      line = strip($0); rows = line; loops = line; sub(/ +\(cost.*/, "", line)
      sub(/.*actual time=[^ ]* rows=/, "", rows); sub(/ .*/, "", rows)
      sub(/.*loops=/, "", loops); sub(/[^0-9].*/, "", loops)
      if (rows !~ /^[0-9]+$/) print "   scan: " line " (never executed)"
      else print "   scan: " line " (" rows " rows" (loops > 1 ? " × " loops " loops" : "") ")"
    }
    /Execution Time/ { print "   " strip($0) }
    /Seq Scan on error_logs/ { seq = 1 }
    /ERROR/ { print "   " $0 }
    END { if (seq) print (expected == "seq scan expected" ? "   (a sequential scan of error_logs, as expected)" : "   !! sequential scan of error_logs") }'
}

print_plans() {
  local biggest typical
  biggest="$(psql_value 'SELECT id FROM error_issues ORDER BY event_count DESC, id LIMIT 1')"
  typical="$(psql_value 'SELECT id FROM error_issues ORDER BY event_count, id OFFSET (SELECT count(*) / 2 FROM error_issues) LIMIT 1')"
  local list="SELECT id FROM error_issues WHERE merged_into_id IS NULL ORDER BY last_seen DESC, id DESC LIMIT 50"
  log "Query plans (EXPLAIN ANALYZE, BUFFERS): top node, its buffers, execution time"
  plan "count(*) of error_logs" "SELECT count(*) FROM error_logs" "seq scan expected"
  plan "row log, first page" "SELECT * FROM error_logs ORDER BY ts DESC, id DESC LIMIT 51"
  plan "row log, q=timeout (ILIKE)" "SELECT * FROM error_logs WHERE message ILIKE '%timeout%' ESCAPE '\\' ORDER BY ts DESC, id DESC LIMIT 51"
  plan "row log, q matching nothing (ILIKE)" "SELECT * FROM error_logs WHERE message ILIKE '%no such text%' ESCAPE '\\' ORDER BY ts DESC, id DESC LIMIT 51"
  plan "row log, code=EMAIL_SEND_FAILED (a rare code)" "SELECT * FROM error_logs WHERE code = 'EMAIL_SEND_FAILED' ORDER BY ts DESC, id DESC LIMIT 51"
  plan "row log, level=info (a rare level)" "SELECT * FROM error_logs WHERE level = 'info' ORDER BY ts DESC, id DESC LIMIT 51"
  plan "row log, service=client, level=warn (no row has both)" "SELECT * FROM error_logs WHERE level = 'warn' AND service = 'client' ORDER BY ts DESC, id DESC LIMIT 51"
  plan "issue #$biggest (biggest): latest 20 events" "SELECT * FROM error_logs WHERE issue_id = $biggest ORDER BY ts DESC, id DESC LIMIT 20"
  plan "issue #$typical (typical): latest 20 events" "SELECT * FROM error_logs WHERE issue_id = $typical ORDER BY ts DESC, id DESC LIMIT 20"
  plan "issue #$biggest (biggest): top pages over all its rows" \
    "SELECT coalesce(details->>'page', details->>'path') AS page, count(*) FROM error_logs WHERE issue_id = $biggest GROUP BY 1 ORDER BY 2 DESC LIMIT 5"
  plan "issue #$biggest (biggest): top pages over its latest 1,000 rows" \
    "SELECT coalesce(details->>'page', details->>'path') AS page, count(*) FROM (SELECT details FROM error_logs WHERE issue_id = $biggest ORDER BY ts DESC, id DESC LIMIT 1000) latest GROUP BY 1 ORDER BY 2 DESC LIMIT 5"
  plan "issues list, first page" "SELECT * FROM error_issues WHERE merged_into_id IS NULL ORDER BY last_seen DESC, id DESC LIMIT 51"
  plan "issues list, status=open, level=error" \
    "SELECT * FROM error_issues WHERE merged_into_id IS NULL AND status = 'open' AND level = 'error' ORDER BY last_seen DESC, id DESC LIMIT 51"
  plan "24-hour trend of the first 50 issues (error_issue_hours)" \
    "SELECT f.issue_id, h.hour, sum(h.event_count) FROM error_issue_hours h JOIN error_issue_fingerprints f ON f.fingerprint = h.fingerprint WHERE f.issue_id IN ($list) AND h.hour >= date_trunc('hour', now()) - interval '23 hours' GROUP BY f.issue_id, h.hour"
  plan "14-day trend of the first 50 issues (error_issue_hours)" \
    "SELECT f.issue_id, date_trunc('day', h.hour), sum(h.event_count) FROM error_issue_hours h JOIN error_issue_fingerprints f ON f.fingerprint = h.fingerprint WHERE f.issue_id IN ($list) AND h.hour >= date_trunc('day', now()) - interval '13 days' GROUP BY 1, 2"
  plan "retention batch, 90-day cutoff (nothing is that old)" \
    "DELETE FROM error_logs WHERE id IN (SELECT id FROM error_logs WHERE ts < now() - interval '90 days' ORDER BY id LIMIT 5000)"
  plan "retention batch, 25-day cutoff (a full batch of 5,000)" \
    "DELETE FROM error_logs WHERE id IN (SELECT id FROM error_logs WHERE ts < now() - interval '25 days' ORDER BY id LIMIT 5000)"
}

# Checks that the seed's fingerprints are the app's: reports a seeded browser error again through
# /errors/client (the newest row of a mid-sized client issue, as the browser would send it) and waits
# for the writer to count it into that issue rather than open a new one.
check_fingerprints() {
  log "Fingerprint check: a seeded browser error reported again through /errors/client"
  local issue before report after attempt
  issue="$(psql_value "SELECT id FROM error_issues WHERE service = 'client' ORDER BY event_count DESC, id OFFSET 20 LIMIT 1")"
  before="$(psql_value "SELECT event_count || ' ' || (SELECT count(*) FROM error_issues) FROM error_issues WHERE id = $issue")"
  report="$(psql_value "SELECT json_build_object('kind', details->>'kind', 'message', message, 'source', details->>'source',
      'line', (details->>'line')::int, 'column', (details->>'column')::int, 'stack', details->>'stack', 'page', details->>'page')
    FROM error_logs WHERE issue_id = $issue ORDER BY id DESC LIMIT 1")"
  curl -fsS -o /dev/null --max-time "$REQUEST_TIMEOUT" -H 'Content-Type: application/json' --data "$report" "$BASE_URL/errors/client"
  for attempt in $(seq 1 40); do
    after="$(psql_value "SELECT event_count || ' ' || (SELECT count(*) FROM error_issues) FROM error_issues WHERE id = $issue")"
    [[ $after != "$before" ]] && break
    sleep 0.25
  done
  read -r before_count before_issues <<<"$before"
  read -r after_count after_issues <<<"$after"
  if [[ $after_count == $((before_count + 1)) && $after_issues == "$before_issues" ]]; then
    echo "Issue #$issue went from $before_count to $after_count events and no issue was opened: the seed's fingerprints are the app's."
  else
    echo "!! Issue #$issue: $before_count → $after_count events, issues $before_issues → $after_issues: the seeded fingerprints differ from the app's."
  fi
}

main() {
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  local started=$SECONDS

  if [[ -z ${VYBE_TEST_POSTGRES:-} ]]; then
    OWN_CLUSTER=true
    start_throwaway_postgres
  else
    log "Using the PostgreSQL server in VYBE_TEST_POSTGRES"
  fi
  set_libpq_variables_from_test_postgres
  export PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE=postgres
  print_machine

  log "dotnet publish Vybe.Web (Release)"
  dotnet publish "$REPO_ROOT/Vybe.Web" -c Release --nologo -v q -o "$APP_DIR" >/dev/null

  DATABASE="vybe_bench_errors_$(python3 -c 'import secrets; print(secrets.token_hex(6))')"
  psql_run -c "CREATE DATABASE \"$DATABASE\""
  export PGDATABASE="$DATABASE"
  log "Migrating $DATABASE (dotnet Vybe.Web.dll migrate)"
  app migrate

  log "Seeding $ROWS rows in $FINGERPRINTS fingerprints (scripts/bench-errors-seed.sql)"
  local seed_started=$SECONDS
  psql_run -v rows="$ROWS" -v fingerprints="$FINGERPRINTS" -f "$REPO_ROOT/scripts/bench-errors-seed.sql"
  echo "Seeded in $((SECONDS - seed_started)) s"

  local port
  port="$(free_loopback_port)"
  BASE_URL="http://127.0.0.1:$port"
  log "Starting Vybe.Web (Production) on $BASE_URL"
  app --urls "$BASE_URL" >"$WORK_DIR/app.log" 2>&1 &
  APP_PID=$!
  wait_until_healthy "$BASE_URL/healthz"
  sign_in_as_admin

  time_count
  measure_pages
  print_plans
  check_fingerprints

  log "Done in $((SECONDS - started)) s (load at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
}

main "$@"
