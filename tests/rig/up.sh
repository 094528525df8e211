#!/usr/bin/env bash
# Brings the test rig up: PowerShell 7.6 and Pester 5, the Docker daemon, the local images (squid among them), the private
# PostgreSQL cluster, the Podman service with the images it runs, and .rig/env for the tests and the benchmark.
# Idempotent; a rerun with everything in place is fast.
set -euo pipefail
# shellcheck source=tests/rig/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rig_init_dirs
rm -f "$RIG/env"   # CONTAINERMCP_RIG_READY=1 only once everything below succeeded

rig_pwsh_ensure
rig_docker_ensure
rig_pg_ensure
rig_images_ensure
rig_podman_ensure
rig_podman_images_ensure

rig_smoke "$RIG_IMAGE_NODE" rig_smoke_node
rig_smoke "$RIG_IMAGE_EVERYTHING" rig_smoke_everything
rig_smoke "$RIG_IMAGE_POSTGRES" rig_smoke_postgres
rig_smoke "$RIG_IMAGE_PGSERVER" rig_smoke_pgserver
rig_smoke "$RIG_IMAGE_SQUID" rig_smoke_squid
rig_podman_smoke
rig_remote_ensure

rig_write_env
rig_log "up ok"
