#!/usr/bin/env bash
# Fuzz the Dockerfile pipeline (decode, parse, every rule, fixes, renderers) with libFuzzer.
# usage: scripts/fuzz.sh [SECONDS]   (default 300). Needs `cargo install cargo-fuzz`.
# RUSTC_BOOTSTRAP lets the stable toolchain accept the sanitizer flags cargo-fuzz passes.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
mkdir -p corpus/dockerfile
# Seed with the shared corpora when present (kept out of git: fuzz/corpus is ignored).
if [ -d ../../shared/corpus/dockerfile ]; then
  cp -n ../../shared/corpus/dockerfile/* corpus/dockerfile/ 2>/dev/null || true
  for d in ../../shared/corpus/buildkit-parser-testfiles/testfiles*/*; do
    cp -n "$d/Dockerfile" "corpus/dockerfile/bk-$(basename "$d")" 2>/dev/null || true
  done
fi
RUSTC_BOOTSTRAP=1 cargo fuzz run dockerfile corpus/dockerfile -- \
  -max_total_time="${1:-300}" -max_len=16384 -timeout=10 -rss_limit_mb=2048
