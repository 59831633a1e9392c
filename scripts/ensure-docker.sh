#!/usr/bin/env bash
# Makes sure a Docker engine answers, for the container-backed tests.
#   exit 0  an engine answers (DOCKER_HOST is respected)
#   exit 3  no engine and none can be provisioned here: run the unit tests only
#   exit 1  provisioning was attempted and failed (see the message)
# On Debian/Ubuntu as root it installs docker.io (and debootstrap, which
# ensure-base-image.sh needs when no registry is reachable) and starts dockerd
# in the background, because fresh CI machines have neither systemd nor an engine.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NO_ENGINE=3
DOCKERD_LOG="${TMPDIR:-/tmp}/atotiauth-dockerd.log"

engine_answers() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

if engine_answers; then
  log "Docker engine answers at ${DOCKER_HOST:-the default socket}"
  exit 0
fi

# A remote or custom engine was asked for: starting a local one would not help.
if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST}" != "unix:///var/run/docker.sock" ]; then
  log "DOCKER_HOST=${DOCKER_HOST} does not answer: container-backed tests will be skipped"
  exit "$NO_ENGINE"
fi

if ! is_root || ! is_debian_like; then
  log "no Docker engine: container-backed tests will be skipped (start Docker, or run this as root on Debian/Ubuntu to install one)"
  exit "$NO_ENGINE"
fi

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]} with apt-get"
  apt_install "${missing[@]}" || die "could not install ${missing[*]} with apt-get (see above)"
fi

if pgrep -x dockerd >/dev/null 2>&1; then
  log "dockerd is already running; waiting for it to answer"
else
  log "starting dockerd in the background (log: $DOCKERD_LOG)"
  # setsid + nohup: the engine must outlive this script and the test run that called it.
  setsid nohup dockerd >"$DOCKERD_LOG" 2>&1 </dev/null &
fi

for _ in $(seq 1 60); do
  if [ -S /var/run/docker.sock ] && engine_answers; then
    log "Docker engine is up ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    exit 0
  fi
  sleep 1
done

log "dockerd did not answer within 60 s; last lines of $DOCKERD_LOG:"
tail -n 15 "$DOCKERD_LOG" >&2 2>/dev/null || true
die "no Docker engine: fix the error above (or start Docker yourself) and run this again"
