#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed, for the browser tests (Playwright drives it through
# ExecutablePath; Playwright's own browser downloads are never used).
#   exit 0  a Chromium is there; its path is printed on stdout
#   exit 3  none, and none can be installed here (not root, not Debian-like): browser tests skip
#   exit 1  installing was attempted and failed
# ATOTIAUTH_CHROMIUM (a path) wins over the search, e.g. for a laptop's own Chromium or Chrome.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NO_BROWSER=3

find_chromium() {
  local candidate
  for candidate in "${ATOTIAUTH_CHROMIUM:-}" "$(command -v chromium 2>/dev/null || true)" /usr/bin/chromium; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if path="$(find_chromium)"; then
  log "Chromium found: $path"
  echo "$path"
  exit 0
fi

if ! is_root || ! is_debian_like; then
  log "no Chromium: browser tests will be skipped (install Debian's chromium, or set ATOTIAUTH_CHROMIUM)"
  exit "$NO_BROWSER"
fi

log "installing chromium with apt-get"
apt_install chromium || die "could not install chromium with apt-get (see above)"
path="$(find_chromium)" || die "chromium was installed but no executable was found"
log "Chromium installed: $path ($("$path" --version 2>/dev/null || echo 'version unknown'))"
echo "$path"
