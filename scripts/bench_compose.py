#!/usr/bin/env python3
"""Times rlint beside dclint and compose-lint on the shared Compose corpus, in one run, then the
hostile Compose inputs (a 10 MB file, an alias bomb) for rlint.

usage: scripts/bench_compose.py [--runs N] [--corpus DIR]
Peers: dclint (npm install dclint, into target/bench-peers if missing) and compose-lint
(pip install compose-lint). Every tool lints the whole corpus in ONE process, N times; the median
wall time, the ratio to rlint and the peak RSS are printed as Markdown tables.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import ROOT, PEERS, compare, run, peak_rss  # noqa: E402


def ensure_peers():
    dclint = os.path.join(PEERS, "node_modules", ".bin", "dclint")
    if not os.path.exists(dclint):
        os.makedirs(PEERS, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", PEERS, "dclint"], check=True)
    compose_lint = shutil.which("compose-lint")
    if not compose_lint:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "compose-lint"], check=True)
        compose_lint = shutil.which("compose-lint")
    return dclint, compose_lint


def hostile_files(tmp):
    big = os.path.join(tmp, "big.compose.yaml")
    with open(big, "w") as f:
        f.write("services:\n")
        size, i = 10, 0
        while size < 10_000_000:
            svc = (f"  svc{i}:\n    image: acme/app:{i}\n"
                   f"    ports: [\"127.0.{i // 50000}.1:{10000 + i % 50000}:80\"]\n"
                   f"    environment:\n      LEVEL: info\n")
            f.write(svc)
            size += len(svc)
            i += 1
    bomb = os.path.join(tmp, "bomb.compose.yaml")
    with open(bomb, "w") as f:
        f.write("x-a: &a [" + ",".join(['"lol"'] * 9) + "]\n")
        names = "abcdefghi"
        for prev, nxt in zip(names, names[1:]):
            f.write(f"x-{nxt}: &{nxt} [" + ",".join([f"*{prev}"] * 9) + "]\n")
        f.write("services:\n  web:\n    image: nginx:1.27\n")
    return big, bomb


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "compose"))
    args = ap.parse_args()
    corpus = os.path.abspath(args.corpus)
    files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus))
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "rlint"], cwd=ROOT, check=True)
    rlint = os.path.join(ROOT, "target", "release", "rlint")
    dclint, compose_lint = ensure_peers()
    tools = [
        ("rlint", [rlint, "--format", "json", "--kind", "compose"] + files),
        ("dclint", [dclint, "-f", "json"] + files),
        ("compose-lint", [compose_lint, "check", "--format", "json"] + files),
    ]
    print(f"corpus: {len(files)} Compose files, {args.runs} runs each, one process per run; "
          f"{os.cpu_count()} cores")
    compare(tools, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        big, bomb = hostile_files(tmp)
        print("\nhostile input, rlint, one warm-up then 7 runs:\n\n"
              "| input | median wall (s) | min-max (s) | peak RSS (MiB) |\n|---|---:|---:|---:|")
        for label, path in [("10 MB Compose file (110k services)", big), ("alias bomb (9 levels of 9)", bomb)]:
            cmd = [rlint, "--format", "json", "--kind", "compose", path]
            run(cmd)
            walls = [run(cmd)[0] for _ in range(7)]
            print(f"| {label} | {statistics.median(walls):.3f} | {min(walls):.3f}-{max(walls):.3f} "
                  f"| {peak_rss(cmd) / 1024:.1f} |")


if __name__ == "__main__":
    main()
