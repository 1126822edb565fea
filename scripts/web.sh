#!/usr/bin/env bash
# The web page: build it, serve it, test it in a real browser, measure it.
#
#   scripts/web.sh build          -> www/dist (cargo -> wasm-bindgen -> wasm-opt, no download)
#   scripts/web.sh serve [PORT]   -> build, then serve www/dist on http://127.0.0.1:PORT (8080)
#   scripts/web.sh test           -> build, serve on a free port, run www/e2e/e2e.mjs (chromium)
#   scripts/web.sh e2e            -> the same tests on www/dist as built (no build)
#   scripts/web.sh bindgen-version -> the wasm-bindgen-cli version to install
#   scripts/web.sh bench          -> build, serve, run www/e2e/bench.mjs (keystroke latency, sizes)
#
# Needs: rustup target wasm32-unknown-unknown, wasm-bindgen-cli 0.2.129 (same as the crate's pin),
# `npm ci --prefix www/e2e` (wasm-opt from npm binaryen; playwright-core), Debian chromium for tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIST=www/dist
export PATH="$ROOT/www/e2e/node_modules/.bin:$PATH"

# The wasm-bindgen version Cargo.lock pins (the CLI must be the same).
bindgen_version() {
  grep -A1 'name = "wasm-bindgen"' Cargo.lock | sed -n 's/version = "\(.*\)"/\1/p' | head -1
}

build() {
  local want
  want=$(bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    echo "web.sh: wasm-bindgen $want is needed: cargo install --locked wasm-bindgen-cli --version $want" >&2
    exit 2
  fi
  if [ ! -x www/e2e/node_modules/.bin/wasm-opt ]; then
    echo "web.sh: wasm-opt is missing: npm ci --prefix www/e2e" >&2
    exit 2
  fi
  cargo build -q --profile web --target wasm32-unknown-unknown -p rlint-web
  rm -rf "$DIST" && mkdir -p "$DIST"
  wasm-bindgen --target web --no-typescript --out-dir "$DIST" --out-name rlint-web \
    target/wasm32-unknown-unknown/web/rlint_web.wasm
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals "$DIST/rlint-web_bg.wasm" -o "$DIST/rlint-web_bg.wasm"
  cp www/index.html www/main.js www/worker.js www/style.css "$DIST/"
  # The rule pages the rule panel fetches (the wasm holds no rule docs; the docs test keeps these
  # equal to lint-core's).
  mkdir -p "$DIST/rules"
  cp rules/[A-Z][A-Z][0-9]*.md "$DIST/rules/"
  local raw gz
  raw=$(stat -c %s "$DIST/rlint-web_bg.wasm")
  gz=$(gzip -9 -c "$DIST/rlint-web_bg.wasm" | wc -c)
  echo "web.sh: built $DIST (wasm $raw bytes, $gz gzipped)"
  # The page's budget (issues 14-16): the wasm at most 1.5 MB gzipped.
  if [ "$gz" -gt 1500000 ]; then
    echo "web.sh: the wasm is $gz bytes gzipped, over the 1,500,000-byte budget" >&2
    exit 1
  fi
}

serve_bg() {
  python3 scripts/serve.py "$DIST" "$1" &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true' EXIT
  for _ in $(seq 50); do
    python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null && return
    sleep 0.1
  done
  echo "web.sh: the server did not start" >&2
  exit 1
}

free_port() {
  python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

case "${1:-build}" in
  build) build ;;
  bindgen-version) bindgen_version ;;
  serve)
    build
    port=${2:-8080}
    echo "web.sh: serving http://127.0.0.1:$port/ (Ctrl-C stops)"
    exec python3 scripts/serve.py "$DIST" "$port"
    ;;
  test|bench|e2e)
    # e2e: the browser tests on www/dist as the last build left it (scripts/test.sh builds first).
    [ "$1" = e2e ] || build
    port=$(free_port)
    serve_bg "$port"
    script=www/e2e/e2e.mjs
    [ "$1" = bench ] && script=www/e2e/bench.mjs
    node "$script" "http://127.0.0.1:$port/" "${ARTIFACTS:-target/web-artifacts}"
    ;;
  *) echo "usage: scripts/web.sh build|serve [PORT]|test|e2e|bench" >&2; exit 2 ;;
esac
