//! rlint as a pre-commit hook, for real: the PyPI `pre-commit` package installs the hook from a
//! snapshot of this checkout (`.pre-commit-hooks.yaml` + `pyproject.toml`: `pip install .`
//! builds the binary with maturin), a sample repository commits through it, a bad Dockerfile is
//! rejected with rlint's finding and a clean one is accepted; then `pre-commit try-repo` of the
//! same snapshot lints a bad and a clean file and fails on the bad one. Also: the hook's `files`
//! regex agrees with rlint's own kind detection.
//!
//! Skips with a one-line note when `pre-commit` (or `python3`, for the regex) is not installed;
//! `RLINT_REQUIRE_PRECOMMIT=1` (CI) makes that a failure.
//!
//! Cost. The snapshot commit is deterministic (fixed dates; the checkout's tree as on disk,
//! uncommitted and untracked files included, `.gitignore` honoured); pre-commit's cache is
//! `target/precommit/home`. The hook is built in the dev profile (`MATURIN_PEP517_ARGS`) into the
//! workspace's own target directory, so it reuses every dependency the test build compiled and
//! compiles lint-core and rlint only; that build replaces `target/debug/rlint` as it links, so
//! `.config/nextest.toml` runs this test alone (plain `cargo test` runs test binaries one at a
//! time anyway). Measured on this 2-core machine (load 3): 48 s for the whole test with the
//! install's environment new (a changed checkout) and try-repo's; it was 11.8 minutes with a
//! target directory of its own, where the dependencies were compiled again. Each snapshot keeps
//! its environment under `target/precommit/home` (`rm -rf target/precommit` reclaims them).

use saphyr::LoadableYamlNode;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

fn required() -> bool {
    std::env::var_os("RLINT_REQUIRE_PRECOMMIT").is_some_and(|v| v == "1")
}

