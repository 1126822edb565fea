#!/usr/bin/env bash
# Every check a change must pass: formatting, clippy, all tests, the wasm32 build of lint-core,
# and the seed expectations (when ../shared is present).
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step is printed with the seconds since the start (BENCHMARKS.md records the cold run).
step() { echo "== [${SECONDS}s] $*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "clippy (--all-targets -D warnings) as the compiler of the test build, then the tests"
# `cargo clippy` is `cargo check` with clippy-driver as the workspace crates' compiler
# (RUSTC_WORKSPACE_WRAPPER) and its arguments in CLIPPY_ARGS. Here the same driver compiles the
# test build: every workspace target (lib, bins, unit and integration tests: what --all-targets
# covers; the workspace has no examples or benches) is linted with -D warnings and compiled in
# one pass, and the dependencies are compiled once (a separate `cargo clippy` checked all of them
# again: 309 of the 1,712 cold seconds, BENCHMARKS.md). A warning fails the build, as it fails
# `cargo clippy -- -D warnings`.
if command -v rustup >/dev/null 2>&1; then
  clippy_driver=$(rustup which clippy-driver)
else
  clippy_driver=$(command -v clippy-driver || true)
fi
# An empty wrapper would be no wrapper: the build would pass without clippy having run.
if [ ! -x "$clippy_driver" ]; then
  echo "clippy-driver not found: rustup component add clippy" >&2
  exit 1
fi
export RUSTC_WORKSPACE_WRAPPER="$clippy_driver"
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
# One dev build of the workspace serves clippy, the tests, the doctests and the seed check below.
# With nextest, the pre-commit test waits: it builds the hook (lint-core and rlint again, mostly
# one core busy) and runs below beside the page's wasm build (fat LTO, mostly one core busy too).
web_tools() {
  local want
  want=$(./scripts/web.sh bindgen-version)
  if [ ! -d www/e2e/node_modules ] && command -v npm >/dev/null 2>&1; then
    npm ci --prefix www/e2e --no-audit --no-fund
  fi
  missing=""
  [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $want" ] || missing="$missing wasm-bindgen-cli $want (cargo install --locked wasm-bindgen-cli --version $want);"
  [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing="$missing chromium (apt-get install chromium);"
  [ -d www/e2e/node_modules ] || missing="$missing npm packages (npm ci --prefix www/e2e);"
  if [ -n "$missing" ] && [ "${RLINT_REQUIRE_WEB:-}" = 1 ]; then
    echo "the web page tests need:$missing" >&2
    exit 1
  fi
}
nextest=""
if cargo nextest --version >/dev/null 2>&1; then
  nextest=1
  cargo nextest run --workspace --no-fail-fast -E 'not binary(precommit)'
else
  cargo test --workspace --no-fail-fast
fi
cargo test --workspace --doc
step "seed expectations (items of the linted kinds)"
if [ -d ../shared/examples/seeds ]; then
  # target/debug/rlint is the binary the CLI tests above just built and ran.
  RLINT_BIN=target/debug/rlint python3 scripts/seeds.py ../shared/examples/seeds
else
  echo "note: ../shared/examples/seeds not found; skipping the seed expectations"
fi
if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  rustup target add wasm32-unknown-unknown
fi
web_tools
web_pid=""
web_log=$(mktemp)
if [ -z "$missing" ]; then
  # The page's release build is the wasm32 build of lint-core (and of the page over it).
  step "web page build (wasm32), in the background"
  # Built by rustc, not clippy-driver: the same wasm as `scripts/web.sh build` anywhere else.
  env -u RUSTC_WORKSPACE_WRAPPER -u CLIPPY_ARGS ./scripts/web.sh build > "$web_log" 2>&1 &
  web_pid=$!
  trap 'kill "$web_pid" 2>/dev/null || true' EXIT
fi
if [ -n "$nextest" ]; then
  step "the pre-commit test"
  cargo nextest run --workspace --no-fail-fast -E 'binary(precommit)'
fi
unset RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS
if [ -n "$web_pid" ]; then
  web_ok=1
  wait "$web_pid" || web_ok=""
  cat "$web_log"
  rm -f "$web_log"
  [ -n "$web_ok" ] || { echo "the web page build failed" >&2; exit 1; }
  step "web page: browser tests in chromium"
  ./scripts/web.sh e2e
else
  rm -f "$web_log"
  echo "note: skipping the web page tests; they need:$missing"
  # Without the page's tools, the wasm32 gate is a check build of lint-core and the page.
  step "cargo check -p lint-core -p rlint-web --target wasm32-unknown-unknown"
  cargo check -p lint-core -p rlint-web --target wasm32-unknown-unknown
fi
step "all checks passed"
