//! `rlint layers`: which steps of a Docker build stay cached and which run again, for files
//! marked changed (`--changed`) or for what changed since a git revision (`--since`). The
//! simulation is lint-core's (`lint_core::layers`); this file reads the build context, asks git
//! and prints.

use clap::ValueEnum;
use lint_core::layers::{Build, ContextFile, LayersInput, Simulation, simulate};
use lint_core::syntax::dockerignore::DockerIgnore;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The most context files listed; past it the rest are left out (and a note says so).
const MAX_FILES: usize = 200_000;

#[derive(clap::Args)]
pub struct LayersArgs {
    /// The Dockerfile; its folder is the build context.
    #[arg(default_value = "Dockerfile")]
    dockerfile: PathBuf,
    /// A context file (relative to the Dockerfile's folder) changed since the last build;
    /// repeat for more.
    #[arg(long, value_name = "PATH")]
    changed: Vec<String>,
    /// A build argument (`NAME=value`; `NAME` alone takes the value from the environment).
    #[arg(long = "build-arg", value_name = "NAME=VALUE")]
    build_args: Vec<String>,
    /// The stage the build stops at (default: the last one).
    #[arg(long, value_name = "STAGE")]
    target: Option<String>,
    /// Compare with a git revision: the files changed since it, and the Dockerfile and
    /// .dockerignore as they were in it.
    #[arg(long, value_name = "REV")]
    since: Option<String>,
    /// Base-image tags are resolved again (`docker build --pull`).
    #[arg(long)]
    pull: bool,
    /// Nothing is taken from the cache (`docker build --no-cache`).
    #[arg(long)]
    no_cache: bool,
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// A table per stage.
    Human,
    Json,
}

fn fail(message: &str) -> ExitCode {
    eprintln!("rlint layers: {message}");
    ExitCode::from(2)
}

