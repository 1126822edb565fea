//! The Dockerfile kind: BuildKit's parser (`syntax::dockerfile`), the stage model, the shell
//! analysis of every RUN, the rules in `rules::dockerfile`, and BuildKit/hadolint/rlint pragmas.

use super::{Kind, Name, NameMatch};
use crate::diagnostic::{Diagnostic, Span};
use crate::rule::{Check, DockerfileInput};
use crate::source::FileKind;
use crate::syntax::dockerfile::{self, Instruction, Keyword, Model, Stage};
use crate::syntax::shell::{self, Contiguous, Script, SpanMap};
use crate::{Config, Related, rules, suppress, syntax};

pub static KIND: Kind = Kind {
    kind: FileKind::Dockerfile,
    by_name,
    by_content: Some(by_content),
    lint: Some(|_path, text, config, related| lint(text, config, related)),
    pragma: "# rlint ignore=CODE (next instruction), # rlint global ignore=CODE, \
             # hadolint ignore=CODE, # check=skip=Name",
};

/// Extensions of source, data, document and binary files: a name such as `dockerfile.go`,
/// `dockerfile.rs`, `Dockerfile.json` or `dockerfile-utils.ts` is code or data about
/// Dockerfiles, never one itself, whatever the name before the extension says.
pub(crate) const FOREIGN_EXTENSIONS: &[&str] = &[
    "go",
    "rs",
    "py",
    "pyi",
    "pyc",
    "js",
    "mjs",
    "cjs",
    "jsx",
    "ts",
    "mts",
    "cts",
    "tsx",
    "java",
    "kt",
    "kts",
    "scala",
    "groovy",
    "gradle",
    "rb",
    "php",
    "pl",
    "pm",
    "c",
    "h",
    "cc",
    "cpp",
    "cxx",
    "hpp",
    "hh",
    "cs",
    "fs",
    "swift",
    "m",
    "mm",
    "dart",
    "ex",
    "exs",
    "erl",
    "hs",
    "ml",
    "clj",
    "lua",
    "r",
    "jl",
    "nim",
    "zig",
    "sh",
    "bash",
    "zsh",
    "fish",
    "ps1",
    "bat",
    "cmd",
    "vim",
    "el",
    "lisp",
    "sql",
    "proto",
    "graphql",
    "tf",
    "hcl",
    "nix",
    "json",
    "jsonc",
    "json5",
    "yaml",
    "yml",
    "toml",
    "xml",
    "html",
    "htm",
    "css",
    "scss",
    "less",
    "md",
    "markdown",
    "mdx",
    "rst",
    "adoc",
    "tex",
    "csv",
    "tsv",
    "ini",
    "svg",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "ico",
    "webp",
    "pdf",
    "zip",
    "gz",
    "tgz",
    "tar",
    "xz",
    "bz2",
    "zst",
    "7z",
    "jar",
    "war",
    "class",
    "o",
    "a",
    "so",
    "dll",
    "exe",
    "wasm",
    "snap",
    "lock",
    "log",
    "diff",
    "patch",
    "dockerignore",
    "tmlanguage",
    "sublime-syntax",
    "snippets",
];

/// Extensions of templates and backups of a Dockerfile (`Dockerfile.j2`, `Dockerfile.orig`):
/// usually a Dockerfile, sometimes not; the content decides.
const UNSURE_EXTENSIONS: &[&str] = &[
    "j2", "jinja", "jinja2", "tmpl", "tpl", "template", "in", "erb", "mustache", "hbs", "bak",
    "orig", "old", "swp", "txt", "sample", "example", "dist",
];