fn available(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether `program` runs; if not, a note (or a failure when required).
fn have(program: &str, arg: &str) -> bool {
    if available(program, arg) {
        return true;
    }
    assert!(
        !required(),
        "RLINT_REQUIRE_PRECOMMIT=1 but `{program}` is not installed (pip install pre-commit)"
    );
    eprintln!("note: `{program}` is not installed; skipping the pre-commit test");
    false
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"))
}

fn ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.current_dir(dir)
        .env("GIT_AUTHOR_NAME", "rlint test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "rlint test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE");
    c
}

/// A commit of the checkout as it is on disk (uncommitted and untracked changes included,
/// `.gitignore` honoured) in a repository of its own under target/: the same tree gives the same
/// commit, so pre-commit's cache is reused across runs.
fn snapshot(cache: &Path) -> (PathBuf, String) {
    let repo = cache.join("hook-repo.git");
    if !repo.exists() {
        ok(git(cache).args(["init", "-q", "--bare", "hook-repo.git"]));
    }
    let index = cache.join("hook-repo.index");
    let _ = std::fs::remove_file(&index);
    let tree_cmd = |args: &[&str]| {
        let mut c = git(&root());
        c.arg("--git-dir")
            .arg(&repo)
            .arg("--work-tree")
            .arg(root())
            .env("GIT_INDEX_FILE", &index)
            .args(args);
        c
    };
    ok(&mut tree_cmd(&["add", "-A", "."]));
    // The snapshot's manifest builds its own two crates without debug info. Its hook builds share
    // the workspace's target directory (see `target_dir`), and cargo names a path crate's
    // artifacts after its path inside the workspace, so without a difference in their profile
    // the snapshot's lint-core would take the place of the checkout's: cargo would then check
    // the snapshot's sources for changes, not the checkout's, and call a stale build fresh.
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let snapshot_manifest = cache.join("hook-repo.Cargo.toml");
    std::fs::write(
        &snapshot_manifest,
        format!(
            "{manifest}\n# The pre-commit test's snapshot (crates/cli/tests/precommit.rs).\n\
             [profile.dev.package.lint-core]\ndebug = false\n\n\
             [profile.dev.package.rlint]\ndebug = false\n"
        ),
    )
    .unwrap();
    let blob = ok(git(&root())
        .arg("--git-dir")
        .arg(&repo)
        .args(["hash-object", "-w"])
        .arg(&snapshot_manifest));
    ok(&mut tree_cmd(&[
        "update-index",
        "--cacheinfo",
        &format!("100644,{blob},Cargo.toml"),
    ]));
    let tree = ok(&mut tree_cmd(&["write-tree"]));
    let commit = ok(git(&root()).arg("--git-dir").arg(&repo).args([
        "commit-tree",
        &tree,
        "-m",
        "rlint snapshot",
    ]));
    ok(git(&root())
        .arg("--git-dir")
        .arg(&repo)
        .args(["update-ref", "refs/heads/main", &commit]));
    (repo, commit)
}

/// A Dockerfile with a warning-level defect (shell-form CMD) and the same file fixed.
const BAD_DOCKERFILE: &str = "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \
     && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD python app.py\n";
const CLEAN_DOCKERFILE: &str = "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \
     && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD [\"python\", \"app.py\"]\n";

/// stdout and stderr of a run, for the assertions and their messages.
fn text_of(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A hook run that failed on rlint's finding in `file`.
fn assert_rejected(out: &Output, file: &str) {
    let text = text_of(out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("rlint") && text.contains("Failed"), "{text}");
    assert!(text.contains(file), "{text}");
    assert!(
        text.contains("DL3025") || text.contains("DF0"),
        "no rlint finding in the output:\n{text}"
    );
}

/// The workspace's own target directory: the hook's dev build (from the snapshot, or try-repo's
/// clone) then reuses every dependency the test build compiled (same profile, same features)
/// and compiles only lint-core and rlint (kept apart from the checkout's own by the snapshot's
/// manifest, see `snapshot`).
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// What every pre-commit run of the test shares: pre-commit's cache under target/precommit, the
/// workspace's target directory, and a dev build. The hook's install is `pip install .`
/// (maturin, release by default); the profile changes nothing the test checks (the manifest,
/// `pyproject.toml`, the hook's arguments and exit codes) and a dev build of the two workspace
/// crates, which `try-repo` rebuilds every run in a fresh clone, takes a fraction of a release
/// build's time with thin LTO.
fn pre_commit_env(c: &mut Command, cache: &Path) {
    c.env("PRE_COMMIT_HOME", cache.join("home"))
        .env("CARGO_TARGET_DIR", target_dir())
        .env("MATURIN_PEP517_ARGS", "--profile dev")
        // A one-off build: incremental compilation's caches would only cost time.
        .env("CARGO_INCREMENTAL", "0")
        .env("NO_COLOR", "1")
        // The test command compiles the workspace with clippy-driver (scripts/test.sh); the
        // hook is built the way a user's pre-commit builds it, by rustc.
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .env_remove("CLIPPY_ARGS");
}

/// The hook for real, both ways a user meets it: `pre-commit install` in a sample repository,
/// where a bad commit is rejected and a clean one accepted; then `pre-commit try-repo` of the
/// same snapshot on single files (README, "pre-commit").
#[test]
fn bad_files_are_rejected_and_clean_ones_accepted() {
    if !have("pre-commit", "--version") || !have("git", "--version") {
        return;
    }
    let cache = root().join("target/precommit");
    std::fs::create_dir_all(&cache).unwrap();
    let (hook_repo, rev) = snapshot(&cache);

    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path();
    ok(git(project).args(["init", "-q", "-b", "main"]));
    std::fs::write(
        project.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: rlint\n",
            hook_repo.display()
        ),
    )
    .unwrap();
    std::fs::write(project.join("README.md"), "# sample\n").unwrap();
    let pre_commit = |args: &[&str]| {
        let mut c = git(project);
        pre_commit_env(&mut c, &cache);
        c.args(args);
        c
    };
    let started = Instant::now();
    let mut install = Command::new("pre-commit");
    pre_commit_env(&mut install, &cache);
    ok(install.current_dir(project).arg("install"));
    ok(pre_commit(&["add", "-A"]).arg("."));
    // The first commit installs the hook environment (the build; cached per snapshot).
    ok(&mut pre_commit(&["commit", "-q", "-m", "config"]));
    eprintln!(
        "pre-commit install + first commit: {:.0?}",
        started.elapsed()
    );

    // A Dockerfile with a warning-level defect: rejected, rlint's finding shown.
    std::fs::write(project.join("Dockerfile"), BAD_DOCKERFILE).unwrap();
    ok(&mut pre_commit(&["add", "Dockerfile"]));
    let bad = run(&mut pre_commit(&["commit", "-m", "bad"]));
    assert_rejected(&bad, "Dockerfile");
    let head = ok(&mut pre_commit(&["log", "--format=%s", "-1"]));
    assert_eq!(head, "config");

    // Fixed: accepted.
    std::fs::write(project.join("Dockerfile"), CLEAN_DOCKERFILE).unwrap();
    ok(&mut pre_commit(&["add", "Dockerfile"]));
    let good = run(&mut pre_commit(&["commit", "-m", "clean"]));
    assert!(good.status.success(), "{}", text_of(&good));
    assert_eq!(ok(&mut pre_commit(&["log", "--format=%s", "-1"])), "clean");

    // `pre-commit try-repo` of the snapshot, as README's "Try it" line runs it, on a bad file and
    // a clean one: rlint lints both and reports only the bad one. try-repo installs the hook in
    // a throwaway store each time, so every run is a new build (the shared cargo target
    // directory keeps it to lint-core and rlint): one run, not one per file. The clean file's
    // exit 0 is the accepted commit above, through the same hook.
    std::fs::write(project.join("api.Dockerfile"), BAD_DOCKERFILE).unwrap();
    std::fs::write(
        project.join("Containerfile"),
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD [\"python\", \"app.py\"]\n",
    )
    .unwrap();
    let mut try_repo = Command::new("pre-commit");
    pre_commit_env(&mut try_repo, &cache);
    try_repo
        .current_dir(project)
        .arg("try-repo")
        .arg(&hook_repo)
        .args(["rlint", "--ref", &rev])
        .args(["--files", "api.Dockerfile", "Containerfile"]);
    let started = Instant::now();
    let tried = run(&mut try_repo);
    eprintln!(
        "pre-commit try-repo (a new environment): {:.0?}",
        started.elapsed()
    );
    assert_rejected(&tried, "api.Dockerfile:6:1");
    let text = text_of(&tried);
    assert!(text.contains("in 2 files"), "{text}");
    assert!(!text.contains("Containerfile:"), "{text}");
}

/// The hook's `files` regex (Python `re`, as pre-commit matches it) selects exactly the paths
/// lint-core recognises by name, so rlint is never handed a file it cannot place.
#[test]
fn files_regex_agrees_with_kind_detection() {
    if !have("python3", "--version") {
        return;
    }
    let manifest = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let docs = saphyr::Yaml::load_from_str(&manifest).unwrap();
    let files = docs[0][0]["files"].as_str().unwrap().to_string();
    let paths = [
        "Dockerfile",
        "containerfile",
        "svc/Dockerfile.dev",
        "api.Dockerfile",
        "web/react.Dockerfile.prod",
        "Dockerfile.",
        "dockerfile.go",
        "Dockerfile.json",
        "Dockerfile.md",
        "Dockerfile.j2",
        "Dockerfile.txt",
        "Dockerfile-old",
        "base_dockerfile",
        "dockerfiles/notes.md",
        ".dockerignore",
        "api/Dockerfile.dockerignore",
        "compose.yaml",
        "compose.yml",
        "compose.override.yml",
        "docker-compose.yml",
        "deploy/docker-compose.prod.yaml",
        "my-docker-compose.yml",
        "compose-dev.yml",
        "app.compose.yaml",
        "compose.json",
        ".github/workflows/ci.yml",
        ".github/workflows/release.yaml",
        ".github/dependabot.yml",
        "workflows/ci.yml",
        ".circleci/config.yml",
        ".circleci/other.yml",
        "circleci.yml",
        "buildspec.yml",
        "ci/buildspec-prod.yaml",
        "buildspec.json",
        ".travis.yml",
        "Dockerrun.aws.json",
        "dockerrun.json",
        "task-definition.json",
        "taskdef.json",
        "ecs/web_task_def.json",
        "container-definitions.json",
        "taskdef.schema.json",
        "ecs.json",
        "daemon.json",
        "etc/docker/daemon.json",
        "docker-daemon.json",
        ".env",
        ".env.production",
        ".env.example",
        "config/app.env",
        ".env.js",
        ".envrc",
        "environment.yml",
        "README.md",
        "src/main.rs",
        "package.json",
        "values.yaml",
    ];
    let script = "import re, sys\nr = re.compile(sys.argv[1])\nfor p in sys.argv[2:]:\n    print('1' if r.search(p) else '0')\n";
    let out = ok(Command::new("python3")
        .args(["-c", script, &files])
        .args(paths));
    let matched: Vec<bool> = out.lines().map(|l| l == "1").collect();
    assert_eq!(matched.len(), paths.len());
    let wrong: Vec<String> = paths
        .iter()
        .zip(&matched)
        .filter_map(|(p, &m)| {
            let kind = lint_core::FileKind::from_path(p);
            (m != kind.is_some()).then(|| format!("{p}: regex {m}, rlint {kind:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}
