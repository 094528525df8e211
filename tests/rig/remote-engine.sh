#!/usr/bin/env bash
# Stops or starts the rig's remote dockerd (tests/rig/lib-remote.sh), for the tests that restart the engine under
# running servers: remote-engine.sh stop | start. Only a daemon the rig started is stopped; start waits until it answers.
set -euo pipefail
# shellcheck source=tests/rig/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
  stop) rig_remote_stop ;;
  start) rig_remote_start ;;
  *) rig_die "usage: remote-engine.sh stop|start" ;;
esac
