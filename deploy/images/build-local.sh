#!/usr/bin/env bash
# Proves, on a machine without a Docker engine, that the four cloud apps' JVM images build with the real Quarkus Jib
# extension (the same settings as a push to Artifact Registry), and writes them as tarballs:
#   deploy/images/target/<service>.tar   (docker-archive: `docker load -i`, `skopeo copy docker-archive:...`)
#
# The extension only pushes to a registry (or hands the image to a Docker daemon), and its base image
# (registry.access.redhat.com) is unreachable here. So the script
#   1. makes a local base once: Debian bookworm minbase + openjdk-17-jre-headless (debootstrap, umoci), cached in
#      deploy/images/cache/ (gitignored; delete it to rebuild);
#   2. starts a throwaway registry (CNCF distribution) on a free 127.0.0.1 port, pushes the base to it;
#   3. builds and pushes the four apps with Jib onto that base, copies each image out to a tarball, stops the registry;
#   4. prints each image's size and digest and fails if an image carries DuckDB or the embedded adapters;
#   5. with --smoke: unpacks one image's layers and runs its own entrypoint in a chroot (own mount namespace), in
#      Google Cloud mode against the Pub/Sub emulator, and waits for /q/health/live to answer UP.
#
# Usage: deploy/images/build-local.sh [--smoke] [--smoke-service NAME] [--base-only]
# Needs root (debootstrap, chroot) and apt for the missing tools. Run by hand: too slow for CI (minutes per image).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT="$ROOT/deploy/images/target"
CACHE="$ROOT/deploy/images/cache"
BASE_LAYOUT="$CACHE/base-oci"
BASE_TAG=bookworm-jre17
SERVICES=(loader-service transform-service snapshot-service semantic-sync-service)
# Two levels, like Artifact Registry's PROJECT/REPO, so the push takes the same shape as the real one.
GROUP=local-project/estore
EMULATOR_BIN=${PUBSUB_EMULATOR_BIN:-/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator}

