# shellcheck shell=bash
# The rig's Podman: the second engine the tests run servers on. Sourced by lib.sh; not run on its own.
#
# Rootful Podman serves the Docker Engine API on its own socket, beside dockerd: its own storage
# (/var/lib/containers), its own networks (netavark, 10.88.0.0/16) and its own iptables chains. Nothing can be
# pulled, so the rig images it needs are copied over from dockerd (docker save | podman load).

RIG_PODMAN_SOCKET=/run/podman/podman.sock
RIG_PODMAN_HOST="unix://$RIG_PODMAN_SOCKET"
RIG_PODMAN_LOG="$RIG/podman.log"
RIG_PODMAN_MARKER="$RIG/podman.started-by-rig"
RIG_PODMAN_CONF=/etc/containers/containers.conf
RIG_PODMAN_IMAGES="$RIG_IMAGE_NODE $RIG_IMAGE_EVERYTHING"   # what tests/Podman.Tests.ps1 runs

# True when the Podman service answers on its socket.
rig_podman_answers() {
  curl -fsS --max-time 5 --unix-socket "$RIG_PODMAN_SOCKET" http://podman/_ping >/dev/null 2>&1
}

# runc cannot raise rlimits in some sandboxes (this one): with Podman's default ulimits every container fails to
# start. An empty list leaves the limits as they are. Written only when the setting is absent, under [containers].
rig_podman_conf() {
  if [ -f "$RIG_PODMAN_CONF" ] && grep -Eq '^[[:space:]]*default_ulimits[[:space:]]*=' "$RIG_PODMAN_CONF"; then
    rig_log "podman: default_ulimits already set in $RIG_PODMAN_CONF ok"
    return
  fi
  mkdir -p "$(dirname "$RIG_PODMAN_CONF")"
  if [ -f "$RIG_PODMAN_CONF" ] && grep -Eq '^[[:space:]]*\[containers\][[:space:]]*$' "$RIG_PODMAN_CONF"; then
    sed -i -E '0,/^[[:space:]]*\[containers\][[:space:]]*$/s//[containers]\ndefault_ulimits = []/' "$RIG_PODMAN_CONF"
  elif [ -s "$RIG_PODMAN_CONF" ]; then
    printf '\n[containers]\ndefault_ulimits = []\n' >>"$RIG_PODMAN_CONF"
  else
    printf '[containers]\ndefault_ulimits = []\n' >"$RIG_PODMAN_CONF"
  fi
  rig_log "podman: wrote default_ulimits = [] into $RIG_PODMAN_CONF"
}

rig_podman_ensure() {
  if ! command -v podman >/dev/null 2>&1 || ! command -v catatonit >/dev/null 2>&1; then
    rig_log "podman: podman not found, installing podman and catatonit"
    rig_apt_install podman catatonit
  fi
  command -v podman >/dev/null 2>&1 || rig_die "podman not found after installing it"
  command -v curl >/dev/null 2>&1 || { rig_log "podman: curl not found (it asks the socket whether Podman answers), installing it"; rig_apt_install curl; }
  rig_podman_conf

  if rig_podman_answers; then
    if [ -f "$RIG_PODMAN_MARKER" ]; then rig_log "podman: service running on $RIG_PODMAN_HOST (started by the rig) ok"
    else rig_log "podman: service running on $RIG_PODMAN_HOST ok"; fi
    return
  fi

  rm -f "$RIG_PODMAN_MARKER"
  mkdir -p "$(dirname "$RIG_PODMAN_SOCKET")"
  rig_log "podman: no service answers, starting podman system service on $RIG_PODMAN_HOST (log $RIG_PODMAN_LOG)"
  : >"$RIG_PODMAN_LOG"
  # --time=0: serve until stopped. setsid: a Ctrl-C in the caller's terminal must not reach it. 9>&-: not the rig lock.
  setsid podman system service --time=0 "$RIG_PODMAN_HOST" </dev/null 9>&- >>"$RIG_PODMAN_LOG" 2>&1 &
  local pid=$!
  echo "$pid" >"$RIG_PODMAN_MARKER"

  local deadline=$((SECONDS + 30))
  until rig_podman_answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$RIG_PODMAN_MARKER"
      tail -n 20 "$RIG_PODMAN_LOG" >&2
      rig_die "podman system service exited during start-up (log above, full log $RIG_PODMAN_LOG)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 20 "$RIG_PODMAN_LOG" >&2
      rig_die "podman system service (pid $pid) did not answer within 30 s (log above, full log $RIG_PODMAN_LOG)"
    fi
    sleep 0.2
  done
  rig_log "podman: service started (pid $pid) ok"
}

