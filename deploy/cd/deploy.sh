#!/usr/bin/env bash
# Deploys the four Cloud Run services as new revisions without traffic, smoke-checks each new revision, then
# shifts the traffic; on any failure every service goes back to the revision that served before, and a
# notification says why. After a good deploy the semantic layer is synced, which refreshes Omni's schema and
# pushes the descriptions (refresh-omni.sh).
#
# Usage: deploy/cd/deploy.sh IMAGE_TAG [SERVICE...]      (default: the four services)
# Environment:
#   PROJECT_ID, REGION, PREFIX (e.g. estore-prod-)  where the services are (PREFIX as in deploy/terraform)
#   IMAGE_REGISTRY        e.g. europe-west1-docker.pkg.dev/PROJECT/estore-prod (terraform output image_registry)
#   DEPLOY_SERVICE_ACCOUNT  optional: the account identity tokens are minted for (the CD's, via Workload Identity)
#   SLACK_WEBHOOK_URL     optional: where notify.sh posts
#   SKIP_OMNI_REFRESH=1   optional: stop after the traffic shift
# Exit codes: 0 deployed (and synced), 1 failed and rolled back, 2 bad usage, 3 deployed but the sync failed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=deploy/cd/lib.sh
source "$HERE/lib.sh"

[[ $# -ge 1 && $1 != -* ]] || { echo "usage: deploy/cd/deploy.sh IMAGE_TAG [SERVICE...]" >&2; exit 2; }
TAG=$1; shift
SERVICES=("$@")
[[ ${#SERVICES[@]} -gt 0 ]] || SERVICES=("${ALL_SERVICES[@]}")
require_env PROJECT_ID REGION PREFIX IMAGE_REGISTRY

# Revision serving each service before this deploy: where a rollback sends the traffic back.
declare -A PREVIOUS=() CANDIDATE=()

joined() { local text; [[ $# -gt 0 ]] || { echo none; return; }; printf -v text '%s, ' "$@"; echo "${text%, }"; }

rollback_all() {
  local why=$1 service rolled=() missing=()
  log "rolling back: $why"
  for service in "${SERVICES[@]}"; do
    [[ -n ${PREVIOUS[$service]+touched} ]] || continue   # not reached by this deploy: left as it is
    if [[ -n ${PREVIOUS[$service]} ]]; then
      # Explicit revision=100 also for services whose traffic never moved: the end state is certain either way.
      gcloud run services update-traffic "$PREFIX$service" --region "$REGION" --project "$PROJECT_ID" \
        --to-revisions "${PREVIOUS[$service]}=100" --quiet \
        && rolled+=("$service -> ${PREVIOUS[$service]}") || missing+=("$service (update-traffic failed)")
    else
      missing+=("$service (no earlier revision)")
    fi
  done
  "$HERE/notify.sh" "estore deploy of $TAG to $PREFIX FAILED: $why. Back on the previous revision: $(joined "${rolled[@]}").$(
    [[ ${#missing[@]} -eq 0 ]] || echo " NOT rolled back: $(joined "${missing[@]}").")"
  exit 1
}

# 1. New revisions, no traffic, each smoke-checked on its own tagged URL (canary---<service URL>).
for service in "${SERVICES[@]}"; do
  PREVIOUS[$service]=$(serving_revision "$service") || rollback_all "$service: cannot read the service"
  log "$service: serving ${PREVIOUS[$service]:-nothing}; deploying $IMAGE_REGISTRY/$service:$TAG without traffic"
  gcloud run deploy "$PREFIX$service" --image "$IMAGE_REGISTRY/$service:$TAG" --region "$REGION" \
    --project "$PROJECT_ID" --no-traffic --tag canary --quiet || rollback_all "$service: gcloud run deploy failed"
  described=$(service_json "$service") || rollback_all "$service: cannot read the service after the deploy"
  CANDIDATE[$service]=$(jq -r '.status.latestCreatedRevisionName' <<<"$described")
  url=$(jq -r '.status.traffic[] | select(.tag == "canary") | .url' <<<"$described")
  "$HERE/smoke-check.sh" "$service" "$url" || rollback_all "$service: smoke check of ${CANDIDATE[$service]} failed"
done

# 2. Every new revision passed: shift the traffic, service by service.
for service in "${SERVICES[@]}"; do
  gcloud run services update-traffic "$PREFIX$service" --region "$REGION" --project "$PROJECT_ID" \
    --to-revisions "${CANDIDATE[$service]}=100" --quiet \
    || rollback_all "$service: shifting the traffic to ${CANDIDATE[$service]} failed"
  log "$service: ${CANDIDATE[$service]} takes 100% of the traffic"
done

# 3. A good deploy: the semantic layer and Omni follow. A failed sync is reported but rolls nothing back (the
# services are healthy; the sync can be retried with refresh-omni.sh).
if [[ ${SKIP_OMNI_REFRESH:-0} == 1 ]]; then
  log "SKIP_OMNI_REFRESH=1: no semantic sync"
  exit 0
fi
if ! "$HERE/refresh-omni.sh"; then
  "$HERE/notify.sh" "estore deploy of $TAG to $PREFIX succeeded, but the semantic sync / Omni refresh failed (rerun deploy/cd/refresh-omni.sh)"
  exit 3
fi
log "deployed $TAG to $PREFIX: ${SERVICES[*]}"
