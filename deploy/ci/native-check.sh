#!/usr/bin/env bash
# native.yml: checks one service's native executable (built before with -Pnative):
#   1. starts it in Google Cloud mode against a local Pub/Sub emulator and waits for /q/health/live UP
#      (liveness never asks BigQuery, for which there are no credentials here; readiness is not checked);
#   2. runs the app's @QuarkusIntegrationTest classes against the executable, when the app has any (Quarkus runs
#      those against a native build: -Dnative.image.path).
#
# Usage: deploy/ci/native-check.sh SERVICE        (e.g. loader-service)
# Environment: PUBSUB_EMULATOR_BIN (default: gcloud's pubsub-emulator component), NATIVE_START_SECONDS (60)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[[ $# -eq 1 ]] || { echo "usage: deploy/ci/native-check.sh SERVICE" >&2; exit 2; }
SERVICE=$1
APP="$ROOT/$SERVICE/gcp-app"
RUNNER=$(find "$APP/target" -maxdepth 1 -name '*-runner' -type f -perm -u+x | head -1)
[[ -n $RUNNER ]] || { echo "no native executable in $APP/target: build it with -Pnative first" >&2; exit 2; }
EMULATOR=${PUBSUB_EMULATOR_BIN:-$(gcloud info --format='value(installation.sdk_root)')/platform/pubsub-emulator/bin/cloud-pubsub-emulator}
[[ -x $EMULATOR ]] || { echo "no Pub/Sub emulator at $EMULATOR" >&2; exit 2; }

log() { printf '[native-check %s] %s\n' "$SERVICE" "$*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

PIDS=()
trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT
OUT="$APP/target/native-check"
mkdir -p "$OUT"

emulator_port=$(free_port)
"$EMULATOR" --host=127.0.0.1 --port="$emulator_port" >"$OUT/emulator.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do grep -q 'Server started' "$OUT/emulator.log" && break; sleep 0.5; done
grep -q 'Server started' "$OUT/emulator.log" || { cat "$OUT/emulator.log"; echo "the emulator did not start" >&2; exit 1; }

# The settings of a local run (as deploy/images/build-local.sh --smoke): push mode, so no subscription must exist.
app_port=$(free_port)
PORT=$app_port QUARKUS_PROFILE=gcp QUARKUS_GOOGLE_CLOUD_PROJECT_ID=native-check \
  QUARKUS_GOOGLE_CLOUD_PUBSUB_EMULATOR_HOST="127.0.0.1:$emulator_port" \
  QUARKUS_GOOGLE_CLOUD_ENABLE_METADATA_SERVER=false ESTORE_PUBSUB_RECEIVE_MODE=push \
  ESTORE_BUCKET_NAME=native-check "$RUNNER" >"$OUT/app.log" 2>&1 &
PIDS+=($!)
started=$SECONDS health=""
while (( SECONDS - started < ${NATIVE_START_SECONDS:-60} )); do
  health=$(curl -fs "http://127.0.0.1:$app_port/q/health/live" || true)
  [[ $health == *'"UP"'* ]] && break
  kill -0 "${PIDS[-1]}" 2>/dev/null || break
  sleep 1
done
if [[ $health != *'"UP"'* ]]; then
  tail -40 "$OUT/app.log"
  echo "$RUNNER: /q/health/live did not answer UP" >&2
  exit 1
fi
log "$(basename "$RUNNER"): /q/health/live UP after $((SECONDS - started)) s; $(grep -m1 -o 'started in [0-9.]*s' "$OUT/app.log" || true)"
kill "${PIDS[-1]}"

if grep -rlq '@QuarkusIntegrationTest' "$APP/src/test/java" 2>/dev/null; then
  log "running the @QuarkusIntegrationTest classes against the native executable"
  (cd "$ROOT" && ./mvnw -B -Pnative -pl "$SERVICE/gcp-app" -Dquarkus.native.container-build=false \
     -Dnative.image.path="$RUNNER" -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
     verify org.apache.maven.plugins:maven-failsafe-plugin:3.5.2:integration-test \
     org.apache.maven.plugins:maven-failsafe-plugin:3.5.2:verify)
else
  log "no @QuarkusIntegrationTest in $SERVICE/gcp-app: its emulator test (@QuarkusTest) runs on the JVM only"
fi
