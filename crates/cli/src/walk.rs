//! Which files to lint: explicit files as given, directories walked with `.gitignore` honoured.

use lint_core::FileKind;
use std::path::{Path, PathBuf};

pub struct Target {
    pub path: PathBuf,
    /// Named on the command line (so `--kind` applies and unknown kinds are reported).
    pub explicit: bool,
    /// A Dockerfile a Compose file builds: its build context (for `.dockerignore`).
    pub context: Option<PathBuf>,
    /// The kind, when known from how the file was found (a Compose `build.dockerfile`).
    pub kind: Option<FileKind>,
    /// A Dockerfile a Compose file builds: the args and target the build passes.
    pub build: Option<lint_core::BuildContext>,
    /// Named on the command line or found by walking one of its folders, so `--fix` may write
    /// it; `false` for a Dockerfile linted only because a Compose file builds it.
    pub asked: bool,
    /// The index of the command-line path it came from.
    pub arg: usize,
}

impl Target {
    fn new(path: PathBuf, explicit: bool, arg: usize) -> Target {
        Target {
            path,
            explicit,
            context: None,
            kind: None,
            build: None,
            asked: true,
            arg,
        }
    }
}

pub struct Walk {
    pub targets: Vec<Target>,
    pub errors: Vec<String>,
    /// Recognised files of kinds this build does not lint yet, per command-line path.
    pub skipped: Vec<Vec<PathBuf>>,
}

pub fn collect(paths: &[PathBuf]) -> Walk {
    let mut walk = Walk {
        targets: Vec::new(),
        errors: Vec::new(),
        skipped: vec![Vec::new(); paths.len()],
    };
    for (arg, path) in paths.iter().enumerate() {
        if path.is_file() {
            walk.targets.push(Target::new(path.clone(), true, arg));
            continue;
        }
        if !path.exists() {
            walk.errors
                .push(format!("{}: no such file or directory", path.display()));
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .hidden(false)
            .git_ignore(true)
            .require_git(false)
            .filter_entry(|e| e.file_name() != ".git" && e.file_name() != "node_modules")
            .build();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    let p = e.into_path();
                    let name = p.to_string_lossy();
                    match FileKind::from_path(&name) {
                        Some(kind) if kind.is_linted() => {
                            walk.targets.push(Target::new(p, false, arg));
                        }
                        Some(_) => walk.skipped[arg].push(p),
                        // Other YAML may still be Compose (`*.compose.yaml`, fragments), and a
                        // name like `Dockerfile-old` may be a Dockerfile: the core sniffs the
                        // content and skips the file quietly when it is not.
                        None if is_yaml(&p) || FileKind::maybe_from_path(&name).is_some() => {
                            walk.targets.push(Target::new(p, false, arg))
                        }
                        None => {}
                    }
                }
                Ok(_) => {}
                Err(e) => walk.errors.push(e.to_string()),
            }
        }
    }
    walk.targets.sort_by(|a, b| a.path.cmp(&b.path));
    walk.targets.dedup_by(|a, b| a.path == b.path);
    add_compose_builds(&mut walk);
    walk
}

/// The Dockerfiles Compose files build are linted with their build context: found even under
/// names rlint would not recognise (`build: {dockerfile: app.docker}`), and checked against the
/// context's `.dockerignore`.
fn add_compose_builds(walk: &mut Walk) {
    let mut extra = Vec::new();
    for i in 0..walk.targets.len() {
        let compose = &walk.targets[i].path;
        let arg = walk.targets[i].arg;
        if FileKind::from_path(&compose.to_string_lossy()) != Some(FileKind::Compose) {
            continue;
        }
        // Real Compose files are a few kilobytes; a giant one is not parsed a second time here.
        if std::fs::metadata(compose).map_or(true, |m| m.len() > 2_000_000) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(compose) else {
            continue;
        };
        let dir = compose.parent().unwrap_or(Path::new(".")).to_path_buf();
        let dotenv = std::fs::read_to_string(dir.join(".env")).ok();
        for build in lint_core::rules::compose::build_refs(&text, dotenv.as_deref()) {
            let path = dir.join(&build.dockerfile);
            if !path.is_file() {
                continue;
            }
            let context = dir.join(&build.context);
            let same = |t: &Target| same_file(&t.path, &path);
            let target = match walk.targets.iter().position(same) {
                Some(j) => &mut walk.targets[j],
                None => match extra.iter().position(same) {
                    Some(j) => &mut extra[j],
                    None => {
                        extra.push(Target {
                            path,
                            explicit: false,
                            context: None,
                            kind: Some(FileKind::Dockerfile),
                            build: None,
                            asked: false,
                            arg,
                        });
                        extra.last_mut().expect("just pushed")
                    }
                },
            };
            target.context = Some(context);
            match &mut target.build {
                Some(known) => known.merge(&build.passes),
                None => target.build = Some(build.passes),
            }
        }
    }
    walk.targets.extend(extra);
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"))
}

/// The path as shown to users: relative to the current directory when possible.
pub fn display(path: &Path) -> String {
    let shown = path.strip_prefix("./").unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}
