# shellcheck shell=bash
# The rig's second Docker engine, the "remote" one: a dockerd of its own (data-root, exec-root, pidfile, unix
# socket under .rig/remote/) that also listens on 127.0.0.1:$RIG_REMOTE_PORT and [::1]:$RIG_REMOTE_PORT with TLS,
# client certificates required. The certificates are made here with openssl: a CA, a server certificate for
# 127.0.0.1 and localhost only (so [::1] is a name the certificate lacks: the host-name check is tested against
# the real daemon), and a client certificate. The client side (ca.pem, cert.pem, key.pem) is DOCKER_CERT_PATH.
# No iptables, and a bridge of its own that the rig makes: it must not touch the first daemon's networks. (Not
# --bridge none: a dockerd started so deletes docker0, the first daemon's bridge.) Servers on it run with network none.
# Sourced by lib.sh; remote-engine.sh stops and starts it for the engine-restart tests.

RIG_REMOTE_DIR="$RIG/remote"
RIG_REMOTE_PORT="${CONTAINERMCP_REMOTE_PORT:-52376}"   # another port when 52376 is taken
RIG_REMOTE_SOCKET="$RIG_REMOTE_DIR/docker.sock"
RIG_REMOTE_CERTS="$RIG_REMOTE_DIR/certs"               # the CA's key and the daemon's side
RIG_REMOTE_CLIENT="$RIG_REMOTE_DIR/client"             # DOCKER_CERT_PATH: ca.pem, cert.pem, key.pem
RIG_REMOTE_LOG="$RIG_REMOTE_DIR/dockerd.log"
RIG_REMOTE_PIDFILE="$RIG_REMOTE_DIR/dockerd.pid"
RIG_REMOTE_MARKER="$RIG_REMOTE_DIR/dockerd.started-by-rig"
RIG_REMOTE_IMAGES="$RIG_IMAGE_NODE $RIG_IMAGE_EVERYTHING"
RIG_REMOTE_BRIDGE=cmcp-remote0
RIG_REMOTE_BRIDGE_CIDR="${CONTAINERMCP_REMOTE_BRIDGE_CIDR:-10.213.77.1/24}"   # outside Docker's default address pools

# docker against the remote engine's unix socket (the rig's own administration; tests use TLS).
rig_remote_docker() { docker -H "unix://$RIG_REMOTE_SOCKET" "$@"; }

rig_remote_answers() { rig_remote_docker info >/dev/null 2>&1; }

# openssl req/x509 for one certificate: $1 name (file stem), $2 subject, $3 extensions, signed by the rig's CA.
rig_remote_issue() {
  local dir="$RIG_REMOTE_CERTS" name="$1" subject="$2" extensions="$3"
  openssl req -new -newkey rsa:2048 -nodes -keyout "$dir/$name-key.pem" -subj "$subject" \
    -out "$dir/$name.csr" 2>/dev/null || rig_die "openssl could not make a key and request for $name"
  printf '%s\n' "$extensions" >"$dir/$name.ext"
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca-key.pem" -CAcreateserial \
    -days 30 -sha256 -extfile "$dir/$name.ext" -out "$dir/$name-cert.pem" 2>/dev/null \
    || rig_die "openssl could not sign the $name certificate"
  rm -f "$dir/$name.csr" "$dir/$name.ext"
  chmod 600 "$dir/$name-key.pem"
}

