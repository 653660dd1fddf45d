#!/usr/bin/env bash
# Photo-reading corpus benchmark (docs/BENCHMARKS.md): installs what is missing (Tesseract and the
# fonts the corpus draws with), draws the corpus into artifacts/ocr-corpus/ unless one drawn by the
# same drawing code is there already, builds bench/Vybe.OcrBench in Release and scores Vybe's
# in-process reader against the `tesseract` command. Prints the scorecard on standard output (also
# saved to artifacts/ocr-bench.md), progress on standard error; asserts nothing.
#
#   scripts/bench-ocr.sh [--redraw] [--corpus DIR] [--kind KIND]
#
# --redraw draws the corpus again even when it is there; --kind scores one kind only (e.g. lock-screen).
# Works as root on a fresh Debian 12 machine and for a developer with sudo, from a fresh clone.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJECT="$REPO_ROOT/bench/Vybe.OcrBench/Vybe.OcrBench.csproj"
CORPUS_DIR="$REPO_ROOT/artifacts/ocr-corpus"
REPORT="$REPO_ROOT/artifacts/ocr-bench.md"
REDRAW=false
SCORE_ARGS=()

DEBIAN_PACKAGES=(
  tesseract-ocr tesseract-ocr-eng libtesseract5
  fonts-dseg fonts-liberation2 fonts-noto-core fonts-roboto-unhinted fonts-lato fonts-dejavu-core fonts-dejavu-extra
)

while [[ $# -gt 0 ]]; do
  case "$1" in
    --redraw) REDRAW=true; shift ;;
    --corpus) CORPUS_DIR="$(realpath -m "$2")"; shift 2 ;;
    --kind) SCORE_ARGS+=(--kind "$2"); shift 2 ;;
    *) echo "Usage: $0 [--redraw] [--corpus DIR] [--kind KIND]" >&2; exit 2 ;;
  esac
done

log() { printf '\n==> %s\n' "$*" >&2; }

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
    is_installed "$package" || missing+=("$package")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    echo "All present." >&2
    return
  fi
  echo "Installing: ${missing[*]}" >&2
  "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  # The lock timeout lets this wait for an apt run that is already in progress instead of failing.
  "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"
}

build_bench() {
  log "dotnet build bench/Vybe.OcrBench -c Release"
  dotnet build "$PROJECT" -c Release --nologo -v quiet >&2
}

run_bench() {
  (cd "$REPO_ROOT" && dotnet run --project "$PROJECT" -c Release --no-build -- "$@")
}

# The corpus is reused only when the code that drew it is the code here now.
drawing_fingerprint() {
  (cd "$REPO_ROOT" && cat bench/Vybe.OcrBench/Corpus/*.cs | sha256sum | cut -d' ' -f1)
}

draw_corpus() {
  local stamp="$CORPUS_DIR/drawn-by.sha256"
  if [[ $REDRAW == false && -f "$CORPUS_DIR/expected.tsv" && -f "$stamp" && "$(cat "$stamp")" == "$(drawing_fingerprint)" ]]; then
    log "Reusing the corpus in $CORPUS_DIR (--redraw draws it again)"
    return
  fi
  log "Drawing the corpus into $CORPUS_DIR"
  run_bench draw --out "$CORPUS_DIR" >&2
  drawing_fingerprint > "$stamp"
}

score_corpus() {
  log "Scoring (one photo at a time; a few minutes)"
  mkdir -p "$(dirname "$REPORT")"
  run_bench score --corpus "$CORPUS_DIR" "${SCORE_ARGS[@]}" | tee "$REPORT"
  echo "(saved to $REPORT)" >&2
}

install_missing_debian_packages
build_bench
draw_corpus
score_corpus
