#!/usr/bin/env bash
# Ensures the base of the Native AOT ping image exists locally and prints its name on stdout.
#   1. $RUNTIME_DEPS_IMAGE when set (must exist or be pullable);
#   2. mcr.microsoft.com/dotnet/runtime-deps:10.0, present or pulled;
#   3. else atotiauth/dotnet-runtime-deps:10.0, built here FROM debian:bookworm-slim
#      (deploy/images/dotnet-runtime-deps/Dockerfile), rebuilt only when the Dockerfile or the Debian
#      base change.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PUBLIC=mcr.microsoft.com/dotnet/runtime-deps:10.0
LOCAL=atotiauth/dotnet-runtime-deps:10.0
LABEL=org.atotiauth.inputs
MARKER="${TMPDIR:-/tmp}/atotiauth-runtime-deps-unpullable"

print_given_or_public_image "${RUNTIME_DEPS_IMAGE:-}" "$PUBLIC" "$MARKER"

"$REPO_ROOT/scripts/ensure-base-image.sh"
DOCKERFILE="$REPO_ROOT/deploy/images/dotnet-runtime-deps/Dockerfile"
want="$( {
  sha256 <"$DOCKERFILE"
  docker image inspect -f '{{.Id}}' "$BASE_IMAGE"
} | sha256)"
have="$(docker image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$LOCAL" 2>/dev/null || true)"
if [ "$have" = "$want" ]; then
  log "$LOCAL is up to date"
  echo "$LOCAL"
  exit 0
fi

log "no registry serves $PUBLIC: building $LOCAL from $BASE_IMAGE"
docker buildx version >/dev/null 2>&1 || export DOCKER_BUILDKIT=0
build_image "$LOCAL" dotnet-runtime-deps --label "$LABEL=$want" --build-arg "BASE_IMAGE=$BASE_IMAGE" \
  -f "$DOCKERFILE" "$(dirname "$DOCKERFILE")" || die "could not build $LOCAL"
echo "$LOCAL"
