//! The `rlint` binary end to end: discovery, formats, exit codes, config, pragmas, stdin, fixes.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn rlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// `rlint` in `dir` with `input` on its standard input.
fn rlint_stdin(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// The first diagnostic with `code`.
fn first<'a>(v: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {v}"))
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

const CLEAN: &str = "FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001\nCMD [\"sh\"]\n";
const DIRTY: &str = "FROM alpine\nMAINTAINER me\n";

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "clean/Dockerfile", CLEAN);
    write(dir.path(), "dirty/Dockerfile", DIRTY);
    assert_eq!(rlint(dir.path(), &["clean"]).status.code(), Some(0));
    assert_eq!(rlint(dir.path(), &["dirty"]).status.code(), Some(1));
    assert_eq!(rlint(dir.path(), &["missing"]).status.code(), Some(2));
    assert_eq!(
        rlint(dir.path(), &["--kind", "nope", "clean"])
            .status
            .code(),
        Some(2)
    );
    // Below the threshold: findings are printed but the run passes.
    assert_eq!(
        rlint(dir.path(), &["-t", "none", "dirty"]).status.code(),
        Some(0)
    );
}

#[test]
fn json_contract() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Dockerfile", DIRTY);
    let out = rlint(dir.path(), &["--format", "json"]);
    let v = json(&out);
    assert_eq!(v["version"], 1);
    assert_eq!(v["files"], 1);
    let d = first(&v, "DF004");
    assert_eq!(d["path"], "Dockerfile");
    assert_eq!(d["kind"], "dockerfile");
    assert_eq!(d["name"], "maintainer-deprecated");
    assert_eq!(d["aliases"][0], "DL4000");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["span"]["start"]["line"], 2);
    assert_eq!(d["span"]["start"]["column"], 1);
    assert_eq!(d["span"]["offset"], 12);
    assert!(d["url"].as_str().unwrap().ends_with("rules/DF004.md"));
    assert_eq!(d["fix"]["applicability"], "safe");
}

#[test]
fn sarif_and_github_formats() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Dockerfile", DIRTY);
    let sarif = json(&rlint(dir.path(), &["--format", "sarif"]));
    assert_eq!(sarif["version"], "2.1.0");
    let result = &sarif["runs"][0]["results"][0];
    assert!(result["ruleId"].as_str().unwrap().starts_with("DF"));
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "Dockerfile"
    );
    let gh = String::from_utf8(rlint(dir.path(), &["--format", "github"]).stdout).unwrap();
    assert!(
        gh.lines()
            .any(|l| l.starts_with("::error file=Dockerfile,line=2,col=1,")
                && l.contains("title=DF004 maintainer-deprecated::"))
    );
}

#[test]
fn human_output_has_code_frames_help_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Dockerfile", DIRTY);
    let out = String::from_utf8(rlint(dir.path(), &[]).stdout).unwrap();
    assert!(
        out.contains("Dockerfile:2:1: MAINTAINER is deprecated"),
        "{out}"
    );
    assert!(out.contains("2 │ MAINTAINER me"), "{out}");
    assert!(
        out.contains("help: use `LABEL org.opencontainers.image.authors"),
        "{out}"
    );
    assert!(out.contains("rules/DF004.md"), "{out}");
    assert!(out.contains("Found "), "{out}");
}

#[test]
fn walks_directories_detecting_names_and_honouring_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "Dockerfile",
        "api.Dockerfile",
        "Dockerfile.dev",
        "Containerfile",
        "sub/Dockerfile",
        "ignored/Dockerfile",
    ] {
        write(dir.path(), name, DIRTY);
    }
    write(dir.path(), ".gitignore", "ignored/\n");
    write(dir.path(), "notes.txt", "FROM nothing\n");
    let v = json(&rlint(dir.path(), &["--format", "json"]));
    assert_eq!(v["files"], 5);
    let paths: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(!paths.iter().any(|p| p.contains("ignored")));
}

#[test]
fn bad_files_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("Dockerfile.bin"), b"\x00\x01\x02binary").unwrap();
    fs::write(
        dir.path().join("Dockerfile.latin1"),
        b"FROM alpine:3.20\nLABEL a=caf\xe9\n",
    )
    .unwrap();
    write(dir.path(), "Dockerfile", DIRTY);
    let out = rlint(dir.path(), &["--format", "json"]);
    let v = json(&out);
    assert_eq!(v["files"], 3);
    let c = codes(&v);
    assert_eq!(c.iter().filter(|c| *c == "RL001").count(), 2);
    assert!(c.contains(&"DF004".to_string()));
}

#[test]
fn stdin_with_a_filename() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rlint"))
        .args([
            "--format",
            "json",
            "--stdin",
            "--stdin-filename",
            "web/Dockerfile",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(DIRTY.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let v = json(&out);
    assert_eq!(v["diagnostics"][0]["path"], "web/Dockerfile");
    assert!(codes(&v).contains(&"DF004".to_string()));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn rlint_toml_is_found_upward_and_applied() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rlint.toml",
        "ignore = [\"DL3006\"]\nfailure-threshold = \"error\"\n[severity]\nMaintainerDeprecated = \"warning\"\n[per-path-ignores]\n\"legacy/**\" = [\"DF004\"]\n",
    );
    write(dir.path(), "app/deep/Dockerfile", DIRTY);
    write(dir.path(), "legacy/Dockerfile", DIRTY);
    let out = rlint(&dir.path().join("app"), &["--format", "json", "deep"]);
    let v = json(&out);
    let c = codes(&v);
    assert!(
        !c.contains(&"DF002".to_string()),
        "DL3006 is ignored through its alias: {c:?}"
    );
    let d = first(&v, "DF004");
    assert_eq!(d["severity"], "warning");
    assert_eq!(
        out.status.code(),
        Some(0),
        "nothing reaches the error threshold"
    );
    let legacy = json(&rlint(dir.path(), &["--format", "json", "legacy"]));
    assert!(!codes(&legacy).contains(&"DF004".to_string()));
}

#[test]
fn hadolint_yaml_beside_is_honoured_and_explicit_config_wins() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".hadolint.yaml",
        "ignored:\n  - DL4000\noverride:\n  error:\n    - DL3006\n",
    );
    write(dir.path(), "Dockerfile", DIRTY);
    let v = json(&rlint(dir.path(), &["--format", "json"]));
    let c = codes(&v);
    assert!(!c.contains(&"DF004".to_string()));
    let d = first(&v, "DF002");
    assert_eq!(d["severity"], "error");
    write(dir.path(), "other.toml", "ignore = [\"DF002\"]\n");
    let v = json(&rlint(
        dir.path(),
        &["--format", "json", "--config", "other.toml"],
    ));
    let c = codes(&v);
    assert!(
        c.contains(&"DF004".to_string()) && !c.contains(&"DF002".to_string()),
        "{c:?}"
    );
}

