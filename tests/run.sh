#!/usr/bin/env bash
# The test command: brings the rig up, runs the xUnit suites (the engine against real containers and a real
# PostgreSQL; the cmdlet surface) and the Pester suite (the built module in PowerShell 7.6), fails on containers
# or networks the tests left behind, takes the rig down, and ends with one line per suite and then both together:
#   xunit: N passed, N failed, N skipped
#   pester: N passed, N failed, N skipped
#   tests: N passed, N failed, N skipped
# Exit status: non-zero if the rig failed, a test failed, a suite ran no test, or a container, network or state
# volume was left behind.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RIG="$REPO/.rig"
RESULTS="$RIG/test-results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rig_down_done=0
# shellcheck disable=SC2317  # called by the trap
finish() {
  # Also on an early exit (the rig failed to come up, ^C): leave nothing running.
  if [ "$rig_down_done" = 0 ]; then bash "$REPO/tests/rig/down.sh" || true; fi
}
trap finish EXIT

if ! bash "$REPO/tests/rig/up.sh"; then
  echo "run: FAILED — the test rig did not come up (see the rig: lines above)" >&2
  exit 1
fi
# shellcheck source=/dev/null
. "$RIG/env"

failed=0
# State volumes are kept on purpose (until Remove-McpStateVolume), so only those the tests add count as leaks.
volumes_before="$(docker volume ls -q --filter label=io.containermcp.managed | sort)"

# --- xunit: the engine tests against the real daemon, then the cmdlet surface from metadata -----
rm -rf "$RESULTS"
test_rc=0
for project in ContainerMcp.Engine.Tests ContainerMcp.Module.Tests; do
  set +e
  dotnet test "$REPO/tests/$project" -c Release \
    --logger "trx;LogFileName=$project.trx" --logger "console;verbosity=normal" \
    --results-directory "$RESULTS" \
    --blame-hang-timeout 10m --blame-hang-dump-type none
  rc=$?
  set -e
  [ "$rc" = 0 ] || { test_rc=$rc; failed=1; }
done

# --- pester: the module in the rig's PowerShell 7.6 with its Pester 5 ---------------------------
# build.ps1 builds the module, runs every tests/*.Tests.ps1 and prints "pester: N passed, N failed, N skipped".
PESTER_LOG="$RIG/pester.log"
set +e
PSModulePath="$CONTAINERMCP_PESTER_MODULES${PSModulePath:+:$PSModulePath}" \
  "$CONTAINERMCP_PWSH" -NoProfile -NonInteractive -File "$REPO/build.ps1" -Task Test </dev/null 2>&1 | tee "$PESTER_LOG"
pester_rc=${PIPESTATUS[0]}
set -e
pester_line="$(sed 's/\x1b\[[0-9;]*m//g' "$PESTER_LOG" | grep -E '^pester: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' | tail -n 1)" || true
if [ -z "$pester_line" ]; then
  # Pester never got to count (the build or the suite's set-up failed): say so, and count it as one failure.
  pester_line="pester: 0 passed, 1 failed, 0 skipped"
  pester_note="build.ps1 -Task Test exited $pester_rc before Pester reported (see above)"
fi
[ "$pester_rc" = 0 ] || failed=1

# --- orphans: every container the engine starts must be gone by now ----------------------------
orphans="$(docker ps -aq --filter label=io.containermcp.managed)"
if [ -n "$orphans" ]; then
  echo "ORPHAN: FAILED — the tests left these io.containermcp.managed containers behind:" >&2
  docker ps -a --filter label=io.containermcp.managed \
    --format '  {{.ID}}  {{.Image}}  {{.Status}}  {{.Names}}' >&2
  # shellcheck disable=SC2086
  docker rm -f $orphans >/dev/null || true
  echo "ORPHAN: removed them" >&2
  failed=1
fi
# The rig's remote engine (tests/rig/lib-remote.sh) too: servers run there over TLS and through its restarts.
if [ -n "${CONTAINERMCP_REMOTE_SOCKET:-}" ]; then
  remote_orphans="$(docker -H "unix://$CONTAINERMCP_REMOTE_SOCKET" ps -aq --filter label=io.containermcp.managed)"
  if [ -n "$remote_orphans" ]; then
    echo "ORPHAN: FAILED — the tests left these io.containermcp.managed containers on the remote engine:" >&2
    docker -H "unix://$CONTAINERMCP_REMOTE_SOCKET" ps -a --filter label=io.containermcp.managed \
      --format '  {{.ID}}  {{.Image}}  {{.Status}}  {{.Names}}' >&2
    # shellcheck disable=SC2086
    docker -H "unix://$CONTAINERMCP_REMOTE_SOCKET" rm -f $remote_orphans >/dev/null || true
    echo "ORPHAN: removed them" >&2
    failed=1
  fi
