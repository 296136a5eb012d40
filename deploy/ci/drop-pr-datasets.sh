#!/usr/bin/env bash
# models-ci.yml, when a pull request closes: drops the datasets its slim builds wrote (<prefix><schema>_<target>),
# which hold copies of the models it changed. Production's datasets are never named: the target is required.
#
# Usage: deploy/ci/drop-pr-datasets.sh TARGET        (e.g. pr_42)
# Environment: QUARKUS_GOOGLE_CLOUD_PROJECT_ID, ESTORE_BIGQUERY_DATASET_PREFIX (production's, e.g. estore_prod_)
set -euo pipefail
[[ $# -eq 1 && $1 =~ ^pr_[0-9]+$ ]] || { echo "usage: deploy/ci/drop-pr-datasets.sh pr_NUMBER" >&2; exit 2; }
project=${QUARKUS_GOOGLE_CLOUD_PROJECT_ID:?} prefix=${ESTORE_BIGQUERY_DATASET_PREFIX:?}
for schema in raw staging intermediate marts snapshots ops; do
  dataset="${prefix}${schema}_$1"
  if bq --project_id "$project" show --dataset "$project:$dataset" >/dev/null 2>&1; then
    bq --project_id "$project" rm -r -f --dataset "$project:$dataset"
    echo "dropped $project:$dataset"
  fi
done
