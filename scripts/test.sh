#!/usr/bin/env bash
# The one test command (README, .ci/run): provisions what the tests need on a fresh machine
# (Docker engine, base and test images, the deployment validator, MIT Kerberos' client, Debian's
# Chromium for the browser tests), builds with warnings as errors, builds the service images, runs
# every test project.
# (exit code 8, "zero tests ran", is not a failure of an assembly with no test yet.)
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Jwt").
# Without a Docker engine the unit tests still run and the container-backed ones report as
# skipped with the reason; with ATOTIAUTH_REQUIRE_CONTAINERS=1 (CI) that is an error instead.
# The same goes for the browser tests without a Chromium, and the Kerberos tests without kinit.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

started=$SECONDS
results="$REPO_ROOT/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

engine=0
"$REPO_ROOT/scripts/ensure-docker.sh" || engine=$?
case "$engine" in
  0)
    . "$REPO_ROOT/scripts/docker-env.sh"
    "$REPO_ROOT/scripts/build-test-images.sh"
    ;;
  3)
    if [ "${ATOTIAUTH_REQUIRE_CONTAINERS:-}" = "1" ]; then
      die "no Docker engine, and this run requires the container-backed tests (ATOTIAUTH_REQUIRE_CONTAINERS=1)"
    fi
    export ATOTIAUTH_NO_DOCKER_REASON="No Docker engine on this machine (not root, or no engine answers): container-backed tests skipped."
    log "NO DOCKER ENGINE: unit tests run, container-backed tests will be reported as SKIPPED"
    ;;
  *) die "could not provide a Docker engine (see above)" ;;
esac
"$REPO_ROOT/scripts/ensure-deploy-tools.sh"

# MIT Kerberos' client side for the Kerberos tests (HttpClient and Chromium load its GSSAPI library).
kerberos=0
"$REPO_ROOT/scripts/ensure-kerberos.sh" || kerberos=$?
case "$kerberos" in
  0) ;;
  3)
    if [ "${ATOTIAUTH_REQUIRE_CONTAINERS:-}" = "1" ]; then
      die "no Kerberos client for the Kerberos tests, and this run requires them (ATOTIAUTH_REQUIRE_CONTAINERS=1)"
    fi
    log "NO KERBEROS CLIENT: the Kerberos tests will be reported as SKIPPED"
    ;;
  *) die "could not install the Kerberos client (see above)" ;;
esac

# Debian's Chromium (apt) installs while the solution builds: after the steps above, which may use
# apt themselves (two apt-get updates at once fail on the lists lock).
"$REPO_ROOT/scripts/ensure-chromium.sh" >"$results/chromium-path" &
chromium_pid=$!
log "toolchain ready after $((SECONDS - started)) s"

dotnet build AtotiAuth.sln -c Release -warnaserror -nologo -clp:ErrorsOnly
log "build done after $((SECONDS - started)) s"

browser=0
wait "$chromium_pid" || browser=$?
case "$browser" in
  0) ATOTIAUTH_CHROMIUM="$(cat "$results/chromium-path")" && export ATOTIAUTH_CHROMIUM ;;
  3)
    if [ "${ATOTIAUTH_REQUIRE_CONTAINERS:-}" = "1" ]; then
      die "no Chromium for the browser tests, and this run requires them (ATOTIAUTH_REQUIRE_CONTAINERS=1)"
    fi
    log "NO CHROMIUM: the browser tests will be reported as SKIPPED"
    ;;
  *) die "could not install Chromium for the browser tests (see above)" ;;
esac
log "Chromium ready after $((SECONDS - started)) s"

# The service images, from the build just made (the image and Testcontainers-module tests start them).
if [ "$engine" -eq 0 ]; then
  "$REPO_ROOT/scripts/build-images.sh" --no-build
  log "images ready after $((SECONDS - started)) s"
fi

status=0
dotnet test --solution AtotiAuth.sln -c Release --no-build --no-progress \
  --results-directory "$results" --report-xunit-trx --ignore-exit-code 8 "$@" 2>&1 | tee "$results/console.log" || status=${PIPESTATUS[0]}

# Each failed test again, with the first lines of its error, just above the closing line: a log cut
# to its tail still says what failed (the services' logs of a long run bury the first report).
awk '
  /^failed / { n++; shown = 0; keep = (n <= 10); if (keep) print "FAILED: " substr($0, 8); next }
  keep && shown < 12 && /^  / { print; shown++; next }
  { keep = keep && /^  / }
  END { if (n > 10) printf "(and %d more failed tests, see %s)\n", n - 10, FILENAME }
' "$results/console.log"

# The closing line CI reads, from Microsoft.Testing.Platform's run summary.
awk '
  /Test run summary/ { seen = 1 }
  seen && $1 == "failed:" { f = $2 } seen && $1 == "succeeded:" { p = $2 } seen && $1 == "skipped:" { s = $2 }
  END { if (!seen) exit 1; printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }
' "$results/console.log" || { log "the test run printed no summary"; status=1; }
log "finished in $((SECONDS - started)) s"
exit "$status"
