#!/usr/bin/env bash
# Validates every GitHub Actions workflow against the workflow schema with @action-validator/cli (run through
# npx; a pinned version). Used by .ci/run. Without npx, or when the npm registry cannot be reached to fetch the
# validator, it says why and skips (exit 0): the validation must not make CI depend on the registry. A workflow
# that the validator rejects fails (exit 1).
#
# Usage: deploy/ci/validate-workflows.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VALIDATOR=@action-validator/cli@0.6.0

if ! command -v npx >/dev/null 2>&1; then
  echo "workflow validation SKIPPED: no npx here (install Node.js to validate .github/workflows with $VALIDATOR)"
  exit 0
fi
cd "$ROOT"
# Fetching the validator is the only network step: when it fails, skip rather than fail.
# Few, short retries: an unreachable registry costs seconds, not npm's default minute or more.
export npm_config_fetch_retries=${npm_config_fetch_retries:-1} npm_config_fetch_retry_mintimeout=2000 \
  npm_config_fetch_retry_maxtimeout=5000 npm_config_fetch_timeout=${npm_config_fetch_timeout:-30000}
if ! timeout 90 npx --yes "$VALIDATOR" --help >/dev/null 2>&1; then
  echo "workflow validation SKIPPED: npx could not run $VALIDATOR (npm registry unreachable?)"
  exit 0
fi
status=0
for workflow in .github/workflows/*.yml; do
  if npx --yes "$VALIDATOR" "$workflow"; then
    echo "valid: $workflow"
  else
    echo "INVALID: $workflow" >&2
    status=1
  fi
done
exit $status