#[test]
fn secrets_are_masked_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "AKIAZ7Q4RT2LMN8WXY35";
    write(
        dir.path(),
        "Dockerfile",
        &format!("FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID={secret}\n"),
    );
    for format in ["human", "json", "sarif", "github"] {
        let out = rlint(dir.path(), &["--format", format]);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.contains("AKIA"),
            "{format}: the finding is reported:\n{stdout}"
        );
        assert!(
            !stdout.contains(secret),
            "{format} prints the secret:\n{stdout}"
        );
    }
}

#[test]
fn unknown_rule_ids_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rlint.toml",
        "ignore = [\"DL9999\", \"DL3006\"]\n",
    );
    write(dir.path(), "Dockerfile", CLEAN);
    let out = rlint(dir.path(), &["--select", "DF004,nope"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("`DL9999` in") && stderr.contains("rlint.toml"),
        "{stderr}"
    );
    assert!(stderr.contains("`nope` in the command line"), "{stderr}");
    assert!(!stderr.contains("DL3006"), "{stderr}");
}

#[test]
fn inline_pragmas_rlint_hadolint_and_buildkit() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# check=skip=MaintainerDeprecated\n# hadolint global ignore=DL3003\n# hadolint ignore=DL3006\nFROM alpine AS base\nMAINTAINER me\nRUN cd /x\n# rlint ignore=DF002\nFROM ubuntu\nFROM debian\n";
    write(dir.path(), "Dockerfile", text);
    let v = json(&rlint(
        dir.path(),
        &["--format", "json", "--ignore", "DF039"],
    ));
    let mut lines: Vec<(String, u64)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["span"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    lines.sort();
    assert_eq!(lines, vec![("DF002".to_string(), 9)]);
}

#[test]
fn rule_docs_and_debug_ast() {
    let dir = tempfile::tempdir().unwrap();
    let doc = String::from_utf8(rlint(dir.path(), &["rule", "DL3008"]).stdout).unwrap();
    assert!(doc.starts_with("# DF030 apt-get-unpinned"));
    assert!(doc.contains("## Why is this bad?"));
    assert_eq!(rlint(dir.path(), &["rule", "NOPE"]).status.code(), Some(2));
    let list = String::from_utf8(rlint(dir.path(), &["rules"]).stdout).unwrap();
    assert!(list.lines().count() >= 40);
    write(
        dir.path(),
        "Dockerfile",
        "FROM a AS b\nCOPY --link x /y\nENV A=1 B\\ c=2\n",
    );
    let ast = rlint(dir.path(), &["debug", "ast", "Dockerfile"]);
    assert_eq!(
        String::from_utf8(ast.stdout).unwrap(),
        "(from \"a\" \"AS\" \"b\")\n(copy [\"--link\"] \"x\" \"/y\")\n(env \"A\" \"1\" \"=\" \"B\\\\ c\" \"2\" \"=\")\n"
    );
}

#[test]
fn fix_rewrites_files_in_place_and_converges() {
    let dir = tempfile::tempdir().unwrap();
    // The majority casing (upper) wins; `as` follows `FROM` once FROM is fixed.
    write(
        dir.path(),
        "Dockerfile",
        "from alpine:3.20 as base\nMAINTAINER me\nENV A 1\nRUN apk add --no-cache curl=8.9.1-r0\n",
    );
    let out = rlint(dir.path(), &["--fix", "--format", "json"]);
    let fixed = fs::read_to_string(dir.path().join("Dockerfile")).unwrap();
    assert_eq!(
        fixed,
        "FROM alpine:3.20 AS base\nLABEL org.opencontainers.image.authors=\"me\"\nENV A=1\nRUN apk add --no-cache curl=8.9.1-r0\n"
    );
    let c = codes(&json(&out));
    assert!(
        !c.contains(&"DF004".to_string()) && !c.contains(&"DF021".to_string()),
        "{c:?}"
    );
}

/// `--diff` prints what `--fix` would change as a unified diff, writes nothing, and exits 1;
/// with nothing to fix it prints nothing and exits 0. The diff applied is the fixed file.
#[test]
fn diff_shows_the_fixes_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let dirty = "FROM alpine:3.20\nMAINTAINER me\nENV A 1\nUSER 10001\nCMD [\"sh\"]\n";
    write(dir.path(), "Dockerfile", dirty);
    write(dir.path(), "clean/Dockerfile", CLEAN);
    let out = rlint(dir.path(), &["--diff", "."]);
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        diff,
        "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,5 +1,5 @@\n FROM alpine:3.20\n-MAINTAINER me\n-ENV A 1\n+LABEL org.opencontainers.image.authors=\"me\"\n+ENV A=1\n USER 10001\n CMD [\"sh\"]\n"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("Would apply 2 fixes to 1 file"), "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.path().join("Dockerfile")).unwrap(),
        dirty
    );
    // What --fix then writes is what the diff showed.
    rlint(dir.path(), &["--fix", "Dockerfile"]);
    let fixed = fs::read_to_string(dir.path().join("Dockerfile")).unwrap();
    assert!(
        fixed.contains("ENV A=1\n") && !fixed.contains("MAINTAINER"),
        "{fixed}"
    );
    let out = rlint(dir.path(), &["--diff", "."]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("No fixes would apply (2 files checked)"),
        "{stderr}"
    );
    let out = rlint(dir.path(), &["--diff", "clean/Dockerfile"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("No fixes would apply (1 file checked)"),
        "{stderr}"
    );
    // Standard input, and --unsafe-fixes only with --fix or --diff.
    let out = rlint_stdin(
        dir.path(),
        &["--diff", "--stdin-filename", "Dockerfile", "-"],
        dirty,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("--- a/Dockerfile\n"));
    let out = rlint(dir.path(), &["--unsafe-fixes", "."]);
    assert_eq!(out.status.code(), Some(2));
}

