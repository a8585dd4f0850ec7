#!/usr/bin/env bash
# Installs a Debian server package for the queue-mode scenario (e2e/queue.js) unless it is already
# installed: `install-service.sh redis-server` or `install-service.sh postgresql`. Only the binaries are
# used: the scenario starts its own throw-away servers on 127.0.0.1 in temp folders, stopped by PID.
# policy-rc.d keeps the package from starting its own service on the default port.
set -euo pipefail
# Started by `npm run test:queue`, it inherits the project's .npmrc as npm_config_* variables; nothing
# here may depend on how it was started (the package scripts apt-get runs included), so none reach it.
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\([Nn][Pp][Mm]_[Cc][Oo][Nn][Ff][Ii][Gg]_[^=]*\)=.*/\1/p')
PACKAGE=${1:?usage: install-service.sh redis-server|postgresql}
log() { echo "[install-service $(date +%T)] $*"; }
if dpkg -s "$PACKAGE" >/dev/null 2>&1; then
  log "$PACKAGE already installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-service.sh: run as root, or install $PACKAGE yourself (apt-get install -y $PACKAGE)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null && $SUDO chmod +x "$POLICY"
  trap '$SUDO rm -f "$POLICY"' EXIT
fi
log "apt-get update"
$SUDO apt-get update -qq >/dev/null
log "apt-get install -y $PACKAGE"
$SUDO apt-get install -y -qq --no-install-recommends "$PACKAGE" >/dev/null
log "$PACKAGE installed"
