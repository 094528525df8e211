# shellcheck shell=bash
# Shared functions of the test rig. Sourced by up.sh and down.sh; not run on its own.
#
# The rig gives the tests and the benchmark a Docker daemon, the locally built images (node, everything, postgres, pgserver, squid)
# and a private PostgreSQL 15 cluster on 127.0.0.1:55432. All its state lives in $REPO/.rig/.
# Nothing is pulled from a container registry: every image is built here from host files.

RIG_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$RIG_SRC/../.." && pwd)"
RIG="$REPO/.rig"

RIG_IMAGE_NODE="containermcp/node:local"
RIG_IMAGE_EVERYTHING="containermcp/everything:local"
RIG_IMAGE_POSTGRES="containermcp/postgres:local"
RIG_IMAGE_PGSERVER="containermcp/pgserver:local"
RIG_IMAGE_SQUID="containermcp/squid:local"
RIG_HASH_LABEL="io.containermcp.rig.hash"
RIG_MCP_UID=10001

RIG_PG_PORT="${CONTAINERMCP_PG_PORT:-55432}"   # another port when 55432 is taken
RIG_PG_DATA="$RIG/pg"
RIG_PG_SOCKET="$RIG/pgsock"
RIG_PG_LOG="$RIG/pg.log"
RIG_PG_PASSWORD_FILE="$RIG/pg.password"
RIG_PGSERVER_PASSWORD_FILE="$RIG/pgserver.password"   # 'reader' inside the pgserver image

RIG_DOCKERD_LOG="$RIG/dockerd.log"
RIG_DOCKERD_PIDFILE="$RIG/dockerd.pid"
RIG_DOCKERD_MARKER="$RIG/dockerd.started-by-rig"

# The MCP initialize request every smoke run sends first.
RIG_INITIALIZE='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"rig","version":"0"}}}'

rig_log() { printf 'rig: %s\n' "$*"; }
rig_die() { printf 'rig: ERROR: %s\n' "$*" >&2; exit 1; }

# Creates .rig/ and takes the rig lock, so that two up.sh/down.sh runs (tests and benchmark,
# say) do not build or initialise the same thing at once. The lock ends with the process.
rig_init_dirs() {
  mkdir -p "$RIG"
  chmod 755 "$RIG"   # the postgres OS user must be able to reach its data dir inside it
  exec 9>"$RIG/lock"
  flock -w 600 9 || rig_die "another up.sh or down.sh has held $RIG/lock for 10 minutes"
}

# apt-get update at most once per run, then install the named Debian packages.
RIG_APT_UPDATED=0
rig_apt_install() {
  if [ "$RIG_APT_UPDATED" = 0 ]; then
    apt-get update -qq >/dev/null || rig_die "apt-get update failed"
    RIG_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || rig_die "apt-get install $* failed"
}

# sha256 of everything on stdin, hex only.
rig_sha() { sha256sum | cut -d' ' -f1; }

# ---------------------------------------------------------------------------------------------
# Docker daemon
# ---------------------------------------------------------------------------------------------

rig_docker_ensure() {
  if ! command -v dockerd >/dev/null 2>&1; then
    rig_log "docker: dockerd not found, installing docker.io"
    rig_apt_install docker.io
  fi
  command -v docker >/dev/null 2>&1 || rig_die "docker CLI not found after installing docker.io"

  if docker info >/dev/null 2>&1; then
    if [ -f "$RIG_DOCKERD_MARKER" ]; then rig_log "docker: daemon running (started by the rig) ok"
    else rig_log "docker: daemon running ok"; fi
    return
  fi

  rm -f "$RIG_DOCKERD_MARKER"
  rig_log "docker: no daemon answers, starting dockerd (log $RIG_DOCKERD_LOG)"
  : >"$RIG_DOCKERD_LOG"
  # setsid: a Ctrl-C in the caller's terminal must not reach the daemon.
  setsid dockerd --pidfile "$RIG_DOCKERD_PIDFILE" </dev/null 9>&- >>"$RIG_DOCKERD_LOG" 2>&1 &
  local pid=$!
  echo "$pid" >"$RIG_DOCKERD_MARKER"

  local deadline=$((SECONDS + 30))
  until docker info >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$RIG_DOCKERD_MARKER"
      tail -n 20 "$RIG_DOCKERD_LOG" >&2
      rig_die "dockerd exited during start-up (log above, full log $RIG_DOCKERD_LOG)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 20 "$RIG_DOCKERD_LOG" >&2
      rig_die "dockerd (pid $pid) did not answer within 30 s (log above, full log $RIG_DOCKERD_LOG)"
    fi
    sleep 0.5
  done
  rig_log "docker: daemon started (pid $pid) ok"
}

