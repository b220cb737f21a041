#!/usr/bin/env bash
# Builds the problem page's code editor (CodeMirror 6) into static/vendor/codemirror/,
# and copies axe-core for the browser tests into tests/browser/vendor/. Nothing here is
# fetched at run time: the site serves the bundle from static/.
#
# Skipped when nothing changed: the stamp is a hash of package.json, package-lock.json,
# build.sh, build.mjs and src/. Node.js >= 18 is needed (esbuild's minimum): Debian
# bookworm's `nodejs` (18.20) is enough and is installed with `npm` when missing. On an
# older system, set DOJO_EDITOR_NODE=npm (or let the version check decide) and a pinned
# Node.js and npm are unpacked from the npm registry into .cache/ instead (below).
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"

EDITOR_DIR="$REPO_ROOT/platform/editor"
OUT_DIR="${DOJO_EDITOR_OUT:-$REPO_ROOT/static/vendor/codemirror}"
AXE_OUT="$REPO_ROOT/tests/browser/vendor/axe.min.js"
NODE_MIN=18
# The fallback, from the npm registry (the only registry this project can count on):
# the official Linux binaries published as node-linux-<arch>, and npm itself.
NODE_FALLBACK=22.23.3
NPM_FALLBACK=10.9.9
cd "$EDITOR_DIR"

hash="$( (sha256sum package.json package-lock.json build.sh build.mjs; find src -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16)"
if [ "$(cat "$OUT_DIR/.stamp" 2>/dev/null)" = "$hash" ] && [ -f "$OUT_DIR/dojo-editor.js" ] \
   && [ -f "$OUT_DIR/dojo-editor-vim.js" ] && [ -f "$AXE_OUT" ]; then
  say "code editor bundle up to date"
  exit 0
fi

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

NODE=node
NPM=(npm)
if [ "${DOJO_EDITOR_NODE:-}" != "npm" ]; then
  missing=()
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  [ ${#missing[@]} -eq 0 ] || ensure_packages "${missing[@]}"
fi
if [ "${DOJO_EDITOR_NODE:-}" = "npm" ] || [ "$(node_major node)" -lt "$NODE_MIN" ]; then
  # Too old (or asked for): a private Node.js + npm from the npm registry, kept in .cache/.
  case "$(uname -m)" in
    x86_64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) die "no Node.js >= $NODE_MIN and no npm-published build for $(uname -m)" ;;
  esac
  node_dir="$REPO_ROOT/.cache/node-$NODE_FALLBACK-$arch"
  if [ ! -x "$node_dir/node/bin/node" ] || [ ! -f "$node_dir/npm/bin/npm-cli.js" ]; then
    command -v npm >/dev/null || die "npm is needed to fetch Node.js $NODE_FALLBACK (apt-get install npm)"
    say "$( [ "${DOJO_EDITOR_NODE:-}" = npm ] && echo "DOJO_EDITOR_NODE=npm" || echo "system Node.js is older than $NODE_MIN"):" \
        "fetching node-linux-$arch@$NODE_FALLBACK and npm@$NPM_FALLBACK from the npm registry"
    rm -rf "$node_dir" && mkdir -p "$node_dir/node" "$node_dir/npm"
    (cd "$node_dir" && npm pack --silent "node-linux-$arch@$NODE_FALLBACK" "npm@$NPM_FALLBACK" >/dev/null)
    tar -xzf "$node_dir/node-linux-$arch-$NODE_FALLBACK.tgz" -C "$node_dir/node" --strip-components=1
    tar -xzf "$node_dir/npm-$NPM_FALLBACK.tgz" -C "$node_dir/npm" --strip-components=1
    rm -f "$node_dir"/*.tgz
  fi
  NODE="$node_dir/node/bin/node"
  NPM=("$NODE" "$node_dir/npm/bin/npm-cli.js")
  export PATH="$node_dir/node/bin:$PATH"
fi
say "building the code editor with Node.js $("$NODE" --version)"

# --ignore-scripts: no package needs an install script (esbuild finds its binary in
# its optional @esbuild/<platform> package); nothing from the registry runs here.
lock_hash="$(sha256sum package-lock.json | cut -c1-16)"
if [ "$(cat node_modules/.dojo-lock 2>/dev/null)" != "$lock_hash" ]; then
  say "  npm ci (the versions pinned in package-lock.json)"
  "${NPM[@]}" ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
  echo "$lock_hash" > node_modules/.dojo-lock
fi
"$NODE" build.mjs "$OUT_DIR" | while read -r line; do say "  $line"; done
mkdir -p "$(dirname "$AXE_OUT")"
cp node_modules/axe-core/axe.min.js "$AXE_OUT"
echo "$hash" > "$OUT_DIR/.stamp"
say "code editor built into ${OUT_DIR#"$REPO_ROOT"/}"
