//! `rlint`: lint Dockerfiles (and, as they land, Compose and CI files) from the command line.

mod config;
mod human;
mod layers;
mod server;
mod walk;

/// mimalloc: the YAML and shell trees allocate millions of small nodes; glibc malloc was a quarter of
/// the time on large files.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand, ValueEnum};
use lint_core::{Config, FileKind, Preset, Report, Threshold};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "rlint",
    version,
    about = "Lint the files that build and ship containers: Dockerfiles first, Compose and CI configs next.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    lint: LintArgs,
}

#[derive(clap::Args)]
struct LintArgs {
    /// Files or directories to lint (directories are walked, honouring .gitignore); `-` reads
    /// stdin. Default: the current directory.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat files named on the command line (and stdin) as this kind.
    #[arg(long, value_parser = parse_kind)]
    kind: Option<FileKind>,
    /// Read the file to lint from standard input.
    #[arg(long)]
    stdin: bool,
    /// The name to report (and detect the kind from) for standard input; implies reading it.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Interpolate Compose files with this env file instead of the `.env` beside each.
    #[arg(long, value_name = "FILE")]
    env_file: Option<PathBuf>,
    /// Use this configuration file (rlint.toml syntax, or hadolint's .hadolint.yaml).
    #[arg(long, short, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Only run these rules (codes, names or aliases; comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Never run these rules.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// The starting rule set: recommended (default), strict (every rule) or hadolint (hadolint's
    /// rules at its severities).
    #[arg(long, value_parser = parse_preset)]
    preset: Option<Preset>,
    /// Exit with 1 when a finding reaches this severity (default: the config's, else warning;
    /// info with the hadolint preset).
    #[arg(long, short = 't', value_parser = parse_threshold)]
    failure_threshold: Option<Threshold>,
    /// Apply safe fixes in place (with stdin: print the fixed text).
    #[arg(long)]
    fix: bool,
    /// Also apply fixes that may change behaviour (with --fix or --diff).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print what the fixes would change as a unified diff, write nothing; exit 1 when there is
    /// something to fix.
    #[arg(long, conflicts_with_all = ["fix", "statistics"])]
    diff: bool,
    /// Disable colours (also NO_COLOR).
    #[arg(long)]
    no_color: bool,
    /// Print only the findings, no summary line.
    #[arg(long, short)]
    quiet: bool,
    /// Print how many findings each rule has (and how many are fixable) instead of the findings.
    #[arg(long)]
    statistics: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// Code frames with help (the default).
    Human,
    /// One line per finding: `file:line:col: severity code message`.
    Concise,
    /// The JSON contract (DESIGN.md §3): stable fields, versioned.
    Json,
    /// SARIF 2.1.0 (GitHub code scanning and other dashboards).
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// GNU error lines `file:line:col: severity: message [code]` (Vim, Emacs, flymake).
    Gnu,
    /// Checkstyle XML (Jenkins warnings-ng, SonarQube).
    Checkstyle,
    /// Code Climate JSON (GitLab Code Quality).
    Codeclimate,
    /// JUnit XML (Jenkins and GitLab test reports).
    Junit,
    /// reviewdog's Diagnostic Format (`reviewdog -f=rdjson`).
    Rdjson,
}

#[derive(Subcommand)]
enum Command {
    /// Show the documentation of one rule (code, name or alias such as DL3008).
    Rule { id: String },
    /// List every rule.
    Rules {
        #[arg(long)]
        json: bool,
    },
    /// Which build steps stay cached and which run again, and why (the layer-cache simulation).
    Layers(layers::LayersArgs),
    /// Run the language server over stdio (diagnostics, quick fixes, ignore actions, hover).
    Server,
    /// Developer tools.
    #[command(subcommand)]
    Debug(Debug),
}

#[derive(Subcommand)]
enum Debug {
    /// Print BuildKit's AST dump of a Dockerfile (the format of BuildKit's parser tests).
    Ast { file: PathBuf },
}

fn parse_kind(s: &str) -> Result<FileKind, String> {
    FileKind::parse(s).ok_or_else(|| {
        let kinds: Vec<&str> = FileKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind `{s}` (one of: {})", kinds.join(", "))
    })
}

fn parse_preset(s: &str) -> Result<Preset, String> {
    Preset::parse(s).ok_or_else(|| format!("unknown preset `{s}` (recommended, strict, hadolint)"))
}

