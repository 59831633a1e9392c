#!/usr/bin/env bash
# Makes sure the Kerberos client side is on this machine, for the Kerberos tests: MIT's GSSAPI
# library (libgssapi-krb5-2), which .NET's HttpClient and Chromium load to get service tickets, and
# its tools (krb5-user: kinit, klist), with which the browser test fills Chromium's ticket cache.
#   exit 0  both are there
#   exit 3  missing, and they cannot be installed here (not root, not Debian-like): the Kerberos tests skip
#   exit 1  installing was attempted and failed
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NO_KERBEROS=3

have_kerberos() {
  command -v kinit >/dev/null 2>&1 && command -v klist >/dev/null 2>&1 &&
    { ldconfig -p 2>/dev/null | grep -q 'libgssapi_krb5\.so\.2' || [ -e /usr/lib/x86_64-linux-gnu/libgssapi_krb5.so.2 ] || [ -e /usr/lib/aarch64-linux-gnu/libgssapi_krb5.so.2 ]; }
}

if have_kerberos; then
  log "Kerberos client found: $(command -v kinit)"
  exit 0
fi

if ! is_root || ! is_debian_like; then
  log "no Kerberos client (kinit, libgssapi_krb5.so.2): the Kerberos tests will be skipped (install krb5-user and libgssapi-krb5-2)"
  exit "$NO_KERBEROS"
fi

log "installing krb5-user and libgssapi-krb5-2 with apt-get"
# krb5-config (a dependency of krb5-user) asks for a default realm: the tests bring their own krb5.conf.
DEBIAN_FRONTEND=noninteractive apt_install --no-install-recommends krb5-user libgssapi-krb5-2 ||
  die "could not install krb5-user with apt-get (see above)"
have_kerberos || die "krb5-user was installed but kinit or libgssapi_krb5.so.2 is still missing"
log "Kerberos client installed: $(command -v kinit)"
