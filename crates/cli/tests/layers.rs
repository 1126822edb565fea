//! `rlint layers` end to end: a real build context on disk, `--changed`, `--build-arg`,
//! `--target`, the JSON shape, and `--since` in a real git repository.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn rlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rlint"))
        .arg("layers")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// The status of the step at `line`.
fn status(v: &serde_json::Value, line: u64) -> String {
    v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["line"] == line)
        .unwrap_or_else(|| panic!("no step at line {line}: {v}"))["status"]
        .as_str()
        .unwrap()
        .to_string()
}

const NODE: &str =
    "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"src/app.js\"]\n";

fn node_project(dir: &Path) {
    write(dir, "Dockerfile", NODE);
    write(dir, "package.json", "{}\n");
    write(dir, "package-lock.json", "{}\n");
    write(dir, "src/app.js", "console.log(1)\n");
    write(dir, "node_modules/left-pad/index.js", "\n");
    write(dir, ".dockerignore", "node_modules\n");
}

#[test]
fn changed_files_and_the_json_shape() {
    let dir = tempfile::tempdir().unwrap();
    node_project(dir.path());
    let v = json(&rlint(
        dir.path(),
        &["--changed", "src/app.js", "--format", "json"],
    ));
    let first = &v["steps"][0];
    for key in ["stage", "line", "instruction", "status", "reason", "cost"] {
        assert!(!first[key].is_null(), "{key} missing in {first}");
    }
    assert_eq!(status(&v, 3), "rebuilt");
    assert_eq!(v["steps"][2]["reason"], "src/app.js changed");
    assert_eq!(status(&v, 4), "rebuilt");
    assert_eq!(v["steps"][3]["cost"], "expensive");
    assert_eq!(v["summary"]["rebuilt"], 2);
    assert_eq!(v["summary"]["total"], 4);
    assert_eq!(v["summary"]["first_miss"]["line"], 3);
    assert!(v["summary"]["build_fails"].is_null(), "{v}");
    assert_eq!(v["advice"][0]["files"][0], "package.json");
    // A file .dockerignore leaves out is not in the context: nothing rebuilds.
    let ignored = json(&rlint(
        dir.path(),
        &[
            "--changed",
            "node_modules/left-pad/index.js",
            "--format",
            "json",
        ],
    ));
    assert_eq!(ignored["summary"]["rebuilt"], 0);
    assert!(
        ignored["notes"][0]
            .as_str()
            .unwrap()
            .contains("not in the build context")
    );
    // The human table names the reason and the advice.
    let human = rlint(dir.path(), &["Dockerfile", "--changed", "src/app.js"]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("src/app.js changed"), "{text}");
    assert!(text.contains("2 of 4 steps rebuilt"), "{text}");
    assert!(
        text.contains("advice (line 4): copy package.json and package-lock.json"),
        "{text}"
    );
}

#[test]
fn build_args_reach_from_and_run() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "Dockerfile",
        "ARG BASE=alpine:3.19\nFROM $BASE\nARG MODE=dev\nRUN echo $MODE\n",
    );
    let v = json(&rlint(
        dir.path(),
        &["--build-arg", "BASE=alpine:3.20", "--format", "json"],
    ));
    assert!(
        v["steps"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("alpine:3.20"),
        "{v}"
    );
    let bad = rlint(dir.path(), &["--build-arg", "=x"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn target_skips_the_stages_it_does_not_need() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "Dockerfile",
        "FROM golang:1.23 AS build\nCOPY . /src\nRUN go build ./...\nFROM alpine:3.20 AS tools\nRUN apk add curl\nFROM alpine:3.20\nCOPY --from=build /src/app /app\n",
    );
    write(dir.path(), "main.go", "package main\n");
    let v = json(&rlint(
        dir.path(),
        &[
            "--target",
            "build",
            "--changed",
            "main.go",
            "--format",
            "json",
        ],
    ));
    assert_eq!(status(&v, 3), "rebuilt");
    assert_eq!(status(&v, 5), "skipped");
    assert_eq!(status(&v, 7), "skipped");
    let last = json(&rlint(
        dir.path(),
        &["--changed", "main.go", "--format", "json"],
    ));
    assert_eq!(status(&last, 5), "skipped");
    assert_eq!(status(&last, 7), "rebuilt-unless-identical");
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn since_takes_changes_and_the_old_dockerfile_from_git() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    node_project(d);
    // .git is left out of the context, as it should be.
    write(d, ".dockerignore", "node_modules\n.git\n");
    git(d, &["init", "-q"]);
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "first"]);
    write(d, "src/app.js", "console.log(2)\n");
    let v = json(&rlint(d, &["--since", "HEAD", "--format", "json"]));
    assert_eq!(v["steps"][2]["reason"], "src/app.js changed", "{v}");
    assert_eq!(status(&v, 4), "rebuilt");
    // The Dockerfile's old text comes from git: an edited instruction is rebuilt because it
    // changed, and the COPY before it stays cached (the Dockerfile itself is ignored here).
    git(d, &["checkout", "-q", "--", "src/app.js"]);
    write(d, ".dockerignore", "node_modules\n.git\nDockerfile\n");
    git(d, &["commit", "-qam", "ignore the Dockerfile"]);
    write(
        d,
        "Dockerfile",
        &NODE.replace("npm ci", "npm ci --omit=dev"),
    );
    let v = json(&rlint(d, &["--since", "HEAD", "--format", "json"]));
    assert_eq!(status(&v, 3), "cached", "{v}");
    assert_eq!(status(&v, 4), "rebuilt");
    assert!(
        v["steps"][3]["reason"]
            .as_str()
            .unwrap()
            .starts_with("its instruction changed"),
        "{v}"
    );
    // Outside a git repository: a clear error.
    let plain = tempfile::tempdir().unwrap();
    node_project(plain.path());
    let out = rlint(plain.path(), &["--since", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--since needs a git repository"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_missing_dockerfile_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        rlint(dir.path(), &["nope/Dockerfile"]).status.code(),
        Some(2)
    );
}

