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

use rule::{Check, Context, DockerfileInput, new_diagnostic};
use source::InputProblem;
use syntax::dockerfile::{self, Model};

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
}

/// What a build passes to the Dockerfile it builds (Compose `build.args` and `build.target`):
/// the ARGs it sets and the stage that ends the build.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildContext {
    /// Name and value; `None` when the value comes from the caller's environment (`args: [TAG]`,
    /// or a `${VAR}` the project `.env` does not set), so it is set but unknown here.
    pub args: Vec<(String, Option<String>)>,
    /// The stage the build stops at (`--target`); `None` builds the last stage.
    pub target: Option<String>,
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
    }
}

impl std::fmt::Debug for Related<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Related")
            .field("dockerignore", &self.dockerignore.map(str::len))
            .field("dotenv", &self.dotenv.map(str::len))
            .field("files", &self.files.is_some())
            .field("build", &self.build)
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
    let kind = kind
        .or_else(|| FileKind::from_path(path))
        .or_else(|| sniff(text));
    let mut report = Report {
        path: path.to_string(),
        kind,
        skipped: false,
        diagnostics: Vec::new(),
    };
    let diagnostics = match kind {
        Some(FileKind::Dockerfile) => lint_dockerfile(text, config, related),
        Some(FileKind::Compose) => lint_compose(path, text, config, related),
        _ => {
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

/// Recognises a file by content when its name says nothing: a Dockerfile by its first
/// instruction (FROM/ARG); a Compose file by a top-level `services:` mapping, or by top-level
/// mappings that look like service definitions (a fragment, reported as such). Kubernetes
/// manifests and CI files (`apiVersion`, `jobs`, `on`, ...) are not taken for Compose.
fn sniff(text: &str) -> Option<FileKind> {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))?;
    let word = first.split_whitespace().next()?.to_ascii_uppercase();
    if word == "FROM" || word == "ARG" {
        return Some(FileKind::Dockerfile);
    }
    // YAML: a top-level `services:` mapping, or top-level mappings that hold service keys. The
    // lines tell first (a big file is not parsed twice); the parse is for fragments and for
    // files that also hold other top-level keys.
    if !text.contains(':') {
        return None;
    }
    let top_keys: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim()))
        .collect();
    let foreign = [
        "apiVersion",
        "kind",
        "jobs",
        "on",
        "steps",
        "stages",
        "pipeline",
    ];
    if top_keys.contains(&"services") && !top_keys.iter().any(|k| foreign.contains(k)) {
        // `services: [postgres]` or `services:` over `- postgres` (GitLab CI) is a list, not
        // Compose's mapping.
        let mut lines = text.lines().skip_while(|l| !l.starts_with("services"));
        let value = lines
            .next()
            .and_then(|l| l.split_once(':'))
            .map_or("", |(_, v)| v.trim());
        let next = lines
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or("");
        if (value.is_empty() && !next.starts_with('-')) || value.starts_with('{') {
            return Some(FileKind::Compose);
        }
    }
    if text.len() > 1_000_000 {
        return None;
    }
    let yaml = syntax::yaml::parse(text);
    let Some(root) = yaml.documents.first().and_then(|d| d.as_map()) else {
        // Broken YAML (a syntax error, an alias bomb) that still shows a top-level `services:`.
        let services = text.lines().any(|l| {
            l.strip_prefix("services")
                .is_some_and(|r| r.trim_start().starts_with(':'))
        });
        return (yaml.has_syntax_error() && services).then_some(FileKind::Compose);
    };
    let key = |e: &syntax::yaml::Entry| e.key.as_str().unwrap_or("").to_string();
    if root.iter().any(|e| {
        matches!(
            key(e).as_str(),
            "apiVersion" | "kind" | "jobs" | "on" | "steps"
        )
    }) {
        return None;
    }
    if root
        .iter()
        .any(|e| key(e) == "services" && e.value.as_map().is_some())
    {
        return Some(FileKind::Compose);
    }
    const SERVICE_KEYS: [&str; 6] = [
        "image",
        "build",
        "container_name",
        "ports",
        "depends_on",
        "environment",
    ];
    let service_like = |e: &syntax::yaml::Entry| {
        e.value.as_map().is_some_and(|m| {
            m.iter()
                .filter(|k| k.key.as_str().is_some_and(|k| SERVICE_KEYS.contains(&k)))
                .count()
                >= 2
        })
    };
    root.iter().any(service_like).then_some(FileKind::Compose)
}