/// Code and data about Dockerfiles (`dockerfile.go`, rlint's own fuzz target) are not Dockerfiles;
/// a name that only suggests one (`Dockerfile-old`, `Dockerfile.template`) is decided by content.
#[test]
fn source_files_named_like_dockerfiles_are_not_taken_for_them() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "fuzz/fuzz_targets/dockerfile.rs",
        "#![no_main]\nfn main() {}\n",
    );
    write(dir.path(), "parser/dockerfile.go", "package parser\n");
    write(dir.path(), "tools/dockerfile.py", "# helpers\nimport os\n");
    write(
        dir.path(),
        "schema/Dockerfile.json",
        "{\"type\": \"object\"}\n",
    );
    write(dir.path(), "src/dockerfile-utils.ts", "export {}\n");
    write(
        dir.path(),
        "Dockerfile-notes",
        "remember to pin the base image\n",
    );
    write(dir.path(), "Dockerfile-old", DIRTY);
    write(
        dir.path(),
        "ci/Dockerfile.template",
        &format!("# syntax=docker/dockerfile:1\n{DIRTY}"),
    );
    let out = rlint(dir.path(), &["--format", "json"]);
    let v = json(&out);
    let mut paths: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    paths.dedup();
    assert_eq!(paths, ["Dockerfile-old", "ci/Dockerfile.template"], "{v}");
    assert_eq!(v["files"], 2, "{v}");
    assert!(!codes(&v).contains(&"DF000".to_string()), "{v}");
    // Named on the command line, a source file is not linted as a Dockerfile either (--kind can).
    let out = rlint(dir.path(), &["parser/dockerfile.go"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pass --kind"));
    let out = rlint(dir.path(), &["--kind", "dockerfile", "Dockerfile-notes"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

/// A folder with nothing to lint (an empty repository, a mistyped folder in CI) is an error that
/// says what rlint looked for, not "No problems found in 0 files".
#[test]
fn nothing_to_lint_is_an_error_that_says_what_was_looked_for() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty/README.md", "# nothing here\n");
    write(dir.path(), "ci/circleci-config.yml", "version: 2.1\n");
    write(dir.path(), "app/Dockerfile", CLEAN);
    let out = rlint(dir.path(), &["empty"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("empty: no files to lint"), "{stderr}");
    assert!(stderr.contains("Dockerfile, Containerfile"), "{stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("No problems"));
    // Every kind is linted now: a folder holding only a CircleCI configuration has something.
    let out = rlint(dir.path(), &["ci"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("no files to lint"));
    // `rlint .` in an empty repository says the same.
    let empty = tempfile::tempdir().unwrap();
    let out = rlint(empty.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".: no files to lint"));
    // A folder that has something is fine, and one empty folder beside it still fails the run.
    assert_eq!(rlint(dir.path(), &["app"]).status.code(), Some(0));
    assert_eq!(rlint(dir.path(), &["app", "empty"]).status.code(), Some(2));
}

/// An editor pipes a buffer and names its path: the files around that path serve the cross-file
/// checks, as for a file named on the command line.
#[test]
fn stdin_filename_reads_the_related_files_beside_the_named_path() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "web/.dockerignore", "secret.txt\n");
    write(dir.path(), "web/secret.txt", "x");
    let dockerfile = "FROM alpine:3.20\nCOPY secret.txt /etc/\nUSER 10001\nCMD [\"sh\"]\n";
    let compose = "services:\n  app:\n    build: ./missing\n    env_file: .env.app\n";
    let run = |name: &str, text: &str| {
        json(&rlint_stdin(
            dir.path(),
            &["--format", "json", "--stdin-filename", name, "-"],
            text,
        ))
    };
    let v = run("web/Dockerfile", dockerfile);
    let aliases: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["aliases"].as_array().unwrap().clone())
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    assert!(aliases.contains(&"CopyIgnoredFile".to_string()), "{v}");
    let v = run("compose.yaml", compose);
    assert!(codes(&v).contains(&"DC038".to_string()), "{v}");
    assert!(codes(&v).contains(&"DC039".to_string()), "{v}");
}

/// `--fix` rewrites the files the user named or walked, never a related file linted beside them
/// (the Dockerfile a named Compose file builds).
#[test]
fn fix_writes_only_the_files_asked_about() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "compose.yaml",
        "version: \"3.8\"\nservices:\n  app:\n    build: ./app\n",
    );
    write(dir.path(), "app/Dockerfile", DIRTY);
    let out = rlint(dir.path(), &["--fix", "--format", "json", "compose.yaml"]);
    let v = json(&out);
    // The Dockerfile is still linted (its findings are reported), but left as it was.
    assert!(codes(&v).contains(&"DF004".to_string()), "{v}");
    assert_eq!(
        fs::read_to_string(dir.path().join("app/Dockerfile")).unwrap(),
        DIRTY
    );
    let compose = fs::read_to_string(dir.path().join("compose.yaml")).unwrap();
    assert!(!compose.contains("version"), "{compose}");
    // Walking the folder asks about both.
    rlint(dir.path(), &["--fix", "."]);
    assert!(
        !fs::read_to_string(dir.path().join("app/Dockerfile"))
            .unwrap()
            .contains("MAINTAINER")
    );
}

/// The summary's "fixable" counts only what `--fix` would write: a Dockerfile read because the
/// named Compose file builds it is reported, but its fixes are not offered.
#[test]
fn fixable_counts_only_the_files_fix_would_write() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "compose.yaml",
        "services:\n  app:\n    build: ./app\n    image: example/app:1.2\n",
    );
    write(
        dir.path(),
        "app/Dockerfile",
        "FROM alpine:3.20\nMAINTAINER me\n",
    );
    let out = String::from_utf8(rlint(dir.path(), &["compose.yaml"]).stdout).unwrap();
    assert!(out.contains("DF004"), "{out}");
    assert!(!out.contains("fixable"), "{out}");
    let out = String::from_utf8(rlint(dir.path(), &["."]).stdout).unwrap();
    assert!(out.contains("1 fixable with `rlint --fix`."), "{out}");
}

