#!/usr/bin/env bash
# Runs the benchmark (Release) against the rig's images: bench/run.sh [--cold N] [--warm M] [--warmup K] [--json FILE]
# Brings the rig up first unless .rig/env says it is ready.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if ! { [ -f .rig/env ] && grep -q '^export CONTAINERMCP_RIG_READY=1$' .rig/env; }; then
  bash tests/rig/up.sh
fi
. .rig/env
exec dotnet run -c Release --project bench/ContainerMcp.Bench -- "$@"
