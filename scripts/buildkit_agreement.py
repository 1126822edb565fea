#!/usr/bin/env python3
"""Agreement with BuildKit's build checks on cases whose expected warnings are known.

usage: scripts/buildkit_agreement.py CASES_DIR [--rlint PATH] [--verbose]
CASES_DIR holds one folder per case: a `Dockerfile`, an optional `.dockerignore`, and
`expected.json`, the warnings BuildKit gives: [{"rule": "UndefinedVar", "line": 3}, ...]
(write them from BuildKit's tests or `docker build --check`; the cases stay out of this
repository). rlint runs with its default configuration; a finding stands for the BuildKit
rules among its aliases. A warning is found when rlint reports a finding of that rule on that
line (start of the primary span); each finding matches at most one warning. Prints recall (found
/ expected) and precision (matched / reported BuildKit-aliased findings), per rule and overall.
"""
import argparse, collections, json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILDKIT = {
    "StageNameCasing", "FromAsCasing", "NoEmptyContinuation", "ConsistentInstructionCasing",
    "DuplicateStageName", "ReservedStageName", "JSONArgsRecommended", "MaintainerDeprecated",
    "UndefinedArgInFrom", "WorkdirRelativePath", "UndefinedVar", "MultipleInstructionsDisallowed",
    "LegacyKeyValueFormat", "InvalidBaseImagePlatform", "RedundantTargetPlatform",
    "SecretsUsedInArgOrEnv", "InvalidDefaultArgInFrom", "FromPlatformFlagConstDisallowed",
    "CopyIgnoredFile", "InvalidDefinitionDescription", "ExposeProtoCasing", "ExposeInvalidFormat",
}


def reported(rlint, dockerfile):
    out = subprocess.run([rlint, "--format", "json", "--no-color", dockerfile],
                         capture_output=True, text=True)
    found = []
    for d in json.loads(out.stdout)["diagnostics"]:
        rules = [a for a in d.get("aliases", []) if a in BUILDKIT]
        if rules:
            found.append((frozenset(rules), d["span"]["start"]["line"], d["code"]))
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cases")
    ap.add_argument("--rlint", default=os.path.join(ROOT, "target", "debug", "rlint"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    expected_n = collections.Counter()
    found_n = collections.Counter()
    reported_n = collections.Counter()
    matched_n = collections.Counter()
    for name in sorted(os.listdir(args.cases)):
        case = os.path.join(args.cases, name)
        expected = [(e["rule"], e["line"]) for e in json.load(open(os.path.join(case, "expected.json")))]
        findings = reported(args.rlint, os.path.join(case, "Dockerfile"))
        unused = list(findings)
        missed = []
        for rule, line in expected:
            expected_n[rule] += 1
            hit = next((f for f in unused if rule in f[0] and f[1] == line), None)
            if hit:
                unused.remove(hit)
                found_n[rule] += 1
            else:
                missed.append((rule, line))
        for rules, _, _ in findings:
            rule = min(rules)
            reported_n[rule] += 1
        for f in findings:
            if f not in unused:
                matched_n[min(f[0])] += 1
        if args.verbose and (missed or unused):
            extra = [(sorted(r), l, c) for r, l, c in unused]
            print(f"{name}: missed {missed} unexpected {extra}")
    print(f"{'rule':34} expected found reported matched")
    for rule in sorted(set(expected_n) | set(reported_n)):
        print(f"{rule:34} {expected_n[rule]:8} {found_n[rule]:5} {reported_n[rule]:8} {matched_n[rule]:7}")
    e, f = sum(expected_n.values()), sum(found_n.values())
    r, m = sum(reported_n.values()), sum(matched_n.values())
    print(f"recall {f}/{e} = {100 * f / max(e, 1):.1f}%   precision {m}/{r} = {100 * m / max(r, 1):.1f}%")


if __name__ == "__main__":
    sys.exit(main())
