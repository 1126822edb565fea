//! Which files to lint: explicit files as given, directories walked with `.gitignore` honoured.

use lint_core::FileKind;
use std::path::{Path, PathBuf};

pub struct Target {
    pub path: PathBuf,
    /// Named on the command line (so `--kind` applies and unknown kinds are reported).
    pub explicit: bool,
}

pub struct Walk {
    pub targets: Vec<Target>,
    pub errors: Vec<String>,
    /// Recognised files of kinds this build does not lint yet.
    pub skipped: usize,
}

pub fn collect(paths: &[PathBuf]) -> Walk {
    let mut walk = Walk {
        targets: Vec::new(),
        errors: Vec::new(),
        skipped: 0,
    };
    for path in paths {
        if path.is_file() {
            walk.targets.push(Target {
                path: path.clone(),
                explicit: true,
            });
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
                    match FileKind::from_path(&p.to_string_lossy()) {
                        Some(kind) if kind.is_linted() => walk.targets.push(Target {
                            path: p,
                            explicit: false,
                        }),
                        Some(_) => walk.skipped += 1,
                        // Other YAML may still be Compose (`*.compose.yaml`, fragments): the
                        // core sniffs the content and skips it quietly when it is not.
                        None if is_yaml(&p) => walk.targets.push(Target {
                            path: p,
                            explicit: false,
                        }),
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
    walk
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
