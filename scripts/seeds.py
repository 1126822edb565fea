#!/usr/bin/env python3
"""Scores the seed expectations of the kinds rlint lints, with the shared checker.

usage: [RLINT_BIN=path/to/rlint] seeds.py SEEDS_DIR
Filters SEEDS_DIR/expect.json to the entries of linted kinds (Dockerfiles, Compose files,
Dockerrun.aws.json, buildspec, Travis, daemon.json, GitHub workflows and CircleCI so far), then runs ../shared/tools/check_expectations.py on them and requires every one to be met.
Add a kind to LINTED when its rules land.
"""
import json, os, subprocess, sys, tempfile

LINTED = {
    "Dockerfile": lambda name: "dockerfile" in name.lower(),
    "Compose": lambda name: "compose" in name.lower(),
    "Dockerrun": lambda name: name.lower() == "dockerrun.aws.json",
    "buildspec": lambda name: name.lower().startswith("buildspec"),
    "Travis": lambda name: name.lower().endswith("travis.yml"),
    "daemon.json": lambda name: name.lower().endswith("daemon.json"),
    # Workflows are recognised by content (`on:` + `jobs:`), so the seeds name them freely.
    "GitHub workflow": lambda name: name.lower().startswith("github") and name.lower().endswith((".yml", ".yaml")),
    "CircleCI": lambda name: name.lower().startswith("circleci") and name.lower().endswith((".yml", ".yaml")),
}

# EXPECTED.md items expect.json does not carry (yet), in its format; the manifest wins once it does.
# EXPECTED.md: "docker-daemon.json | (daemon config; optional kind) insecure registry".
SUPPLEMENT = {
    "docker-daemon.json": {"find": [["insecure", 2]]},
}

seeds = os.path.abspath(sys.argv[1])
checker = os.path.join(seeds, "..", "..", "tools", "check_expectations.py")
expect = json.load(open(os.path.join(seeds, "expect.json")))
for name, item in SUPPLEMENT.items():
    if os.path.exists(os.path.join(seeds, name)):
        expect.setdefault(name, item)
subset = {
    k: v for k, v in expect.items()
    if not k.startswith("_") and any(match(k) for match in LINTED.values())
}
with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
    json.dump(subset, f)
print(f"{len(subset)} seed files of the linted kinds ({', '.join(LINTED)})")
# The checker runs the project's target/release/rlint (else target/debug/rlint) relative to its
# working directory; RLINT_BIN picks the binary instead, through a scratch folder that holds only it.
cwd = None
binary = os.environ.get("RLINT_BIN")
if binary:
    cwd = tempfile.mkdtemp()
    os.makedirs(os.path.join(cwd, "target", "release"))
    os.symlink(os.path.abspath(binary), os.path.join(cwd, "target", "release", "rlint"))
rc = subprocess.call([sys.executable, checker, "--root", seeds, "--manifest", f.name, "--min", "1.0", "--verbose"], cwd=cwd)
os.unlink(f.name)
sys.exit(rc)