# Stops dockerd only if rig_docker_ensure started it.
rig_docker_stop() {
  if [ ! -f "$RIG_DOCKERD_MARKER" ]; then
    if docker info >/dev/null 2>&1; then rig_log "docker: daemon not started by the rig, left running"; fi
    return
  fi
  local pid
  pid="$(cat "$RIG_DOCKERD_MARKER")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]; then
    rig_log "docker: stopping the daemon the rig started (pid $pid)"
    kill -TERM "$pid"
    local deadline=$((SECONDS + 45))
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        rig_die "dockerd (pid $pid) still running 45 s after SIGTERM (log $RIG_DOCKERD_LOG)"
      fi
      sleep 0.2
    done
    rig_log "docker: daemon stopped ok"
  fi
  rm -f "$RIG_DOCKERD_MARKER"
}

# ---------------------------------------------------------------------------------------------
# PowerShell 7.6 and Pester 5, pinned and cached under .rig/ (no system install, no gallery)
# ---------------------------------------------------------------------------------------------

RIG_PWSH_VERSION=7.6.9
RIG_PESTER_VERSION=5.9.1
RIG_PWSH_DIR="$RIG/tools/pwsh"            # the PowerShell dotnet tool: runs as `dotnet …/pwsh.dll`
RIG_PWSH="$RIG_PWSH_DIR/pwsh"
RIG_MODULES="$RIG/modules"                # prepended to PSModulePath for the Pester run
RIG_PESTER_DIR="$RIG_MODULES/Pester/$RIG_PESTER_VERSION"

rig_pwsh_ensure() {
  local have=""
  [ -x "$RIG_PWSH" ] && have="$("$RIG_PWSH" -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null </dev/null)" || true
  if [ "$have" = "$RIG_PWSH_VERSION" ]; then
    rig_log "pwsh: PowerShell $have ($RIG_PWSH) ok"
  else
    rig_log "pwsh: installing PowerShell $RIG_PWSH_VERSION (dotnet tool) into $RIG_PWSH_DIR"
    rm -rf "$RIG_PWSH_DIR"
    dotnet tool install --tool-path "$RIG_PWSH_DIR" PowerShell --version "$RIG_PWSH_VERSION" >"$RIG/pwsh-install.log" 2>&1 9>&- \
      || { tail -n 20 "$RIG/pwsh-install.log" >&2; rig_die "dotnet tool install PowerShell $RIG_PWSH_VERSION failed (log $RIG/pwsh-install.log)"; }
    have="$("$RIG_PWSH" -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' </dev/null)" \
      || rig_die "the installed pwsh does not run ($RIG_PWSH)"
    [ "$have" = "$RIG_PWSH_VERSION" ] || rig_die "the installed pwsh reports $have, expected $RIG_PWSH_VERSION"
    rig_log "pwsh: PowerShell $have installed ok"
  fi

  if [ -f "$RIG_PESTER_DIR/Pester.psd1" ]; then
    rig_log "pester: Pester $RIG_PESTER_VERSION ok"
    return
  fi
  # The NuGet package Pester carries the module in tools/. A throwaway project downloads it through the
  # machine's own NuGet sources, so no feed address is written here.
  rig_log "pester: downloading the Pester $RIG_PESTER_VERSION NuGet package"
  local work="$RIG/pester-download"
  rm -rf "$work" "$RIG_PESTER_DIR"
  mkdir -p "$work"
  cat >"$work/download.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$RIG_PESTER_VERSION]" /></ItemGroup>
</Project>
EOF
  dotnet restore "$work/download.csproj" --disable-build-servers --packages "$work/packages" >"$RIG/pester-install.log" 2>&1 9>&- \
    || { tail -n 20 "$RIG/pester-install.log" >&2; rig_die "downloading Pester $RIG_PESTER_VERSION failed (log $RIG/pester-install.log)"; }
  [ -f "$work/packages/pester/$RIG_PESTER_VERSION/tools/Pester.psd1" ] \
    || rig_die "the Pester package has no tools/Pester.psd1 (in $work/packages/pester/$RIG_PESTER_VERSION)"
  mkdir -p "$(dirname "$RIG_PESTER_DIR")"
  cp -r "$work/packages/pester/$RIG_PESTER_VERSION/tools" "$RIG_PESTER_DIR"
  rm -rf "$work"
  rig_log "pester: Pester $RIG_PESTER_VERSION installed ok"
}

# ---------------------------------------------------------------------------------------------
# Images
# ---------------------------------------------------------------------------------------------

# The rig hash label of an image, or nothing if the image does not exist.
rig_image_hash() {
  docker image inspect --format "{{ index .Config.Labels \"$RIG_HASH_LABEL\" }}" "$1" 2>/dev/null || true
}