fi
# Networks made for servers go with their last container; one left behind is a leak too.
orphan_networks="$(docker network ls -q --filter label=io.containermcp.managed)"
if [ -n "$orphan_networks" ]; then
  echo "ORPHAN: FAILED — the tests left these io.containermcp.managed networks behind:" >&2
  docker network ls --filter label=io.containermcp.managed --format '  {{.ID}}  {{.Name}}' >&2
  # shellcheck disable=SC2086
  docker network rm $orphan_networks >/dev/null || true
  echo "ORPHAN: removed them" >&2
  failed=1
fi
# A state volume a test made and did not remove is a leak too; volumes that were there before are left alone.
leaked_volumes="$(comm -13 <(echo "$volumes_before") <(docker volume ls -q --filter label=io.containermcp.managed | sort) | grep . || true)"
if [ -n "$leaked_volumes" ]; then
  echo "ORPHAN: FAILED — the tests left these io.containermcp.managed volumes behind:" >&2
  echo "$leaked_volumes" | sed 's/^/  /' >&2
  # shellcheck disable=SC2086
  docker volume rm $leaked_volumes >/dev/null || true
  echo "ORPHAN: removed them" >&2
  failed=1
fi

# --- down, then the summary as the last line --------------------------------------------------
rig_down_done=1
bash "$REPO/tests/rig/down.sh" || { echo "run: the test rig did not come down cleanly" >&2; failed=1; }

# Sums one attribute of the <Counters> element over every trx file (0 when absent).
counter() {
  local sum=0 v f
  for f in "$RESULTS"/*.trx; do
    v="$(grep -o '<Counters [^>]*>' "$f" | head -n 1 | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p")" || true
    sum=$(( sum + ${v:-0} ))
  done
  echo "$sum"
}

if ! ls "$RESULTS"/*.trx >/dev/null 2>&1; then
  # No trx at all (a build failure): counted as one failure, so the summary lines still come last.
  echo "run: FAILED — dotnet test exited $test_rc without writing a trx file (build failure? see above)" >&2
  failed=1
fi
total="$(counter total)"
executed="$(counter executed)"
passed="$(counter passed)"
n_failed=$(( $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted) ))
ls "$RESULTS"/*.trx >/dev/null 2>&1 || n_failed=1
# xunit's skipped tests are counted in total but not in executed (notExecuted stays 0).
skipped=$(( total - executed ))
[ "$skipped" -ge "$(counter notExecuted)" ] || skipped="$(counter notExecuted)"

if [ "$total" = 0 ]; then
  echo "run: FAILED — no test ran" >&2
  failed=1
fi
[ "$n_failed" = 0 ] || failed=1

# CI shows only the tail of this output: name each failed test and the start of its message here.
if [ "$n_failed" != 0 ]; then
  python3 - "$RESULTS" <<'PY' >&2 || true
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in glob.glob(sys.argv[1] + "/*.trx"):
    for r in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        if r.get("outcome") not in ("Passed", "NotExecuted"):
            msg = r.findtext(".//t:Message", default="", namespaces=ns).strip().splitlines()
            print(f"FAILED {r.get('testName')}: {' | '.join(l.strip() for l in msg[:4])[:600] if msg else r.get('outcome')}")
PY
fi
# Pester names its own failures above; repeat them here for the tail of a CI log.
sed 's/\x1b\[[0-9;]*m//g' "$PESTER_LOG" | grep -E '^\s*\[-\] ' | head -n 20 | sed 's/^\s*\[-\] /FAILED pester: /' >&2 || true
[ -z "${pester_note:-}" ] || echo "pester: FAILED — $pester_note" >&2

read -r p_passed p_failed p_skipped < <(echo "$pester_line" | sed -E 's/^pester: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped$/\1 \2 \3/')
[ "$(( p_passed + p_failed ))" -gt 0 ] || { echo "run: FAILED — the Pester suite ran no test" >&2; failed=1; }
[ "$p_failed" = 0 ] || failed=1
echo "xunit: $passed passed, $n_failed failed, $skipped skipped"
echo "$pester_line"
echo "tests: $(( passed + p_passed )) passed, $(( n_failed + p_failed )) failed, $(( skipped + p_skipped )) skipped"
exit "$failed"
