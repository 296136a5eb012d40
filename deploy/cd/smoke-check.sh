#!/usr/bin/env bash
# Smoke-checks one new Cloud Run revision on its own URL before it gets traffic:
#   1. GET /q/health/live answers UP (liveness never asks the warehouse, so a revision whose grants still
#      propagate passes; readiness is not what Cloud Run probes either);
#   2. one test message, pushed as Pub/Sub pushes it (the envelope of deploy/cd/canary/<service>.json, on one of
#      the service's own subscriptions), is acknowledged (2xx). The canary messages are chosen to change nothing:
#      the loader gets an OBJECT_DELETE notification (acknowledged and ignored), the others a pipeline-failed
#      message on failure-notifier, which the failure notifier passes on (one "deploy canary" notification).
#
# Usage: deploy/cd/smoke-check.sh SERVICE REVISION_URL
# Environment: PROJECT_ID, PREFIX; DEPLOY_SERVICE_ACCOUNT (optional, see deploy.sh)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=deploy/cd/lib.sh
source "$HERE/lib.sh"

[[ $# -eq 2 && -n $2 ]] || { echo "usage: deploy/cd/smoke-check.sh SERVICE REVISION_URL" >&2; exit 2; }
SERVICE=$1
URL=${2%/}
require_env PROJECT_ID PREFIX
CANARY="$HERE/canary/$SERVICE.json"
[[ -f $CANARY ]] || { echo "no canary message $CANARY" >&2; exit 2; }

token=$(identity_token "$SERVICE")

# A new revision may still be starting (the startup probe allows 2 minutes): retry liveness for a while.
health=""
for attempt in $(seq 1 "${SMOKE_HEALTH_ATTEMPTS:-12}"); do
  health=$(curl -sS --fail --max-time 10 -H "Authorization: Bearer $token" "$URL/q/health/live") && break
  log "$SERVICE: /q/health/live not answering yet (attempt $attempt)"
  sleep "${SMOKE_RETRY_SECONDS:-5}"
done
[[ $health == *'"UP"'* ]] || { log "$SERVICE: /q/health/live did not answer UP: ${health:-no answer}"; exit 1; }
log "$SERVICE: /q/health/live UP"

# The envelope Pub/Sub would send; the subscription and the message come from the canary file, which names
# the deploy (the commit) so that its notification is recognized.
canary=$(sed "s/@DEPLOY_ID@/${GITHUB_SHA:-manual}/g" "$CANARY")
subscription="projects/$PROJECT_ID/subscriptions/$PREFIX$(jq -r '.subscription' <<<"$canary")"
data=$(jq -c '.data' <<<"$canary" | base64 | tr -d '\n')
envelope=$(jq -c --arg sub "$subscription" --arg data "$data" --arg id "deploy-canary-$(date +%s)" \
  --arg at "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  '{subscription: $sub, message: {messageId: $id, publishTime: $at, data: $data, attributes: .attributes}}' \
  <<<"$canary")
status=$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' --data "$envelope" "$URL/pubsub/push") || status="no answer"
[[ $status == 2?? ]] || { log "$SERVICE: the canary message on $subscription was answered $status"; exit 1; }
log "$SERVICE: the canary message on $subscription was acknowledged ($status)"
