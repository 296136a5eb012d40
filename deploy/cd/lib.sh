# Shared by the deploy/cd scripts (sourced, not run).
# shellcheck shell=bash

ALL_SERVICES=(loader-service transform-service snapshot-service semantic-sync-service)

log() { printf '[cd %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

require_env() {
  local name
  for name in "$@"; do
    [[ -n ${!name:-} ]] || { echo "missing environment variable $name (see the script's header)" >&2; exit 2; }
  done
}

# The Cloud Run service as JSON (Knative shape: status.traffic, status.latestCreatedRevisionName, status.url).
service_json() {
  gcloud run services describe "$PREFIX$1" --region "$REGION" --project "$PROJECT_ID" --format json
}

# The revision taking 100% of a service's traffic, empty when none does (a first deploy, or a split).
serving_revision() {
  service_json "$1" | jq -r '[.status.traffic[]? | select(.percent == 100) | .revisionName][0] // empty'
}

# An identity token for a service: its audience is the service's custom audience (deploy/terraform: PREFIX +
# service), which Cloud Run accepts on the service URL and on tagged revision URLs alike.
identity_token() {
  gcloud auth print-identity-token --audiences "$PREFIX$1" \
    ${DEPLOY_SERVICE_ACCOUNT:+--impersonate-service-account "$DEPLOY_SERVICE_ACCOUNT"}
}
