#!/usr/bin/env bash
# The one run command (README): the standalone host (identity + token in one process) on
# localhost with the embedded in-memory store. Set AtotiAuth__Store__Redis to use Redis instead.
# Extra arguments go to the host (e.g. --urls http://localhost:5080).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

urls="${ATOTIAUTH_URLS:-http://localhost:5000}"
log "building the standalone host"
dotnet build services/standalone -c Release -nologo -clp:ErrorsOnly >&2
log "starting on $urls (Ctrl+C to stop)"
log "demo users (Development only): demo / demo-password, admin / admin-password (ROLE_ADMIN)"
log "open ${urls%%,*}/ui/index.html, or: curl -u demo:demo-password -c jar -X POST ${urls%%,*}/login && curl -b jar ${urls%%,*}/jwt"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
exec dotnet services/standalone/bin/Release/net10.0/AtotiAuth.Standalone.dll --urls "$urls" --contentRoot "$REPO_ROOT/services/standalone" "$@"