pub fn run(args: LayersArgs) -> ExitCode {
    let dockerfile = &args.dockerfile;
    let text = match std::fs::read_to_string(dockerfile) {
        Ok(t) => t,
        Err(e) => return fail(&format!("{}: {e}", dockerfile.display())),
    };
    let dir = match dockerfile.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dockerignore = crate::read_dockerignore(dockerfile, None);
    let mut build_args = Vec::new();
    for arg in &args.build_args {
        match arg.split_once('=') {
            Some((k, v)) if !k.is_empty() => build_args.push((k.to_string(), v.to_string())),
            Some(_) => return fail(&format!("--build-arg `{arg}`: expected NAME=VALUE")),
            // Docker takes a bare name from the environment, and drops it when unset.
            None => {
                if let Ok(v) = std::env::var(arg) {
                    build_args.push((arg.clone(), v));
                }
            }
        }
    }
    let mut notes = Vec::new();
    let mut files = list_context(&dir, dockerignore.as_deref(), &mut notes);
    let mut before_files: Option<Vec<ContextFile>> = None;
    let mut before_text = None;
    let mut before_ignore = None;
    if let Some(rev) = &args.since {
        let since = match Since::read(&dir, dockerfile, rev) {
            Ok(s) => s,
            Err(e) => return fail(&e),
        };
        for f in &mut files {
            f.changed |= since.changed.contains(&f.path) || (f.path == ".git" && since.moved);
        }
        let mut old: Vec<ContextFile> = files
            .iter()
            .filter(|f| !since.added.contains(&f.path))
            .cloned()
            .collect();
        old.extend(since.deleted.iter().map(|p| ContextFile::unchanged(p)));
        before_files = Some(old);
        if since.dockerfile.is_none() {
            notes.push(format!(
                "{} is not in {rev}: every step is new",
                dockerfile.display()
            ));
        }
        before_text = Some(since.dockerfile.unwrap_or_default());
        before_ignore = Some(since.dockerignore);
    }
    for path in &args.changed {
        let path = path.trim_start_matches("./");
        match files.iter_mut().find(|f| f.path == path) {
            Some(f) => f.changed = true,
            None => {
                notes.push(format!(
                    "--changed {path}: not in the build context (missing, or left out by .dockerignore)"
                ));
            }
        }
    }
    let after = Build {
        dockerfile: &text,
        dockerignore: dockerignore.as_deref(),
        files: &files,
        args: &build_args,
        target: args.target.as_deref(),
        pull: args.pull,
        no_cache: args.no_cache,
    };
    let before = Build {
        dockerfile: before_text.as_deref().unwrap_or(&text),
        dockerignore: match &before_ignore {
            Some(old) => old.as_deref(),
            None => dockerignore.as_deref(),
        },
        files: before_files.as_deref().unwrap_or(&files),
        pull: false,
        no_cache: false,
        ..after
    };
    let mut sim = simulate(&LayersInput { before, after });
    sim.notes.extend(notes);
    let out = match args.format {
        Format::Human => format!(
            "{} (context {}, {} files{})\n\n{}",
            dockerfile.display(),
            dir.display(),
            files.len(),
            match &args.since {
                Some(rev) => format!(", compared with {rev}"),
                None => String::new(),
            },
            sim.table()
        ),
        Format::Json => format!("{}\n", json(&sim, dockerfile)),
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

fn json(sim: &Simulation, dockerfile: &Path) -> String {
    let stage_name = |i: usize| sim.stages.get(i).map_or(String::new(), |s| s.name.clone());
    let steps: Vec<serde_json::Value> = sim
        .steps
        .iter()
        .map(|s| {
            serde_json::json!({
                "stage": stage_name(s.stage), "line": s.line, "instruction": s.instruction,
                "status": s.status.as_str(), "reason": s.reason, "cost": s.cost.as_str(),
                "layer": s.layer, "cause": s.cause.map(|line| serde_json::json!({"line": line})),
            })
        })
        .collect();
    let summary = &sim.summary;
    let value = serde_json::json!({
        "dockerfile": dockerfile.display().to_string(),
        "stages": sim.stages.iter().map(|s| serde_json::json!({
            "name": s.name, "line": s.line, "built": s.built, "skipped": s.skipped,
            "first_miss": s.first_miss.map(|line| serde_json::json!({"line": line})),
        })).collect::<Vec<_>>(),
        "steps": steps,
        "summary": {
            "rebuilt": summary.rebuilt,
            "may_rebuild": summary.may_rebuild,
            "rebuilt_unless_identical": summary.rebuilt_unless_identical,
            "total": summary.total,
            "first_miss": summary.first_miss.map(|line| serde_json::json!({"line": line})),
            "expensive": summary.expensive.iter().map(|line| serde_json::json!({"line": line})).collect::<Vec<_>>(),
            "build_fails": summary.build_fails.map(|line| serde_json::json!({"line": line})),
        },
        "advice": sim.advice.iter().map(|a| serde_json::json!({
            "stage": stage_name(a.stage), "line": a.line, "copy_line": a.copy_line,
            "files": a.files, "message": a.message,
        })).collect::<Vec<_>>(),
        "notes": sim.notes,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// The build context's files (paths only: whether a file changed comes from `--changed` or
/// git, so contents are never read). Folders `.dockerignore` leaves out entirely are not
/// walked; `.git` stands for itself as one entry (its contents change with every commit).
fn list_context(
    dir: &Path,
    dockerignore: Option<&str>,
    notes: &mut Vec<String>,
) -> Vec<ContextFile> {
    let ignore = dockerignore.map(DockerIgnore::parse);
    let prune = |path: &str| {
        ignore
            .as_ref()
            .is_some_and(|i| !i.has_exceptions() && i.excluded_by(path).is_some())
    };
    let mut out = Vec::new();
    let mut todo = vec![String::new()];
    while let Some(rel) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(dir.join(&rel)) else {
            continue;
        };
        let mut names: Vec<(String, bool)> = entries
            .filter_map(Result::ok)
            .map(|e| {
                let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
                (e.file_name().to_string_lossy().into_owned(), is_dir)
            })
            .collect();
        names.sort();
        for (name, is_dir) in names {
            let path = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            if prune(&path) {
                continue;
            }
            if is_dir && path != ".git" {
                todo.push(path);
            } else if out.len() < MAX_FILES {
                out.push(ContextFile::unchanged(&path));
            } else {
                notes.push(format!(
                    "the build context has more than {MAX_FILES} files: the rest are left out"
                ));
                return out;
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// What git says changed since a revision, relative to the build context.
struct Since {
    changed: Vec<String>,
    added: Vec<String>,
    deleted: Vec<String>,
    /// HEAD is not the revision: `.git` itself changed.
    moved: bool,
    dockerfile: Option<String>,
    dockerignore: Option<String>,
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

impl Since {
    fn read(dir: &Path, dockerfile: &Path, rev: &str) -> Result<Since, String> {
        git(dir, &["rev-parse", "--show-toplevel"])
            .map_err(|e| format!("--since needs a git repository ({}: {e})", dir.display()))?;
        let commit = git(
            dir,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ],
        )
        .map_err(|_| format!("--since {rev}: not a revision of this repository"))?;
        let head = git(dir, &["rev-parse", "HEAD"]).unwrap_or_default();
        // `--relative`: paths relative to the context folder, and only those under it.
        let diff = git(
            dir,
            &[
                "diff",
                "--name-status",
                "--no-renames",
                "--relative",
                "-z",
                rev,
                "--",
            ],
        )
        .map_err(|e| format!("git diff {rev}: {e}"))?;
        let mut since = Since {
            changed: Vec::new(),
            added: Vec::new(),
            deleted: Vec::new(),
            moved: commit.trim() != head.trim(),
            dockerfile: None,
            dockerignore: None,
        };
        let mut fields = diff.split('\0').filter(|f| !f.is_empty());
        while let (Some(status), Some(path)) = (fields.next(), fields.next()) {
            let path = path.to_string();
            match status.chars().next() {
                Some('A') => since.added.push(path.clone()),
                Some('D') => since.deleted.push(path.clone()),
                _ => {}
            }
            since.changed.push(path);
        }
        let name = dockerfile
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        since.dockerfile = git(dir, &["show", &format!("{rev}:./{name}")]).ok();
        since.dockerignore = git(dir, &["show", &format!("{rev}:./{name}.dockerignore")])
            .or_else(|_| git(dir, &["show", &format!("{rev}:./.dockerignore")]))
            .ok();
        Ok(since)
    }
}