/// A path that does not exist is an error on stderr, with no "No problems found" beside it.
#[test]
fn a_missing_path_is_an_error_not_a_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = rlint(dir.path(), &["no-such-folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no-such-folder: no such file"), "{err}");
    // With a real file beside it, the real file is linted and summarised; the run still fails.
    write(
        dir.path(),
        "Dockerfile",
        "FROM alpine:3.20\nCMD [\"true\"]\n",
    );
    let out = rlint(dir.path(), &["Dockerfile", "no-such-folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("in 1 file."));
}

/// `--stdin-filename` names standard input, so alone it reads stdin (not the current folder);
/// beside paths without `-` it is refused.
#[test]
fn stdin_filename_implies_stdin() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "Dockerfile",
        "FROM alpine:3.20\nMAINTAINER me\n",
    );
    let out = rlint_stdin(
        dir.path(),
        &["--stdin-filename", "Dockerfile", "--format", "json"],
        "FROM ubuntu\n",
    );
    let v = json(&out);
    assert_eq!(codes(&v), ["DF002"], "{v}");
    let out = rlint_stdin(dir.path(), &["--stdin-filename", "Dockerfile", "."], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("add `-`"));
}

/// The summary counts safe and unsafe fixes apart, and says "--unsafe-fixes" only when some need it.
#[test]
fn summary_counts_safe_and_unsafe_fixes_apart() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "safe/Dockerfile",
        "FROM alpine:3.20\nMAINTAINER me\n",
    );
    let out = String::from_utf8(rlint(dir.path(), &["safe"]).stdout).unwrap();
    assert!(out.contains("1 fixable with `rlint --fix`."), "{out}");
    assert!(!out.contains("unsafe"), "{out}");
    // A shell-form CMD's exec-form fix changes signal handling: unsafe.
    write(
        dir.path(),
        "mixed/Dockerfile",
        "FROM node:20.11\nMAINTAINER me\nCMD node server.js\n",
    );
    let out = String::from_utf8(rlint(dir.path(), &["mixed"]).stdout).unwrap();
    assert!(
        out.contains("1 fixable with `rlint --fix`, 1 more with `--unsafe-fixes`."),
        "{out}"
    );
    write(
        dir.path(),
        "unsafe/Dockerfile",
        "FROM node:20.11\nCMD node server.js\n",
    );
    let out = String::from_utf8(rlint(dir.path(), &["unsafe"]).stdout).unwrap();
    assert!(
        out.contains("1 fixable with `rlint --fix --unsafe-fixes`"),
        "{out}"
    );
}

/// A first run over a real repository: one line per finding, or counts per rule, and a hint
/// naming both when the code frames run past a screen.
#[test]
fn concise_format_statistics_and_the_long_output_hint() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..8 {
        write(dir.path(), &format!("s{i}/Dockerfile"), DIRTY);
    }
    let out = String::from_utf8(rlint(dir.path(), &["--format", "concise"]).stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines.contains(&"s0/Dockerfile:2:1: error DF004 MAINTAINER is deprecated"),
        "{out}"
    );
    assert!(lines.last().unwrap().starts_with("Found "), "{out}");
    assert!(!out.contains('│'), "{out}");
    let stats = String::from_utf8(rlint(dir.path(), &["--statistics"]).stdout).unwrap();
    let row = stats
        .lines()
        .find(|l| l.contains("DF004"))
        .unwrap_or_else(|| panic!("{stats}"));
    assert!(
        row.trim_start()
            .starts_with("8  DF004  maintainer-deprecated"),
        "{row}"
    );
    assert!(row.ends_with("[fixable]"), "{row}");
    let v: serde_json::Value =
        serde_json::from_slice(&rlint(dir.path(), &["--statistics", "--format", "json"]).stdout)
            .unwrap();
    let df004 = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "DF004")
        .unwrap();
    assert_eq!(
        (df004["count"].as_u64(), df004["fixable"].as_u64()),
        (Some(8), Some(8))
    );
    // Eight files' code frames are more than a screen: the human output ends with the hint.
    let human = String::from_utf8(rlint(dir.path(), &[]).stdout).unwrap();
    assert!(human.lines().count() > 50, "{human}");
    let last = human.lines().last().unwrap();
    assert!(
        last.contains("--format concise") && last.contains("--statistics"),
        "{last}"
    );
    // One finding fits on a screen: no hint.
    let one = String::from_utf8(rlint(dir.path(), &["s0"]).stdout).unwrap();
    assert!(!one.contains("hint:"), "{one}");
}

