#!/usr/bin/env bash
# Reading-variety benchmark (docs/BENCHMARKS.md, "Reading variety"): builds bench/Vybe.VarietyBench
# in Release and runs it. Prints figures; asserts nothing. Needs only the .NET SDK.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet run --project "$REPO_ROOT/bench/Vybe.VarietyBench/Vybe.VarietyBench.csproj" -c Release
