#!/usr/bin/env bash
# After a good deploy: asks the deployed semantic-sync-service to sync now (POST /semantic/syncs, the same sync a
# models-built message starts). The sync validates the semantic layer against BigQuery, refreshes Omni's schema
# and pushes the views' and topics' descriptions; this script does not talk to Omni itself.
#
# Usage: deploy/cd/refresh-omni.sh
# Environment: PROJECT_ID, REGION, PREFIX; DEPLOY_SERVICE_ACCOUNT (optional, see deploy.sh)
# Exit code 0 when the layer is valid and Omni was refreshed (or Omni is not configured: said so), 1 otherwise.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=deploy/cd/lib.sh
source "$HERE/lib.sh"
[[ $# -eq 0 ]] || { echo "usage: deploy/cd/refresh-omni.sh" >&2; exit 2; }
require_env PROJECT_ID REGION PREFIX

SERVICE=semantic-sync-service
url=$(service_json "$SERVICE" | jq -r '.status.url')
token=$(identity_token "$SERVICE")
# A sync waits for Omni's refresh job (up to estore.omni.refresh-wait-at-most, 10 minutes).
outcome=$(curl -sS --fail-with-body --max-time 900 -X POST -H "Authorization: Bearer $token" \
  "$url/semantic/syncs") || { log "POST $url/semantic/syncs failed: $outcome"; exit 1; }

# SyncOutcome: {syncId, trigger, valid, problems, biRefreshed, biError, at}
if [[ $(jq -r '.valid' <<<"$outcome") != true ]]; then
  log "the semantic layer does not match the warehouse: $(jq -r '.problems | join(" | ")' <<<"$outcome")"
  exit 1
fi
if [[ $(jq -r '.biRefreshed' <<<"$outcome") == true ]]; then
  log "semantic layer synced, Omni refreshed ($(jq -r '.syncId' <<<"$outcome"))"
elif [[ $(jq -r '.biError // ""' <<<"$outcome") != "" ]]; then
  log "the Omni refresh failed: $(jq -r '.biError' <<<"$outcome")"
  exit 1
else
  log "semantic layer synced; Omni is not configured (estore.omni.base-url, api-key, model-id), nothing refreshed"
fi
