#!/usr/bin/env bash
# Ensures the runtime base of the service images exists locally and prints its name on stdout.
#   1. $RUNTIME_IMAGE when set (must exist or be pullable);
#   2. mcr.microsoft.com/dotnet/aspnet:10.0, present or pulled;
#   3. else atotiauth/dotnet-aspnet:10.0, built here FROM debian:bookworm-slim with the .NET and
#      ASP.NET Core shared frameworks of the host's SDK (deploy/images/dotnet-aspnet/Dockerfile),
#      rebuilt only when the copied runtime version, the Dockerfile or the Debian base change.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PUBLIC=mcr.microsoft.com/dotnet/aspnet:10.0
LOCAL=atotiauth/dotnet-aspnet:10.0
LABEL=org.atotiauth.inputs
MARKER="${TMPDIR:-/tmp}/atotiauth-aspnet-unpullable"

print_given_or_public_image "${RUNTIME_IMAGE:-}" "$PUBLIC" "$MARKER"

# The newest 10.0 runtime of each shared framework the host's dotnet has (the one the tests run on).
runtime_of() {
  dotnet --list-runtimes | awk -v fw="$1" '$1 == fw && $2 ~ /^10\.0\./ { print $2, substr($3, 2, length($3) - 2) }' |
    sort -V | tail -n 1
}
read -r NETCORE_VERSION NETCORE_DIR < <(runtime_of Microsoft.NETCore.App) || true
read -r ASPNET_VERSION ASPNET_DIR < <(runtime_of Microsoft.AspNetCore.App) || true
[ -n "${NETCORE_VERSION:-}" ] && [ -n "${ASPNET_VERSION:-}" ] ||
  die "no .NET 10 runtime (Microsoft.NETCore.App and Microsoft.AspNetCore.App) on this host to build $LOCAL from"
DOTNET_ROOT_DIR="$(dirname "$(dirname "$NETCORE_DIR")")"
[ -x "$DOTNET_ROOT_DIR/dotnet" ] && [ -d "$DOTNET_ROOT_DIR/host/fxr/$NETCORE_VERSION" ] ||
  die "the host's dotnet root $DOTNET_ROOT_DIR has no muxer or host/fxr/$NETCORE_VERSION"

"$REPO_ROOT/scripts/ensure-base-image.sh"
DOCKERFILE="$REPO_ROOT/deploy/images/dotnet-aspnet/Dockerfile"
want="$( {
  sha256 <"$DOCKERFILE"
  echo "$NETCORE_VERSION $ASPNET_VERSION"
  docker image inspect -f '{{.Id}}' "$BASE_IMAGE"
} | sha256)"
have="$(docker image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$LOCAL" 2>/dev/null || true)"
if [ "$have" = "$want" ]; then
  log "$LOCAL is up to date (.NET $NETCORE_VERSION, ASP.NET Core $ASPNET_VERSION)"
  echo "$LOCAL"
  exit 0
fi

log "no registry serves $PUBLIC: building $LOCAL from $BASE_IMAGE with the host's .NET $NETCORE_VERSION"
docker buildx version >/dev/null 2>&1 || export DOCKER_BUILDKIT=0
CONTEXT="$(mktemp -d "${TMPDIR:-/tmp}/atotiauth-aspnet.XXXXXX")"
trap 'rm -rf "$CONTEXT"' EXIT
mkdir -p "$CONTEXT/dotnet/host/fxr" "$CONTEXT/dotnet/shared/Microsoft.NETCore.App" "$CONTEXT/dotnet/shared/Microsoft.AspNetCore.App"
cp -a "$DOTNET_ROOT_DIR/dotnet" "$CONTEXT/dotnet/"
cp -a "$DOTNET_ROOT_DIR"/LICENSE.txt "$DOTNET_ROOT_DIR"/ThirdPartyNotices.txt "$CONTEXT/dotnet/" 2>/dev/null || true
cp -a "$DOTNET_ROOT_DIR/host/fxr/$NETCORE_VERSION" "$CONTEXT/dotnet/host/fxr/"
cp -a "$NETCORE_DIR/$NETCORE_VERSION" "$CONTEXT/dotnet/shared/Microsoft.NETCore.App/"
cp -a "$ASPNET_DIR/$ASPNET_VERSION" "$CONTEXT/dotnet/shared/Microsoft.AspNetCore.App/"
cp "$DOCKERFILE" "$CONTEXT/Dockerfile"

build_image "$LOCAL" dotnet-aspnet --label "$LABEL=$want" --build-arg "BASE_IMAGE=$BASE_IMAGE" \
  --build-arg "DOTNET_VERSION=$NETCORE_VERSION" --build-arg "ASPNET_VERSION=$ASPNET_VERSION" "$CONTEXT" ||
  die "could not build $LOCAL"
echo "$LOCAL"
