#!/usr/bin/env bash
# What the deployment validation (tests/AtotiAuth.Deploy.Tests) needs on this machine: kubectl with its
# kustomize, bash and openssl (deploy/k8s/init-secrets.sh), and the validator's npm packages
# (deploy/validate, `npm ci` again only when its package-lock.json changes).
# kubectl has no Debian package; where it is missing, this says so: the tests are then skipped with
# that reason, or, with ATOTIAUTH_REQUIRE_CONTAINERS=1 (CI), this script fails.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

required() { [ "${ATOTIAUTH_REQUIRE_CONTAINERS:-}" = "1" ]; }

missing=()
for tool in kubectl openssl bash; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ]; then
  message="not on PATH: ${missing[*]} (kubectl from the Kubernetes release or your distribution; openssl from apt-get); deploy/k8s cannot be rendered and validated"
  required && die "$message, and this run requires it (ATOTIAUTH_REQUIRE_CONTAINERS=1)"
  log "WARNING: $message; the deployment tests will be reported as SKIPPED"
fi

if ! command -v npm >/dev/null 2>&1; then
  { is_root && is_debian_like; } || { required && die "npm is needed for deploy/validate: install Node.js 18+ with npm"; log "WARNING: no npm: deployment tests will be SKIPPED"; exit 0; }
  log "installing npm with apt-get"
  apt_install npm || die "could not install npm with apt-get"
fi

dir="$REPO_ROOT/deploy/validate" marker="$REPO_ROOT/deploy/validate/node_modules/.lock.sha256"
sum="$(sha256 <"$dir/package-lock.json")"
if [ "$(cat "$marker" 2>/dev/null)" != "$sum" ]; then
  log "npm ci in deploy/validate"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed in deploy/validate"
  echo "$sum" >"$marker"
fi
