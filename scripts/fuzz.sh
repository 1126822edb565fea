#!/usr/bin/env bash
# Fuzz with libFuzzer: a whole pipeline, `dockerfile` (decode, parse, every rule, fixes, renderers)
# or `compose` (decode, YAML layer, interpolation, schema, every rule, fixes, renderers); or one
# parser alone, fast enough for millions of runs: `dockerfile_parse` (the Dockerfile parser, stage
# model and AST dump), `shell` (the shell layer every RUN and `run:` step goes through) or `yaml`
# (the YAML layer every Compose and CI file goes through).
# usage: scripts/fuzz.sh [SECONDS] [TARGET]   (defaults 300, dockerfile).
# With cargo-fuzz installed (`cargo install cargo-fuzz`) it runs `cargo fuzz run` (AddressSanitizer
# included; RUSTC_BOOTSTRAP lets the stable toolchain accept the sanitizer flags). Without it, the
# target is built with the coverage instrumentation cargo-fuzz passes, minus the sanitizer, which
# the stable toolchain accepts as it is: safe Rust needs no ASan to find panics, hangs and blow-ups.
# Each target's dictionary (fuzz/dictionaries/) holds its syntax and the hostile shapes.
set -euo pipefail
target="${2:-dockerfile}"
cd "$(dirname "$0")/../fuzz"
case "$target" in
  dockerfile | dockerfile_parse) dict=dockerfile seeds=(dockerfile) ;;
  shell) dict=shell seeds=(dockerfile) ;;
  compose) dict=compose seeds=(compose) ;;
  yaml) dict=compose seeds=(compose github-workflows circleci buildspec travis) ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
mkdir -p "corpus/$target"
# Seed with the shared corpora when present (kept out of git: fuzz/corpus is ignored).
for seed in "${seeds[@]}"; do
  if [ -d "../../shared/corpus/$seed" ]; then
    for f in "../../shared/corpus/$seed"/*; do
      cp -n "$f" "corpus/$target/$seed-$(basename "$f")" 2>/dev/null || true
    done
  fi
done
if [ "$dict" = dockerfile ]; then
  for d in ../../shared/corpus/buildkit-parser-testfiles/testfiles*/*; do
    cp -n "$d/Dockerfile" "corpus/$target/bk-$(basename "$d")" 2>/dev/null || true
  done
fi
if [ "$target" = yaml ]; then
  for d in ../../shared/corpus/yaml-test-suite/*/; do
    cp -n "$d/in.yaml" "corpus/yaml/suite-$(basename "$d")" 2>/dev/null || true
  done
fi
mkdir -p artifacts
# Crashes go to artifacts/ (git-ignored), not into the fuzz folder.
options=(-max_total_time="${1:-300}" -max_len=16384 -timeout=10 -rss_limit_mb=2048
  -dict="dictionaries/$dict.dict" -print_final_stats=1 -artifact_prefix=artifacts/)
if cargo fuzz --help >/dev/null 2>&1; then
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" -- "${options[@]}"
  exit
fi
triple="$(rustc -vV | sed -n 's/^host: //p')"
# An explicit --target keeps the instrumentation off build scripts, as cargo-fuzz does.
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
  cargo build --release --target "$triple" --bin "$target"
"target/$triple/release/$target" "corpus/$target" "${options[@]}"
