#!/usr/bin/env bash
# cd.yml: builds the four services' images with the Quarkus Jib extension (deploy/README.md, Images) and pushes
# them to Artifact Registry: the JVM images as <service>:TAG, the native ones (Mandrel on the PATH, no container
# build) as <service>:TAG-native.
#
# Usage: deploy/cd/build-images.sh jvm|native TAG
# Environment: IMAGE_REGISTRY, e.g. europe-west1-docker.pkg.dev/PROJECT/estore-prod (terraform output
#   image_registry); Docker credentials for it (gcloud auth configure-docker HOST), which Jib reads.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[[ $# -eq 2 && $1 =~ ^(jvm|native)$ ]] || { echo "usage: deploy/cd/build-images.sh jvm|native TAG" >&2; exit 2; }
VARIANT=$1 TAG=$2
: "${IMAGE_REGISTRY:?e.g. europe-west1-docker.pkg.dev/PROJECT/REPO}"
# Quarkus splits an image name into registry (the host) and group (PROJECT/REPO on Artifact Registry).
HOST=${IMAGE_REGISTRY%%/*} GROUP=${IMAGE_REGISTRY#*/}

modules=loader-service/gcp-app,transform-service/gcp-app,snapshot-service/gcp-app,semantic-sync-service/gcp-app
args=(-B package -pl "$modules" -am -DskipTests -Dquarkus.container-image.build=true
  -Dquarkus.container-image.push=true -Dquarkus.container-image.registry="$HOST"
  -Dquarkus.container-image.group="$GROUP")
if [[ $VARIANT == native ]]; then
  args+=(-Pnative -Dquarkus.native.container-build=false -Dquarkus.container-image.tag="$TAG-native")
else
  args+=(-Dquarkus.container-image.tag="$TAG")
fi
cd "$ROOT"
./mvnw "${args[@]}"
echo "pushed $IMAGE_REGISTRY/{loader,transform,snapshot,semantic-sync}-service:$TAG$([[ $VARIANT == native ]] && echo -native)"
