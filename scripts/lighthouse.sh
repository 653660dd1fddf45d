#!/usr/bin/env bash
# Lighthouse over every page: publishes the built app, runs it in Production mode on a fresh
# PostgreSQL database, seeds it through its own forms (an admin account confirmed through the e-mail
# in the pickup folder, readings, a sighting, a shared reading, a browser error), then audits 25
# pages at the mobile and the desktop preset (scripts/lighthouse/audit.mjs): the guest pages (home,
# the photo form, a shared reading, login, signup, forgotten password, the 404 status page) and,
# signed in, a reading at deep depth, history, a sighting, "your numbers", every account page and
# every admin page. lhci assert holds each to the budgets in lighthouserc.json; the summary prints
# the scores and fails a page that answered with another page or status. Reports go to
# artifacts/lighthouse/{mobile,desktop} (git-ignored).
#
# ./test.sh runs it after the test projects, against its throwaway cluster (VYBE_TEST_POSTGRES).
# Run alone it starts a throwaway cluster of its own; it needs `npm ci` and a Release build first.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPORTS_DIR="$REPO_ROOT/artifacts/lighthouse"
APP_DIR="$REPO_ROOT/artifacts/lighthouse-app"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

log() { printf '\n==> %s\n' "$*"; }

# shellcheck source=scripts/throwaway-postgres.sh
source "$REPO_ROOT/scripts/throwaway-postgres.sh"

APP_PID=""
DATABASE=""
OWN_CLUSTER=false
WORK_DIR="$(mktemp -d -t vybe-lighthouse.XXXXXX)"

psql_command() {
  local psql=psql
  [[ -x /usr/lib/postgresql/15/bin/psql ]] && psql=/usr/lib/postgresql/15/bin/psql
  "$psql" -X -q -v ON_ERROR_STOP=1 -c "$1"
}

cleanup() {
  local status=$?
  if [[ -n $APP_PID ]]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [[ -n $DATABASE ]]; then
    psql_command "DROP DATABASE IF EXISTS \"$DATABASE\" WITH (FORCE)" || true
  fi
  if [[ $OWN_CLUSTER == true ]]; then
    stop_postgres
  fi
  rm -rf "$WORK_DIR"
  exit "$status"
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

main() {
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  cd "$REPO_ROOT"

  if [[ -z ${VYBE_TEST_POSTGRES:-} ]]; then
    OWN_CLUSTER=true
    start_throwaway_postgres
  fi
  set_libpq_variables_from_test_postgres
  export PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE=postgres

  if [[ ! -f Vybe.Web/bin/Release/net10.0/Vybe.Web.dll ]]; then
    log "dotnet build Vybe.Web -c Release"
    dotnet build Vybe.Web -c Release --nologo -v q
  fi
  # Published, not run from the build folder: the static files are then served fingerprinted and
  # precompressed, as in a deployment.
  log "dotnet publish Vybe.Web (Release) to $APP_DIR"
  rm -rf "$APP_DIR"
  dotnet publish Vybe.Web -c Release --no-build --nologo -v q -o "$APP_DIR"

  DATABASE="vybe_lighthouse_$(python3 -c 'import secrets; print(secrets.token_hex(6))')"
  local port base_url
  port="$(free_loopback_port)"
  base_url="http://127.0.0.1:$port"
  export LIGHTHOUSE_EMAIL="lighthouse.admin@example.com"
  # The seed confirms the admin's address with the link the app writes here.
  export LIGHTHOUSE_MAIL_DIR="$WORK_DIR/mail"
  LIGHTHOUSE_PASSWORD="lighthouse $(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
  export LIGHTHOUSE_PASSWORD

  log "Starting Vybe.Web (Production) on $base_url, database $DATABASE"
  # Npgsql takes the last value of a repeated key, so appending Database picks the fresh database;
  # the app creates it and applies the migrations at start-up.
  (cd "$APP_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production \
    Vybe__Database__Provider=postgres \
    ConnectionStrings__Vybe="$VYBE_TEST_POSTGRES;Database=$DATABASE" \
    Vybe__Admin__Emails__0="$LIGHTHOUSE_EMAIL" \
    Vybe__Email__PickupDirectory="$LIGHTHOUSE_MAIL_DIR" \
    dotnet Vybe.Web.dll --urls "$base_url") >"$WORK_DIR/app.log" 2>&1 &
  APP_PID=$!
  wait_until_healthy "$base_url/healthz"

  log "Seeding: an admin account (confirmed by its e-mail), three readings, a shared reading, a browser error"
  node scripts/lighthouse/seed.mjs "$base_url" >"$WORK_DIR/seeded.json"
  cat "$WORK_DIR/seeded.json"
  seeded() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$WORK_DIR/seeded.json" "$1"; }

  # Guests' pages first; audit.mjs logs in before the first page that needs an account.
  local urls=(
    "$base_url/"
    "$base_url/Readings/Photo"
    "$(seeded sharedReading)"
    "$base_url/Account/Login"
    "$base_url/Account/Signup"
    "$base_url/Account/ForgotPassword"
    "$base_url/Status/404"
    "$(seeded permalink)"
    "$base_url/history"
    "$(seeded sighting)"
    "$base_url/numbers"
    "$base_url/Account/Manage"
    "$base_url/Account/Manage/Personal"
    "$base_url/Account/Manage/TimeZone"
    "$base_url/Account/Manage/Alerts"
    "$base_url/Account/Manage/ChangeEmail"
    "$base_url/Account/Manage/ChangePassword"
    "$base_url/Account/Manage/Delete"
    "$base_url/Admin"
    "$base_url/Admin/Errors"
    "$(seeded issue)"
    "$base_url/Admin/Errors/Log"
    "$(seeded logRow)"
    "$base_url/Admin/Errors/Digest"
    "$base_url/Admin/Vitals"
  )
  local preset failed=false
  rm -rf "$REPORTS_DIR"
  # The same budgets (lighthouserc.json) at both presets: Lighthouse's default is the mobile one
  # (a mid-range phone on a slow 4G link, simulated), then desktop.
  for preset in mobile desktop; do
    log "Lighthouse at the $preset preset (${#urls[@]} pages; budgets in lighthouserc.json)"
    rm -rf .lighthouseci
    node scripts/lighthouse/audit.mjs "$preset" "${urls[@]}" || failed=true
    npx --no-install lhci upload --config=lighthouserc.json --outputDir="$REPORTS_DIR/$preset" >/dev/null
    log "lhci assert ($preset)"
    npx --no-install lhci assert --config=lighthouserc.json || failed=true
  done

  log "Lighthouse scores"
  # It also fails when a page was shown something other than what was asked (a login form instead
  # of a signed-in page), which no budget would notice.
  node scripts/lighthouse/summary.mjs "$REPORTS_DIR" mobile desktop || failed=true
  if [[ $failed == true ]]; then
    echo "A Lighthouse budget was missed (lhci assert above) or a page was not the one asked for." >&2
    return 1
  fi
  echo "All Lighthouse budgets met at both presets."
}

main "$@"
