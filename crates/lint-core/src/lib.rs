//! rlint's pure core: text in, diagnostics out. No file system, no printing, no clock, and no
//! threads unless the opt-in `parallel` feature (the CLI's) runs a big file's rules on every core,
//! so the same code runs in the CLI and in the browser (wasm32).
//!
//! ```
//! use lint_core::{Config, lint_text};
//! let report = lint_text("Dockerfile", "FROM ubuntu\nMAINTAINER me\n", None, &Config::default());
//! assert!(report.diagnostics.iter().any(|d| d.diagnostic.code == "DF004"));
//! ```

pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod kinds;
pub mod layers;
pub mod project;
pub mod registry;
pub mod render;
pub mod rule;
pub mod rules;
pub mod secrets;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod syntax;

pub use config::{Config, Level, Preset, Threshold};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity, Span};
pub use registry::{rule, rules};
pub use source::{FileKind, LineCol, LineIndex};

use rule::new_diagnostic;
use source::InputProblem;

/// A diagnostic with its start and end resolved to lines and columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub diagnostic: Diagnostic,
    pub start: LineCol,
    pub end: LineCol,
}

/// What linting one file produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub path: String,
    /// `None` when the kind could not be determined.
    pub kind: Option<FileKind>,
    /// The kind is recognised but this build has no rules for it.
    pub skipped: bool,
    pub diagnostics: Vec<Located>,
}

/// Files that belong with the one being linted, read by the caller (the core never touches the
/// file system): the build context's `.dockerignore` for a Dockerfile; the project `.env` and a
/// view of the files around it for a Compose file.
#[derive(Clone, Copy, Default)]
pub struct Related<'a> {
    pub dockerignore: Option<&'a str>,
    /// The project `.env` (or `--env-file`) used for interpolation.
    pub dotenv: Option<&'a str>,
    /// What exists around the linted file; `None` when the caller cannot tell (stdin).
    pub files: Option<&'a dyn Files>,
    /// For a Dockerfile a Compose file builds: the build arguments and target it passes.
    pub build: Option<&'a BuildContext>,
    /// For a `.dockerignore`: the Dockerfile that builds with it (`Dockerfile` beside it, or
    /// `X` for `X.dockerignore`).
    pub dockerfile: Option<&'a str>,
    /// For a `.env`: the Compose files of its folder (empty when none is known).
    pub compose: &'a [String],
}

/// What a build passes to the Dockerfile it builds (Compose `build.args`, `build.target` and
/// `build.additional_contexts`): the ARGs it sets, the stage that ends the build, and the named
/// contexts it adds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildContext {
    /// Name and value; `None` when the value comes from the caller's environment (`args: [TAG]`,
    /// or a `${VAR}` the project `.env` does not set), so it is set but unknown here.
    pub args: Vec<(String, Option<String>)>,
    /// The stage the build stops at (`--target`); `None` builds the last stage.
    pub target: Option<String>,
    /// The named build contexts it passes (`build.additional_contexts`), which `COPY --from`
    /// and `FROM` can name as they name a stage.
    pub contexts: Vec<String>,
}

impl BuildContext {
    /// Folds in another build of the same Dockerfile (two services, two Compose files): an arg
    /// either sets counts as set, with its value unknown where they disagree; the target stays
    /// only when both name the same one.
    pub fn merge(&mut self, other: &BuildContext) {
        for (name, value) in &other.args {
            match self.args.iter_mut().find(|(n, _)| n == name) {
                Some((_, mine)) if mine != value => *mine = None,
                Some(_) => {}
                None => self.args.push((name.clone(), value.clone())),
            }
        }
        if self.target != other.target {
            self.target = None;
        }
        for name in &other.contexts {
            if !self.contexts.contains(name) {
                self.contexts.push(name.clone());
            }
        }
    }
}

impl std::fmt::Debug for Related<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Related")
            .field("dockerignore", &self.dockerignore.map(str::len))
            .field("dotenv", &self.dotenv.map(str::len))
            .field("files", &self.files.is_some())
            .field("build", &self.build)
            .field("dockerfile", &self.dockerfile.map(str::len))
            .field("compose", &self.compose.len())
            .finish()
    }
}

