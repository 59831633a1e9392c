#!/usr/bin/env bash
# The one benchmark command (docs/benchmarks.md). Provisions what the runs need (wrk, taskset, nginx,
# a Docker engine and the test images, the repository's dotnet tools), builds Release, then runs every
# scenario with its baseline and peers, the micro-benchmarks and the service images. Every run writes
# artifacts/bench/RUN/report.md; a full run without failures also rewrites the targets table of
# docs/benchmarks.md (about half an hour on 2 cores).
#   scripts/bench.sh                           everything; the targets table into docs/benchmarks.md
#   scripts/bench.sh --quick                   everything, shortened: proves it all runs
#   scripts/bench.sh --only proxied,ping       just those scenarios (--help lists them)
#   scripts/bench.sh --only proxied --profile  and a dotnet-trace CPU profile + dotnet-counters of each
# Any failed request fails the run (exit 1). Containers carry the run's label and are removed, and
# every process the run started is stopped, however the run ends (Ctrl+C included).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

case " $* " in
  *" --help "* | *" -h "*)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    dotnet benchmarks/AtotiAuth.Benchmarks/bin/Release/net10.0/AtotiAuth.Benchmarks.dll run --help 2>&1 | sed -n '/^scenarios:/,$p' || true
    exit 0
    ;;
esac

# wrk drives the load; taskset pins the 1-vs-2-core runs; nginx is the proxy peer of the sidecar.
for tool in wrk taskset nginx; do
  command -v "$tool" >/dev/null 2>&1 && continue
  package="$tool"
  case "$tool" in
    taskset) package=util-linux ;;
    nginx) package=nginx-light ;;
  esac
  is_root && is_debian_like || die "$tool is missing: install it (Debian: apt-get install $package)"
  log "installing $tool"
  apt_install "$package"
done
"$REPO_ROOT/scripts/ensure-docker.sh" || die "the benchmarks need a Docker engine (Redis, OpenLDAP, the OpenID provider)"
# The Kerberos login's client side (its tokens come from MIT's GSSAPI library, as a browser's do).
"$REPO_ROOT/scripts/ensure-kerberos.sh" || die "the Kerberos login needs MIT's client library (libgssapi-krb5-2)"
. "$REPO_ROOT/scripts/docker-env.sh"
"$REPO_ROOT/scripts/build-test-images.sh" redis openldap kdc
# The OIDC image (oidc-provider) needs npm on the host: without it the peer and the callback fail the run.
"$REPO_ROOT/scripts/build-test-images.sh" oidc || log "no atotiauth/test-oidc image: the oidc-provider peer and the OIDC callback will fail"
# dotnet-trace, dotnet-counters and dotnet-gcdump, pinned in .config/dotnet-tools.json.
dotnet tool restore >/dev/null || die "dotnet tool restore failed (the profiles and the memory readings need dotnet-trace and dotnet-counters)"
dotnet build AtotiAuth.sln -c Release -nologo -clp:ErrorsOnly
# The service images, for the image startup part (container start to /readyz, idle memory).
"$REPO_ROOT/scripts/build-images.sh" --no-build

ATOTIAUTH_BENCH_RUN_ID="$(date -u +%Y%m%d-%H%M%S)-$$"
ATOTIAUTH_BENCH_PID_FILE="$REPO_ROOT/artifacts/bench/$ATOTIAUTH_BENCH_RUN_ID/pids"
export ATOTIAUTH_BENCH_RUN_ID ATOTIAUTH_BENCH_PID_FILE
mkdir -p "$(dirname "$ATOTIAUTH_BENCH_PID_FILE")"
: >"$ATOTIAUTH_BENCH_PID_FILE"

# The harness stops what it started itself; this is for a harness that was killed outright. Only
# processes it recorded, and only while their command line still names what it recorded.
cleanup() {
  local pid marker
  while IFS=$'\t' read -r pid marker; do
    [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || continue
    if tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker"; then
      log "stopping leftover process $pid ($marker)"
      kill "$pid" 2>/dev/null || true
    fi
  done <"$ATOTIAUTH_BENCH_PID_FILE"
  local leftovers
  leftovers="$(docker ps -aq --filter "label=atotiauth.bench.run=$ATOTIAUTH_BENCH_RUN_ID" 2>/dev/null || true)"
  if [ -n "$leftovers" ]; then
    log "removing leftover containers of this run"
    # shellcheck disable=SC2086
    docker rm -f $leftovers >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

started=$SECONDS
status=0
dotnet benchmarks/AtotiAuth.Benchmarks/bin/Release/net10.0/AtotiAuth.Benchmarks.dll run "$@" || status=$?
log "finished in $((SECONDS - started)) s (exit $status)"
exit "$status"