/// The deploy kinds are recognised by name and by content, `--kind` names them, and JSON output
/// carries them.
#[test]
fn deploy_kinds_by_name_by_content_and_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let spec = "version: 0.2\nphases:\n  build:\n    commands:\n      - $(aws ecr get-login)\n";
    write(dir.path(), "buildspec.yml", spec);
    write(dir.path(), "ci/build.yml", spec);
    write(
        dir.path(),
        "Dockerrun.aws.json",
        "{\n  \"AWSEBDockerrunVersion\": 2 # v2\n}\n",
    );
    write(
        dir.path(),
        "deploy/eb.json",
        "{\n  \"AWSEBDockerrunVersion\": 2,\n}\n",
    );
    let task = "{\n  \"family\": \"web\",\n  \"networkMode\": \"awsvpn\",\n  \"containerDefinitions\": [{\"name\": \"web\", \"image\": \"nginx:1.27\", \"memory\": 256}]\n}\n";
    write(dir.path(), "ecs/task-definition.json", task);
    write(dir.path(), "ecs/ecs-web.json", task);
    write(
        dir.path(),
        "ecs/ecs-settings.json",
        "{\"region\": \"eu-west-1\"}\n",
    );
    let v = json(&rlint(dir.path(), &["--format", "json"]));
    let found: Vec<(String, String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["kind"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |path: &str, kind: &str, code: &str| {
        found
            .iter()
            .any(|(p, k, c)| p == path && k == kind && c == code)
    };
    assert!(has("buildspec.yml", "buildspec", "BS001"), "{found:?}");
    assert!(has("ci/build.yml", "buildspec", "BS001"), "{found:?}");
    assert!(has("Dockerrun.aws.json", "dockerrun", "DR000"), "{found:?}");
    // An ECS task definition by name, and by content where the name only suggests it.
    assert!(
        has("ecs/task-definition.json", "ecs-task-definition", "EC001"),
        "{found:?}"
    );
    assert!(
        has("ecs/ecs-web.json", "ecs-task-definition", "EC001"),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(p, _, _)| p == "ecs/ecs-settings.json"),
        "{found:?}"
    );
    // A JSON file under another name is not guessed at; `--kind` names it.
    assert!(
        !found.iter().any(|(p, _, _)| p == "deploy/eb.json"),
        "{found:?}"
    );
    let v = json(&rlint(
        dir.path(),
        &["--format", "json", "--kind", "dockerrun", "deploy/eb.json"],
    ));
    assert_eq!(first(&v, "DR000")["span"]["start"]["line"], 2, "{v}");
    let v = json(&rlint(
        dir.path(),
        &[
            "--format",
            "json",
            "--kind",
            "ecs-task-definition",
            "deploy/eb.json",
        ],
    ));
    assert_eq!(first(&v, "EC000")["span"]["start"]["line"], 2, "{v}");
}

