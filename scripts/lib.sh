# Shared helpers for the scripts in this folder; meant to be sourced, not run.
# shellcheck shell=bash

# Progress and errors go to stderr, one line each, prefixed by the script's name.
log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

# The image every test Dockerfile builds FROM (ARG BASE_IMAGE).
BASE_IMAGE="${BASE_IMAGE:-debian:bookworm-slim}"

is_root() { [ "$(id -u)" -eq 0 ]; }
is_debian_like() { [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; }

# Installs Debian packages; waits for a concurrent apt/dpkg instead of failing on its lock,
# and only refreshes the package lists when the first attempt cannot find something.
apt_install() {
  local apt=(apt-get -y -q -o DPkg::Lock::Timeout=300 install)
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" "$@" >&2 && return 0
  log "apt-get install failed; refreshing package lists and retrying"
  apt-get -q -o DPkg::Lock::Timeout=300 update >&2 &&
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" "$@" >&2
}

# Portable across Linux and a macOS laptop (no sha256sum or timeout there by default).
sha256() { if command -v sha256sum >/dev/null 2>&1; then sha256sum; else shasum -a 256; fi | cut -d' ' -f1; }
with_timeout() {
  local seconds="$1"; shift
  if command -v timeout >/dev/null 2>&1; then timeout "$seconds" "$@"; else "$@"; fi
}

# Builds an image (log in a file, its tail shown on failure) and drops the image it replaces,
# unless a container still uses that one. Usage: build_image TAG LOGNAME [docker build arguments...]
build_image() {
  local tag="$1" name="$2" begun=$SECONDS old buildlog
  shift 2
  buildlog="${TMPDIR:-/tmp}/atotiauth-build-$name.log"
  old="$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)"
  log "building $tag (log: $buildlog)"
  if ! docker build -t "$tag" "$@" >"$buildlog" 2>&1; then
    tail -n 20 "$buildlog" >&2
    log "error: building $tag failed (full log: $buildlog)"
    return 1
  fi
  [ -z "$old" ] || [ "$old" = "$(docker image inspect -f '{{.Id}}' "$tag")" ] ||
    docker image rm "$old" >/dev/null 2>&1 || true
  log "built $tag in $((SECONDS - begun)) s"
}

# For the scripts that provide a base image: $1 the image an override variable names (or empty), $2 the
# public image, $3 a marker file. Prints the override (present or pulled, else dies) or the public image
# when present or pullable, and exits; returns when neither, for the caller to build its local one. A
# failed pull of the public image is remembered for an hour, so offline machines do not ask every build.
print_given_or_public_image() {
  local given="$1" public="$2" marker="$3"
  if [ -n "$given" ]; then
    docker image inspect "$given" >/dev/null 2>&1 || with_timeout 120 docker pull -q "$given" >/dev/null ||
      die "$given is neither present nor pullable"
    echo "$given"
    exit 0
  fi
  if docker image inspect "$public" >/dev/null 2>&1; then
    echo "$public"
    exit 0
  fi
  if [ -z "$(find "$marker" -mmin -60 2>/dev/null)" ]; then
    log "pulling $public"
    if with_timeout 120 docker pull -q "$public" >/dev/null 2>&1; then
      rm -f "$marker"
      echo "$public"
      exit 0
    fi
    touch "$marker" 2>/dev/null || true
  fi
}
