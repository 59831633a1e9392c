#!/usr/bin/env bash
# Ensures the base image of the test images (debian:bookworm-slim) exists locally.
# Pulled from the registry when one is reachable; otherwise built with debootstrap from the
# Debian mirror this machine's apt already uses (read at run time, never written in the repo),
# because fresh CI machines reach Debian's mirror but no container registry.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

IMAGE="${BASE_IMAGE}"

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  log "$IMAGE is present"
  exit 0
fi

log "pulling $IMAGE"
if with_timeout 60 docker pull -q "$IMAGE" >/dev/null 2>&1; then
  log "$IMAGE pulled"
  exit 0
fi
[ "$IMAGE" = "debian:bookworm-slim" ] || die "cannot pull $IMAGE and only debian:bookworm-slim can be built locally"
log "no registry answers: building $IMAGE with debootstrap instead"

is_root || die "building $IMAGE needs root (debootstrap); run as root or make the registry reachable"
command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap || die "debootstrap is missing and could not be installed"

# First http(s) URI whose suite is exactly $1, from one-line (.list) and deb822 (.sources) apt sources.
apt_uri_for_suite() {
  local files=()
  [ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
  shopt -s nullglob
  files+=(/etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources)
  shopt -u nullglob
  [ "${#files[@]}" -gt 0 ] || return 0
  awk -v want="$1" '
    function flush() {
      if (types ~ /(^| )deb( |$)/ && enabled != "no")
        for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++)
          if (uri[i] ~ /^https?:\/\// && suite[j] == want) { print uri[i]; found = 1; exit }
      types = ""; enabled = ""; nu = 0; ns = 0
    }
    FNR == 1 { flush(); deb822 = (FILENAME ~ /\.sources$/) }
    /^[ \t]*#/ { next }
    deb822 && /^[ \t]*$/ { flush(); next }
    deb822 {
      key = tolower($1); sub(/:$/, "", key)
      if (key == "types") { $1 = ""; types = $0 }
      else if (key == "enabled") enabled = tolower($2)
      else if (key == "uris") nu = split(substr($0, index($0, ":") + 1), uri, " ")
      else if (key == "suites") ns = split(substr($0, index($0, ":") + 1), suite, " ")
      next
    }
    $1 == "deb" {
      f = 2; if ($2 ~ /^\[/) { while (f <= NF && $f !~ /\]$/) f++; f++ }
      if ($f ~ /^https?:\/\// && $(f + 1) == want) { print $f; found = 1; exit }
    }
    END { if (!found) flush() }
  ' "${files[@]}" | sed 's:/*$::'
}

MIRROR="$(apt_uri_for_suite bookworm)"
[ -n "$MIRROR" ] || die "no http(s) Debian mirror for bookworm in /etc/apt/sources.list{,.d}; add one or make the registry reachable"
SECURITY="$(apt_uri_for_suite bookworm-security)"

ROOTFS="$(mktemp -d "${TMPDIR:-/tmp}/atotiauth-rootfs.XXXXXX")"
cleanup() {
  # debootstrap mounts proc/sys inside the target; never delete through a mount.
  grep -o " $ROOTFS/[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf --one-file-system "$ROOTFS"
}
trap cleanup EXIT

log "debootstrap bookworm from $MIRROR (a minute or two)"
if ! debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >"$ROOTFS.log" 2>&1; then
  tail -n 15 "$ROOTFS.log" >&2
  die "debootstrap failed (full log: $ROOTFS.log)"
fi
rm -f "$ROOTFS.log"

# apt inside derived images uses the same mirror; lists and caches are dropped to stay small.
{
  echo "deb $MIRROR bookworm main"
  echo "deb $MIRROR bookworm-updates main"
  [ -z "$SECURITY" ] || echo "deb $SECURITY bookworm-security main"
} >"$ROOTFS/etc/apt/sources.list"
# Documentation, manuals and message translations are left out, here and from every package the derived
# images install (dpkg's path-exclude), as the registry's slim images do: a third of the root file
# system, 33 MB of it translations (issue 19: the sidecar's image holds one binary on this base).
mkdir -p "$ROOTFS/etc/dpkg/dpkg.cfg.d"
cat >"$ROOTFS/etc/dpkg/dpkg.cfg.d/atotiauth-slim" <<'SLIM'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
SLIM
find "$ROOTFS/usr/share/doc" -mindepth 1 ! -name copyright ! -type d -delete 2>/dev/null || true
find "$ROOTFS/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} + 2>/dev/null || true
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/* "$ROOTFS"/var/log/*.log \
  "$ROOTFS"/var/cache/debconf/*-old "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/*

log "importing the root file system as $IMAGE"
tar --numeric-owner -C "$ROOTFS" -c . |
  docker import --change 'CMD ["bash"]' --change 'LABEL org.atotiauth.base=debootstrap' - "$IMAGE" >/dev/null
log "$IMAGE built from $MIRROR"