/// A job calling a reusable workflow of the same repository is checked against the called
/// file read from disk (GA030): a misspelt input is reported in the caller, at the key, also
/// when the caller is linted alone from another folder; once the call matches what the callee
/// declares, nothing is; standard input with no path has no callee to read.
#[test]
fn reusable_workflow_calls_are_checked_against_the_called_file() {
    let dir = tempfile::tempdir().unwrap();
    let callee = "on:\n  workflow_call:\n    inputs:\n      environment:\n        type: string\n        required: true\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n";
    let caller = |key: &str| {
        format!(
            "on: push\npermissions: {{}}\njobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n    with:\n      {key}: production\n"
        )
    };
    write(dir.path(), ".github/workflows/deploy.yml", callee);
    write(
        dir.path(),
        ".github/workflows/ci.yml",
        &caller("enviroment"),
    );
    let args = ["--format", "json", "--select", "GA030"];
    let v = json(&rlint(dir.path(), &args));
    let found: Vec<(&str, i64, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap(),
                d["span"]["start"]["line"].as_i64().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    // One finding: the misspelt key, not also the required input it was meant to be.
    assert_eq!(found.len(), 1, "{v}");
    assert_eq!(found[0].0, ".github/workflows/ci.yml", "{v}");
    assert_eq!(found[0].1, 7, "{v}");
    assert!(found[0].2.contains("declares no input `enviroment`"), "{v}");
    assert_eq!(first(&v, "GA030")["help"], "did you mean `environment`?");
    // Run from another folder, on the caller alone: the callee is found beside it.
    let out = rlint(
        dir.path().parent().unwrap(),
        &[
            "--format",
            "json",
            "--select",
            "GA030",
            dir.path()
                .join(".github/workflows/ci.yml")
                .to_str()
                .unwrap(),
        ],
    );
    assert_eq!(codes(&json(&out)), ["GA030"]);

    write(
        dir.path(),
        ".github/workflows/ci.yml",
        &caller("environment"),
    );
    let out = rlint(dir.path(), &args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(codes(&json(&out)).is_empty());

    // Standard input without a path: no folder, so no callee and no finding.
    let out = rlint_stdin(
        dir.path(),
        &[
            "--format",
            "json",
            "--select",
            "GA030",
            "--kind",
            "github-workflow",
            "-",
        ],
        &caller("enviroment"),
    );
    assert!(
        codes(&json(&out)).is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// GitHub Actions workflows are recognised by path (`.github/workflows/`, found by the walk
/// although the folder is hidden) and by content (`on:` + `jobs:` with runners) under any other
/// name, without claiming CircleCI or Compose files that share some of their keys.
#[test]
fn workflows_by_path_and_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let workflow = "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: appleboy/ssh-action@master\n";
    write(dir.path(), ".github/workflows/ci.yml", workflow);
    write(dir.path(), "deploy/github-deploy.yml", workflow);
    write(
        dir.path(),
        "ci/circle.yml",
        "version: 2.1\njobs:\n  build:\n    docker:\n      - image: cimg/base:2024.01\n    steps:\n      - checkout\n",
    );
    write(
        dir.path(),
        "app/stack.yml",
        "services:\n  web:\n    image: nginx:1.27\n    labels:\n      on: push\n",
    );
    let v = json(&rlint(dir.path(), &["--format", "json"]));
    let found: Vec<(String, String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["kind"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for path in [".github/workflows/ci.yml", "deploy/github-deploy.yml"] {
        assert!(
            found
                .iter()
                .any(|(p, k, c)| p == path && k == "github-workflow" && c == "GA003"),
            "{path}: {found:?}"
        );
    }
    assert!(
        !found
            .iter()
            .any(|(p, k, _)| k == "github-workflow"
                && (p == "ci/circle.yml" || p == "app/stack.yml")),
        "{found:?}"
    );
}

/// daemon.json is recognised by name (and a `*.daemon.json` by its content), `--kind daemon-json`
/// names it under any other name, and JSON output carries the kind.
#[test]
fn daemon_json_by_name_by_content_and_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let insecure = "{\n  \"insecure-registries\": [\"registry.internal:5000\"]\n}\n";
    write(dir.path(), "etc/docker/daemon.json", insecure);
    write(dir.path(), "hosts/prod.daemon.json", insecure);
    // Under a name that may be one, content of another kind is left alone.
    write(
        dir.path(),
        "hosts/app.daemon.json",
        "{\"name\": \"app\", \"version\": \"1.0.0\"}\n",
    );
    write(
        dir.path(),
        "deploy/engine.json",
        "{\n  \"debug\": \"true\"\n}\n",
    );
    let v = json(&rlint(dir.path(), &["--format", "json"]));
    let found: Vec<(String, String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["kind"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |path: &str, code: &str| {
        found
            .iter()
            .any(|(p, k, c)| p == path && k == "daemon-json" && c == code)
    };
    assert!(has("etc/docker/daemon.json", "DJ002"), "{found:?}");
    assert!(has("hosts/prod.daemon.json", "DJ002"), "{found:?}");
    assert!(
        !found
            .iter()
            .any(|(p, _, _)| p == "hosts/app.daemon.json" || p == "deploy/engine.json"),
        "{found:?}"
    );
    let out = rlint(
        dir.path(),
        &[
            "--format",
            "json",
            "--kind",
            "daemon-json",
            "deploy/engine.json",
        ],
    );
    assert!(!out.status.success());
    let v = json(&out);
    assert_eq!(first(&v, "DJ001")["span"]["start"]["line"], 2, "{v}");
}

/// examples/README.md says what each example shows; this holds it to that, and to `rlint` at the
/// repository root linting the examples (the root rlint.toml excludes the broken-on-purpose
/// fixtures).
#[test]
fn the_examples_show_what_examples_readme_says() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let lint = |path: &str| json(&rlint(&root, &["--format", "json", path]));
    let expect = [
        (
            "examples/multistage-web",
            &["DF038", "DF010", "DF003", "DF019", "DF020", "DF008"][..],
        ),
        (
            "examples/node-api/Dockerfile",
            &["DF000", "DF001", "DF004", "DF032", "DF035", "DF014"],
        ),
        (
            "examples/python-worker",
            &["DF002", "DF037", "DF036", "DF017", "DF005", "DF015"],
        ),
        (
            "examples/node-api/docker-compose.yml",
            &[
                "DC003", "DC002", "DC007", "DC016", "DC024", "DC012", "DC008", "DC009", "DC039",
            ],
        ),
        (
            "examples/node-api/.circleci/config.yml",
            &["CC002", "CC005", "CC008", "CC009", "CC010"],
        ),
    ];
    for (path, wanted) in expect {
        let found = codes(&lint(path));
        for code in wanted {
            assert!(
                found.contains(&code.to_string()),
                "{path}: no {code} in {found:?}"
            );
        }
    }
    let compose = lint("examples/node-api/docker-compose.yml");
    let messages: Vec<&str> = compose["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    for word in ["`enviroment`", "`allways`", "`ports` must be a list"] {
        assert!(
            messages.iter().any(|m| m.contains(word)),
            "{word}: {messages:?}"
        );
    }
    let all = json(&rlint(&root, &["--format", "json"]));
    assert_eq!(all["files"], 17, "{all}");
    assert!(
        all["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["path"].as_str().unwrap().starts_with("examples/")),
        "{all}"
    );
}

/// `exclude` in rlint.toml drops walked files; a file named on the command line is still linted.
#[test]
fn exclude_skips_walked_files_but_not_named_ones() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rlint.toml", "exclude = [\"fixtures/**\"]\n");
    write(dir.path(), "fixtures/bad/Dockerfile", DIRTY);
    write(dir.path(), "app/Dockerfile", DIRTY);
    let v = json(&rlint(dir.path(), &["--format", "json", "."]));
    assert_eq!(v["files"], 1, "{v}");
    assert_eq!(first(&v, "DF004")["path"], "app/Dockerfile");
    let v = json(&rlint(
        dir.path(),
        &["--format", "json", "fixtures/bad/Dockerfile"],
    ));
    assert_eq!(first(&v, "DF004")["path"], "fixtures/bad/Dockerfile");
}

#[test]
fn the_clean_example_has_no_error_or_warning() {
    let clean = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/clean");
    let v = json(&rlint(&clean, &["--format", "json"]));
    let loud: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error" || d["severity"] == "warning")
        .collect();
    assert!(loud.is_empty(), "{loud:#?}");
    assert_eq!(
        v["files"], 11,
        "the Dockerfile, its .dockerignore, the Compose file and its .env, the buildspec, the .travis.yml, the ECS task definition, the Dockerrun.aws.json, the daemon.json, the workflow and the CircleCI configuration"
    );
}

#[test]
fn dockerignore_beside_the_dockerfile_is_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".dockerignore", "secrets.env\n");
    write(
        dir.path(),
        "Dockerfile",
        "FROM alpine:3.20\nCOPY secrets.env /app/\n",
    );
    write(
        dir.path(),
        "api/Dockerfile",
        "FROM alpine:3.20\nCOPY secrets.env /app/\n",
    );
    write(dir.path(), "api/Dockerfile.dockerignore", "other\n");
    let v = json(&rlint(
        dir.path(),
        &["--format", "json", "--select", "DF096"],
    ));
    let paths: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["Dockerfile"],
        "api/ has its own Dockerfile.dockerignore that allows the file"
    );
}

#[test]
fn compose_files_are_linted_with_their_env_and_the_files_around_them() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "compose.yaml",
        "services:\n  app:\n    image: ${REGISTRY}/app:1.0\n    build:\n      context: ./app\n      dockerfile: ../docker/app.docker\n    env_file: .env.missing\n",
    );
    write(dir.path(), ".env", "REGISTRY=ghcr.io/acme\n");
    write(dir.path(), "app/.dockerignore", "secret.txt\n");
    write(dir.path(), "app/secret.txt", "x");
    write(
        dir.path(),
        "docker/app.docker",
        "FROM alpine:3.20\nCOPY secret.txt /etc/app/\nUSER 10001\nCMD [\"sh\"]\n",
    );
    let out = rlint(dir.path(), &["--format", "json", "."]);
    let v = json(&out);
    // `.env` sets REGISTRY, so nothing is unset; the env file is missing.
    assert!(!codes(&v).contains(&"DC005".to_string()), "{v}");
    assert_eq!(first(&v, "DC039")["span"]["start"]["line"], 7);
    // The Dockerfile the Compose file builds is found by its `build.dockerfile`, and checked
    // against the build context's `.dockerignore`.
    let copy = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "CopyIgnoredFile")
        })
        .unwrap_or_else(|| panic!("no CopyIgnoredFile in {v}"));
    assert_eq!(copy["path"], "docker/app.docker");
    // Stray YAML files that are not Compose are skipped quietly.
    write(
        dir.path(),
        "other/deploy.yaml",
        "apiVersion: apps/v1\nkind: Deployment\n",
    );
    write(
        dir.path(),
        "other/.gitlab-ci.yml",
        "image: ruby:3.3\nservices:\n  - postgres:16\ntest:\n  script: [rake]\n",
    );
    let out = rlint(dir.path(), &["--format", "json", "other"]);
    assert_eq!(json(&out)["files"], 0);
    // A Compose file under another name is recognised by its content.
    write(
        dir.path(),
        "app.compose.yml",
        "services:\n  web:\n    image: nginx\n",
    );
    let out = rlint(dir.path(), &["--format", "json", "app.compose.yml"]);
    assert_eq!(first(&json(&out), "DC011")["kind"], "compose");
}