/// `Dockerfile`, `Containerfile`, `Dockerfile.dev`, `dev.Dockerfile`, `api.dockerfile`,
/// `react.Dockerfile.dev` say so; `Dockerfile-alpine`, `base_dockerfile`, `Dockerfile.j2` may be
/// one; `dockerfile.go`, `Dockerfile.json`, `Dockerfile.md` are not.
fn by_name(name: &Name<'_>) -> NameMatch {
    let lower = name.lower;
    const BASES: [&str; 2] = ["dockerfile", "containerfile"];
    if BASES.contains(&lower) {
        return NameMatch::Yes;
    }
    let extension = lower.rsplit_once('.').map(|(_, e)| e);
    if extension.is_some_and(|e| FOREIGN_EXTENSIONS.contains(&e)) {
        return NameMatch::No;
    }
    let unsure = extension.is_some_and(|e| UNSURE_EXTENSIONS.contains(&e));
    let dotted = BASES
        .iter()
        .any(|base| lower.split('.').any(|part| part == *base));
    if dotted {
        return if unsure {
            NameMatch::Maybe
        } else {
            NameMatch::Yes
        };
    }
    let joined = BASES.iter().any(|base| {
        lower
            .strip_prefix(base)
            .is_some_and(|rest| rest.starts_with(['-', '_']))
            || lower
                .strip_suffix(base)
                .is_some_and(|rest| rest.ends_with(['-', '_']))
    });
    if joined {
        NameMatch::Maybe
    } else {
        NameMatch::No
    }
}

/// A Dockerfile starts with parser directives or comments, then `ARG` or `FROM`.
fn by_content(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .and_then(|l| l.split_whitespace().next())
        .is_some_and(|w| w.eq_ignore_ascii_case("FROM") || w.eq_ignore_ascii_case("ARG"))
}

/// All enabled Dockerfile rules over one text, suppressions applied, sorted by position.
pub fn lint(text: &str, config: &Config, related: Related<'_>) -> Vec<Diagnostic> {
    let line_limit = config
        .dockerfile_line_limit
        .unwrap_or(dockerfile::parser::MAX_LINES);
    let df = dockerfile::parser::parse_with_limit(text, line_limit);
    let dockerignore = related
        .dockerignore
        .map(syntax::dockerignore::DockerIgnore::parse);
    let model = Model::with_build(&df, related.build);
    let mut syntax_errors = df.errors.clone();
    syntax_errors.extend(dockerfile::validate::validate(&df));
    let shell_limit = config.shell_analysis_limit.unwrap_or(SHELL_ANALYSIS_LIMIT);
    let scripts = scripts_up_to(&model, shell_limit);
    let input = DockerfileInput {
        text,
        df: &df,
        model: &model,
        syntax_errors: &syntax_errors,
        scripts: &scripts,
        shell_limit,
        dockerignore: dockerignore.as_ref(),
        files: related.files,
        build: related.build,
    };
    let suppressions = suppress::Suppressions::for_dockerfile(&df);
    let mut out = super::run_rules(
        text.len(),
        rules::dockerfile::RULES,
        config,
        &suppressions,
        |rule, cx| {
            if let Check::Dockerfile(check) = rule.check {
                check(&input, cx);
            }
        },
    );
    drop_fixes_inside_exec_form_runs(&df, &mut out);
    drop_findings_on_refused_instructions(&df, &syntax_errors, &mut out);
    super::sort(&mut out);
    out
}

/// An instruction BuildKit refuses (`FROM --platform linux/amd64 debian:12`: a flag without its
/// `=`) is reported once, by the syntax rule: what other rules read in it is a misreading
/// (`linux/amd64` taken for the image), so their findings on it are dropped.
fn drop_findings_on_refused_instructions(
    df: &dockerfile::Dockerfile,
    errors: &[dockerfile::SyntaxError],
    out: &mut Vec<Diagnostic>,
) {
    if errors.is_empty() {
        return;
    }
    let refused: Vec<Span> = df
        .instructions
        .iter()
        .map(|ins| ins.span)
        .filter(|span| {
            errors
                .iter()
                .any(|e| span.start <= e.span.start && e.span.start < span.end.max(span.start + 1))
        })
        .collect();
    if refused.is_empty() {
        return;
    }
    // The syntax rule, and DF001, which names the cause when a `#`/`//` "comment" is what
    // BuildKit refuses (`ENV A=1 # note`).
    let kept = [
        crate::rules::dockerfile::syntax_error::RULE.meta.code,
        crate::rules::dockerfile::comment_after_instruction::RULE
            .meta
            .code,
    ];
    out.retain(|d| {
        kept.contains(&d.code)
            || !refused
                .iter()
                .any(|r| r.start <= d.span.start && d.span.start < r.end)
    });
}

