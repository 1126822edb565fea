#!/usr/bin/env python3
"""Scores the Dockerfile items of the seed expectations with the shared checker.

usage: seed_dockerfiles.py SEEDS_DIR
Filters SEEDS_DIR/expect.json to the Dockerfile entries (the kinds this version lints), then runs
../shared/tools/check_expectations.py on them and requires every one to be met.
"""
import json, os, subprocess, sys, tempfile

seeds = os.path.abspath(sys.argv[1])
checker = os.path.join(seeds, "..", "..", "tools", "check_expectations.py")
expect = json.load(open(os.path.join(seeds, "expect.json")))
subset = {k: v for k, v in expect.items() if not k.startswith("_") and "dockerfile" in k.lower()}
with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
    json.dump(subset, f)
print(f"{len(subset)} Dockerfile seeds")
rc = subprocess.call([sys.executable, checker, "--root", seeds, "--manifest", f.name, "--min", "1.0", "--verbose"])
os.unlink(f.name)
sys.exit(rc)
