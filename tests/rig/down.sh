#!/usr/bin/env bash
# Takes the test rig down: stops the private PostgreSQL cluster, and dockerd only if up.sh started it.
# Keeps images, npm caches and the cluster's data, so the next up.sh is fast. Idempotent.
set -euo pipefail
# shellcheck source=tests/rig/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ -d "$RIG" ] || { rig_log "down ok (nothing to do)"; exit 0; }
rig_init_dirs
rm -f "$RIG/env"
rig_pg_stop
rig_remote_stop
rig_remote_bridge_remove
rig_docker_stop
rig_log "down ok"
