#!/usr/bin/env bash
# Builds the service images, all from one Dockerfile (deploy/images/service/Dockerfile, a stage each):
#   atotiauth/identity:dev  atotiauth/token:dev  atotiauth/ping:dev  atotiauth/standalone:dev
#   atotiauth/sample-cube:dev
# Each project is published on the host (`dotnet publish -c Release`, framework-dependent) into
# artifacts/publish/<name>/ and copied into its image, FROM the runtime base that
# scripts/ensure-runtime-image.sh provides (Microsoft's aspnet:10.0, or the local equivalent).
# The ping sidecar is published as one Native AOT binary (linux-x64; clang from
# scripts/ensure-aot-toolchain.sh) on the runtime-deps base of scripts/ensure-runtime-deps-image.sh
# (issue 19); ATOTIAUTH_PING_AOT=false publishes its JIT build instead, self-contained, on the same base.
# An image carries the hash of its inputs (publish output, Dockerfile, deploy/images/*, base image id)
# in a label, so unchanged images are not rebuilt.
# Usage: scripts/build-images.sh [--no-build] [identity|token|ping|standalone|sample-cube ...]  (default: all)
#   --no-build  publish from the existing Release build (scripts/test.sh has just built the solution);
#               the sidecar's linux-x64 build is its own and is always made
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

LABEL=org.atotiauth.inputs
DOCKERFILE=deploy/images/service/Dockerfile
ALL=(identity token ping standalone sample-cube)
publish_args=()
NAMES=()
for a in "$@"; do
  case "$a" in
    --no-build) publish_args+=(--no-build) ;;
    *) NAMES+=("$a") ;;
  esac
done
[ "${#NAMES[@]}" -gt 0 ] || NAMES=("${ALL[@]}")

project_of() {
  case "$1" in
    identity | token | ping | standalone) echo "services/$1" ;;
    sample-cube) echo "samples/cube" ;;
    *) die "unknown image '$1' (one of: ${ALL[*]})" ;;
  esac
}
for name in "${NAMES[@]}"; do project_of "$name" >/dev/null; done

started=$SECONDS
docker info >/dev/null 2>&1 || die "no Docker engine answers; run scripts/ensure-docker.sh first"
RUNTIME="$("$REPO_ROOT/scripts/ensure-runtime-image.sh")"
log "runtime base: $RUNTIME"
PING_AOT="${ATOTIAUTH_PING_AOT:-true}"
case " ${NAMES[*]} " in
  *" ping "*)
    RUNTIME_DEPS="$("$REPO_ROOT/scripts/ensure-runtime-deps-image.sh")"
    log "runtime-deps base (ping): $RUNTIME_DEPS"
    if [ "$PING_AOT" = true ]; then
      "$REPO_ROOT/scripts/ensure-aot-toolchain.sh" || die "the ping sidecar's Native AOT publish needs clang (or ATOTIAUTH_PING_AOT=false)"
    fi
    ;;
esac
base_of() {
  case "$1" in
    ping) echo "$RUNTIME_DEPS" ;;
    *) echo "$RUNTIME" ;;
  esac
}
# The sample cube serves no /metrics, so its image has no second port.
metrics_port_of() {
  case "$1" in
    sample-cube) echo "" ;;
    *) echo 9464 ;;
  esac
}
docker buildx version >/dev/null 2>&1 || export DOCKER_BUILDKIT=0

# One at a time: the projects share AtotiAuth.Shared, and parallel builds of it would collide.
for name in "${NAMES[@]}"; do
  out="artifacts/publish/$name"
  rm -rf "$out"
  if [ "$name" = ping ]; then
    begun=$SECONDS
    if [ "$PING_AOT" = true ]; then
      mode=(-p:PublishAot=true)
    else
      mode=(-p:PublishAot=false -p:SelfContained=true)
    fi
    dotnet publish "$(project_of "$name")" -c Release -r linux-x64 -o "$out" "${mode[@]}" \
      -nologo -clp:ErrorsOnly -v:quiet >&2 || die "dotnet publish $(project_of "$name") failed"
    # The native symbols (50 MB), the library PDB and XML docs stay out of the image.
    rm -f "$out"/*.dbg "$out"/*.pdb "$out"/*.xml
    log "published ping (PublishAot=$PING_AOT) in $((SECONDS - begun)) s"
    continue
  fi
  dotnet publish "$(project_of "$name")" -c Release -o "$out" -p:UseAppHost=false \
    ${publish_args[@]+"${publish_args[@]}"} -nologo -clp:ErrorsOnly -v:quiet >&2 ||
    die "dotnet publish $(project_of "$name") failed"
done
log "published ${NAMES[*]} after $((SECONDS - started)) s"

# Hash of what goes into an image: the publish output (names, contents), its Dockerfile, the
# scripts of deploy/images and the base image. Deterministic builds give the same bytes for the same sources.
inputs_hash() {
  local name="$1"
  {
    (cd "artifacts/publish/$name" && find . -type f -print | LC_ALL=C sort | while IFS= read -r f; do
      printf '%s %s\n' "$f" "$(sha256 <"$f")"
    done)
    sha256 <"$DOCKERFILE"
    sha256 <deploy/images/healthcheck
    sha256 <deploy/images/install-libldap
    sha256 <deploy/images/install-libgssapi
    echo "$(base_of "$name") $(docker image inspect -f '{{.Id}}' "$(base_of "$name")")"
  } | sha256
}

revision="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
build() {
  build_image "atotiauth/$1:dev" "$1" -f "$DOCKERFILE" --build-arg "SERVICE=$1" \
    --build-arg "RUNTIME_IMAGE=$(base_of "$1")" --build-arg "METRICS_PORT=$(metrics_port_of "$1")" \
    --label "$LABEL=$2" --label "org.opencontainers.image.revision=$revision" \
    --label "org.opencontainers.image.created=$(date -u +%Y-%m-%dT%H:%M:%SZ)" .
}

pids=()
for name in "${NAMES[@]}"; do
  hash="$(inputs_hash "$name")"
  have="$(docker image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "atotiauth/$name:dev" 2>/dev/null || true)"
  if [ "$have" = "$hash" ]; then
    log "atotiauth/$name:dev is up to date"
  else
    build "$name" "$hash" &
    pids+=($!)
  fi
done
failed=0
for pid in ${pids[@]+"${pids[@]}"}; do wait "$pid" || failed=1; done
[ "$failed" -eq 0 ] || die "some images could not be built (see above)"
log "images ready: ${NAMES[*]} (after $((SECONDS - started)) s)"