/// An exec-form RUN of `sh -c SCRIPT` (any POSIX shell, `-c` alone or in a group such as `-ec`):
/// its script is shell text, edited in place inside its JSON string.
fn runs_shell_script(run: &Instruction) -> bool {
    matches!(&*run.args, [program, flag, _, ..]
        if SHELLS.contains(&program.value.rsplit('/').next().unwrap_or(""))
            && flag.value.starts_with('-')
            && flag.value.contains('c'))
}

/// The command rules' fixes edit shell text (insert `-y` after `install`, replace a word): inside
/// an exec-form RUN's JSON array, whose commands they also read ([`scripts_of`]), such an edit
/// would break the array (`["apt-get", "install" -y, "curl"]`), so the finding is kept without
/// its fix. No rule offers a fix that is JSON-aware inside a valid array.
fn drop_fixes_inside_exec_form_runs(df: &dockerfile::Dockerfile, out: &mut [Diagnostic]) {
    let arrays: Vec<Span> = df
        .instructions
        .iter()
        .filter_map(run_of)
        .filter(|run| run.json && !runs_shell_script(run))
        .filter_map(|run| Some(run.args.first()?.span.cover(run.args.last()?.span)))
        .collect();
    if arrays.is_empty() {
        return;
    }
    for d in out.iter_mut().filter(|d| d.fix.is_some()) {
        let span = d.span;
        if arrays
            .iter()
            .any(|a| a.start <= span.start && span.end <= a.end)
        {
            d.fix = None;
        }
    }
}

// The model the rules read, beyond the parser's stages: the shell scripts each instruction runs.

/// Maps offsets in a RUN instruction's command text to source spans across continuation lines.
struct RestMap<'a>(&'a Instruction);

impl SpanMap for RestMap<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        self.0.rest_span(start, end)
    }
}

use crate::syntax::shell::POSIX_SHELLS as SHELLS;

/// The shell scripts an instruction runs: a RUN's shell-form command, `["sh", "-c", "..."]` exec
/// form, heredoc bodies run by a shell (no interpreter given, or sh/bash, and no foreign shebang);
/// the shell-form command of CMD, ENTRYPOINT and HEALTHCHECK CMD.
pub fn scripts_of(run: &Instruction) -> Vec<Script> {
    let mut out = Vec::new();
    match run.keyword {
        Keyword::Run => {}
        Keyword::Cmd | Keyword::Entrypoint if !run.json && !run.rest().value.is_empty() => {
            out.push(shell::analyze(&run.rest().value, &RestMap(run)));
            return out;
        }
        Keyword::Healthcheck if !run.json => {
            if let Some(cmd) = run.args.get(1) {
                out.push(shell::analyze(&cmd.value, &Contiguous(cmd.span.start)));
            }
            return out;
        }
        _ => return out,
    }
    if run.json {
        if let [_, _, script, ..] = &*run.args
            && runs_shell_script(run)
        {
            let base = script.span.start + 1;
            if script.span.len() == script.value.len() + 2 {
                out.push(shell::analyze(&script.value, &Contiguous(base)));
            }
        } else if let Some(script) = shell::exec_form(
            run.args
                .iter()
                .map(|w| shell::ShellWord {
                    value: w.value.clone(),
                    span: w.span,
                    dynamic: false,
                    quoted: true,
                })
                .collect(),
        ) {
            // Any other program runs as it is: one command, its words the array's elements.
            out.push(script);
        }
        return out;
    }
    if run.heredocs().is_empty() {
        out.push(shell::analyze(&run.rest().value, &RestMap(run)));
        return out;
    }
    // BuildKit took the bodies out of the line; give the shell parser each heredoc closed right
    // away (the text after the line holds no command, so every span stays on the line).
    let mut line_text = run.rest().value.clone();
    for doc in run.heredocs() {
        line_text.push('\n');
        line_text.push_str(&doc.name);
    }
    line_text.push('\n');
    let line = shell::analyze(&line_text, &RestMap(run));
    let interpreter = line
        .commands
        .first()
        .map(|c| c.name().to_string())
        .unwrap_or_default();
    let runs_body = interpreter.starts_with("<<")
        || interpreter.is_empty()
        || SHELLS.contains(&interpreter.as_str());
    out.push(line);
    if runs_body {
        for doc in run.heredocs() {
            let first = doc.content.lines().next().unwrap_or("");
            let foreign = first.starts_with("#!")
                && !SHELLS.iter().any(|s| {
                    first.ends_with(&format!("/{s}")) || first.ends_with(&format!(" {s}"))
                });
            if !foreign {
                out.push(shell::analyze(&doc.content, &Contiguous(doc.body.start)));
            }
        }
    }
    out
}

