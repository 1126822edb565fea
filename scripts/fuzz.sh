#!/usr/bin/env bash
# Fuzz a whole pipeline with libFuzzer: `dockerfile` (decode, parse, every rule, fixes, renderers)
# or `compose` (decode, YAML layer, interpolation, schema, every rule, fixes, renderers).
# usage: scripts/fuzz.sh [SECONDS] [dockerfile|compose]   (defaults 300, dockerfile).
# Needs `cargo install cargo-fuzz`. RUSTC_BOOTSTRAP lets the stable toolchain accept the sanitizer
# flags cargo-fuzz passes.
set -euo pipefail
target="${2:-dockerfile}"
cd "$(dirname "$0")/../fuzz"
mkdir -p "corpus/$target"
# Seed with the shared corpora when present (kept out of git: fuzz/corpus is ignored).
if [ -d "../../shared/corpus/$target" ]; then
  cp -n "../../shared/corpus/$target"/* "corpus/$target/" 2>/dev/null || true
fi
if [ "$target" = dockerfile ]; then
  for d in ../../shared/corpus/buildkit-parser-testfiles/testfiles*/*; do
    cp -n "$d/Dockerfile" "corpus/dockerfile/bk-$(basename "$d")" 2>/dev/null || true
  done
fi
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" -- \
  -max_total_time="${1:-300}" -max_len=16384 -timeout=10 -rss_limit_mb=2048
