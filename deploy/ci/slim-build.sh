#!/usr/bin/env bash
# The slim model build of models-ci.yml: only the models a change touches, and their children, built into a
# target of their own that reads production's tables for everything else (dbt's slim CI with defer):
#
#   ./estore build --select state:modified+ --state STATE_DIR --target TARGET
#
# STATE_DIR holds production's manifest.json (which models production was built from). Two warehouses:
#   --bigquery           ./estore cloud build with the cloud settings in the environment
#                        (QUARKUS_GOOGLE_CLOUD_PROJECT_ID, ESTORE_BIGQUERY_DATASET_PREFIX = production's prefix);
#                        TARGET names the per-PR datasets (<prefix><schema>_<target>).
#   --embedded BASE_REF  forks without credentials: first makes a small production on the embedded default
#                        (DuckDB): generated events, loaded and built with BASE_REF's models, snapshots and
#                        semantic layer, and BASE_REF's manifest written into STATE_DIR; then the same command.
#   --print-command      prints the build's arguments (after ./estore), one per line, and runs nothing: the
#                        embedded runner's SlimBuildCommandTest runs exactly these.
#
# Usage: deploy/ci/slim-build.sh (--bigquery | --embedded BASE_REF | --print-command) --state DIR [--target NAME]
# Environment: ESTORE (default ./estore), CI_WORK_DIR (embedded: default target/slim-ci), CI_EVENTS (20000)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ESTORE=${ESTORE:-$ROOT/estore}
usage() {
  echo "usage: deploy/ci/slim-build.sh (--bigquery | --embedded BASE_REF | --print-command) --state DIR [--target NAME]" >&2
  exit 2
}

MODE="" BASE_REF="" STATE="" TARGET=ci
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bigquery) MODE=bigquery ;;
    --embedded) MODE=embedded; BASE_REF=${2:-}; [[ -n $BASE_REF ]] || usage; shift ;;
    --print-command) MODE=print ;;
    --state) STATE=${2:-}; shift ;;
    --target) TARGET=${2:-}; shift ;;
    *) usage ;;
  esac
  shift
done
[[ -n $MODE && -n $STATE ]] || usage
# prod is production itself: a slim build must never write there.
[[ $TARGET =~ ^[a-z][a-z0-9_]*$ && $TARGET != prod ]] || { echo "bad --target '$TARGET': lower case, not prod" >&2; exit 2; }

# The one place the slim build's command line is written.
SLIM_BUILD=(build --select state:modified+ --state "$STATE" --target "$TARGET")

log() { printf '[slim-build] %s\n' "$*" >&2; }

# The folders of a checkout that hold the project: models, snapshots, the semantic layer.
use_project_of() {
  export ESTORE_TRANSFORM_PROJECT_DIR="$1/transform-service/src/main/resources/models"
  export ESTORE_SNAPSHOT_DEFINITIONS_DIR="$1/snapshot-service/src/main/resources/snapshots"
  export ESTORE_SEMANTIC_MODEL_DIR="$1/semantic-sync-service/src/main/resources/semantic"
}

case "$MODE" in
  print)
    printf '%s\n' "${SLIM_BUILD[@]}"
    exit 0 ;;
  bigquery)
    for name in QUARKUS_GOOGLE_CLOUD_PROJECT_ID ESTORE_BIGQUERY_DATASET_PREFIX; do
      [[ -n ${!name:-} ]] || { echo "missing environment variable $name" >&2; exit 2; }
    done
    [[ -f $STATE/manifest.json ]] || { echo "no production manifest in $STATE (the last deploy's artifact)" >&2; exit 2; } ;;
  embedded)
    work=${CI_WORK_DIR:-$ROOT/target/slim-ci}
    rm -rf "$work"
    mkdir -p "$work/base" "$STATE"
    # The warehouse every command below uses (estore.warehouse.duckdb.path).
    export ESTORE_WAREHOUSE_DUCKDB_PATH="$work/warehouse.duckdb"
    log "production on the embedded default: $BASE_REF's project, ${CI_EVENTS:-20000} generated events"
    git -C "$ROOT" archive "$BASE_REF" transform-service/src/main/resources/models \
      snapshot-service/src/main/resources/snapshots semantic-sync-service/src/main/resources/semantic \
      | tar -x -C "$work/base"
    "$ESTORE" generate --events "${CI_EVENTS:-20000}" --months 2 --seed 17 --out "$work/events"
    use_project_of "$work/base"
    "$ESTORE" run "$work/events"
    "$ESTORE" ls --resource-type model --target-path "$STATE" >/dev/null
    log "production built; its manifest is $STATE/manifest.json"
    use_project_of "$ROOT" ;;
esac

if [[ $MODE == bigquery ]]; then
  # the same command, run by the transform's cloud app on BigQuery (./estore cloud build)
  log "./estore cloud ${SLIM_BUILD[*]}"
  exec "$ESTORE" cloud "${SLIM_BUILD[@]}"
fi
log "./estore ${SLIM_BUILD[*]}"
exec "$ESTORE" "${SLIM_BUILD[@]}"