fn parse_threshold(s: &str) -> Result<Threshold, String> {
    Threshold::parse(s)
        .ok_or_else(|| format!("unknown threshold `{s}` (error, warning, info, style, none)"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Rule { id }) => show_rule(&id),
        Some(Command::Rules { json }) => list_rules(json),
        Some(Command::Layers(args)) => layers::run(args),
        Some(Command::Server) => server::run(),
        Some(Command::Debug(Debug::Ast { file })) => debug_ast(&file),
        None => lint(cli.lint),
    }
}

fn show_rule(id: &str) -> ExitCode {
    let Some(rule) = lint_core::rule(id) else {
        eprintln!("rlint: no rule called `{id}` (see `rlint rules`)");
        return ExitCode::from(2);
    };
    print!("{}", lint_core::registry::rule_page(rule));
    ExitCode::SUCCESS
}

fn list_rules(json: bool) -> ExitCode {
    if json {
        let rules: Vec<serde_json::Value> = lint_core::rules()
            .iter()
            .map(|r| {
                serde_json::json!({
                    "code": r.meta.code, "name": r.meta.name, "kind": r.meta.kind.map(|k| k.as_str()),
                    "severity": r.meta.severity, "aliases": r.meta.aliases, "fix": r.meta.fix,
                    "enabled_by_default": r.meta.enabled_by_default, "summary": r.meta.summary(),
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&rules).unwrap_or_default()
        );
    } else {
        print!("{}", lint_core::registry::rules_table());
    }
    ExitCode::SUCCESS
}

fn debug_ast(file: &Path) -> ExitCode {
    let text = match std::fs::read(file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            eprintln!("rlint: {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let df = lint_core::syntax::dockerfile::parse(&text);
    print!("{}", lint_core::syntax::dockerfile::dump(&df));
    if df.errors.is_empty() {
        return ExitCode::SUCCESS;
    }
    let index = lint_core::LineIndex::new(&text);
    for e in &df.errors {
        let at = index.line_col(&text, e.span.start);
        eprintln!(
            "{}:{}:{}: {}",
            file.display(),
            at.line,
            at.column,
            e.message
        );
    }
    ExitCode::from(1)
}

struct Linted {
    report: Report,
    text: String,
    fixed: usize,
    /// With `--diff`: the unified diff of the fixes, when they change the file.
    diff: Option<String>,
    /// The command-line path it came from.
    arg: usize,
    /// Named or walked (its fixes apply), not only read because another file builds it.
    asked: bool,
}

/// What became of one file the walk found.
enum Outcome {
    Linted(Linted),
    /// A kind rlint recognises but does not lint yet.
    SkippedKind,
    /// Its name left the kind to the content, and the content is no kind rlint reads.
    NotLintable,
}

fn lint(mut args: LintArgs) -> ExitCode {
    if args.unsafe_fixes && !args.fix && !args.diff {
        return usage_error("--unsafe-fixes goes with --fix or --diff");
    }
    let dash = args.paths.iter().any(|p| p.as_os_str() == "-");
    // `--stdin-filename` names standard input, so on its own it means "read stdin" (what an
    // editor integration sends); beside file paths without `-` it is a mistake, not a walk.
    if args.stdin_filename.is_some() && !args.stdin && !dash && !args.paths.is_empty() {
        return usage_error(
            "--stdin-filename names standard input; add `-` to read it, or drop the file paths",
        );
    }
    let use_stdin = args.stdin || dash || args.stdin_filename.is_some();
    if args.paths.is_empty() && !use_stdin {
        args.paths.push(PathBuf::from("."));
    }
    let explicit = match &args.config {
        Some(path) => match config::load_explicit(path) {
            Ok(c) => Some(c),
            Err(e) => return usage_error(&e),
        },
        None => None,
    };
    if let Some(c) = &explicit {
        warn_unknown_ids(&c.config, &c.sources[0].display().to_string());
    }
    let cli_ids = Config {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        ..Config::default()
    };
    warn_unknown_ids(&cli_ids, "the command line");
    let with_cli = |mut loaded: config::Loaded| {
        loaded.config.select.extend(args.select.iter().cloned());
        loaded.config.ignore.extend(args.ignore.iter().cloned());
        loaded.config.preset = args.preset.or(loaded.config.preset);
        loaded.config.failure_threshold =
            args.failure_threshold.or(loaded.config.failure_threshold);
        loaded
    };
    let mut io_errors = Vec::new();
    let mut results: Vec<Linted> = Vec::new();
    let mut skipped_per_arg: Vec<usize> = Vec::new();
    let mut skipped_names: Vec<PathBuf> = Vec::new();
    let mut searched: Vec<usize> = Vec::new();
    let threshold;

    if use_stdin {
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "-".to_string());
        let loaded = match explicit.clone() {
            Some(c) => c,
            None => match config::discover(Path::new(&name)) {
                Ok(c) => c,
                Err(e) => return usage_error(&e),
            },
        };
        let loaded = with_cli(loaded);
        threshold = loaded.config.failure_threshold();
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            return usage_error(&format!("cannot read standard input: {e}"));
        }
        let config = config::for_file(&loaded, Path::new(&name));
        let kind = args.kind.or_else(|| stdin_kind(&name, &bytes));
        if kind.is_none() {
            return usage_error(&format!(
                "{name}: cannot tell what kind of file this is; pass --kind"
            ));
        }
        if args.diff {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let outcome = lint_core::fix::fix_text(&name, &text, kind, &config, args.unsafe_fixes);
            let diff = unified_diff(&name, &text, &outcome.text);
            return finish_diff(&[(diff, outcome.applied)], &[]);
        }
        if args.fix {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let outcome = lint_core::fix::fix_text(&name, &text, kind, &config, args.unsafe_fixes);
            print!("{}", outcome.text);
            let _ = std::io::stdout().flush();
            let report = lint_core::lint_text(&name, &outcome.text, kind, &config);
            return exit_for(&[report], threshold, false);
        }
        // An editor names the buffer's path: the files around it on disk serve the cross-file
        // checks (a Compose file's build contexts, a Dockerfile's .dockerignore), as for a file
        // named on the command line.
        let named = (name != "-").then(|| PathBuf::from(&name));
        let around = named
            .as_deref()
            .map(|path| Around::read(path, None, kind, &args));
        let related = around.as_ref().map(|a| a.related(None)).unwrap_or_default();
        let report = lint_core::lint_bytes_with(&name, &bytes, kind, &config, related);
        results.push(Linted {
            text: String::from_utf8_lossy(&bytes).into_owned(),
            report,
            fixed: 0,
            diff: None,
            arg: 0,
            asked: true,
        });
    } else {
        let mut walk = walk::collect(&args.paths);
        io_errors.append(&mut walk.errors);
        skipped_per_arg = walk.skipped.iter().map(Vec::len).collect();
        skipped_names = walk.skipped.iter().flatten().cloned().collect();
        let first = args
            .paths
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."));
        let mut cache: Vec<(PathBuf, config::Loaded)> = Vec::new();
        let mut configs = Vec::new();
        for target in &walk.targets {
            // Discovery starts at the folder the config applies to: a file's own folder (so
            // hundreds of files named on the command line share one lookup), else the walked
            // argument holding the file.
            let root_arg = if target.explicit {
                target
                    .path
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default()
            } else {
                args.paths
                    .iter()
                    .find(|p| target.path.starts_with(p))
                    .cloned()
                    .unwrap_or_else(|| first.clone())
            };
            let loaded = match &explicit {
                Some(c) => c.clone(),
                None => match cache.iter().find(|(p, _)| *p == root_arg) {
                    Some((_, c)) => c.clone(),
                    None => match config::discover(&root_arg) {
                        Ok(c) => {
                            if let Some(source) = c.sources.last() {
                                warn_unknown_ids(&c.config, &source.display().to_string());
                            }
                            cache.push((root_arg.clone(), c.clone()));
                            c
                        }
                        Err(e) => return usage_error(&e),
                    },
                },
            };
            configs.push(with_cli(loaded));
        }
        // `exclude` in the configuration drops walked files (never ones named explicitly, nor a
        // Dockerfile a linted Compose file builds).
        let keep: Vec<bool> = walk
            .targets
            .iter()
            .zip(&configs)
            .map(|(t, c)| t.explicit || !t.asked || !config::excluded(c, &t.path))
            .collect();
        let mut keep_iter = keep.iter();
        walk.targets
            .retain(|_| *keep_iter.next().expect("one per target"));
        let mut keep_iter = keep.iter();
        configs.retain(|_| *keep_iter.next().expect("one per target"));
        threshold = match configs.first() {
            Some(c) => c.config.failure_threshold(),
            None => with_cli(explicit.clone().unwrap_or_default())
                .config
                .failure_threshold(),
        };
        let outcomes: Vec<Result<Outcome, String>> = walk
            .targets
            .par_iter()
            .zip(configs.par_iter())
            .map(|(target, loaded)| lint_path(target, loaded, &args))
            .collect();
        for (outcome, target) in outcomes.into_iter().zip(&walk.targets) {
            match outcome {
                Ok(Outcome::Linted(l)) => results.push(l),
                Ok(Outcome::SkippedKind) => {
                    skipped_per_arg[target.arg] += 1;
                    skipped_names.push(target.path.clone());
                }
                Ok(Outcome::NotLintable) => {}
                Err(e) => io_errors.push(e),
            }
        }
        // A folder that holds nothing rlint lints (an empty repository, a mistyped folder in
        // CI) is an error, not "No problems found in 0 files".
        searched = (0..args.paths.len())
            .filter(|&arg| args.paths[arg].is_dir() && !results.iter().any(|l| l.arg == arg))
            .collect();
    }
    let skipped = skipped_names.len();
    if args.diff {
        let diffs: Vec<(Option<String>, usize)> =
            results.iter().map(|l| (l.diff.clone(), l.fixed)).collect();
        return finish_diff(&diffs, &io_errors);
    }

    let reports: Vec<(Report, String)> = results
        .iter()
        .map(|l| (l.report.clone(), l.text.clone()))
        .collect();
    let plain: Vec<Report> = reports.iter().map(|(r, _)| r.clone()).collect();
    let fixed: usize = results.iter().map(|l| l.fixed).sum();
    // `--fix` rewrites only the files asked about, so only their fixes count as fixable.
    let fixable_in: Vec<bool> = results.iter().map(|l| l.asked).collect();
    let color =
        !args.no_color && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal();
    // Nothing linted because nothing was there: the error below says so, not "No problems".
    let nothing = results.is_empty() && (!searched.is_empty() || !io_errors.is_empty());
    let out = if args.statistics {
        match args.format {
            Format::Json => human::statistics_json(&plain),
            _ => human::statistics(&plain),
        }
    } else {
        match args.format {
            Format::Human => {
                let mut s = human::render(&reports, color);
                let long = s.lines().count() > human::SCREENFUL;
                if !args.quiet && !nothing {
                    s.push_str(&human::summary(&reports, &fixable_in, skipped, fixed));
                    if long {
                        s.push_str(human::LONG_OUTPUT_HINT);
                    }
                }
                s
            }
            Format::Concise => {
                let mut s = human::concise(&plain);
                if !args.quiet && !nothing {
                    s.push_str(&human::summary(&reports, &fixable_in, skipped, fixed));
                }
                s
            }
            Format::Json => lint_core::render::json::render(&plain),
            Format::Sarif => {
                lint_core::render::sarif::render_with_sources(&reports, env!("CARGO_PKG_VERSION"))
            }
            Format::Github => lint_core::render::github::render(&plain),
            Format::Gnu => lint_core::render::gnu::render(&plain),
            Format::Checkstyle => lint_core::render::checkstyle::render(&plain),
            Format::Codeclimate => lint_core::render::codeclimate::render(&reports),
            Format::Junit => lint_core::render::junit::render(&plain),
            Format::Rdjson => lint_core::render::rdjson::render(&reports),
        }
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
    for e in &io_errors {
        eprintln!("rlint: {e}");
    }
    for &arg in &searched {
        eprintln!(
            "rlint: {}",
            human::nothing_to_lint(&args.paths[arg], skipped_per_arg[arg], &skipped_names)
        );
    }
    exit_for(
        &plain,
        threshold,
        !io_errors.is_empty() || !searched.is_empty(),
    )
}

/// The unified diff (`--diff`) that turns `old` into `new`, `None` when they are the same.
fn unified_diff(name: &str, old: &str, new: &str) -> Option<String> {
    if old == new {
        return None;
    }
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Some(out)
}

/// `--diff`'s output: the diffs on stdout, a count on stderr; exit 1 when something would be
/// fixed, 2 when a file could not be read, else 0.
fn finish_diff(diffs: &[(Option<String>, usize)], io_errors: &[String]) -> ExitCode {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut stdout = std::io::stdout().lock();
    let mut files = 0;
    let mut fixes = 0;
    for (diff, applied) in diffs {
        if let Some(d) = diff {
            let _ = stdout.write_all(d.as_bytes());
            files += 1;
            fixes += applied;
        }
    }
    let _ = stdout.flush();
    for e in io_errors {
        eprintln!("rlint: {e}");
    }
    if files == 0 {
        eprintln!(
            "No fixes would apply ({} checked).",
            plural(diffs.len(), "file", "files")
        );
    } else {
        eprintln!(
            "Would apply {} to {} (run with --fix to write them).",
            plural(fixes, "fix", "fixes"),
            plural(files, "file", "files")
        );
    }
    if !io_errors.is_empty() {
        ExitCode::from(2)
    } else {
        ExitCode::from(u8::from(files > 0))
    }
}

/// The kind of standard input: from its name (`--stdin-filename`), else its content, else a
/// Dockerfile (the usual thing piped in), unless the name is a source or data file's.
fn stdin_kind(name: &str, bytes: &[u8]) -> Option<FileKind> {
    let text = String::from_utf8_lossy(bytes);
    lint_core::detect(name, &text)
        .or_else(|| (!FileKind::is_other_format(name)).then_some(FileKind::Dockerfile))
}

/// Warns (stderr) about rule ids in configuration that name no rule, which are otherwise silently
/// ignored. ShellCheck codes (`SC2086`) from hadolint configs are skipped: rlint has no such rules.
fn warn_unknown_ids(config: &Config, source: &str) {
    let ids = config
        .ignore
        .iter()
        .chain(&config.select)
        .chain(&config.extend_select)
        .chain(config.severity.keys())
        .chain(config.per_path_ignores.values().flatten());
    let mut warned: Vec<&str> = Vec::new();
    for id in ids {
        let known = id.eq_ignore_ascii_case("all")
            || id.starts_with("SC")
            || lint_core::rules().iter().any(|r| r.meta.is_named(id));
        if !known && !warned.contains(&id.as_str()) {
            warned.push(id);
            eprintln!(
                "rlint: warning: `{id}` in {source} does not name any rule (see `rlint rules`)"
            );
        }
    }
}

fn lint_path(
    target: &walk::Target,
    loaded: &config::Loaded,
    args: &LintArgs,
) -> Result<Outcome, String> {
    let shown = walk::display(&target.path);
    let bytes = std::fs::read(&target.path).map_err(|e| format!("{shown}: {e}"))?;
    let config: Config = config::for_file(loaded, &target.path);
    let kind = if target.explicit {
        args.kind
    } else {
        target.kind
    };
    let detected = kind.or_else(|| FileKind::from_path(&shown));
    let mut fixed = 0;
    let mut text_bytes = bytes;
    let around = Around::read(&target.path, target.context.as_deref(), detected, args);
    let related = around.related(target.build.as_ref());
    // Fixes go to the files the user asked about; a Dockerfile linted only because a Compose
    // file builds it is reported, never rewritten.
    let mut diff = None;
    if (args.fix || args.diff)
        && target.asked
        && let Ok(text) = std::str::from_utf8(&text_bytes)
    {
        let outcome = lint_core::fix::fix_text_with(
            &shown,
            text,
            detected,
            &config,
            args.unsafe_fixes,
            related,
        );
        if outcome.applied > 0 && args.diff {
            diff = unified_diff(&shown, text, &outcome.text);
            fixed = outcome.applied;
        } else if outcome.applied > 0 {
            std::fs::write(&target.path, &outcome.text)
                .map_err(|e| format!("{shown}: cannot write fixes: {e}"))?;
            fixed = outcome.applied;
            text_bytes = outcome.text.into_bytes();
        }
    }
    let report = lint_core::lint_bytes_with(&shown, &text_bytes, detected, &config, related);
    if report.skipped {
        if target.explicit && report.kind.is_none() {
            return Err(format!(
                "{shown}: cannot tell what kind of file this is; pass --kind"
            ));
        }
        return Ok(if report.kind.is_some() {
            Outcome::SkippedKind
        } else {
            Outcome::NotLintable
        });
    }
    Ok(Outcome::Linted(Linted {
        text: String::from_utf8_lossy(&text_bytes).into_owned(),
        report,
        fixed,
        diff,
        arg: target.arg,
        asked: target.asked,
    }))
}

/// What a linted file's cross-file checks read around it: the files beside it, the build
/// context's `.dockerignore` (Dockerfiles), the project `.env` (Compose), the Dockerfile that
/// builds with a `.dockerignore`, and the Compose files beside a `.env`.
struct Around {
    disk: Disk,
    dockerignore: Option<String>,
    dotenv: Option<String>,
    dockerfile: Option<String>,
    compose: Vec<String>,
}

impl Around {
    fn read(
        path: &Path,
        context: Option<&Path>,
        kind: Option<FileKind>,
        args: &LintArgs,
    ) -> Around {
        let dockerignore = match kind {
            Some(FileKind::Dockerfile) => read_dockerignore(path, context),
            _ => None,
        };
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        // The project `.env` beside a Compose file (or the one `--env-file` names).
        let dotenv = match &args.env_file {
            Some(file) => std::fs::read_to_string(file).ok(),
            None if kind != Some(FileKind::Dockerfile) => {
                std::fs::read_to_string(dir.join(".env")).ok()
            }
            None => None,
        };
        let dockerfile = match kind {
            Some(FileKind::Dockerignore) => read_ignored_dockerfile(path, &dir),
            _ => None,
        };
        let compose = match kind {
            Some(FileKind::Dotenv) => read_compose_files(&dir),
            _ => Vec::new(),
        };
        Around {
            disk: Disk(dir),
            dockerignore,
            dotenv,
            dockerfile,
            compose,
        }
    }

    fn related<'a>(&'a self, build: Option<&'a lint_core::BuildContext>) -> lint_core::Related<'a> {
        lint_core::Related {
            dockerignore: self.dockerignore.as_deref(),
            dotenv: self.dotenv.as_deref(),
            files: Some(&self.disk),
            build,
            dockerfile: self.dockerfile.as_deref(),
            compose: &self.compose,
        }
    }
}

/// The Dockerfile a `.dockerignore` serves: `X` for `X.dockerignore`, else the `Dockerfile`
/// beside it (the usual build). Quiet when that Dockerfile has its own `Dockerfile.dockerignore`,
/// which BuildKit reads instead.
fn read_ignored_dockerfile(ignore: &Path, dir: &Path) -> Option<String> {
    let name = ignore.file_name()?.to_string_lossy();
    let stem = name.strip_suffix(".dockerignore").unwrap_or("");
    if !stem.is_empty() {
        return std::fs::read_to_string(dir.join(stem)).ok();
    }
    if dir.join("Dockerfile.dockerignore").exists() {
        return None;
    }
    std::fs::read_to_string(dir.join("Dockerfile")).ok()
}

/// The Compose files in a `.env`'s folder (the project it sets variables for).
fn read_compose_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| FileKind::from_path(&p.to_string_lossy()) == Some(FileKind::Compose))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// The file system around a linted file, for the core's cross-file checks.
struct Disk(std::path::PathBuf);

impl lint_core::Files for Disk {
    fn exists(&self, path: &str) -> bool {
        // Links are followed; a file rlint may not look at (permission denied) may still be
        // there for Compose, so it is not called missing.
        self.0.join(path).try_exists().unwrap_or(true)
    }

    fn read(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(self.0.join(path)).ok()
    }

    fn list(&self, path: &str) -> Option<Vec<String>> {
        let entries = std::fs::read_dir(self.0.join(path)).ok()?;
        Some(
            entries
                .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect(),
        )
    }

    fn dangling_link(&self, path: &str) -> Option<String> {
        let link = self.0.join(path);
        if link.try_exists().unwrap_or(true) {
            return None;
        }
        std::fs::read_link(link)
            .ok()
            .map(|target| target.to_string_lossy().into_owned())
    }
}

/// The build context's ignore file for a Dockerfile: `<Dockerfile>.dockerignore` beside it (what
/// BuildKit prefers), else `.dockerignore` at the root of the context — the one a Compose file
/// names, or the Dockerfile's own folder (the usual context).
fn read_dockerignore(dockerfile: &Path, context: Option<&Path>) -> Option<String> {
    let name = dockerfile.file_name()?.to_string_lossy();
    let dir = dockerfile.parent().unwrap_or(Path::new("."));
    [
        dir.join(format!("{name}.dockerignore")),
        context.unwrap_or(dir).join(".dockerignore"),
    ]
    .into_iter()
    .find_map(|p| std::fs::read_to_string(p).ok())
}

fn exit_for(reports: &[Report], threshold: Threshold, io_error: bool) -> ExitCode {
    if io_error {
        ExitCode::from(2)
    } else if lint_core::fails(reports, threshold) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("rlint: {message}");
    ExitCode::from(2)
}