#[test]
fn presets_choose_the_rules_their_severities_and_the_threshold() {
    let dir = tempfile::tempdir().unwrap();
    // Only advice by default: an unpinned apt-get package (info).
    write(
        dir.path(),
        "Dockerfile",
        "FROM debian:12.7\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
    );
    let recommended = rlint(dir.path(), &["--format", "json", "Dockerfile"]);
    let v = json(&recommended);
    assert_eq!(first(&v, "DF030")["severity"], "info");
    assert_eq!(
        recommended.status.code(),
        Some(0),
        "info findings are advice: the recommended preset fails from warning up"
    );
    assert!(
        !codes(&v).contains(&"DF084".to_string()),
        "no-healthcheck is opt-in"
    );

    let hadolint = rlint(
        dir.path(),
        &["--format", "json", "--preset", "hadolint", "Dockerfile"],
    );
    let v = json(&hadolint);
    assert_eq!(
        first(&v, "DF030")["severity"],
        "warning",
        "DL3008 is a warning in hadolint"
    );
    assert!(
        codes(&v).iter().all(|c| lint_core_code_has_dl_alias(&v, c)),
        "the hadolint preset runs DL rules only: {:?}",
        codes(&v)
    );
    assert_eq!(
        hadolint.status.code(),
        Some(1),
        "hadolint fails from info up"
    );

    let strict = json(&rlint(
        dir.path(),
        &["--format", "json", "--preset", "strict", "Dockerfile"],
    ));
    assert!(
        codes(&strict).contains(&"DF084".to_string()),
        "strict runs every rule"
    );

    write(
        dir.path(),
        "rlint.toml",
        "preset = \"strict\"\nfailure-threshold = \"info\"\n",
    );
    let configured = rlint(dir.path(), &["--format", "json", "Dockerfile"]);
    assert!(codes(&json(&configured)).contains(&"DF084".to_string()));
    assert_eq!(configured.status.code(), Some(1));
    let bad = rlint(dir.path(), &["--preset", "loud", "Dockerfile"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// Whether the diagnostic with `code` in `v` carries a hadolint (DL) alias.
fn lint_core_code_has_dl_alias(v: &serde_json::Value, code: &str) -> bool {
    first(v, code)["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a.as_str().unwrap().starts_with("DL"))
}

#[test]
fn compose_build_args_and_target_reach_the_dockerfile() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "app/Dockerfile",
        "ARG BASE\nFROM ${BASE}:3.20 AS app\nUSER app\nFROM app AS debug\nUSER root\n",
    );
    write(
        dir.path(),
        "compose.yaml",
        "services:\n  app:\n    build:\n      context: ./app\n      target: app\n      args:\n        - BASE=alpine\n",
    );
    // Alone, the Dockerfile's last stage runs as root and `BASE` has no default.
    let alone = codes(&json(&rlint(
        dir.path(),
        &["--format", "json", "app/Dockerfile"],
    )));
    assert!(alone.contains(&"DF062".to_string()), "{alone:?}");
    assert!(alone.contains(&"DF094".to_string()), "{alone:?}");
    // Walked with the Compose file that builds it, it gets that build's args and target.
    let built = json(&rlint(dir.path(), &["--format", "json", "."]));
    let dockerfile: Vec<&str> = built["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().ends_with("Dockerfile"))
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(!dockerfile.contains(&"DF062"), "{dockerfile:?}");
    assert!(!dockerfile.contains(&"DF094"), "{dockerfile:?}");
}

#[cfg(unix)]
#[test]
fn env_files_behind_symlinks_exist_and_dangling_links_say_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "shared/app.env", "A=1\n");
    std::os::unix::fs::symlink("shared/app.env", dir.path().join("app.env")).unwrap();
    std::os::unix::fs::symlink("nowhere.env", dir.path().join("gone.env")).unwrap();
    write(
        dir.path(),
        "compose.yaml",
        "services:\n  app:\n    image: alpine:3.20\n    env_file:\n      - app.env\n      - gone.env\n",
    );
    let v = json(&rlint(dir.path(), &["--format", "json", "compose.yaml"]));
    let missing: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "DC039")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(
        missing[0].contains("`gone.env`, is a symbolic link to `nowhere.env`"),
        "{missing:?}"
    );
}