# Stops the Podman service only if rig_podman_ensure started it. Its containers (each has its own conmon) are the
# tests' to remove; run.sh checks that none is left.
rig_podman_stop() {
  if [ ! -f "$RIG_PODMAN_MARKER" ]; then
    if rig_podman_answers; then rig_log "podman: service not started by the rig, left running"; fi
    return
  fi
  local pid
  pid="$(cat "$RIG_PODMAN_MARKER")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = podman ]; then
    rig_log "podman: stopping the service the rig started (pid $pid)"
    kill -TERM "$pid"
    local deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        rig_die "podman system service (pid $pid) still running 30 s after SIGTERM (log $RIG_PODMAN_LOG)"
      fi
      sleep 0.2
    done
    rig_log "podman: service stopped ok"
  fi
  rm -f "$RIG_PODMAN_MARKER"
}

# The rig hash label of an image in Podman's store, or nothing if it is not there.
rig_podman_image_hash() {
  podman image inspect --format "{{ index .Config.Labels \"$RIG_HASH_LABEL\" }}" "$1" 2>/dev/null || true
}

# Copies each image Podman needs from dockerd, unless Podman holds it with the same rig hash already.
# docker save keeps the name, so "containermcp/node:local" resolves the same on both engines.
rig_podman_images_ensure() {
  local image hash loaded=0
  for image in $RIG_PODMAN_IMAGES; do
    hash="$(rig_image_hash "$image")"
    [ -n "$hash" ] || rig_die "image $image is not in dockerd, so it cannot be copied into Podman"
    if [ "$(rig_podman_image_hash "$image")" = "$hash" ]; then
      rig_log "podman: image $image (cached)"
      continue
    fi
    rig_log "podman: image $image loading from dockerd"
    docker save "$image" | podman load -q >"$RIG/podman-load.log" 2>&1 9>&- \
      || { tail -n 20 "$RIG/podman-load.log" >&2; rig_die "podman load of $image failed (log $RIG/podman-load.log)"; }
    [ "$(rig_podman_image_hash "$image")" = "$hash" ] || rig_die "image $image was loaded into Podman but does not carry its hash label"
    loaded=1
    rig_log "podman: image $image loaded"
  done
  # The copies a reload replaced, now untagged (only ours: by label).
  if [ "$loaded" = 1 ]; then podman image prune -f --filter "label=$RIG_HASH_LABEL" >/dev/null 2>&1 || true; fi
}

# A container runs on Podman as the node image's user, with no network: proves the service, runc and the
# ulimits setting together. Once per Podman image id.
rig_podman_smoke() {
  local stamp want="$RIG_MCP_UID ok" got
  stamp="$RIG/smoke/podman-$(podman image inspect --format '{{ .Id }}' "$RIG_IMAGE_NODE")"
  [ -f "$stamp" ] && return
  got="$(timeout 60 podman --url "$RIG_PODMAN_HOST" run --rm --network none --label io.containermcp.rig.smoke=1 \
    "$RIG_IMAGE_NODE" -e 'console.log(process.getuid(), "ok")' 2>&1 9>&-)" || true
  [ "$got" = "$want" ] || rig_die "smoke run of $RIG_IMAGE_NODE on Podman printed '$got', expected '$want' (service log $RIG_PODMAN_LOG)"
  mkdir -p "$RIG/smoke"
  touch "$stamp"
  rig_log "smoke: $RIG_IMAGE_NODE on podman ok"
}

# The lines .rig/env carries for Podman.
rig_podman_env() {
  echo "export CONTAINERMCP_PODMAN_HOST='$RIG_PODMAN_HOST'"
}