# Makes the CA and the certificates unless they exist and stay valid for another day.
rig_remote_certs() {
  local dir="$RIG_REMOTE_CERTS"
  if [ -f "$RIG_REMOTE_CLIENT/key.pem" ] && [ -f "$dir/server-cert.pem" ] \
     && openssl x509 -checkend 86400 -noout -in "$dir/server-cert.pem" >/dev/null 2>&1; then
    rig_log "remote: TLS certificates in $RIG_REMOTE_DIR ok"
    return
  fi
  rig_log "remote: making a CA, a server certificate (127.0.0.1, localhost) and a client certificate"
  rm -rf "$dir" "$RIG_REMOTE_CLIENT"
  mkdir -p "$dir" "$RIG_REMOTE_CLIENT"
  chmod 700 "$dir" "$RIG_REMOTE_CLIENT"
  openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$dir/ca-key.pem" -days 30 -sha256 \
    -subj "/CN=ContainerMcp rig CA" -out "$dir/ca.pem" 2>/dev/null || rig_die "openssl could not make the rig's CA"
  rig_remote_issue server "/CN=localhost" \
    "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth
keyUsage=digitalSignature,keyEncipherment"
  rig_remote_issue client "/CN=ContainerMcp rig client" \
    "extendedKeyUsage=clientAuth
keyUsage=digitalSignature,keyEncipherment"
  cp "$dir/ca.pem" "$RIG_REMOTE_CLIENT/ca.pem"
  mv "$dir/client-cert.pem" "$RIG_REMOTE_CLIENT/cert.pem"
  mv "$dir/client-key.pem" "$RIG_REMOTE_CLIENT/key.pem"
  # A restarted daemon must present the new certificate.
  if rig_remote_answers; then rig_remote_stop; fi
}

# The remote daemon's default bridge, made here so that it never makes or removes docker0.
rig_remote_bridge() {
  if ip link show "$RIG_REMOTE_BRIDGE" >/dev/null 2>&1; then return; fi
  ip link add "$RIG_REMOTE_BRIDGE" type bridge || rig_die "cannot make the bridge $RIG_REMOTE_BRIDGE for the remote engine"
  ip addr add "$RIG_REMOTE_BRIDGE_CIDR" dev "$RIG_REMOTE_BRIDGE" || rig_die "cannot give $RIG_REMOTE_BRIDGE the address $RIG_REMOTE_BRIDGE_CIDR"
  ip link set "$RIG_REMOTE_BRIDGE" up || rig_die "cannot bring $RIG_REMOTE_BRIDGE up"
  rig_log "remote: bridge $RIG_REMOTE_BRIDGE ($RIG_REMOTE_BRIDGE_CIDR) made"
}

# Removes the bridge once no daemon of the rig's uses it.
rig_remote_bridge_remove() {
  if [ ! -f "$RIG_REMOTE_MARKER" ] && ip link show "$RIG_REMOTE_BRIDGE" >/dev/null 2>&1; then
    ip link del "$RIG_REMOTE_BRIDGE" && rig_log "remote: bridge $RIG_REMOTE_BRIDGE removed"
  fi
}

# Starts the remote dockerd unless it answers; waits until it answers on its socket.
rig_remote_start() {
  if rig_remote_answers; then
    rig_log "remote: dockerd answers on $RIG_REMOTE_SOCKET and 127.0.0.1:$RIG_REMOTE_PORT ok"
    return
  fi
  mkdir -p "$RIG_REMOTE_DIR/data" "$RIG_REMOTE_DIR/exec"
  rig_remote_bridge
  rm -f "$RIG_REMOTE_MARKER" "$RIG_REMOTE_SOCKET"
  [ -f "$RIG_REMOTE_DIR/daemon.json" ] || echo '{}' >"$RIG_REMOTE_DIR/daemon.json"   # not /etc/docker/daemon.json
  rig_log "remote: starting a second dockerd on 127.0.0.1:$RIG_REMOTE_PORT (TLS; log $RIG_REMOTE_LOG)"
  # setsid: a Ctrl-C in the caller's terminal must not reach the daemon; 9>&-: nor does it hold the rig lock.
  setsid dockerd --config-file "$RIG_REMOTE_DIR/daemon.json" \
    --data-root "$RIG_REMOTE_DIR/data" --exec-root "$RIG_REMOTE_DIR/exec" --pidfile "$RIG_REMOTE_PIDFILE" \
    --host "unix://$RIG_REMOTE_SOCKET" --host "tcp://127.0.0.1:$RIG_REMOTE_PORT" --host "tcp://[::1]:$RIG_REMOTE_PORT" \
    --tlsverify --tlscacert "$RIG_REMOTE_CERTS/ca.pem" \
    --tlscert "$RIG_REMOTE_CERTS/server-cert.pem" --tlskey "$RIG_REMOTE_CERTS/server-key.pem" \
    --bridge "$RIG_REMOTE_BRIDGE" --iptables=false --ip-masq=false --cgroup-parent containermcp-remote \
    </dev/null 9>&- >>"$RIG_REMOTE_LOG" 2>&1 &
  local pid=$!
  echo "$pid" >"$RIG_REMOTE_MARKER"
  local deadline=$((SECONDS + 30))
  until rig_remote_answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$RIG_REMOTE_MARKER"
      tail -n 20 "$RIG_REMOTE_LOG" >&2
      rig_die "the remote dockerd exited during start-up (log above, full log $RIG_REMOTE_LOG)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 20 "$RIG_REMOTE_LOG" >&2
      rig_die "the remote dockerd (pid $pid) did not answer within 30 s (log above, full log $RIG_REMOTE_LOG)"
    fi
    sleep 0.2
  done
  rig_log "remote: dockerd started (pid $pid) ok"
}