/// Issue 13: where the build breaks on a misplaced comment, a dashless list or a misspelt key,
/// `--fix` repairs what is certain and `--unsafe-fixes` the rest; the files then lint clean of
/// those findings.
#[test]
fn fixes_where_the_build_breaks_lint_clean_afterwards() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "Dockerfile",
        "FROM node:20-alpine # base image\nWORKDIR /app\n// dependencies first\nRUN npm ci // install\nEXPOSE 3000 # web\nUSER node\nCMD [\"node\", \"server.js\"]\n",
    );
    write(
        dir.path(),
        "compose.yaml",
        "services:\n  web: // the site\n    image: nginx:1.27 // pinned\n    // published on the host\n    ports:\n      -80:80\n    expose: -3000\n    mem limit: 128m\n    enviroment:\n      A: \"1\"\n",
    );
    let findings = |dir: &Path| -> Vec<String> {
        let out = rlint(dir, &["--format", "json", "Dockerfile", "compose.yaml"]);
        codes(&json(&out))
    };
    let broken = ["DF000", "DF001", "DC000", "DC002", "DC040"];
    let before = findings(dir.path());
    // The schema is checked once the YAML parses.
    for code in ["DF000", "DF001", "DC000"] {
        assert!(before.contains(&code.to_string()), "{code} in {before:?}");
    }

    // Safe fixes: the comments after FROM and EXPOSE, the YAML `//` comments, the dashes,
    // `mem limit`.
    rlint(dir.path(), &["--fix", "Dockerfile", "compose.yaml"]);
    let dockerfile = fs::read_to_string(dir.path().join("Dockerfile")).unwrap();
    assert_eq!(
        dockerfile,
        "# base image\nFROM node:20-alpine\nWORKDIR /app\n# dependencies first\nRUN npm ci // install\n# web\nEXPOSE 3000\nUSER node\nCMD [\"node\", \"server.js\"]\n"
    );
    let compose = fs::read_to_string(dir.path().join("compose.yaml")).unwrap();
    assert_eq!(
        compose,
        "services:\n  # the site\n  web:\n    # pinned\n    image: nginx:1.27\n    # published on the host\n    ports:\n      - \"80:80\"\n    expose:\n      - \"3000\"\n    mem_limit: 128m\n    enviroment:\n      A: \"1\"\n"
    );
    let after_safe = findings(dir.path());
    assert!(!after_safe.contains(&"DF000".to_string()), "{after_safe:?}");
    assert!(!after_safe.contains(&"DC000".to_string()), "{after_safe:?}");
    // What needs a judgement is left: `//` handed to npm, and the guess `environment`.
    assert!(after_safe.contains(&"DF001".to_string()), "{after_safe:?}");
    assert_eq!(
        after_safe.iter().filter(|c| *c == "DC002").count(),
        1,
        "{after_safe:?}"
    );

    rlint(
        dir.path(),
        &["--fix", "--unsafe-fixes", "Dockerfile", "compose.yaml"],
    );
    let dockerfile = fs::read_to_string(dir.path().join("Dockerfile")).unwrap();
    assert!(
        dockerfile.contains("# install\nRUN npm ci\n"),
        "{dockerfile}"
    );
    let compose = fs::read_to_string(dir.path().join("compose.yaml")).unwrap();
    assert!(compose.contains("    environment:\n"), "{compose}");
    let after_all = findings(dir.path());
    for code in broken {
        assert!(
            !after_all.contains(&code.to_string()),
            "{code} in {after_all:?}"
        );
    }
}

/// A `.dockerignore` is a file of its own now (it counts in `files`), linted with the
/// Dockerfile beside it and what the build context holds: only secrets that are there and hold
/// a credential are reported.
#[test]
fn dockerignore_is_checked_against_its_dockerfile_and_context() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "Dockerfile",
        "FROM node:22.1-alpine\nWORKDIR /app\nCOPY . .\nUSER node\nCMD [\"node\", \"server.js\"]\n",
    );
    write(dir.path(), ".dockerignore", "node_modules\n");
    write(
        dir.path(),
        "server.pem",
        "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
    );
    write(
        dir.path(),
        "cert.pem",
        "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n",
    );
    write(
        dir.path(),
        ".npmrc",
        "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n",
    );
    write(dir.path(), ".git/HEAD", "ref: refs/heads/main\n");
    let out = rlint(dir.path(), &["--format", "json", "."]);
    let v = json(&out);
    assert_eq!(v["files"], 2, "the Dockerfile and the .dockerignore: {v}");
    let messages: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "DI003")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 1, "only the private key: {messages:?}");
    assert!(messages[0].contains("`server.pem`"), "{messages:?}");
    assert!(codes(&v).contains(&"DI004".to_string()), "{v}");

    // The fixes add the paths; the context is then clean.
    rlint(dir.path(), &["--fix", "--unsafe-fixes", ".dockerignore"]);
    let ignore = fs::read_to_string(dir.path().join(".dockerignore")).unwrap();
    assert!(
        ignore.contains("server.pem\n") && ignore.contains(".git\n"),
        "{ignore}"
    );
    let after = codes(&json(&rlint(dir.path(), &["--format", "json", "."])));
    assert!(!after.iter().any(|c| c.starts_with("DI")), "{after:?}");
}

/// A `COPY . .` in a stage the image does not build on leaves nothing in the image.
#[test]
fn dockerignore_is_quiet_when_only_a_builder_stage_copies_the_context() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "Dockerfile",
        "FROM node:22.1-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN npm ci && npm run build\n\nFROM nginx:1.27-alpine\nCOPY --from=build /src/dist /usr/share/nginx/html\n",
    );
    write(dir.path(), ".dockerignore", "node_modules\n");
    write(
        dir.path(),
        "id_rsa",
        "-----BEGIN OPENSSH PRIVATE KEY-----\n",
    );
    write(dir.path(), ".git/HEAD", "ref: refs/heads/main\n");
    let v = json(&rlint(dir.path(), &["--format", "json", ".dockerignore"]));
    assert!(!codes(&v).iter().any(|c| c.starts_with("DI")), "{v}");
}

/// A `.env` is linted with the Compose files of its folder; without one, unused variables are
/// not guessed at.
#[test]
fn dotenv_variables_are_checked_against_the_compose_files_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".env",
        "TAG=1.4\nOLD_TAG=1.3\nCOMPOSE_PROJECT_NAME=shop\nBAD KEY=1\n",
    );
    let alone = json(&rlint(
        dir.path(),
        &["--format", "json", "--select", "EN", ".env"],
    ));
    assert_eq!(codes(&alone), ["EN000"], "{alone}");
    write(
        dir.path(),
        "compose.yaml",
        "services:\n  web:\n    image: shop:${TAG}\n",
    );
    let v = json(&rlint(
        dir.path(),
        &["--format", "json", "--select", "EN002", ".env"],
    ));
    let unused: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "EN002")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(unused.len(), 1, "{v}");
    assert!(unused[0].contains("`OLD_TAG`"), "{unused:?}");
}
