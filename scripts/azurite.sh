#!/usr/bin/env bash
# Starts one in-memory Azurite on free loopback ports (installing it from package.json if needed) and prints
# the connection string on stdout. Its PID is written to $AZURITE_PID_FILE. Used by test.sh and run.sh.
# AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT fix the ports; AZURITE_LOCATION keeps the data in that
# folder instead of memory (a test stops and restarts storage on the same ports and data).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ ! -x node_modules/.bin/azurite ]]; then
  echo "azurite.sh: installing Azurite from package-lock.json" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

free_port() {
  local port
  while :; do
    port=$(( (RANDOM % 20000) + 30000 ))
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo "$port"; return; }
  done
}

BLOB=${AZURITE_BLOB_PORT:-$(free_port)}
QUEUE=${AZURITE_QUEUE_PORT:-$(free_port)}
TABLE=${AZURITE_TABLE_PORT:-$(free_port)}
if [[ -n "${AZURITE_LOCATION:-}" ]]; then
  PERSISTENCE=(--location "$AZURITE_LOCATION")
else
  PERSISTENCE=(--inMemoryPersistence)
fi
node_modules/.bin/azurite --silent "${PERSISTENCE[@]}" --disableTelemetry --loose --skipApiVersionCheck \
  --blobHost 127.0.0.1 --blobPort "$BLOB" --queueHost 127.0.0.1 --queuePort "$QUEUE" \
  --tableHost 127.0.0.1 --tablePort "$TABLE" >/dev/null 2>&1 &
echo $! > "${AZURITE_PID_FILE:-/tmp/breachnotify-azurite.pid}"
for port in "$QUEUE" "$TABLE" "$BLOB"; do
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break
    sleep 0.1
  done
done
KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"
