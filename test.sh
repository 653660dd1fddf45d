#!/usr/bin/env bash
# The test command (README): installs what is missing, starts a throwaway PostgreSQL 15 cluster on
# loopback, builds the solution once, runs every test project against that cluster, prints a
# summary and exits non-zero on any failure. .ci/run calls exactly this script.
#
# Works as root on a fresh Debian 12 machine (CI: fresh clone, CI=true, no stdin) and for a
# developer with sudo. Each step is one function; main() at the bottom lists them in order.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RESULTS_DIR="$REPO_ROOT/artifacts/test-results"
BUILD_CONFIGURATION=Release

# Every test project, as "trx name|project path". A project that does not exist yet is skipped with
# a warning, so the script stays usable while the solution grows.
TEST_PROJECTS=(
  "Vybe.Web.Tests|Vybe.Web.Tests/Vybe.Web.Tests.csproj"
  "Vybe.E2E|Vybe.E2E/Vybe.E2E.csproj"
)

DEBIAN_PACKAGES=(postgresql tesseract-ocr tesseract-ocr-eng libtesseract5 libheif1 libheif-examples chromium fonts-dejavu-core fonts-dejavu-extra nginx)

log() { printf '\n==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }

if [[ $EUID -eq 0 ]]; then
  AS_ROOT=()
else
  AS_ROOT=(sudo)
fi

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

install_missing_debian_packages() {
  log "Checking Debian packages"
  local missing=() package
  for package in "${DEBIAN_PACKAGES[@]}"; do
    # A machine may carry PostgreSQL 15's binaries without the 'postgresql' metapackage; they are all we need.
    if [[ $package == postgresql && -x /usr/lib/postgresql/15/bin/initdb ]]; then
      continue
    fi
    is_installed "$package" || missing+=("$package")
  done
  # npm runs the front-end tooling; the .NET machine image normally brings Node.js already.
  if ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
  fi

  if [[ ${#missing[@]} -eq 0 ]]; then
    echo "All present."
    return
  fi
  echo "Installing: ${missing[*]}"
  "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  # The lock timeout lets this wait for an apt run that is already in progress instead of failing.
  "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"
}

install_npm_packages() {
  log "npm ci"
  (cd "$REPO_ROOT" && npm ci --no-audit --no-fund)
}

# The throwaway PostgreSQL cluster (start_throwaway_postgres, stop_postgres).
# shellcheck source=scripts/throwaway-postgres.sh
source "$REPO_ROOT/scripts/throwaway-postgres.sh"

# --- Build and tests ---------------------------------------------------------------------------

TEST_FAILED=false
LIGHTHOUSE_FAILED=false
FORMAT_FAILED=false
TRX_FILES=()

build_solution() {
  log "dotnet build Vybe.sln -c $BUILD_CONFIGURATION"
  (cd "$REPO_ROOT" && dotnet build Vybe.sln -c "$BUILD_CONFIGURATION" --nologo)
}

# Whitespace, code style (.editorconfig) and the analyzers' fixable rules, checked on the built
# solution. It lists each file and line it would change; `dotnet format Vybe.sln` fixes them.
check_format() {
  log "dotnet format Vybe.sln --verify-no-changes"
  if ! (cd "$REPO_ROOT" && dotnet format Vybe.sln --verify-no-changes --no-restore --verbosity quiet); then
    echo "The code is not formatted as .editorconfig says (files above). Run: dotnet format Vybe.sln" >&2
    return 1
  fi
  echo "Formatted as .editorconfig says."
}

run_test_projects() {
  mkdir -p "$RESULTS_DIR"
  local entry name project
  for entry in "${TEST_PROJECTS[@]}"; do
    name="${entry%%|*}"
    project="${entry#*|}"
    if [[ ! -f $REPO_ROOT/$project ]]; then
      warn "$project does not exist; skipping it"
      continue
    fi
    log "dotnet test $project"
    # A stale TRX from an earlier run must never be counted as this run's result.
    rm -f "$RESULTS_DIR/$name.trx"
    TRX_FILES+=("$name|$RESULTS_DIR/$name.trx")
    # Keep going after a failing project so one run reports on all of them.
    (cd "$REPO_ROOT" && dotnet test "$project" --no-build -c "$BUILD_CONFIGURATION" --nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS_DIR" \
      --logger "console;verbosity=normal") || TEST_FAILED=true
  done
}

# The restore drill of docs/DATABASE_OPERATIONS.md on a database with data in it: a new database on
# the throwaway cluster, migrated by the built app's `migrate` command and seeded with psql; then
# scripts/restore-drill.sh must pass and scripts/test-db-scripts.sh must see the backup and the
# drill fail when they should. The database is dropped afterwards. Returns non-zero on any failure.
# (Called from a `||` list, where `set -e` does not apply: each step is checked explicitly.)
run_restore_drill() {
  log "Restore drill (scripts/restore-drill.sh) on a seeded database"
  local -x PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE="vybe_drill_$$_$RANDOM" PG_BIN="${PG_BIN:-}"
  set_libpq_variables_from_test_postgres
  local psql=("${PG_BIN:+$PG_BIN/}psql" --no-psqlrc --no-password --quiet --set=ON_ERROR_STOP=1)

  "${psql[@]}" --dbname=postgres --command="CREATE DATABASE \"$PGDATABASE\"" || return 1
  local status=0
  (cd "$REPO_ROOT/Vybe.Web" && ASPNETCORE_ENVIRONMENT=Test Vybe__Database__Provider=postgres \
    ConnectionStrings__Vybe="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$PGDATABASE" \
    dotnet "bin/$BUILD_CONFIGURATION/net10.0/Vybe.Web.dll" migrate) &&
    "${psql[@]}" --dbname="$PGDATABASE" --file="$REPO_ROOT/scripts/restore-drill-seed.sql" &&
    "$REPO_ROOT/scripts/restore-drill.sh" &&
    "$REPO_ROOT/scripts/test-db-scripts.sh" || status=1

  "${psql[@]}" --dbname=postgres --command="DROP DATABASE IF EXISTS \"$PGDATABASE\" WITH (FORCE)" || status=1
  if [[ $status -ne 0 ]]; then
    echo "The restore drill or its checks failed." >&2
  fi
  return "$status"
}

# The deployment drill (scripts/proxy-drill.sh, docs/DEPLOYMENT.md): nginx with deploy/'s site file
# in front of two published instances on this run's cluster, checked over HTTPS, an in-flight POST
# drained on SIGTERM and a rolling restart under load. It runs its own nginx on free loopback ports
# (installing Debian's package may start the default site on port 80; the drill does not use it).
run_proxy_drill() {
  log "Deployment drill (scripts/proxy-drill.sh): nginx in front of two instances"
  "$REPO_ROOT/scripts/proxy-drill.sh"
}

# Lighthouse (scripts/lighthouse.sh): every page at the mobile and desktop presets, held to the
# budgets of lighthouserc.json on the published app, against this run's throwaway cluster. It prints
# each page's scores; a missed budget fails the run.
run_lighthouse() {
  log "Lighthouse CI (scripts/lighthouse.sh)"
  "$REPO_ROOT/scripts/lighthouse.sh"
}

# Prints one line per project from its TRX counters (and one per failed test), then the closing "Tests: N passed, N failed,
# N skipped" line; fails when a project left no results or when no test ran at all.
summarize_results() {
  log "Summary"
  python3 - "${TRX_FILES[@]}" <<'PY'
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
totals = {"passed": 0, "failed": 0, "skipped": 0, "executed": 0}
ok = True
for entry in sys.argv[1:]:
    name, path = entry.split("|", 1)
    try:
        counters = ET.parse(path).getroot().find(f"{NS}ResultSummary/{NS}Counters")
    except (OSError, ET.ParseError) as error:
        counters = None
        print(f"{name}: no results ({error})")
    if counters is None:
        ok = False
        continue
    count = lambda key: int(counters.get(key, "0"))
    total, executed = count("total"), count("executed")
    failed = count("failed") + count("error") + count("timeout") + count("aborted")
    passed, skipped = count("passed"), total - executed
    print(f"{name}: {passed} passed, {failed} failed, {skipped} skipped ({total} total)")
    # The run's output can be long enough that only its end is read: name each failure here.
    for result in ET.parse(path).getroot().iter(f"{NS}UnitTestResult"):
        if result.get("outcome") not in ("Passed", "NotExecuted"):
            message = result.findtext(f"{NS}Output/{NS}ErrorInfo/{NS}Message") or ""
            lines = [line.rstrip() for line in message.strip().splitlines()]
            print(f"  {result.get('outcome')}: {result.get('testName')}: {lines[0][:300] if lines else ''}")
            # Playwright's timeouts say what they waited for in a call log below the first line.
            if "Call log:" in lines:
                for line in lines[lines.index("Call log:") + 1:][:6]:
                    print(f"      {line.strip()[:200]}")
            # Where in our code it failed: the first two frames with a file and line of ours (a
            # helper's line and the test's).
            stack = result.findtext(f"{NS}Output/{NS}ErrorInfo/{NS}StackTrace") or ""
            ours = [frame.strip() for frame in stack.splitlines() if " in /" in frame and "/Vybe." in frame]
            for frame in ours[:2]:
                print(f"      {frame[:300]}")
    totals["passed"] += passed
    totals["failed"] += failed
    totals["skipped"] += skipped
    totals["executed"] += executed
    ok = ok and failed == 0

print(f"Tests: {totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped")
if totals["executed"] == 0:
    print("error: no test ran", file=sys.stderr)
    ok = False
sys.exit(0 if ok else 1)
PY
}

# --- Main --------------------------------------------------------------------------------------

on_exit() {
  local status=$?
  stop_postgres
  printf 'Elapsed: %ss\n' "$SECONDS"
  exit "$status"
}

main() {
  trap on_exit EXIT
  # Turn Ctrl-C and termination into a normal exit so the EXIT trap still stops the cluster.
  trap 'exit 130' INT
  trap 'exit 143' TERM

  install_missing_debian_packages
  install_npm_packages
  start_throwaway_postgres

  if ! build_solution; then
    echo "Build failed; no tests were run." >&2
    exit 1
  fi
  check_format || FORMAT_FAILED=true
  run_test_projects
  run_restore_drill || TEST_FAILED=true
  run_proxy_drill || TEST_FAILED=true
  run_lighthouse || LIGHTHOUSE_FAILED=true

  local summary_ok=true
  summarize_results || summary_ok=false
  # The deployment drill's figures (scripts/proxy-drill.sh), when it got as far as the rolling restart.
  cat "$REPO_ROOT/artifacts/proxy-drill/summary.txt" 2>/dev/null || echo "Rolling restart through nginx: no figures (see the deployment drill above)"
  if [[ $LIGHTHOUSE_FAILED == true ]]; then
    echo "Lighthouse: a budget was missed or the audit could not run (see above)." >&2
  fi
  if [[ $FORMAT_FAILED == true ]]; then
    echo "Format: files differ from .editorconfig's style (listed after the build). Run: dotnet format Vybe.sln" >&2
  fi
  if [[ $TEST_FAILED == true || $summary_ok == false || $LIGHTHOUSE_FAILED == true || $FORMAT_FAILED == true ]]; then
    exit 1
  fi
}

main "$@"
