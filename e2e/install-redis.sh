#!/usr/bin/env bash
# Installs Debian's redis-server for the queue-mode scenario (e2e/queue.js) unless it is already there.
# Only the binary is used: the scenario starts its own server on 127.0.0.1, in a temp folder, without
# persistence. The package's own service is not started.
set -euo pipefail
log() { echo "[install-redis $(date +%T)] $*"; }
if command -v redis-server >/dev/null 2>&1; then
  log "redis-server already installed: $(redis-server --version)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-redis.sh: run as root, or install redis-server yourself (apt-get install -y redis-server)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d keeps the package from starting its own server on the default port.
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null && $SUDO chmod +x "$POLICY"
  trap '$SUDO rm -f "$POLICY"' EXIT
fi
log "apt-get update"
$SUDO apt-get update -qq >/dev/null
log "apt-get install -y redis-server"
$SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
log "installed: $(redis-server --version)"
