#!/usr/bin/env bash
# Makes sure this machine can publish the ping sidecar as Native AOT (issue 19): the .NET ILCompiler
# (restored from NuGet by `dotnet publish`) links the native binary with clang, against zlib's headers.
#   exit 0  clang and zlib.h are there
#   exit 3  missing, and they cannot be installed here (not root, not Debian-like)
#   exit 1  installing was attempted and failed
# scripts/build-images.sh and scripts/bench.sh call it before publishing the sidecar.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NO_TOOLCHAIN=3

have_toolchain() {
  command -v clang >/dev/null 2>&1 && [ -e /usr/include/zlib.h ]
}

if have_toolchain; then
  log "Native AOT toolchain found: $(command -v clang)"
  exit 0
fi

if ! is_root || ! is_debian_like; then
  log "no Native AOT toolchain (clang, zlib.h): install clang and zlib1g-dev, or publish the sidecar with -p:PublishAot=false"
  exit "$NO_TOOLCHAIN"
fi

log "installing clang and zlib1g-dev with apt-get"
apt_install --no-install-recommends clang zlib1g-dev || die "could not install clang with apt-get (see above)"
have_toolchain || die "clang was installed but clang or /usr/include/zlib.h is still missing"
log "Native AOT toolchain installed: $(clang --version | head -n 1)"