SMOKE=false
SMOKE_SERVICE=semantic-sync-service
BASE_ONLY=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) SMOKE=true ;;
    --smoke-service) SMOKE_SERVICE=$2; shift ;;
    --base-only) BASE_ONLY=true ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[build-local %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { printf '[build-local] FAILED: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || fail "needs root: debootstrap and chroot do (run it with sudo)"

# Processes this script started, stopped on any exit.
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

install_missing() {
  local missing=()
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v umoci >/dev/null || missing+=(umoci)
  command -v skopeo >/dev/null || missing+=(skopeo)
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  command -v jq >/dev/null || missing+=(jq)
  command -v curl >/dev/null || missing+=(curl)
  if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing ${missing[*]} with apt"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# The Debian mirror apt already uses here, so debootstrap goes where apt-get goes (debootstrap's default otherwise).
debian_mirror() {
  { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}'
    grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}'; } | grep -v security | head -1
}

make_base() {
  if [[ -f "$BASE_LAYOUT/index.json" ]] && jq -e --arg t "$BASE_TAG" \
      '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t)' "$BASE_LAYOUT/index.json" >/dev/null; then
    log "base image: cached in $BASE_LAYOUT ($BASE_TAG)"
    return
  fi
  local started=$SECONDS rootfs="$CACHE/rootfs"
  rm -rf "$rootfs" "$BASE_LAYOUT"
  mkdir -p "$CACHE"
  log "base image: debootstrap bookworm minbase + openjdk-17-jre-headless into $rootfs (a few minutes)"
  # shellcheck disable=SC2046 # an empty mirror means debootstrap's default
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$rootfs" \
    $(debian_mirror) >"$CACHE/debootstrap.log" 2>&1 || fail "debootstrap failed: see $CACHE/debootstrap.log"
  # The same user as the UBI Java images (uid 185, group root, home /home/jboss), which quarkus.jib.user names.
  chroot "$rootfs" useradd --system --uid 185 --gid 0 --home-dir /home/jboss --create-home --shell /usr/sbin/nologin jboss
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log
  tar --numeric-owner --xattrs -C "$rootfs" -cf "$CACHE/rootfs.tar" .
  umoci init --layout "$BASE_LAYOUT"
  umoci new --image "$BASE_LAYOUT:$BASE_TAG"
  umoci raw add-layer --image "$BASE_LAYOUT:$BASE_TAG" "$CACHE/rootfs.tar"
  umoci config --image "$BASE_LAYOUT:$BASE_TAG" \
    --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --config.env JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 --config.env LANG=C.UTF-8 \
    --config.user 185 --config.workingdir /home/jboss
  umoci gc --layout "$BASE_LAYOUT"
  rm -rf "$rootfs" "$CACHE/rootfs.tar"
  log "base image: made in $((SECONDS - started)) s ($(du -sh "$BASE_LAYOUT" | cut -f1) compressed)"
}

start_registry() {
  REGISTRY_PORT=$(free_port)
  REGISTRY="127.0.0.1:$REGISTRY_PORT"
  mkdir -p "$OUT"
  rm -rf "$OUT/registry"
  cat >"$OUT/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $OUT/registry
http:
  addr: $REGISTRY
EOF
  setsid docker-registry serve "$OUT/registry.yml" >"$OUT/registry.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 50); do
    curl -fs "http://$REGISTRY/v2/" >/dev/null && { log "registry: http://$REGISTRY (pid ${PIDS[-1]})"; return; }
    sleep 0.2
  done
  fail "the local registry did not answer on $REGISTRY: see $OUT/registry.log"
}

push_base() {
  BASE_IMAGE="$REGISTRY/$GROUP/base-jre17:bookworm"
  skopeo copy -q --dest-tls-verify=false "oci:$BASE_LAYOUT:$BASE_TAG" "docker://$BASE_IMAGE"
  log "base image pushed as $BASE_IMAGE"
}

project_version() {
  sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1
}

build_images() {
  local modules started
  modules=$(printf '%s/gcp-app,' "${SERVICES[@]}"); modules=${modules%,}
  started=$SECONDS
  log "building $modules with Jib onto $BASE_IMAGE (log: $OUT/maven.log)"
  (cd "$ROOT" && ./mvnw -B package -pl "$modules" -am -DskipTests -Dcloud-apps.skip=false \
      -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
      -Dquarkus.container-image.registry="$REGISTRY" -Dquarkus.container-image.group="$GROUP" \
      -Dquarkus.container-image.insecure=true -Dquarkus.jib.base-jvm-image="$BASE_IMAGE") \
    >"$OUT/maven.log" 2>&1 || { tail -40 "$OUT/maven.log" >&2; fail "the Maven build failed: see $OUT/maven.log"; }
  log "Maven build with the four images: $((SECONDS - started)) s; per module (compile, Quarkus build, Jib push):"
  grep -E '^\[INFO\] (loader|transform|snapshot|semantic-sync)-service .*(SUCCESS|FAILURE)' "$OUT/maven.log" \
    | sed 's/^\[INFO\] /  /'
}

export_images() {
  local tag service image
  tag=$(project_version)
  printf '%-24s %10s %10s  %s\n' image layers-MB tar-MB digest
  for service in "${SERVICES[@]}"; do
    image="$REGISTRY/$GROUP/$service:$tag"
    rm -f "$OUT/$service.tar"
    skopeo copy -q --src-tls-verify=false "docker://$image" "docker-archive:$OUT/$service.tar:$GROUP/$service:$tag"
    local digest compressed
    digest=$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$image")
    compressed=$(skopeo inspect --tls-verify=false --raw "docker://$image" | jq '[.layers[].size] | add / 1048576 | floor')
    printf '%-24s %10s %10s  %s\n' "$service" "$compressed" "$(( $(stat -c %s "$OUT/$service.tar") / 1048576 ))" "$digest"
    echo "$digest" >"$OUT/$service.digest"
  done
}

# Lists every file of a docker-archive's layers, in order.
list_image_files() {
  local tar=$1 layer
  for layer in $(tar -xOf "$tar" manifest.json | jq -r '.[0].Layers[]'); do
    tar -xOf "$tar" "$layer" | tar --warning=no-unknown-keyword -t
  done
}

check_no_duckdb() {
  local service found
  for service in "${SERVICES[@]}"; do
    found=$(list_image_files "$OUT/$service.tar" | grep -iE 'duckdb|embedded-adapters' || true)
    [[ -z $found ]] || fail "$OUT/$service.tar carries the embedded default's DuckDB: $found (keep embedded-adapters test-scope in $service/pom.xml)"
  done
  log "no image carries DuckDB or the embedded adapters"
}

# Unpacks a docker-archive's layers in order into a folder (whiteouts applied: enough for a root file system).
unpack_image() {
  local tar=$1 dir=$2 layer
  rm -rf "$dir"
  mkdir -p "$dir"
  for layer in $(tar -xOf "$tar" manifest.json | jq -r '.[0].Layers[]'); do
    tar -xOf "$tar" "$layer" | tar --warning=no-unknown-keyword --numeric-owner -x -C "$dir"
    find "$dir" -name '.wh.*' -print0 | while IFS= read -r -d '' wh; do
      rm -rf "$(dirname "$wh")/$(basename "$wh" | sed 's/^\.wh\.//')" "$wh"
    done
  done
}

smoke_test() {
  local service=$SMOKE_SERVICE tar="$OUT/$SMOKE_SERVICE.tar" dir="$OUT/smoke/rootfs" config
  [[ -x $EMULATOR_BIN ]] || fail "no Pub/Sub emulator at $EMULATOR_BIN: install google-cloud-cli-pubsub-emulator or set PUBSUB_EMULATOR_BIN"
  [[ -f $tar ]] || fail "no $tar: build the images first (run without --smoke-service, or check the build)"
  log "smoke test: unpacking $tar into $dir"
  unpack_image "$tar" "$dir"
  config=$(tar -xOf "$tar" "$(tar -xOf "$tar" manifest.json | jq -r '.[0].Config')")

  local emulator_port app_port
  emulator_port=$(free_port)
  setsid "$EMULATOR_BIN" --host=127.0.0.1 --port="$emulator_port" >"$OUT/smoke/emulator.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 60); do grep -q 'Server started' "$OUT/smoke/emulator.log" && break; sleep 0.5; done
  grep -q 'Server started' "$OUT/smoke/emulator.log" || fail "the Pub/Sub emulator did not start: see $OUT/smoke/emulator.log"

  # The image's own entrypoint, working directory, user and environment, plus the settings of a local run.
  app_port=$(free_port)
  local user workdir env_args=() entrypoint=()
  user=$(jq -r '.config.User // "0"' <<<"$config")
  workdir=$(jq -r '.config.WorkingDir // "/"' <<<"$config")
  mapfile -t env_args < <(jq -r '.config.Env[]' <<<"$config")
  mapfile -t entrypoint < <(jq -r '(.config.Entrypoint // []) + (.config.Cmd // []) | .[]' <<<"$config")
  env_args+=(PORT="$app_port" QUARKUS_GOOGLE_CLOUD_PROJECT_ID=local-project
    QUARKUS_GOOGLE_CLOUD_PUBSUB_EMULATOR_HOST="127.0.0.1:$emulator_port"
    QUARKUS_GOOGLE_CLOUD_ENABLE_METADATA_SERVER=false ESTORE_PUBSUB_RECEIVE_MODE=push
    ESTORE_BUCKET_NAME=smoke-bucket)
  log "smoke test: $service as user $user in $workdir: ${entrypoint[*]}"
  log "smoke test: env ${env_args[*]}"
  # unshare: /proc and /dev are mounted for this run only, and vanish with it.
  setsid unshare --mount --fork --kill-child sh -c '
      dir=$1; shift
      mount -t proc proc "$dir/proc" && mount --rbind /dev "$dir/dev" && exec "$@"' sh "$dir" \
    chroot --userspec="$user:0" "$dir" /usr/bin/env -i -C "$workdir" "${env_args[@]}" "${entrypoint[@]}" \
    >"$OUT/smoke/app.log" 2>&1 &
  PIDS+=($!)
  local started=$SECONDS health=""
  while (( SECONDS - started < 120 )); do
    health=$(curl -fs "http://127.0.0.1:$app_port/q/health/live" || true)
    [[ $health == *'"UP"'* ]] && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || { tail -30 "$OUT/smoke/app.log" >&2; fail "$service exited in the chroot: see $OUT/smoke/app.log"; }
    sleep 1
  done
  [[ $health == *'"UP"'* ]] || { tail -30 "$OUT/smoke/app.log" >&2; fail "$service: /q/health/live did not answer UP within 120 s: see $OUT/smoke/app.log"; }
  log "smoke test: $service answered /q/health/live UP after $((SECONDS - started)) s: $(tr -d ' \n' <<<"$health")"
  log "smoke test: /q/health/ready: $(curl -s "http://127.0.0.1:$app_port/q/health/ready" | tr -d ' \n')"
  grep -m1 -E 'started in' "$OUT/smoke/app.log" | sed 's/^/  /' || true
}

install_missing
make_base
$BASE_ONLY && exit 0
started=$SECONDS
start_registry
push_base
build_images
export_images
check_no_duckdb
cleanup
PIDS=()
rm -rf "$OUT/registry"
log "registry stopped; images in $OUT ($((SECONDS - started)) s in all)"
if $SMOKE; then
  smoke_test
fi
