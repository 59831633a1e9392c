#!/usr/bin/env bash
# The one run command (README).
#   ./scripts/run.sh            the standalone host (identity + token in one process) on localhost with the
#                               embedded in-memory store. Set AtotiAuth__Store__Redis to use Redis instead.
#                               Extra arguments go to the host (e.g. --urls http://localhost:5080).
#   ./scripts/run.sh --system   the whole split system through the Aspire AppHost (apphost/): Redis,
#                               OpenLDAP, the OpenID provider, two identity and two token replicas, two cubes
#                               behind their sidecars, the gateway and the sample UI, and Aspire's dashboard.
#                               It builds the images it needs first; Ctrl+C or SIGTERM stops everything.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

run_system() {
  "$REPO_ROOT/scripts/ensure-docker.sh" || die "the system runs its Redis, directory and OpenID provider in containers: a Docker engine is needed (see above)"
  . "$REPO_ROOT/scripts/docker-env.sh"
  "$REPO_ROOT/scripts/build-test-images.sh" redis openldap oidc
  log "building the AppHost and the services"
  dotnet build apphost -c Release -nologo -clp:ErrorsOnly >&2
  local gateway=http://localhost:5300
  log "starting the system (Ctrl+C to stop); once every resource is up:"
  log "  UI:            $gateway/app/"
  log "  login:         $gateway/login   (demo / demo-password; admin / admin-password; LDAP alice / alice-pass; OpenID alice)"
  log "  admin console: $gateway/admin/"
  log "  cube1 (Atoti stand-in) sidecar: http://localhost:5301   cube2 (header cube) sidecar: http://localhost:5302"
  log "  dashboard:     http://localhost:18888 (its login link is printed below)"
  export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
  export ASPNETCORE_URLS=http://localhost:18888
  export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:18889 ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://localhost:18890
  export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:18887
  # exec: the AppHost itself gets Ctrl+C and SIGTERM, and stops every process and container it started.
  exec apphost/bin/Release/net10.0/AtotiAuth.AppHost "$@"
}

if [ "${1:-}" = "--system" ]; then
  shift
  run_system "$@"
fi

urls="${ATOTIAUTH_URLS:-http://localhost:5000}"
log "building the standalone host"
dotnet build services/standalone -c Release -nologo -clp:ErrorsOnly >&2
log "starting on $urls (Ctrl+C to stop)"
log "demo users (Development only): demo / demo-password, admin / admin-password (ROLE_ADMIN)"
log "open ${urls%%,*}/ui/index.html, or: curl -u demo:demo-password -c jar -X POST ${urls%%,*}/login && curl -b jar ${urls%%,*}/jwt"
log "admin console: ${urls%%,*}/admin/ (as admin)"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
exec dotnet services/standalone/bin/Release/net10.0/AtotiAuth.Standalone.dll --urls "$urls" --contentRoot "$REPO_ROOT/services/standalone" "$@"
