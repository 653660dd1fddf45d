#!/usr/bin/env bash
# Photo-reading benchmark (docs/BENCHMARKS.md): builds bench/Vybe.OcrBench in Release and runs it.
# Prints figures; asserts nothing. Needs libtesseract5, tesseract-ocr, tesseract-ocr-eng and the
# DejaVu fonts (test.sh installs them).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet run --project "$REPO_ROOT/bench/Vybe.OcrBench/Vybe.OcrBench.csproj" -c Release
