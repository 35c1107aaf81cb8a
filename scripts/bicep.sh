#!/usr/bin/env bash
# Builds and lints infra/bicep/main.bicep with the Bicep CLI from NuGet, and writes a
# what-if-style review of the compiled template to artifacts/bicep/review.txt.
# Needs: dotnet (for the NuGet download), node (for the review). No Azure subscription.
# Exits non-zero on any build or lint error (bicepconfig.json makes the important rules errors).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BICEP_VERSION="0.49.2"
PROJ="infra/tools/BicepCli/BicepCli.proj"
OUT="artifacts/bicep"
MAIN="infra/bicep/main.bicep"

# 1. Bicep CLI from NuGet (PackageDownload; nothing else is fetched).
PACKAGES="${NUGET_PACKAGES:-}"
if [[ -z "$PACKAGES" ]]; then
  PACKAGES="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
fi
PACKAGES="${PACKAGES%/}"
BICEP="$PACKAGES/azure.bicep.commandline.linux-x64/$BICEP_VERSION/tools/bicep"
if [[ ! -f "$BICEP" ]]; then
  echo "bicep.sh: restoring Azure.Bicep.CommandLine.linux-x64 $BICEP_VERSION from NuGet"
  dotnet restore "$PROJ" --nologo -v quiet
fi
if [[ ! -f "$BICEP" ]]; then
  echo "bicep.sh: $BICEP not found after restore" >&2
  exit 1
fi
chmod +x "$BICEP"
"$BICEP" --version

mkdir -p "$OUT"

# 2. Build (compile errors and error-level lint rules fail the build).
echo "bicep.sh: build $MAIN -> $OUT"
"$BICEP" build "$MAIN" --outdir "$OUT"

# 3. Lint (explicitly, so warnings are printed too; any error fails).
echo "bicep.sh: lint $MAIN"
LINT_LOG="$OUT/lint.txt"
set +e
"$BICEP" lint "$MAIN" >"$LINT_LOG" 2>&1
LINT_RC=$?
set -e
cat "$LINT_LOG"
if [[ $LINT_RC -ne 0 ]] || grep -q ' : Error ' "$LINT_LOG"; then
  echo "bicep.sh: lint failed" >&2
  exit 1
fi
echo "bicep.sh: lint clean ($(grep -c ' : Warning ' "$LINT_LOG" || true) warnings)"

# 4. What-if-style review from the compiled ARM JSON.
node "$ROOT/scripts/bicep-review.mjs" "$OUT/main.json" >"$OUT/review.txt"
echo "bicep.sh: review written to $OUT/review.txt ($(wc -l <"$OUT/review.txt") lines)"