rig_image_id() { docker image inspect --format '{{ .Id }}' "$1"; }

# Host files the node image carries: the node binary and the shared libraries ldd names.
rig_node_files() {
  echo /usr/bin/node
  ldd /usr/bin/node | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u
}

# Lays out a minimal root file system for node in $1.
rig_node_rootfs() {
  local root="$1" f
  rm -rf "$root"
  mkdir -p "$root"/{etc,tmp,app,home/mcp,proc,sys,dev}
  for f in $(rig_node_files); do
    mkdir -p "$root$(dirname "$f")"
    cp -L "$f" "$root$f"
  done
  cat >"$root/etc/passwd" <<EOF
root:x:0:0:root:/root:/usr/sbin/nologin
mcp:x:$RIG_MCP_UID:$RIG_MCP_UID:MCP server:/home/mcp:/usr/sbin/nologin
EOF
  cat >"$root/etc/group" <<EOF
root:x:0:
mcp:x:$RIG_MCP_UID:
EOF
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"
  printf '127.0.0.1 localhost\n::1 localhost\n' >"$root/etc/hosts"
  chmod 1777 "$root/tmp"
  chown "$RIG_MCP_UID:$RIG_MCP_UID" "$root/home/mcp"
  chmod 750 "$root/home/mcp"
}

rig_node_image_hash() {
  {
    echo "rig node image v1 uid $RIG_MCP_UID"
    declare -f rig_node_files rig_node_rootfs rig_node_image_build rig_import_rootfs
    local f
    for f in $(rig_node_files); do printf '%s ' "$f"; sha256sum <"$f"; done
  } | rig_sha
}

rig_node_image_build() {
  local hash="$1" root="$RIG/rootfs/node"
  rig_node_rootfs "$root"
  rig_import_rootfs "$root" "$RIG_IMAGE_NODE" node "$hash" \
    "USER $RIG_MCP_UID:$RIG_MCP_UID" \
    'WORKDIR /app' \
    'ENV HOME=/home/mcp' \
    'ENTRYPOINT ["/usr/bin/node"]'
}

# Packs the root file system $1 into image $2 with docker import, labelled as rig image $3 with content hash $4;
# the remaining arguments are Dockerfile instructions (USER, ENV, ENTRYPOINT …). Removes the root file system after.
rig_import_rootfs() {
  local root="$1" image="$2" kind="$3" hash="$4" change
  shift 4
  local args=()
  for change in "$@" "LABEL io.containermcp.image=$kind" "LABEL $RIG_HASH_LABEL=$hash"; do
    args+=(--change "$change")
  done
  tar --numeric-owner -C "$root" -cf - . | docker import "${args[@]}" - "$image" >/dev/null
  rm -rf "$RIG/rootfs"
}

# The PostgreSQL server image: the host's PostgreSQL 15 (binary, the libraries ldd names, its share dir)
# and a data dir made here with initdb, so tests can run a database container with no registry.
# It listens on every address of the container; 'reader' (password in .rig/pgserver.password, SELECT only)
# may log in to 'app' from anywhere, which is only ever the Docker network the test puts it on.
RIG_PG_SHARE=/usr/share/postgresql/15
RIG_PG_MODULES="plpgsql.so dict_snowball.so"   # what initdb's catalog refers to; the rest is left out

rig_pgserver_files() {
  local f
  {
    echo "$RIG_PG_BIN/postgres"
    for f in $RIG_PG_MODULES; do echo "/usr/lib/postgresql/15/lib/$f"; done
    for f in "$RIG_PG_BIN/postgres" $(for m in $RIG_PG_MODULES; do echo "/usr/lib/postgresql/15/lib/$m"; done); do
      ldd "$f" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
    done
    echo /usr/share/zoneinfo/UTC
  } | sort -u
}

