#!/usr/bin/env bash
# Error-log overhead benchmark (docs/BENCHMARKS.md): builds bench/Vybe.Bench in Release and runs it.
# Prints figures; asserts nothing. Uses the PostgreSQL server in VYBE_TEST_POSTGRES when set, else
# starts a throwaway PostgreSQL cluster on 127.0.0.1 (as test.sh does) and deletes it on exit.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_PROJECT="$REPO_ROOT/bench/Vybe.Bench/Vybe.Bench.csproj"

log() { printf '\n==> %s\n' "$*"; }

# shellcheck source=scripts/throwaway-postgres.sh
source "$REPO_ROOT/scripts/throwaway-postgres.sh"

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
