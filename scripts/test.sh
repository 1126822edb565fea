#!/usr/bin/env bash
# Every check a change must pass: formatting, clippy, all tests, the wasm32 build of lint-core,
# and the seed expectations (when ../shared is present).
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step is printed with the seconds since the start (BENCHMARKS.md records the cold run).
step() { echo "== [${SECONDS}s] $*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings
step "cargo clippy -p lint-core -p rlint-web --target wasm32-unknown-unknown -- -D warnings"
# The wasm32 gate: lint-core (and the page over it) type-check and lint for wasm32. A check, not a
# debug build: the web page test below compiles both for wasm32 for real (profile web).
if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  rustup target add wasm32-unknown-unknown
fi
cargo clippy -p lint-core -p rlint-web --target wasm32-unknown-unknown -- -D warnings
step "tests"
# One dev build of the workspace serves the tests, the doctests and the seed check below.
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast
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
step "web page: build, then browser tests in chromium"
want=$(./scripts/web.sh bindgen-version)
if [ ! -d www/e2e/node_modules ] && command -v npm >/dev/null 2>&1; then
  npm ci --prefix www/e2e --no-audit --no-fund
fi
missing=""
[ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $want" ] || missing="$missing wasm-bindgen-cli $want (cargo install --locked wasm-bindgen-cli --version $want);"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing="$missing chromium (apt-get install chromium);"
[ -d www/e2e/node_modules ] || missing="$missing npm packages (npm ci --prefix www/e2e);"
if [ -z "$missing" ]; then
  ./scripts/web.sh test
elif [ "${RLINT_REQUIRE_WEB:-}" = 1 ]; then
  echo "the web page tests need:$missing" >&2
  exit 1
else
  echo "note: skipping the web page tests; they need:$missing"
fi
step "all checks passed"