/// The files around a linted file, as the caller sees them (disk for the CLI, open tabs for the
/// web page). Paths are relative to the linted file's folder, `/`-separated.
pub trait Files: Sync {
    /// Whether a file or folder exists at `path`.
    fn exists(&self, path: &str) -> bool;
    /// The text of a file, when it can be read.
    fn read(&self, path: &str) -> Option<String>;
    /// The names in the folder at `path` (`""` for the linted file's own folder), when the view
    /// can list it.
    fn list(&self, _path: &str) -> Option<Vec<String>> {
        None
    }
    /// Where a symbolic link at `path` points when that target does not exist (a dangling
    /// link, which Compose reports as a missing file); `None` otherwise.
    fn dangling_link(&self, _path: &str) -> Option<String> {
        None
    }
    /// Whether this view holds only some of the files around the linted one (the web page sees
    /// its open tabs, never the folders and git-ignored files beside them). A path such a view
    /// lacks may well exist, so the rules that report missing paths say "not open in a tab" at
    /// info instead of "does not exist" at their own severity.
    fn partial(&self) -> bool {
        false
    }
}

/// Lints raw bytes: binary, non-UTF-8 and oversized input becomes a diagnostic with its position.
pub fn lint_bytes(path: &str, bytes: &[u8], kind: Option<FileKind>, config: &Config) -> Report {
    lint_bytes_with(path, bytes, kind, config, Related::default())
}

/// [`lint_bytes`] with the file's related files.
pub fn lint_bytes_with(
    path: &str,
    bytes: &[u8],
    kind: Option<FileKind>,
    config: &Config,
    related: Related<'_>,
) -> Report {
    match source::decode(bytes) {
        Ok(text) => lint_text_with(path, text, kind, config, related),
        Err(problem) => input_problem(path, bytes, kind, problem),
    }
}

fn input_problem(
    path: &str,
    bytes: &[u8],
    kind: Option<FileKind>,
    problem: InputProblem,
) -> Report {
    let (offset, message) = match problem {
        InputProblem::Binary { offset } => (
            offset,
            format!("this looks like a binary file (a NUL byte at offset {offset}), not text"),
        ),
        InputProblem::InvalidUtf8 { offset } => (
            offset,
            format!(
                "the file is not valid UTF-8 (invalid byte 0x{:02x} at offset {offset})",
                bytes[offset]
            ),
        ),
        InputProblem::TooLarge { size } => (
            0,
            format!(
                "the file is {size} bytes, more than the {} bytes rlint reads",
                source::MAX_FILE_BYTES
            ),
        ),
    };
    // Positions are computed on the valid prefix.
    let prefix = source::decode(&bytes[..offset.min(bytes.len())]).unwrap_or("");
    let index = LineIndex::new(prefix);
    let at = index.line_col(prefix, prefix.len());
    let mut d = new_diagnostic(
        &rules::input::UNREADABLE_FILE.meta,
        Span::empty(offset),
        message,
    );
    d.help(
        "save the file as UTF-8 text, or exclude it from linting (.gitignore or per-path-ignores)",
    );
    Report {
        path: path.to_string(),
        kind,
        skipped: false,
        diagnostics: vec![Located {
            diagnostic: d,
            start: at,
            end: at,
        }],
    }
}

/// Lints one text file. `kind` overrides detection by path.
pub fn lint_text(path: &str, text: &str, kind: Option<FileKind>, config: &Config) -> Report {
    lint_text_with(path, text, kind, config, Related::default())
}

/// [`lint_text`] with the file's related files (cross-file checks).
pub fn lint_text_with(
    path: &str,
    text: &str,
    kind: Option<FileKind>,
    config: &Config,
    related: Related<'_>,
) -> Report {
    let kind = kind.or_else(|| detect(path, text));
    let mut report = Report {
        path: path.to_string(),
        kind,
        skipped: false,
        diagnostics: Vec::new(),
    };
    let diagnostics = match kind.and_then(|k| kinds::get(k).lint) {
        Some(lint) => lint(path, text, config, related),
        None => {
            report.skipped = true;
            Vec::new()
        }
    };
    let index = LineIndex::new(text);
    report.diagnostics = diagnostics
        .into_iter()
        .map(|d| Located {
            start: index.line_col(text, d.span.start),
            end: index.line_col(text, d.span.end),
            diagnostic: d,
        })
        .collect();
    report
}

/// The kind of a file: by its name when that settles it ([`FileKind::from_path`]), else by its
/// content — also for names that only suggest a kind, such as `Dockerfile-old`.
pub fn detect(path: &str, text: &str) -> Option<FileKind> {
    FileKind::from_path(path).or_else(|| kinds::by_content(text))
}

/// Whether any finding reaches the configured failure threshold.
pub fn fails(reports: &[Report], threshold: Threshold) -> bool {
    reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| threshold.is_reached_by(d.diagnostic.severity))
}
