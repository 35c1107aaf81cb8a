#!/usr/bin/env bash
# Starts one in-memory Azurite on free loopback ports (installing it from package.json if needed) and prints the
# connection string on stdout, only once blobs, queues and tables all answer HTTP. Its PID is written to
# $AZURITE_PID_FILE; its log goes to artifacts/azurite-<pid>.log (printed here if it fails to come up).
# Ports come from below the kernel's ephemeral range (ip_local_port_range, 32768-60999 by default), where no
# outgoing connection of another process can take them between our check and Azurite's bind.
# Fixed ports: AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT; AZURITE_LOCATION keeps the data in that
# folder instead of memory (a test stops and restarts storage on the same ports and data). Exits non-zero with one
# line on failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ ! -x node_modules/.bin/azurite ]]; then
  echo "azurite.sh: installing Azurite from package-lock.json" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

EPHEMERAL_LOW=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
LOW=10000
HIGH=$(( EPHEMERAL_LOW - 1 ))
(( HIGH > LOW + 1000 )) || { echo "azurite.sh: FAILED: the ephemeral port range starts at $EPHEMERAL_LOW, leaving no ports below it" >&2; exit 1; }

free_port() {
  local port
  while :; do
    port=$(( LOW + (RANDOM * 32768 + RANDOM) % (HIGH - LOW) ))
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo "$port"; return; }
  done
}

BLOB=${AZURITE_BLOB_PORT:-$(free_port)}
QUEUE=${AZURITE_QUEUE_PORT:-$(free_port)}
TABLE=${AZURITE_TABLE_PORT:-$(free_port)}
mkdir -p artifacts
if [[ -n "${AZURITE_LOCATION:-}" ]]; then
  PERSISTENCE=(--location "$AZURITE_LOCATION")
else
  PERSISTENCE=(--inMemoryPersistence)
fi
# The subshell's PID is Azurite's (exec), so the log can be named after it before it starts.
( exec node_modules/.bin/azurite --silent "${PERSISTENCE[@]}" --disableTelemetry --loose --skipApiVersionCheck \
  --blobHost 127.0.0.1 --blobPort "$BLOB" --queueHost 127.0.0.1 --queuePort "$QUEUE" \
  --tableHost 127.0.0.1 --tablePort "$TABLE" >"artifacts/azurite-$BASHPID.log" 2>&1 ) &
PID=$!
LOG="artifacts/azurite-$PID.log"
echo "$PID" > "${AZURITE_PID_FILE:-/tmp/breachnotify-azurite.pid}"

fail() {
  echo "azurite.sh: FAILED: $1 (log: $LOG)" >&2
  sed 's/^/  azurite| /' "$LOG" | tail -20 >&2 || true
  kill "$PID" 2>/dev/null || true
  exit 1
}

# Any HTTP status from the account URL proves that service is Azurite and listening (a refused or reset
# connection gives 000).
answers() { [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$1/devstoreaccount1$2" || true)" != "000" ]]; }

for service in "blob:$BLOB:?comp=list" "queue:$QUEUE:?comp=list" "table:$TABLE:/Tables"; do
  IFS=: read -r name port path <<<"$service"
  for i in $(seq 1 150); do
    kill -0 "$PID" 2>/dev/null || fail "Azurite exited during its start: $(grep -m1 -i 'error' "$LOG" || tail -1 "$LOG")"
    answers "$port" "$path" && break
    (( i == 150 )) && fail "Azurite's $name service did not answer on 127.0.0.1:$port within 15 s"
    sleep 0.1
  done
done
KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"
