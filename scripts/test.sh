#!/usr/bin/env bash
# The test command: everything on a fresh clone with the .NET SDK and Node.js present.
#   1. installs Azurite (package.json) and starts ONE in-memory Azurite for the whole run
#   2. compiles and lints the Bicep (Bicep CLI from NuGet) and builds the deployment package (the isolated worker)
#   3. builds the solution (warnings are errors) and runs every test project, in parallel
#   0. installs Chromium (apt) when /usr/bin/chromium is missing: the page tests drive it through Playwright
# Prints "N passed, N failed" at the end; exits non-zero on any failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
START=$(date +%s)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Playwright drives the system Chromium (BrowserFixture: ExecutablePath); it must never download browsers.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [[ ! -x /usr/bin/chromium ]]; then
  echo "test.sh: installing Chromium (apt-get install chromium) for the page tests"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || [[ ! -x /usr/bin/chromium ]]; then
    echo "test.sh: FAILED to install Chromium: the browser tests need /usr/bin/chromium. Install it as root with" >&2
    echo "          apt-get update && apt-get install -y chromium" >&2
    exit 1
  fi
fi

export AZURITE_PID_FILE="$(mktemp)"
if ! BREACHNOTIFY_TEST_STORAGE="$(scripts/azurite.sh)"; then
  echo "test.sh: STOPPED before any test: Azurite (the tests' storage) did not start; see the lines above" >&2
  exit 1
fi
export BREACHNOTIFY_TEST_STORAGE
AZURITE_PID="$(cat "$AZURITE_PID_FILE")"
trap 'kill "$AZURITE_PID" 2>/dev/null || true; rm -f "$AZURITE_PID_FILE"' EXIT
echo "test.sh: Azurite up (pid $AZURITE_PID, log artifacts/azurite-$AZURITE_PID.log)"

echo "test.sh: Bicep build + lint"
scripts/bicep.sh
echo "test.sh: deployment package"
scripts/package.sh
export BREACHNOTIFY_PACKAGE="$ROOT/artifacts/breachnotify-worker.zip"

echo "test.sh: build"
dotnet build BreachNotify.sln -c Release --nologo -v quiet
# Storage must still be there after the build; the fixture checks it again before the first test.
if ! kill -0 "$AZURITE_PID" 2>/dev/null; then
  echo "test.sh: STOPPED before any test: Azurite (pid $AZURITE_PID) died during the build; log: artifacts/azurite-$AZURITE_PID.log" >&2
  tail -20 "artifacts/azurite-$AZURITE_PID.log" >&2 || true
  exit 1
fi
echo "test.sh: tests"
LOG="$(mktemp)"
set +e
dotnet test --solution BreachNotify.sln -c Release --no-build -- --timeout 20m 2>&1 | tee "$LOG"
STATUS=${PIPESTATUS[0]}
set -e
TOTAL=$(grep -E '^\s+total: [0-9]+' "$LOG" | tail -1 | grep -oE '[0-9]+' || echo 0)
FAILED=$(grep -E '^\s+failed: [0-9]+' "$LOG" | tail -1 | grep -oE '[0-9]+' || echo 0)
PASSED=$(grep -E '^\s+succeeded: [0-9]+' "$LOG" | tail -1 | grep -oE '[0-9]+' || echo 0)
# MTP prints one "failed <test name> (<duration>)" line per failed test.
FAILED_NAMES=$(grep -E '^\s*failed [^ ]' "$LOG" | grep -vE '^\s*failed: ' | sed -E 's/^\s*failed //; s/ \([^()]*\)$//' | sort -u || true)
rm -f "$LOG"
if ! kill -0 "$AZURITE_PID" 2>/dev/null; then
  echo "test.sh: Azurite (pid $AZURITE_PID) died during the tests; the last lines of its log:" >&2
  tail -20 "artifacts/azurite-$AZURITE_PID.log" >&2 || true
fi
echo "test.sh: $(( $(date +%s) - START )) s, $TOTAL tests"
if [[ -n "$FAILED_NAMES" ]]; then
  echo "test.sh: failed tests:"
  echo "$FAILED_NAMES" | sed 's/^/  /'
fi
echo "$PASSED passed, $FAILED failed"
if [[ "$TOTAL" == "0" ]]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$STATUS"