# Stops the remote dockerd only if the rig started it; it stops its containers on the way down.
rig_remote_stop() {
  [ -f "$RIG_REMOTE_MARKER" ] || return 0
  local pid
  pid="$(cat "$RIG_REMOTE_MARKER")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]; then
    rig_log "remote: stopping the remote dockerd (pid $pid)"
    kill -TERM "$pid"
    local deadline=$((SECONDS + 45))
    while kill -0 "$pid" 2>/dev/null; do
      [ "$SECONDS" -lt "$deadline" ] || rig_die "the remote dockerd (pid $pid) still runs 45 s after SIGTERM (log $RIG_REMOTE_LOG)"
      sleep 0.1
    done
    rig_log "remote: dockerd stopped ok"
  fi
  rm -f "$RIG_REMOTE_MARKER"
}

# Copies the rig images the remote tests use into the remote engine (docker save | load) when its copy differs.
rig_remote_images() {
  local image want
  for image in $RIG_REMOTE_IMAGES; do
    want="$(rig_image_id "$image")"
    if [ "$(rig_remote_docker image inspect --format '{{ .Id }}' "$image" 2>/dev/null)" = "$want" ]; then
      rig_log "remote: image $image (loaded) ok"
      continue
    fi
    docker save "$image" | rig_remote_docker load >/dev/null || rig_die "loading $image into the remote engine failed"
    rig_log "remote: image $image loaded ok"
  done
}

# Over TLS as the tests connect: a container with network none answers, and a name the certificate lacks is refused.
rig_remote_smoke() {
  local tls=(--tlsverify --tlscacert "$RIG_REMOTE_CLIENT/ca.pem" --tlscert "$RIG_REMOTE_CLIENT/cert.pem"
             --tlskey "$RIG_REMOTE_CLIENT/key.pem")
  local got
  got="$(timeout 60 docker "${tls[@]}" -H "tcp://127.0.0.1:$RIG_REMOTE_PORT" run --rm --network none \
    --label io.containermcp.rig.smoke=1 "$RIG_IMAGE_NODE" -e 'console.log("remote ok")' 2>&1)" || true
  [ "$got" = "remote ok" ] || rig_die "a container on the remote engine (over TLS) printed '$got', expected 'remote ok'"
  if docker "${tls[@]}" -H "tcp://[::1]:$RIG_REMOTE_PORT" version >/dev/null 2>&1; then
    rig_die "the remote engine's certificate was accepted for [::1], which it does not name"
  fi
  rig_log "remote: smoke over TLS ok"
}

rig_remote_ensure() {
  command -v openssl >/dev/null 2>&1 || rig_apt_install openssl
  command -v ip >/dev/null 2>&1 || rig_apt_install iproute2
  rig_remote_certs
  rig_remote_start
  rig_remote_images
  rig_remote_smoke
}

# The lines .rig/env gets for the remote engine.
rig_remote_env() {
  cat <<EOF
export CONTAINERMCP_REMOTE_HOST='tcp://127.0.0.1:$RIG_REMOTE_PORT'
export CONTAINERMCP_REMOTE_UNNAMED_HOST='tcp://[::1]:$RIG_REMOTE_PORT'
export CONTAINERMCP_REMOTE_CERT_PATH='$RIG_REMOTE_CLIENT'
export CONTAINERMCP_REMOTE_SOCKET='$RIG_REMOTE_SOCKET'
export CONTAINERMCP_REMOTE_CONTROL='$RIG_SRC/remote-engine.sh'
EOF
}
