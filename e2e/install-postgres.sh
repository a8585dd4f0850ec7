#!/usr/bin/env bash
# Installs Debian's PostgreSQL server binaries for the queue-mode scenario (e2e/queue.js) unless they
# are already there. n8n queue mode on SQLite fails under concurrent workers (SQLITE_BUSY), so the
# scenario runs its own throw-away PostgreSQL: a temp data folder, 127.0.0.1 only, stopped by PID.
# The package's default cluster is not started.
set -euo pipefail
log() { echo "[install-postgres $(date +%T)] $*"; }
if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "already installed: $(ls -d /usr/lib/postgresql/*/bin/postgres | sort -V | tail -1)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-postgres.sh: run as root, or install postgresql yourself (apt-get install -y postgresql)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d keeps the package from starting its own cluster.
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null && $SUDO chmod +x "$POLICY"
  trap '$SUDO rm -f "$POLICY"' EXIT
fi
log "apt-get update"
$SUDO apt-get update -qq >/dev/null
log "apt-get install -y postgresql"
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
log "installed: $(ls -d /usr/lib/postgresql/*/bin/postgres | sort -V | tail -1)"
