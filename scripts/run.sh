#!/usr/bin/env bash
# The run command: BreachNotify locally, end to end, in under a minute on a fresh clone.
#   Azurite (from package.json) + the app on the sample directory + a local mail inbox (SendGrid capture),
#   then a signed sample detection is posted and the URLs (console, inbox, API), the demo commander key, the storage
#   connection string for the CLI and next steps are printed.
# Ctrl+C stops everything. Ports: app 7071 (APP_PORT), inbox 7072 (INBOX_PORT).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
APP_PORT=${APP_PORT:-7071}
INBOX_PORT=${INBOX_PORT:-7072}
APP="http://127.0.0.1:$APP_PORT"
INBOX="http://127.0.0.1:$INBOX_PORT"
for port in "$APP_PORT" "$INBOX_PORT"; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    echo "run.sh: port $port is in use; set APP_PORT / INBOX_PORT to free ports" >&2; exit 1
  fi
done

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

echo "==> Starting Azurite (in memory)"
export AZURITE_PID_FILE="$(mktemp)"
STORAGE="$(scripts/azurite.sh)"
PIDS+=("$(cat "$AZURITE_PID_FILE")")

echo "==> Building"
dotnet build src/BreachNotify.Standalone -c Release --nologo -v quiet
dotnet build tools/BreachNotify.MailCapture -c Release --nologo -v quiet

echo "==> Starting the local inbox on $INBOX"
dotnet tools/BreachNotify.MailCapture/bin/Release/net10.0/BreachNotify.MailCapture.dll --port "$INBOX_PORT" >/dev/null 2>&1 &
PIDS+=("$!")

# Demo secrets, new on every run, printed below; only their hashes reach the app's configuration for commanders.
SOURCE_SECRET="demo-$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
COMMANDER_KEY="ic-demo-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
COMMANDER_HASH="$(printf '%s' "$COMMANDER_KEY" | sha256sum | cut -d' ' -f1)"

echo "==> Starting BreachNotify on $APP"
env Urls="$APP" PublicBaseUrl="$APP" \
  Storage__ConnectionString="$STORAGE" \
  Directory__Path="$ROOT/samples/directory.sample.json" \
  SendGrid__ApiKey="SG.local-demo" SendGrid__Host="$INBOX" SendGrid__From="breach-notify@ntc.example" SendGrid__ActivityLookup=true \
  Sources__siem__Secret="$SOURCE_SECRET" \
  Sources__splunk__Secret="$SOURCE_SECRET" Sources__splunk__Auth=query-token \
  "Commanders__Keys__ic-primary=$COMMANDER_HASH" \
  Workflow__ApprovalEscalationMinutes=2 Workflow__AckReminderMinutes=3 \
  Logging__LogLevel__Default=Warning \
  dotnet src/BreachNotify.Standalone/bin/Release/net10.0/BreachNotify.Standalone.dll &
PIDS+=("$!")
for _ in $(seq 1 150); do
  curl -fs "$APP/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$APP/readyz" >/dev/null || { echo "run.sh: the app did not start" >&2; exit 1; }

echo "==> Posting a sample detection (OCSF exfiltration from the EU production database)"
SAMPLE="tests/fixtures/siem/ocsf-detection-finding-exfil.json"
SIGNATURE="sha256=$(openssl dgst -sha256 -hmac "$SOURCE_SECRET" -r < "$SAMPLE" | cut -d' ' -f1)"
ANSWER="$(curl -fs -X POST "$APP/api/detections?source=siem" -H 'Content-Type: application/json' -H "X-BreachNotify-Signature: $SIGNATURE" --data-binary @"$SAMPLE")"
INCIDENT="$(printf '%s' "$ANSWER" | sed -E 's/.*"incidentId":"([^"]+)".*/\1/')"

cat <<MSG

BreachNotify is running.
  Console:             $APP/console   (sign in with the demo commander key below)
  Mail inbox:          $INBOX   (notices and commander mails land here; click the links)
  Demo commander key:  $COMMANDER_KEY
  App (API):           $APP   (reference: $APP/reference)
  Source secret (siem): $SOURCE_SECRET
  Incident:            $INCIDENT  (answer: $ANSWER)
  Storage (for the CLI's dead-letter commands):
       export BREACHNOTIFY_STORAGE='$STORAGE'

Next, in a browser:
  1. Open $APP/console/incidents/$INCIDENT and sign in with the demo commander key: the detection, its
     classification, the affected parties and their due times, then the decision (the commanders' mail in the inbox
     links there too). Until the classification is done (moments) the page says so.
  2. Approve it; one notice per contact goes out to the inbox.
  3. Open $INBOX, open a notice, click its acknowledgement link and press the button.
  4. Reload the incident: the notice is acknowledged and the timeline shows every step.
Or with curl:
       curl -s -H "Authorization: Bearer $COMMANDER_KEY" $APP/api/incidents/$INCIDENT
       curl -s -X POST -H "Authorization: Bearer $COMMANDER_KEY" -H 'Content-Type: application/json' \\
            -d '{"decision":"approve","comment":"demo"}' $APP/api/incidents/$INCIDENT/decision
Ctrl+C stops everything.
MSG
wait
