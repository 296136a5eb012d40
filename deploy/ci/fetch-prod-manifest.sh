#!/usr/bin/env bash
# models-ci.yml: production's manifest.json, the artifact "prod-manifest" of the last successful cd.yml run on
# main (cd.yml uploads it after a good deploy). Needs the gh CLI with GH_TOKEN (actions: read).
#
# Usage: deploy/ci/fetch-prod-manifest.sh DIR
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: deploy/ci/fetch-prod-manifest.sh DIR" >&2; exit 2; }
run=$(gh run list --workflow cd.yml --branch main --status success --limit 1 --json databaseId --jq '.[0].databaseId // empty')
[[ -n $run ]] || { echo "no successful cd.yml run on main yet: no production manifest to compare with" >&2; exit 1; }
gh run download "$run" --name prod-manifest --dir "$1"
[[ -f $1/manifest.json ]] || { echo "cd.yml run $run has no prod-manifest/manifest.json" >&2; exit 1; }
echo "production manifest of cd.yml run $run in $1"
