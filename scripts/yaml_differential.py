#!/usr/bin/env python3
"""Differential YAML loading: libyaml (PyYAML's C loader) against rlint.

Lists the files one of them loads and the other rejects, over the YAML folders of
../shared/corpus and the yaml-test-suite (whose `error` marker is shown as a third opinion).

"Loads" for libyaml is `yaml.compose_all` (parse and resolve aliases, no construction, so
unknown tags are not errors, as in go-yaml). For rlint it is "no DC000" from
`rlint --kind compose --select DC000 --format json`, the only finding that says the YAML itself
did not load.

    cargo build --release -p rlint
    python3 scripts/yaml_differential.py [--rlint target/release/rlint] [--shared ../shared]

Exit status 1 when a file is rejected by rlint but loaded by libyaml (the direction rlint must
not get wrong: a rejected file hides every other finding and cannot be silenced), except the
suite's own error cases, which rlint may reject with the spec.
"""

import argparse
import json
import os
import subprocess
import sys

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FOLDERS = ["compose", "buildspec", "travis", "circleci", "github-workflows"]


def libyaml_loads(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        for _ in yaml.compose_all(data, Loader=LOADER):
            pass
        return True, ""
    except yaml.YAMLError as e:
        return False, " ".join(str(e).split())[:160]
    except (UnicodeDecodeError, ValueError) as e:
        return False, str(e)[:160]


def rlint_rejects(binary, paths):
    """Path -> first DC000 message, for the paths rlint does not load."""
    out = {}
    for i in range(0, len(paths), 200):
        chunk = paths[i : i + 200]
        run = subprocess.run(
            [binary, "--kind", "compose", "--select", "DC000", "--format", "json", *chunk],
            capture_output=True,
            text=True,
        )
        if not run.stdout.strip():
            sys.exit(f"rlint printed nothing (status {run.returncode}): {run.stderr[:500]}")
        for d in json.loads(run.stdout)["diagnostics"]:
            if d["code"] == "DC000":
                out.setdefault(d["path"], f'{d["span"]["start"]["line"]}: {d["message"]}')
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rlint", default=os.path.join(here, "..", "target", "release", "rlint"))
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    args = ap.parse_args()
    corpus = os.path.join(args.shared, "corpus")

    files = []  # (group, path, suite says error)
    for folder in FOLDERS:
        d = os.path.join(corpus, folder)
        for name in sorted(os.listdir(d)):
            files.append((folder, os.path.join(d, name), None))
    suite = os.path.join(corpus, "yaml-test-suite")
    for dirpath, _, names in sorted(os.walk(suite)):
        if "in.yaml" in names:
            files.append(("suite", os.path.join(dirpath, "in.yaml"), "error" in names))

    rejected = rlint_rejects(args.rlint, [p for _, p, _ in files])
    only_libyaml, only_rlint = [], []
    must_fix = 0
    counts = {}
    for group, path, error in files:
        lib_ok, lib_msg = libyaml_loads(path)
        r_ok = path not in rejected
        c = counts.setdefault(group, [0, 0, 0])
        c[0] += 1
        shown = os.path.relpath(path, corpus)
        note = "" if error is None else (" [suite: error]" if error else " [suite: valid]")
        if lib_ok and not r_ok:
            c[1] += 1
            must_fix += error is not True
            only_libyaml.append(f"{shown}{note}\n    rlint: {rejected[path]}")
        elif r_ok and not lib_ok:
            c[2] += 1
            only_rlint.append(f"{shown}{note}\n    libyaml: {lib_msg}")

    print(f"loader: {LOADER.__name__}")
    print("libyaml loads, rlint rejects:")
    print("\n".join("  " + l for l in only_libyaml) or "  (none)")
    print("rlint loads, libyaml rejects:")
    print("\n".join("  " + l for l in only_rlint) or "  (none)")
    print("\ngroup              files  lib-only  rlint-only")
    for group, (n, a, b) in counts.items():
        print(f"{group:18} {n:5}  {a:8}  {b:10}")
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    print(f"{'total':18} {total[0]:5}  {total[1]:8}  {total[2]:10}")
    return 1 if must_fix else 0


if __name__ == "__main__":
    sys.exit(main())
