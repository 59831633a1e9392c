#!/usr/bin/env bash
# Image startup benchmark (issue 8): builds the service images, then starts each one several times
# as Kubernetes runs it and writes start-to-ready times, CPU to ready and idle memory into the
# "images" section of docs/benchmarks.md. Extra arguments go to the command (e.g. --runs 10).
# Run it on an otherwise idle machine (uptime): wall-clock start times scale with the load.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

"$REPO_ROOT/scripts/ensure-docker.sh" || die "the image benchmark needs a Docker engine"
. "$REPO_ROOT/scripts/docker-env.sh"
"$REPO_ROOT/scripts/build-test-images.sh" redis
"$REPO_ROOT/scripts/build-images.sh"
dotnet build benchmarks/AtotiAuth.Benchmarks -c Release -nologo -clp:ErrorsOnly
dotnet benchmarks/AtotiAuth.Benchmarks/bin/Release/net10.0/AtotiAuth.Benchmarks.dll images "$@"
