#!/usr/bin/env bash
# The one benchmark command (README): provisions wrk and the containers, builds Release, runs the
# load harness (baseline and services in the same run, loopback only, bounded in time) and writes
# the figures into docs/benchmarks.md. `--quick` shortens each scenario; `--micro` adds the
# BenchmarkDotNet micro-benchmarks (ShortRun job: 3 warm-ups, 3 iterations; a few minutes on 2 cores).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

if ! command -v wrk >/dev/null 2>&1; then
  is_root && is_debian_like || die "wrk is missing: install it (Debian: apt-get install wrk)"
  log "installing wrk"
  apt_install wrk
fi
"$REPO_ROOT/scripts/ensure-docker.sh" || die "the load run needs a Docker engine (for Redis)"
. "$REPO_ROOT/scripts/docker-env.sh"
"$REPO_ROOT/scripts/build-test-images.sh" redis
# The OIDC peer (oidc-provider) is optional: without its image the load run notes it and goes on.
"$REPO_ROOT/scripts/build-test-images.sh" oidc || log "no atotiauth/test-oidc image: the /jwt vs oidc-provider comparison is skipped"

dotnet build AtotiAuth.sln -c Release -nologo -clp:ErrorsOnly
load_args=()
micro=false
for a in "$@"; do
  case "$a" in
    --micro) micro=true ;;
    *) load_args+=("$a") ;;
  esac
done
dotnet benchmarks/AtotiAuth.Benchmarks/bin/Release/net10.0/AtotiAuth.Benchmarks.dll load "${load_args[@]}"
if $micro; then
  artifacts="$REPO_ROOT/artifacts/benchmarkdotnet"
  dotnet benchmarks/AtotiAuth.Benchmarks/bin/Release/net10.0/AtotiAuth.Benchmarks.dll \
    --filter '*' --join --job short --exporters github --artifacts "$artifacts"
  report="$(ls -t "$artifacts"/results/*-report-github.md | head -n 1)"
  dotnet benchmarks/AtotiAuth.Benchmarks/bin/Release/net10.0/AtotiAuth.Benchmarks.dll section micro "$report"
fi
