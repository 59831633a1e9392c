# Source this (". scripts/docker-env.sh") before running container-backed tests.
# It adapts Testcontainers to the engine at hand and never exits the calling shell:
#  - DOCKER_API_VERSION: Debian 12's engine speaks API 1.41, older than what recent
#    Testcontainers/Docker.DotNet ask for by default (1.44), so pin the engine's own version.
#  - TESTCONTAINERS_RYUK_DISABLED=true when the Ryuk image (testcontainers/ryuk) is neither
#    present nor pullable (offline machines); with only a local Ryuk image, point
#    TESTCONTAINERS_RYUK_CONTAINER_IMAGE at it so Testcontainers does not try to pull another tag.
# Values already set in the environment win. Returns 1 when no engine answers.
# shellcheck shell=bash

_atotiauth_docker_env() {
  local api major minor image ryuk_default="testcontainers/ryuk:0.14.0" # Testcontainers 4.16's
  local marker="${TMPDIR:-/tmp}/atotiauth-ryuk-unpullable"

  api="$(docker version --format '{{.Server.APIVersion}}' 2>/dev/null)" || {
    echo "docker-env.sh: no Docker engine answers; run scripts/ensure-docker.sh first" >&2
    return 1
  }
  IFS=. read -r major minor <<<"$api"
  if [ -z "${DOCKER_API_VERSION:-}" ] && { [ "${major:-0}" -lt 1 ] || { [ "$major" -eq 1 ] && [ "${minor:-0}" -lt 44 ]; }; }; then
    export DOCKER_API_VERSION="$api"
    echo "docker-env.sh: engine speaks API $api: DOCKER_API_VERSION=$api" >&2
  fi

  [ -n "${TESTCONTAINERS_RYUK_DISABLED:-}" ] && return 0
  image="${TESTCONTAINERS_RYUK_CONTAINER_IMAGE:-}"
  if [ -n "$image" ] && docker image inspect "$image" >/dev/null 2>&1; then return 0; fi
  if [ -z "$image" ]; then
    # By tag, or by digest (Testcontainers pulls tag@digest, which may leave no tag behind).
    image="$(docker images --digests --format '{{.Repository}} {{.Tag}} {{.Digest}}' testcontainers/ryuk 2>/dev/null |
      awk '$2 != "<none>" { print $1 ":" $2; exit } $3 != "<none>" { print $1 "@" $3; exit }')"
    if [ -n "$image" ]; then
      export TESTCONTAINERS_RYUK_CONTAINER_IMAGE="$image"
      return 0
    fi
    image="$ryuk_default"
  fi
  # A failed pull is remembered for an hour, so offline machines do not wait on every run.
  if [ -z "$(find "$marker" -mmin -60 2>/dev/null)" ]; then
    echo "docker-env.sh: pulling $image for Testcontainers' resource reaper" >&2
    local pull=(docker pull -q "$image")
    ! command -v timeout >/dev/null 2>&1 || pull=(timeout 20 "${pull[@]}")
    if "${pull[@]}" >/dev/null 2>&1; then
      rm -f "$marker"
      return 0
    fi
    touch "$marker" 2>/dev/null || true
  fi
  export TESTCONTAINERS_RYUK_DISABLED=true
  echo "docker-env.sh: $image not available: TESTCONTAINERS_RYUK_DISABLED=true (tests must dispose their containers)" >&2
}

# Sourced once per shell; later sourcing is a no-op.
if [ -z "${ATOTIAUTH_DOCKER_ENV_DONE:-}" ]; then
  _atotiauth_docker_env && export ATOTIAUTH_DOCKER_ENV_DONE=1
fi
