#!/usr/bin/env bash
# Runs the benchmark (Release) against the rig's images, in two parts:
#   the engine:  bench/run.sh [--cold N] [--warm M] [--warmup K] [--first N] [--floor N] [--legacy N] [--json FILE]
#   the session: bench/session.ps1 — what a PowerShell user pays: Import-Module, Invoke-McpTool against the engine's
#                call, 20 piped starts and stops, 100 idle servers (the module is published to out/ContainerMcp first).
# --no-session runs only the engine part; --session-only [session.ps1 parameters] only the session part.
# Brings the rig up first unless .rig/env says it is ready.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if ! { [ -f .rig/env ] && grep -q '^export CONTAINERMCP_RIG_READY=1$' .rig/env; }; then
  bash tests/rig/up.sh
fi
. .rig/env
session=1
case "${1:-}" in
  --session-only) session=only; shift ;;
  --no-session) session=0; shift ;;
esac
if [ "$session" != only ]; then
  dotnet run -c Release --project bench/ContainerMcp.Bench -- "$@"
  set --
fi
if [ "$session" != 0 ]; then
  dotnet publish src/ContainerMcp -c Release -o out/ContainerMcp --nologo >&2
  pwsh="${CONTAINERMCP_PWSH:-pwsh}"
  exec "$pwsh" -NoProfile -NonInteractive -File bench/session.ps1 "$@"
fi
