#!/usr/bin/env bash
# Runs the retail-bank demo on this machine: Azurite (the Azure Storage emulator, pinned in tools/azurite) keeping its
# data in .demo/azurite, so accounts survive a restart, and the demo application on http://127.0.0.1:8080/ with its
# live activity feed (profile "live-feed": the app's change notifications go straight to its own webhook, in place of
# an Event Grid topic). Ctrl+C stops the application and then the emulator.
#
# Needs Java 17, Maven and Node.js 20+ with npm; installs Azurite itself on first run.
# Ports, all on 127.0.0.1 (change them with these environment variables when one is taken):
#   PORT=8080                 the application
#   AZURITE_BLOB_PORT=10000   Azurite's blob service
#   AZURITE_QUEUE_PORT=10001  Azurite's queue service (unused, but Azurite always starts it)
#   AZURITE_TABLE_PORT=10002  Azurite's table service, where the accounts are stored
# To start again from an empty bank, stop the demo and delete .demo/azurite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

APP_PORT="${PORT:-8080}"
BLOB_PORT="${AZURITE_BLOB_PORT:-10000}"
QUEUE_PORT="${AZURITE_QUEUE_PORT:-10001}"
TABLE_PORT="${AZURITE_TABLE_PORT:-10002}"
DATA_DIR=".demo/azurite"
AZURITE_LOG=".demo/azurite.log"
# The storage emulator's public, well-known account key (not a secret).
EMULATOR_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

require_free_port() {
  local port="$1" variable="$2" what="$3"
  if port_in_use "$port"; then
    echo "error: port $port ($what) is already in use, by another program or a demo that is still running." >&2
    echo "       Stop that, or choose another port, e.g. $variable=$((port + 100)) scripts/demo.sh" >&2
    exit 1
  fi
}

# Waits until something listens on the port, as long as the process that should open it is alive.
await_port() {
  local port="$1" pid="$2" what="$3" seconds="$4"
  for _ in $(seq $((seconds * 5))); do
    if port_in_use "$port"; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "error: $what stopped while starting." >&2
      return 1
    fi
    sleep 0.2
  done
  echo "error: $what did not open port $port within $seconds s." >&2
  return 1
}

require_command java "Install a Java 17 JDK"
require_command mvn "Install Apache Maven 3.8+"
require_command npm "Install Node.js 20+ with npm"
require_free_port "$APP_PORT" PORT "the application"
require_free_port "$BLOB_PORT" AZURITE_BLOB_PORT "Azurite blob"
require_free_port "$QUEUE_PORT" AZURITE_QUEUE_PORT "Azurite queue"
require_free_port "$TABLE_PORT" AZURITE_TABLE_PORT "Azurite table"
install_azurite

azurite_pid=""
app_pid=""
stop_all() {
  trap - EXIT INT TERM
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    echo "Stopping the application..."
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ -n "$azurite_pid" ] && kill -0 "$azurite_pid" 2>/dev/null; then
    echo "Stopping Azurite (the accounts stay in $DATA_DIR)..."
    kill -TERM "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$DATA_DIR"
echo "Starting Azurite (data in $DATA_DIR, log in $AZURITE_LOG)..."
tools/azurite/node_modules/.bin/azurite --location "$DATA_DIR" --disableTelemetry --skipApiVersionCheck \
  --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" --queueHost 127.0.0.1 --queuePort "$QUEUE_PORT" \
  --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" >"$AZURITE_LOG" 2>&1 &
azurite_pid=$!
if ! await_port "$TABLE_PORT" "$azurite_pid" "Azurite" 60; then
  tail -n 20 "$AZURITE_LOG" >&2
  exit 1
fi

echo "Building the demo (the first build downloads dependencies and takes a while)..."
mvn -B -q -ntp -pl bank-demo-app -am package -DskipTests
jar=$(ls bank-demo-app/target/bank-demo-app-*.jar | grep -v -e '-tests\.jar$' -e '\.original$' | head -n 1)

export STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$EMULATOR_KEY;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;"
# A fresh shared secret for the notification webhook on every run.
NOTIFICATIONS_SECRET="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
export NOTIFICATIONS_SECRET
# The admin endpoints' key (X-Admin-Key), fresh on every run unless given.
BANK_ADMIN_KEY="${BANK_ADMIN_KEY:-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')}"
export BANK_ADMIN_KEY
echo "Starting the application..."
java -jar "$jar" --server.port="$APP_PORT" --server.address=127.0.0.1 --spring.profiles.active=live-feed &
app_pid=$!
await_port "$APP_PORT" "$app_pid" "The application" 120

echo
echo "  Harbour Bank is running at http://127.0.0.1:$APP_PORT/"
echo "  Rebuild the accounts read model: curl -X POST -H 'X-Admin-Key: $BANK_ADMIN_KEY' \\"
echo "    http://127.0.0.1:$APP_PORT/api/admin/read-models/accounts/rebuild"
echo "  Press Ctrl+C to stop it (and Azurite)."
echo
status=0
wait "$app_pid" || status=$?
app_pid=""
exit "$status"
