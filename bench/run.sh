#!/usr/bin/env bash
# The benchmark: one in-memory Azurite, a Release build, then bench/BreachNotify.Bench (see bench/README.md).
# Extra arguments go to the benchmark, e.g. `bench/run.sh --two-workers false --detections 1000`.
# Writes bench/RESULTS.md. Exit code 0 when every correctness check passed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

export AZURITE_PID_FILE="$(mktemp)"
cleanup() {
  if [[ -s "$AZURITE_PID_FILE" ]]; then kill "$(cat "$AZURITE_PID_FILE")" 2>/dev/null || true; fi
  rm -f "$AZURITE_PID_FILE"
}
trap cleanup EXIT INT TERM

echo "==> Starting Azurite (in memory)"
STORAGE="$(scripts/azurite.sh)"

echo "==> Building (Release)"
dotnet build bench/BreachNotify.Bench -c Release --nologo -v quiet

echo "==> Benchmarking"
timeout 900 dotnet bench/BreachNotify.Bench/bin/Release/net10.0/BreachNotify.Bench.dll \
  --connection "$STORAGE" --root "$ROOT" --results "$ROOT/bench/RESULTS.md" "$@"