/// `../shared/examples/seeds` beside the checkout (or under `$RLINT_SHARED`); `None`, after a
/// one-line note, when it is absent, unless `RLINT_REQUIRE_SHARED=1` (CI) makes that a failure.
fn seeds_dir() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("RLINT_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = base.join("examples/seeds");
    if dir.exists() {
        return Some(dir);
    }
    assert!(
        std::env::var("RLINT_REQUIRE_SHARED").as_deref() != Ok("1"),
        "RLINT_REQUIRE_SHARED=1 but {} is missing",
        dir.display()
    );
    eprintln!("note: {} not found; skipping", dir.display());
    None
}

/// The steps that run (or may run) again, as `(line, status)`, per seed of lint-core's
/// `seeds_with_one_source_file_changed` snapshot (its `== <seed>, <file> changed` sections).
fn rebuilt_in_lint_core_snapshot() -> Vec<(String, Vec<(u64, String)>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../lint-core/tests/snapshots/layers__seeds_with_one_source_file_changed.snap");
    let text = fs::read_to_string(&path).unwrap();
    let mut out: Vec<(String, Vec<(u64, String)>)> = Vec::new();
    for row in text.lines() {
        if let Some(header) = row.strip_prefix("== ") {
            let seed = header.split(',').next().unwrap().to_string();
            out.push((seed, Vec::new()));
            continue;
        }
        let mut words = row.split_whitespace();
        let (Some(line), Some(status)) = (words.next(), words.next()) else {
            continue;
        };
        if let (Ok(line), Some(last)) = (line.parse::<u64>(), out.last_mut())
            && matches!(
                status,
                "rebuilt" | "may-rebuild" | "rebuilt-unless-identical"
            )
        {
            last.1.push((line, status.to_string()));
        }
    }
    out
}

include!("../../lint-core/tests/common/seed_contexts.rs");

/// Issue 15's acceptance on the seeds, end to end: each seed Dockerfile in a folder holding the
/// same synthetic context as lint-core's `seeds_with_one_source_file_changed`, `rlint layers
/// <seed> --changed <source file>` rebuilds exactly the lines that snapshot shows. On disk the Dockerfile is part of the context too; it is unchanged, so nothing differs.
#[test]
fn seeds_rebuild_what_the_lint_core_simulation_shows() {
    let Some(seeds) = seeds_dir() else {
        return;
    };
    let expected = rebuilt_in_lint_core_snapshot();
    assert_eq!(
        expected.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>(),
        SEED_CONTEXTS.iter().map(|(s, _, _)| *s).collect::<Vec<_>>(),
        "the snapshot's seeds and this test's"
    );
    // Every seed but rails copies its sources (rails mounts them as a volume at run time).
    assert!(
        expected.iter().any(|(_, wanted)| !wanted.is_empty()),
        "no rebuilt step read from the snapshot"
    );
    for ((name, changed, others), (_, wanted)) in SEED_CONTEXTS.iter().zip(&expected) {
        let dir = tempfile::tempdir().unwrap();
        let text = fs::read_to_string(seeds.join(name)).unwrap();
        write(dir.path(), name, &text);
        for file in std::iter::once(changed).chain(others.iter()) {
            write(dir.path(), file, "\n");
        }
        let v = json(&rlint(
            dir.path(),
            &[name, "--changed", changed, "--format", "json"],
        ));
        let got: Vec<(u64, String)> = v["steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| {
                matches!(
                    s["status"].as_str(),
                    Some("rebuilt" | "may-rebuild" | "rebuilt-unless-identical")
                )
            })
            .map(|s| {
                (
                    s["line"].as_u64().unwrap(),
                    s["status"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(&got, wanted, "{name}, {changed} changed: {v}");
        // The rails seed's `FROM ruby:2.5.3 # ...` is refused by BuildKit: said up front.
        let fails = v["summary"]["build_fails"]["line"].as_u64();
        assert_eq!(fails, (*name == "rails.Dockerfile").then_some(1), "{name}");
    }
}
