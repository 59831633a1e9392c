#!/usr/bin/env bash
# Builds the images the container-backed tests start (Dockerfiles in tests/containers/):
#   atotiauth/test-redis:dev, atotiauth/test-redis-topology:dev (Sentinel, Cluster),
#   atotiauth/test-openldap:dev, atotiauth/test-oidc:dev, atotiauth/test-nginx:dev (the end-to-end gateway),
#   atotiauth/test-kdc:dev (an MIT Kerberos KDC), atotiauth/test-prometheus:dev (scrapes the end-to-end system)
# Each image carries a label with the hash of its inputs (its folder and the base image id),
# so only missing or changed images are built and a warm run takes about a second.
# Usage: scripts/build-test-images.sh [redis|redis-topology|openldap|oidc|nginx|kdc|prometheus ...]   (default: all)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONTAINERS="$REPO_ROOT/tests/containers"
LABEL=org.atotiauth.inputs
NAMES=("$@")
[ "${#NAMES[@]}" -gt 0 ] || NAMES=(redis redis-topology openldap oidc nginx kdc prometheus)

docker info >/dev/null 2>&1 || die "no Docker engine answers; run scripts/ensure-docker.sh first"
"$REPO_ROOT/scripts/ensure-base-image.sh"
BASE_ID="$(docker image inspect -f '{{.Id}}' "$BASE_IMAGE")"

# Without the buildx plugin (Debian's docker.io) the classic builder is the one that works;
# saying so explicitly also silences newer CLIs' warning about BuildKit being missing.
docker buildx version >/dev/null 2>&1 || export DOCKER_BUILDKIT=0

# The OIDC image copies node_modules from the host: npm's registry is reachable from the host,
# not from inside containers. npm ci runs again only when package-lock.json changes.
ensure_node_modules() {
  local dir="$CONTAINERS/oidc" sum marker="$CONTAINERS/oidc/node_modules/.lock.sha256"
  sum="$(sha256 <"$dir/package-lock.json")"
  [ "$(cat "$marker" 2>/dev/null)" != "$sum" ] || return 0
  if ! command -v npm >/dev/null 2>&1; then
    { is_root && is_debian_like; } || die "npm is needed to build atotiauth/test-oidc: install Node.js 18+ with npm"
    log "installing npm with apt-get"
    apt_install npm || die "could not install npm with apt-get"
  fi
  log "npm ci in tests/containers/oidc"
  (cd "$dir" && npm ci --omit=dev --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed in tests/containers/oidc"
  echo "$sum" >"$marker"
}

# Hash of everything that goes into an image: file names, exec bits and contents, and the base.
inputs_hash() {
  (
    cd "$1"
    find . -path ./node_modules -prune -o -type f -print | LC_ALL=C sort | while IFS= read -r f; do
      printf '%s %s %s\n' "$f" "$([ -x "$f" ] && echo x || echo -)" "$(sha256 <"$f")"
    done
    echo "$BASE_IMAGE $BASE_ID"
  ) | sha256
}

# Collects the names whose image is missing or stale.
stale=()
for name in "${NAMES[@]}"; do
  [ -f "$CONTAINERS/$name/Dockerfile" ] || die "unknown test image '$name' (no tests/containers/$name/Dockerfile)"
  [ "$name" != oidc ] || ensure_node_modules
  tag="atotiauth/test-$name:dev"
  have="$(docker image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$tag" 2>/dev/null || true)"
  if [ "$have" = "$(inputs_hash "$CONTAINERS/$name")" ]; then
    log "$tag is up to date"
  else
    stale+=("$name")
  fi
done

build() {
  build_image "atotiauth/test-$1:dev" "$1" --label "$LABEL=$(inputs_hash "$CONTAINERS/$1")" \
    --build-arg "BASE_IMAGE=$BASE_IMAGE" "$CONTAINERS/$1"
}

# Stale images build in parallel: each spends most of its time in apt-get inside its build.
pids=()
for name in ${stale[@]+"${stale[@]}"}; do
  build "$name" &
  pids+=($!)
done
failed=0
for pid in ${pids[@]+"${pids[@]}"}; do wait "$pid" || failed=1; done
[ "$failed" -eq 0 ] || die "some test images could not be built (see above)"
log "test images ready: ${NAMES[*]}"