/// The RUN an instruction executes: itself, or the RUN an ONBUILD wraps.
pub fn run_of(ins: &Instruction) -> Option<&Instruction> {
    Some(ins.effective()).filter(|i| i.keyword == Keyword::Run)
}

/// Instructions of a stage (FROM excluded) with their indices.
pub fn stage_body<'a>(
    model: &'a Model<'_>,
    stage: &Stage,
) -> impl Iterator<Item = (usize, &'a Instruction)> + 'a {
    let range = stage.body.clone();
    model.instructions()[range.clone()]
        .iter()
        .enumerate()
        .map(move |(i, ins)| (range.start + i, ins))
}
/// The RUN instructions of one file whose shell is analysed: the shell analysis of every RUN is
/// kept while the rules run (a few hundred bytes per command), so a generated file of hundreds of
/// thousands of RUN lines would take gigabytes. Real Dockerfiles have tens of RUNs (the corpus's
/// largest: 36); past this many, the RUNs are checked by the instruction rules only, and DF100
/// says so at the first one left out.
pub const SHELL_ANALYSIS_LIMIT: usize = 5_000;

/// The index of the first RUN instruction (going to a POSIX shell) past the first `limit`, and
/// how many such RUNs the file has in all.
pub fn shell_analysis_cut(model: &Model<'_>, limit: usize) -> Option<(usize, usize)> {
    let posix = posix_shell_by_instruction(model);
    let mut runs = model
        .instructions()
        .iter()
        .zip(&posix)
        .enumerate()
        .filter(|(_, (ins, posix))| {
            **posix && run_of(ins).is_some_and(|run| !too_long_to_analyse(run))
        })
        .map(|(i, _)| i);
    let first = runs.nth(limit)?;
    Some((first, limit + 1 + runs.count()))
}

/// For each instruction: the shell scripts it runs ([`scripts_of`]), empty where its RUN does not
/// go to a POSIX shell ([`posix_shell_by_instruction`]) and for the RUNs past
/// [`SHELL_ANALYSIS_LIMIT`].
pub fn scripts_by_instruction(model: &Model<'_>) -> Vec<Vec<Script>> {
    scripts_up_to(model, SHELL_ANALYSIS_LIMIT)
}

/// The longest RUN (from its keyword to its last heredoc line) whose shell is analysed: the
/// bound every script has ([`shell::MAX_SCRIPT_BYTES`]), applied to the whole instruction so
/// DF100 can say which RUN went unanalysed.
pub const MAX_ANALYSED_RUN_BYTES: usize = shell::MAX_SCRIPT_BYTES;

/// Whether `run` is longer than [`MAX_ANALYSED_RUN_BYTES`].
pub fn too_long_to_analyse(run: &Instruction) -> bool {
    run.span.len() > MAX_ANALYSED_RUN_BYTES
}

/// [`scripts_by_instruction`] with the first `limit` RUNs analysed.
pub fn scripts_up_to(model: &Model<'_>, limit: usize) -> Vec<Vec<Script>> {
    let posix = posix_shell_by_instruction(model);
    let mut analysed = 0;
    model
        .instructions()
        .iter()
        .zip(&posix)
        .map(|(ins, &posix)| match run_of(ins) {
            Some(run) if posix && analysed < limit && !too_long_to_analyse(run) => {
                analysed += 1;
                // Kept for every RUN of the file: no spare capacity.
                let mut scripts = scripts_of(run);
                scripts.shrink_to_fit();
                scripts
            }
            _ => Vec::new(),
        })
        .collect()
}

/// Microsoft's Windows base images (`mcr.microsoft.com/windows/servercore:ltsc2022`,
/// `.../windows/nanoserver`, `.../windows/server`, `.../windows`) and the images built on them
/// whose tags say so (`mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2022`,
/// `python:3.12-windowsservercore`, `golang:1.22-nanoserver`): RUN goes to `cmd`, not a POSIX
/// shell, unless a `SHELL` says otherwise.
pub fn is_windows_image(image: &crate::syntax::dockerfile::model::ImageRef) -> bool {
    let repository = image.repository().to_ascii_lowercase();
    let tag = image.tag().unwrap_or("").to_ascii_lowercase();
    repository == "windows"
        || repository.starts_with("windows/")
        || repository.contains("/windows/")
        || repository.ends_with("/windows")
        || repository.starts_with("dotnet/framework")
        || tag.contains("windowsservercore")
        || tag.contains("nanoserver")
}

/// For each instruction: whether its RUN goes to a POSIX shell. A `SHELL ["powershell", ...]` or
/// `["cmd", "/S", "/C"]` switches shell analysis off until a POSIX `SHELL`; stages
/// built on another stage inherit its shell, and one on a Windows image ([`is_windows_image`])
/// starts in `cmd`.
pub fn posix_shell_by_instruction(model: &Model<'_>) -> Vec<bool> {
    let instructions = model.instructions();
    let mut out = vec![true; instructions.len()];
    let mut final_shell: Vec<bool> = Vec::with_capacity(model.stages.len());
    for stage in &model.stages {
        let mut posix = match &stage.base {
            crate::syntax::dockerfile::model::Base::Stage(parent) => {
                final_shell.get(*parent).copied().unwrap_or(true)
            }
            // A Windows image's default shell is `cmd /S /C`.
            crate::syntax::dockerfile::model::Base::Image(image) => !is_windows_image(image),
            _ => true,
        };
        for (i, ins) in stage_body(model, stage) {
            if ins.keyword == Keyword::Shell
                && let Some(program) = ins.args.first()
            {
                let name = program.value.rsplit(['/', '\\']).next().unwrap_or("");
                posix = SHELLS.contains(&name.to_ascii_lowercase().as_str());
            }
            out[i] = posix;
        }
        final_shell.push(posix);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{Config, FileKind, lint_bytes};

    fn codes(text: &str) -> Vec<(&'static str, usize)> {
        let report = lint_bytes(
            "Dockerfile",
            text.as_bytes(),
            Some(FileKind::Dockerfile),
            &Config::default(),
        );
        report
            .diagnostics
            .iter()
            .map(|d| (d.diagnostic.code, d.start.line))
            .collect()
    }

    /// A refused instruction gets the syntax error only: `linux/amd64` is no image to pin.
    #[test]
    fn refused_instructions_get_only_their_syntax_error() {
        let found = codes("FROM --platform linux/amd64 debian:12\nRUN curl -fsSL https://x | sh\n");
        let on_from: Vec<_> = found.iter().filter(|(_, line)| *line == 1).collect();
        assert_eq!(
            on_from.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            ["DF000"; 2],
            "{found:?}"
        );
        // The rest of the file is still checked.
        assert!(
            found.iter().any(|(c, line)| *c != "DF000" && *line == 2),
            "{found:?}"
        );
        // A comment BuildKit refuses keeps the finding that names it.
        let found = codes("FROM alpine:3.20\nENV A=1 # note\n");
        assert!(found.iter().any(|(c, _)| *c == "DF001"), "{found:?}");
    }
}