/// All enabled Compose rules over one text, suppressions applied, sorted by position. Each YAML
/// document is checked on its own (Compose merges them; cross-document references are rare).
pub fn lint_compose(
    path: &str,
    text: &str,
    config: &Config,
    related: Related<'_>,
) -> Vec<Diagnostic> {
    let (yaml, suppressions) = join(
        text.len(),
        || syntax::yaml::parse(text),
        || suppress::Suppressions::for_yaml(text),
    );
    let env = related
        .dotenv
        .map(syntax::compose::Env::parse)
        .unwrap_or_default();
    let roots: Vec<Option<&syntax::yaml::Node>> =
        if yaml.has_syntax_error() || yaml.documents.is_empty() {
            vec![None]
        } else {
            yaml.documents.iter().map(Some).collect()
        };
    let mut out = Vec::new();
    for (index, root) in roots.into_iter().enumerate() {
        let input = rule::ComposeInput {
            path,
            text,
            yaml: &yaml,
            root,
            env: &env,
            env_known: related.dotenv.is_some(),
            files: related.files,
            document: index,
            services: root.map(syntax::compose::services).unwrap_or_default(),
        };
        let found = for_each_rule(text.len(), |rule, out| {
            if let Check::Compose(check) = rule.check {
                run_rule(rule, config, &suppressions, out, |cx| check(&input, cx));
            }
        });
        out.extend(rules::compose::one_per_place(found, &input));
    }
    out.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    out
}

/// All enabled Dockerfile rules over one text, suppressions applied, sorted by position.
pub fn lint_dockerfile(text: &str, config: &Config, related: Related<'_>) -> Vec<Diagnostic> {
    let df = dockerfile::parse(text);
    let dockerignore = related
        .dockerignore
        .map(syntax::dockerignore::DockerIgnore::parse);
    let model = Model::with_build(&df, related.build);
    let mut syntax_errors = df.errors.clone();
    syntax_errors.extend(dockerfile::validate::validate(&df));
    let scripts = rules::dockerfile::scripts_by_instruction(&model);
    let input = DockerfileInput {
        text,
        df: &df,
        model: &model,
        syntax_errors: &syntax_errors,
        scripts: &scripts,
        dockerignore: dockerignore.as_ref(),
        files: related.files,
        build: related.build,
    };
    let suppressions = suppress::Suppressions::for_dockerfile(&df);
    let mut out = for_each_rule(text.len(), |rule, out| {
        if let Check::Dockerfile(check) = rule.check {
            run_rule(rule, config, &suppressions, out, |cx| check(&input, cx));
        }
    });
    out.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    out
}

/// Texts from this size on have their rules run on every core (with the `parallel` feature):
/// below it, a file lints in well under a millisecond and the CLI already spreads files over
/// the cores.
#[cfg(feature = "parallel")]
const PARALLEL_FROM: usize = 256 * 1024;

/// `a()` and `b()`, side by side for big texts (with the `parallel` feature).
fn join<A: Send, B: Send>(
    size: usize,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(feature = "parallel")]
    if size >= PARALLEL_FROM {
        return rayon::join(a, b);
    }
    let _ = size;
    (a(), b())
}

/// Calls `run` for every registered rule and gathers what it reports, in registry order.
fn for_each_rule(
    size: usize,
    run: impl Fn(&'static rule::Rule, &mut Vec<Diagnostic>) + Sync,
) -> Vec<Diagnostic> {
    #[cfg(feature = "parallel")]
    if size >= PARALLEL_FROM {
        use rayon::prelude::*;
        return registry::rules()
            .par_iter()
            .flat_map_iter(|rule| {
                let mut out = Vec::new();
                run(rule, &mut out);
                out
            })
            .collect();
    }
    let _ = size;
    let mut out = Vec::new();
    for rule in registry::rules() {
        run(rule, &mut out);
    }
    out
}

/// Runs one rule's check when the config enables it, and keeps what inline pragmas do not
/// silence (the [`Context`] drops those as they are reported, and caps the rest), at the
/// configured severity (BuildKit's `check=error=true` applied). Rules that are always on cannot
/// be silenced or re-leveled by pragmas.
fn run_rule(
    rule: &'static rule::Rule,
    config: &Config,
    suppressions: &suppress::Suppressions,
    out: &mut Vec<Diagnostic>,
    check: impl FnOnce(&mut Context<'_>),
) {
    // A BuildKit `# check=experimental=` directive turns on rules the config leaves off, unless
    // the config picks the rules itself or turns this one off.
    let by_directive = !config.disable_inline_ignores
        && config.select.is_empty()
        && !config.turns_off(&rule.meta)
        && suppressions.enables(&rule.meta);
    if !config.enabled(&rule.meta) && !by_directive {
        return;
    }
    let pragmas = !rule.meta.always_on && !config.disable_inline_ignores;
    let mut cx = Context::new(&rule.meta, config, pragmas.then_some(suppressions));
    check(&mut cx);
    let severity = config.severity_of(&rule.meta);
    for mut d in cx.into_diagnostics() {
        d.severity = d.at_most.map_or(severity, |cap| cap.min(severity));
        if !rule.meta.always_on {
            suppressions.adjust_severity(&mut d);
        }
        out.push(d);
    }
}

/// Whether any finding reaches the configured failure threshold.
pub fn fails(reports: &[Report], threshold: Threshold) -> bool {
    reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| threshold.is_reached_by(d.diagnostic.severity))
}