rig_pgserver_password() {
  if [ ! -s "$RIG_PGSERVER_PASSWORD_FILE" ]; then
    (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$RIG_PGSERVER_PASSWORD_FILE")
  fi
  chmod 600 "$RIG_PGSERVER_PASSWORD_FILE"
}

# Lays out the root file system in $1: files, passwd entry for the host's postgres user, a fresh cluster.
rig_pgserver_rootfs() {
  local root="$1" f uid gid data="$1/var/lib/postgresql/data" sock="$RIG/pgserver-sock"
  uid="$(id -u postgres)"; gid="$(id -g postgres)"
  rm -rf "$root" "$sock"
  mkdir -p "$root"/{etc,tmp,proc,sys,dev,var/lib/postgresql} "$sock"
  for f in $(rig_pgserver_files); do
    mkdir -p "$root$(dirname "$f")"
    cp -L "$f" "$root$f"
  done
  mkdir -p "$root/usr/share/postgresql" "$root/usr/share/zoneinfo/Etc"
  cp -a "$RIG_PG_SHARE" "$root/usr/share/postgresql/"
  cp -L /usr/share/zoneinfo/UTC "$root/usr/share/zoneinfo/Etc/UTC"
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\npostgres:x:%s:%s:PostgreSQL:/var/lib/postgresql:/usr/sbin/nologin\n' "$uid" "$gid" >"$root/etc/passwd"
  printf 'root:x:0:\npostgres:x:%s:\n' "$gid" >"$root/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files\n' >"$root/etc/nsswitch.conf"
  printf '127.0.0.1 localhost\n' >"$root/etc/hosts"
  chmod 1777 "$root/tmp"
  : >"$RIG/pgserver-init.log"
  chown "$uid:$gid" "$root/var/lib/postgresql" "$sock" "$RIG/pgserver-init.log"
  chmod 755 "$root" "$root/var" "$root/var/lib"

  rig_initdb "$data" "$RIG/initdb-pgserver.log" "$RIG_IMAGE_PGSERVER" 0.0.0.0/0
  cat >>"$data/postgresql.conf" <<'EOF'
# containermcp/pgserver:local
listen_addresses = '*'
unix_socket_directories = ''
timezone = 'UTC'
log_timezone = 'UTC'
shared_buffers = 16MB
jit = off
EOF
  # Filled over a private socket only, then stopped: the image carries a shut-down cluster.
  rig_as_postgres "$RIG_PG_BIN/pg_ctl" -D "$data" start -w -t 30 -l "$RIG/pgserver-init.log" \
    -o "-c listen_addresses= -c unix_socket_directories='$sock' -p 5432" >/dev/null \
    || { tail -n 20 "$RIG/pgserver-init.log" >&2; rig_die "the cluster for $RIG_IMAGE_PGSERVER did not start"; }
  if ! {
    echo "CREATE DATABASE app;"
    printf "CREATE ROLE reader LOGIN PASSWORD '%s';\n" "$(cat "$RIG_PGSERVER_PASSWORD_FILE")"
    cat <<'EOF'
REVOKE ALL ON DATABASE app FROM PUBLIC;
GRANT CONNECT ON DATABASE app TO reader;
\connect app
SET client_min_messages = warning;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO reader;
CREATE TABLE public.origin (name text NOT NULL);
INSERT INTO public.origin VALUES ('containermcp/pgserver');
GRANT SELECT ON public.origin TO reader;
EOF
  } | rig_as_postgres "$RIG_PG_BIN/psql" -h "$sock" -p 5432 -X -q -v ON_ERROR_STOP=1 -d postgres >/dev/null; then
    rig_as_postgres "$RIG_PG_BIN/pg_ctl" -D "$data" stop -m immediate >/dev/null || true
    rig_die "filling the cluster for $RIG_IMAGE_PGSERVER failed"
  fi
  rig_as_postgres "$RIG_PG_BIN/pg_ctl" -D "$data" stop -m fast -w >/dev/null
  rm -f "$data/postmaster.opts" "$data"/log/* 2>/dev/null || true
  rm -rf "$sock"
}

rig_pgserver_image_hash() {
  {
    echo "rig pgserver image v1 uid $(id -u postgres):$(id -g postgres)"
    declare -f rig_pgserver_files rig_pgserver_rootfs rig_pgserver_image_build rig_import_rootfs rig_initdb
    sha256sum <"$RIG_PGSERVER_PASSWORD_FILE"
    local f
    for f in $(rig_pgserver_files); do printf '%s ' "$f"; sha256sum <"$f"; done
    (cd "$RIG_PG_SHARE" && find . -type f | sort | xargs sha256sum)
  } | rig_sha
}

rig_pgserver_image_build() {
  local hash="$1" root="$RIG/rootfs/pgserver"
  rig_pgserver_rootfs "$root"
  rig_import_rootfs "$root" "$RIG_IMAGE_PGSERVER" pgserver "$hash" \
    "USER $(id -u postgres):$(id -g postgres)" \
    'ENV PGDATA=/var/lib/postgresql/data' \
    'EXPOSE 5432' \
    'ENTRYPOINT ["/usr/lib/postgresql/15/bin/postgres", "-D", "/var/lib/postgresql/data"]'
}

# The egress proxy image: the host's Debian squid (binary, the libraries ldd names, its English error templates)
# and dash as /bin/sh, which ContainerMcp's entrypoint uses to write the configuration it passes in an
# environment variable to /tmp before it execs squid. Runs as nobody; squid keeps nothing on disk.
rig_squid_files() {
  local f
  {
    for f in /usr/sbin/squid /usr/lib/squid/unlinkd /bin/dash; do
      echo "$f"
      ldd "$f" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
    done
    echo /usr/share/squid/mime.conf
  } | sort -u
}

rig_squid_rootfs() {
  local root="$1" f
  rm -rf "$root"
  mkdir -p "$root"/{etc/squid,tmp,proc,sys,dev,bin,usr/share/squid/errors}
  for f in $(rig_squid_files); do
    mkdir -p "$root$(dirname "$f")"
    cp -L "$f" "$root$f"
  done
  ln -s dash "$root/bin/sh"
  cp -rL /usr/share/squid/errors/templates "$root/usr/share/squid/errors/templates"   # squid's default error_directory
  cp -rL /usr/share/squid/icons "$root/usr/share/squid/icons"
  cp /etc/squid/errorpage.css "$root/etc/squid/errorpage.css"
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"
  printf '127.0.0.1 localhost\n::1 localhost\n' >"$root/etc/hosts"
  chmod 1777 "$root/tmp"
}

rig_squid_ensure_package() {
  if [ ! -x /usr/sbin/squid ]; then
    rig_log "squid: /usr/sbin/squid not found, installing squid (its service is not started here)"
    rig_apt_install squid
  fi
}

rig_squid_image_hash() {
  {
    echo "rig squid image v1"
    declare -f rig_squid_files rig_squid_rootfs rig_squid_image_build rig_import_rootfs
    local f
    for f in $(rig_squid_files); do printf '%s ' "$f"; sha256sum <"$f"; done
    (cd /usr/share/squid && find -L errors/templates icons -type f | sort | xargs sha256sum)
  } | rig_sha
}

rig_squid_image_build() {
  local hash="$1" root="$RIG/rootfs/squid"
  rig_squid_rootfs "$root"
  rig_import_rootfs "$root" "$RIG_IMAGE_SQUID" squid "$hash" \
    'USER 65534:65534' \
    'EXPOSE 3128' \
    'ENTRYPOINT ["/usr/sbin/squid", "-N", "-f", "/etc/squid/squid.conf"]'
}

# Installs the pinned npm packages of tests/rig/<name>/ on the host, in .rig/npm/<name>.
# Reinstalls only when package.json or package-lock.json changed.
rig_npm_install() {
  local name="$1" src="$RIG_SRC/$1" dir="$RIG/npm/$1" want
  want="$(cat "$src/package.json" "$src/package-lock.json" | rig_sha)"
  if [ -d "$dir/node_modules" ] && [ "$(cat "$dir/.rig-hash" 2>/dev/null)" = "$want" ]; then
    return
  fi
  rig_log "npm: installing $name packages into $dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$src/package.json" "$src/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --no-audit --no-fund --omit=dev --loglevel=error >"$RIG/npm-$name.log" 2>&1) \
    || { tail -n 20 "$RIG/npm-$name.log" >&2; rig_die "npm ci for $name failed (log $RIG/npm-$name.log)"; }
  echo "$want" >"$dir/.rig-hash"
}

# Builds containermcp/<name>:local from tests/rig/<name>/Dockerfile over the npm install.
rig_server_image_hash() {
  local name="$1" src="$RIG_SRC/$1"
  {
    echo "rig server image v1 $name"
    rig_image_hash "$RIG_IMAGE_NODE"
    cat "$src/Dockerfile" "$src/package.json" "$src/package-lock.json"
    declare -f rig_server_image_build
  } | rig_sha
}

rig_server_image_build() {
  local name="$1" hash="$2" image="$3" dir="$RIG/npm/$1"
  cp "$RIG_SRC/$name/Dockerfile" "$dir/Dockerfile"
  # The legacy builder: docker.io ships no buildx, and the newer CLI falls back to it anyway.
  DOCKER_BUILDKIT=0 docker build --quiet --label "$RIG_HASH_LABEL=$hash" -t "$image" "$dir" \
    >"$RIG/build-$name.log" 2>&1 \
    || { tail -n 20 "$RIG/build-$name.log" >&2; rig_die "docker build of $image failed (log $RIG/build-$name.log)"; }
}

# rig_image_ensure IMAGE HASH BUILD-COMMAND...: builds unless IMAGE carries HASH already.
RIG_BUILT_ANY=0
rig_image_ensure() {
  local image="$1" hash="$2"; shift 2
  if [ "$(rig_image_hash "$image")" = "$hash" ]; then
    rig_log "image $image (cached)"
    return
  fi
  rig_log "image $image building"
  "$@"
  [ "$(rig_image_hash "$image")" = "$hash" ] || rig_die "image $image was built but does not carry its hash label"
  RIG_BUILT_ANY=1
  rig_log "image $image built"
}

# Removes the untagged images left behind when a rig image was rebuilt (only ours: by label).
rig_images_prune() {
  if [ "$RIG_BUILT_ANY" = 1 ]; then
    docker image prune -f --filter "label=$RIG_HASH_LABEL" >/dev/null || true
  fi
}

rig_images_ensure() {
  local name image hash
  hash="$(rig_node_image_hash)"
  rig_image_ensure "$RIG_IMAGE_NODE" "$hash" rig_node_image_build "$hash"
  for name in everything postgres; do
    image="containermcp/$name:local"
    rig_npm_install "$name"
    hash="$(rig_server_image_hash "$name")"
    rig_image_ensure "$image" "$hash" rig_server_image_build "$name" "$hash" "$image"
  done
  rig_pgserver_password
  hash="$(rig_pgserver_image_hash)"
  rig_image_ensure "$RIG_IMAGE_PGSERVER" "$hash" rig_pgserver_image_build "$hash"
  rig_squid_ensure_package
  hash="$(rig_squid_image_hash)"
  rig_image_ensure "$RIG_IMAGE_SQUID" "$hash" rig_squid_image_build "$hash"
  rig_images_prune
}

# ---------------------------------------------------------------------------------------------
# Smoke runs: once per image id (a stamp in .rig/smoke/), so cached reruns stay fast.
# ---------------------------------------------------------------------------------------------

rig_smoke_stamp() { echo "$RIG/smoke/$(rig_image_id "$1" | tr ':' '_')"; }

# rig_smoke_run IMAGE EXPECT [docker run options...] [-- command args...] <requests
# Feeds the JSON-RPC requests on stdin and checks that the answer to the last one matches the
# grep -E pattern EXPECT. Keeps stdin open until that answer arrives (a server may still be
# working when its stdin closes), then closes it.
rig_smoke_run() {
  local image="$1" expect="$2"; shift 2
  local -a opts=() cmd=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && shift && cmd=("$@")
  local out="$RIG/smoke-last.out" name="rig-smoke-$$-$RANDOM" last_id requests
  requests="$(cat)"
  last_id="$(printf '%s\n' "$requests" | grep -o '"id":[0-9]*' | tail -n 1)"
  : >"$out"
  # shellcheck disable=SC2094  # the left side polls the file the container writes: on purpose
  {
    printf '%s\n' "$requests"
    # Wait (bounded) for the last answer, then close stdin.
    local deadline=$((SECONDS + 30))
    until grep -q "$last_id" "$out" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.1; done
    exec >&-
    # A server that outlives its stdin (server-postgres keeps its idle pool ~10 s) is killed.
    deadline=$((SECONDS + 3))
    while docker container inspect "$name" >/dev/null 2>&1 && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    docker kill "$name" >/dev/null 2>&1 || true
  } | timeout 60 docker run -i --rm --name "$name" --label io.containermcp.rig.smoke=1 \
      "${opts[@]}" "$image" "${cmd[@]}" >"$out" 2>"$RIG/smoke-last.err" || true
  if ! grep "$last_id" "$out" | grep -qE "$expect"; then
    cat "$RIG/smoke-last.err" "$out" >&2
    rig_die "smoke run of $image did not answer as expected (output above)"
  fi
}

rig_smoke() {
  local image="$1" stamp; shift
  stamp="$(rig_smoke_stamp "$image")"
  if [ -f "$stamp" ]; then return; fi
  "$@"
  mkdir -p "$RIG/smoke"
  touch "$stamp"
  rig_log "smoke: $image ok"
}

# node runs as uid 10001 in /app with HOME=/home/mcp, and can write to /tmp and its home.
rig_smoke_node() {
  local want="$RIG_MCP_UID /home/mcp /app ok" got
  got="$(timeout 60 docker run --rm --network none --label io.containermcp.rig.smoke=1 "$RIG_IMAGE_NODE" -e '
    const fs = require("fs");
    fs.writeFileSync("/tmp/x", "x"); fs.writeFileSync(process.env.HOME + "/x", "x");
    console.log(process.getuid(), process.env.HOME, process.cwd(), "ok");' 2>&1)" || true
  [ "$got" = "$want" ] || rig_die "smoke run of $RIG_IMAGE_NODE printed '$got', expected '$want'"
}

rig_smoke_everything() {
  printf '%s\n' "$RIG_INITIALIZE" \
    | rig_smoke_run "$RIG_IMAGE_EVERYTHING" '"result":\{"protocolVersion"' --network none
}

# Asks server-postgres, over the host loopback, how many rows public.items has.
rig_smoke_postgres() {
  # PGPASSWORD reaches the container from this process's environment (-e NAME without a value),
  # so the password never appears on a command line.
  PGPASSWORD="$(cat "$RIG_PG_PASSWORD_FILE")" rig_smoke_run "$RIG_IMAGE_POSTGRES" '\\"n\\": 3' \
    --network host -e PGPASSWORD -- \
    "postgresql://reader@127.0.0.1:$RIG_PG_PORT/app" <<EOF
$RIG_INITIALIZE
{"jsonrpc":"2.0","method":"notifications/initialized"}
{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"query","arguments":{"sql":"SELECT count(*)::int AS n FROM public.items"}}}
EOF
}

# The server binary, its libraries and the cluster load: postgres -C reads the configuration and exits.
rig_smoke_pgserver() {
  local got
  got="$(timeout 60 docker run --rm --network none --label io.containermcp.rig.smoke=1 \
    "$RIG_IMAGE_PGSERVER" -C listen_addresses 2>&1)" || true
  [ "$got" = "*" ] || rig_die "smoke run of $RIG_IMAGE_PGSERVER printed '$got', expected '*'"
}

# Squid runs as nobody from a read-only root with /tmp as its only writable place, as ContainerMcp runs it,
# and parses a configuration like the one ContainerMcp writes.
rig_smoke_squid() {
  local got
  got="$(timeout 60 docker run --rm --network none --read-only --tmpfs /tmp --cap-drop ALL --label io.containermcp.rig.smoke=1 \
    --entrypoint /bin/sh "$RIG_IMAGE_SQUID" -c \
    'printf "http_port 3128\npid_filename none\ncache_log stdio:/dev/stderr\naccess_log none\npinger_enable off\nhttp_access deny all\n" >/tmp/squid.conf && squid -k parse -f /tmp/squid.conf && echo rig-squid-config-parsed' 2>&1)" || true
  # Squid's log lines on stderr may come after the marker on stdout.
  case "$got" in *rig-squid-config-parsed*) ;; *) printf '%s\n' "$got" >&2; rig_die "smoke run of $RIG_IMAGE_SQUID did not parse a configuration (output above)" ;; esac
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL 15: a private cluster in .rig/pg, on 127.0.0.1:55432 only
# ---------------------------------------------------------------------------------------------

RIG_PG_BIN=/usr/lib/postgresql/15/bin

# From / so that a caller's unreadable working directory (e.g. /root) does not bother postgres.
rig_as_postgres() { (cd / && runuser -u postgres -- "$@" 9>&-); }   # 9: the rig lock, not for daemons

rig_pg_ctl() { rig_as_postgres "$RIG_PG_BIN/pg_ctl" -D "$RIG_PG_DATA" "$@"; }

# initdb into $1 (log $2; $3 names the cluster in errors) with the rig's access rules: the superuser over the
# socket by OS identity; over TCP only 'reader', into 'app', from address range $4, with its password.
rig_initdb() {
  local data="$1" log="$2" what="$3" reader_from="$4"
  rig_as_postgres "$RIG_PG_BIN/initdb" -D "$data" -U postgres -E UTF8 --no-locale \
    --auth-local=peer --auth-host=scram-sha-256 >"$log" 2>&1 \
    || { tail -n 20 "$log" >&2; rig_die "initdb for $what failed (log $log)"; }
  {
    echo '# TYPE  DATABASE  USER      ADDRESS         METHOD'
    echo 'local   all       postgres                  peer'
    printf 'host    app       reader    %-15s scram-sha-256\n' "$reader_from"
  } >"$data/pg_hba.conf"
  chown postgres: "$data/pg_hba.conf"
}

rig_pg_running() { [ -f "$RIG_PG_DATA/PG_VERSION" ] && rig_pg_ctl status >/dev/null 2>&1; }

# psql as the postgres superuser over the private unix socket.
rig_psql() {
  rig_as_postgres "$RIG_PG_BIN/psql" -h "$RIG_PG_SOCKET" -p "$RIG_PG_PORT" -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}

rig_pg_ensure() {
  if [ ! -x "$RIG_PG_BIN/initdb" ]; then
    rig_log "postgres: initdb not found, installing postgresql-15"
    rig_apt_install postgresql-15
  fi
  id postgres >/dev/null 2>&1 || rig_die "no postgres OS user after installing postgresql-15"

  mkdir -p "$RIG_PG_SOCKET"
  chown postgres: "$RIG_PG_SOCKET"
  chmod 700 "$RIG_PG_SOCKET"
  touch "$RIG_PG_LOG"
  chown postgres: "$RIG_PG_LOG"

  if [ ! -f "$RIG_PG_DATA/PG_VERSION" ]; then
    rig_log "postgres: initialising a cluster in $RIG_PG_DATA"
    rm -rf "$RIG_PG_DATA"
    mkdir -p "$RIG_PG_DATA"
    chown postgres: "$RIG_PG_DATA"
    chmod 700 "$RIG_PG_DATA"
    rig_initdb "$RIG_PG_DATA" "$RIG/initdb.log" "the rig's cluster" 127.0.0.1/32
  fi

  if rig_pg_running; then
    rig_log "postgres: cluster running on 127.0.0.1:$RIG_PG_PORT ok"
  else
    # Address, port and socket go on the command line, so a moved repo still starts cleanly.
    rig_pg_ctl start -w -t 30 -l "$RIG_PG_LOG" \
      -o "-c listen_addresses=127.0.0.1 -p $RIG_PG_PORT -k '$RIG_PG_SOCKET'" >/dev/null \
      || { tail -n 20 "$RIG_PG_LOG" >&2; rig_die "the PostgreSQL cluster did not start (log $RIG_PG_LOG)"; }
    rig_log "postgres: cluster started on 127.0.0.1:$RIG_PG_PORT ok"
  fi

  if [ ! -s "$RIG_PG_PASSWORD_FILE" ]; then
    (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$RIG_PG_PASSWORD_FILE")
  fi
  chmod 600 "$RIG_PG_PASSWORD_FILE"

  # Idempotent: rerun each time, it also repairs a cluster someone changed by hand.
  rig_psql -d postgres <<'EOF'
SELECT 'CREATE DATABASE app' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'app')
\gexec
SELECT 'CREATE ROLE reader LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reader')
\gexec
EOF
  # The password goes on stdin, never on a command line.
  {
    printf "ALTER ROLE reader WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '%s';\n" \
      "$(cat "$RIG_PG_PASSWORD_FILE")"
    cat <<'EOF'
REVOKE ALL ON DATABASE app FROM PUBLIC;
GRANT CONNECT ON DATABASE app TO reader;
\connect app
SET client_min_messages = warning;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO reader;
CREATE TABLE IF NOT EXISTS public.items (id int PRIMARY KEY, name text NOT NULL);
BEGIN;
DELETE FROM public.items WHERE id NOT IN (1, 2, 3);
INSERT INTO public.items (id, name) VALUES (1, 'alpha'), (2, 'beta'), (3, 'gamma')
  ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name;
COMMIT;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;
EOF
  } | rig_psql -d postgres >/dev/null || rig_die "setting up database 'app' failed (log $RIG_PG_LOG)"
  rig_log "postgres: database app, role reader (SELECT only), table public.items ok"
}

rig_pg_stop() {
  if rig_pg_running; then
    rig_pg_ctl stop -m fast -w -t 30 >/dev/null || rig_die "the PostgreSQL cluster did not stop (log $RIG_PG_LOG)"
    rig_log "postgres: cluster stopped"
  fi
}

# ---------------------------------------------------------------------------------------------
# .rig/env: what the tests and the benchmark read
# ---------------------------------------------------------------------------------------------

rig_write_env() {
  local entry="$RIG/npm/everything/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
  [ -f "$entry" ] || rig_die "server-everything entry point missing: $entry"
  cat >"$RIG/env.tmp" <<EOF
# Written by tests/rig/up.sh. Source it: . .rig/env
export CONTAINERMCP_RIG_READY=1
export CONTAINERMCP_RIG_DIR='$RIG'
export CONTAINERMCP_PG_URL='postgresql://reader@127.0.0.1:$RIG_PG_PORT/app'
export CONTAINERMCP_PG_PASSWORD_FILE='$RIG_PG_PASSWORD_FILE'
export CONTAINERMCP_IMAGE_NODE='$RIG_IMAGE_NODE'
export CONTAINERMCP_IMAGE_EVERYTHING='$RIG_IMAGE_EVERYTHING'
export CONTAINERMCP_IMAGE_POSTGRES='$RIG_IMAGE_POSTGRES'
export CONTAINERMCP_IMAGE_PGSERVER='$RIG_IMAGE_PGSERVER'
export CONTAINERMCP_IMAGE_SQUID='$RIG_IMAGE_SQUID'
export CONTAINERMCP_PGSERVER_PASSWORD_FILE='$RIG_PGSERVER_PASSWORD_FILE'
export CONTAINERMCP_EVERYTHING_HOST_ENTRY='$entry'
export CONTAINERMCP_PWSH='$RIG_PWSH'
export CONTAINERMCP_PESTER_MODULES='$RIG_MODULES'
EOF
  rig_podman_env >>"$RIG/env.tmp"
  rig_remote_env >>"$RIG/env.tmp"
  mv "$RIG/env.tmp" "$RIG/env"
  rig_log "env: $RIG/env ok"
}

# shellcheck source=tests/rig/lib-podman.sh
. "$RIG_SRC/lib-podman.sh"

# shellcheck source=tests/rig/lib-remote.sh
. "$RIG_SRC/lib-remote.sh"
