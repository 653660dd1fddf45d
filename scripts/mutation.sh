#!/usr/bin/env bash
# Mutation testing of Vybe's pure core with Stryker.NET (a local tool in .config/dotnet-tools.json):
# input parsing, the numerology engine, meanings and the built-in writer, the error-log queue,
# redaction and fingerprinting, OCR candidate extraction and the image header reader. Each mutant
# (a changed operator, constant, condition or statement) is built into Vybe.Web and the unit tests
# that cover it are run; a mutant no test notices "survived". Prints the score per part of the core
# against its target (85 % for parsing and the engine, 75 % elsewhere), the score per file, and
# writes the survivors to a list for review.
#
# Not part of the test command: it takes 30–60 minutes on a 2-core machine. It needs no database:
# the unit tests it runs (stryker-config.json's test-case-filter) touch neither PostgreSQL nor
# Tesseract.
#
#   scripts/mutation.sh                 # every part of the core
#   scripts/mutation.sh input numerology  # some parts (input, numerology, meanings, error-log, ocr)
#   scripts/mutation.sh --summary-only  # the table again from the last run's report
#
# The parts and their files are listed once, in scripts/mutation/summary.py (PARTS); the Stryker
# settings and the unit tests it runs are in scripts/mutation/stryker-config.json.
#
# Reports: artifacts/mutation/reports/mutation-report.{html,json}; survivors in
# artifacts/mutation/survivors.txt. Exit status: 0 when every part meets its target, 1 when one
# misses it or Stryker failed, 2 for a usage error.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUTPUT_DIR="$REPO_ROOT/artifacts/mutation"
REPORT="$OUTPUT_DIR/reports/mutation-report.json"

summary_only=false
parts=()
for argument in "$@"; do
  case "$argument" in
    --summary-only) summary_only=true ;;
    -h | --help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "usage: scripts/mutation.sh [--summary-only] [PART...]" >&2; exit 2 ;;
    *) parts+=("$argument") ;;
  esac
done

log() { printf '\n==> %s\n' "$*"; }

if [[ $summary_only == false ]]; then
  cd "$REPO_ROOT"
  log "Restoring the local .NET tools (dotnet-stryker)"
  dotnet tool restore >/dev/null
  mutate=()
  while IFS= read -r pattern; do
    mutate+=(--mutate "$pattern")
  done < <(python3 "$REPO_ROOT/scripts/mutation/summary.py" --globs "${parts[@]}" || echo "!")
  [[ ${mutate[-1]} != "!" ]] || exit 2
  rm -rf "$OUTPUT_DIR"
  log "Stryker.NET on the core: ${parts[*]:-every part} (settings: scripts/mutation/stryker-config.json)"
  # Stryker runs from the test project's folder and builds the Debug configuration, so a Release
  # build used by ./test.sh is left alone. The database variable is cleared: a unit test that
  # reached for PostgreSQL would fail at once instead of passing against a developer's cluster.
  (cd "$REPO_ROOT/Vybe.Web.Tests" &&
    env -u VYBE_TEST_POSTGRES VybeMutationRun=true dotnet stryker \
      --config-file "$REPO_ROOT/scripts/mutation/stryker-config.json" \
      --output "$OUTPUT_DIR" --skip-version-check "${mutate[@]}")
fi

if [[ ! -f $REPORT ]]; then
  echo "No mutation report at ${REPORT#"$REPO_ROOT"/}: run scripts/mutation.sh without --summary-only." >&2
  exit 1
fi

log "Mutation score per part of the core"
python3 "$REPO_ROOT/scripts/mutation/summary.py" "$REPORT" "$OUTPUT_DIR/survivors.txt"
