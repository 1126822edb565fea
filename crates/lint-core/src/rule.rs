//! What a rule is: its metadata (declared next to its check, doc comment included) and the
//! [`Context`] its check reports through.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::source::FileKind;
use crate::suppress::Suppressions;
use crate::syntax::dockerfile::{Dockerfile, Model, SyntaxError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Stable,
    Preview,
}

#[derive(Debug)]
pub struct RuleMeta {
    /// Stable forever, never reused: `DF015`.
    pub code: &'static str,
    /// kebab-case, names the bad pattern.
    pub name: &'static str,
    /// `None`: the rule applies to every kind (input problems).
    pub kind: Option<FileKind>,
    pub severity: Severity,
    /// The same rule elsewhere (hadolint `DL3015`, BuildKit `JSONArgsRecommended`, ...).
    pub aliases: &'static [&'static str],
    pub fix: FixAvailability,
    pub status: Status,
    pub enabled_by_default: bool,
    /// Reported by the pipeline itself; inline pragmas and config cannot silence it.
    pub always_on: bool,
    /// The rule's doc comment: `## What it does`, `## Why is this bad?`, `## Example`, ...
    /// Empty without the crate's `docs` feature.
    pub raw_doc: &'static str,
}

impl RuleMeta {
    /// The doc comment as Markdown (the leading space of each `///` line removed).
    pub fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.raw_doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }

    /// The markdown body under `## <heading>` (up to the next `## `).
    pub fn doc_section(&self, heading: &str) -> Option<String> {
        let doc = self.doc();
        let marker = format!("## {heading}\n");
        let start = doc.find(&marker)? + marker.len();
        let end = doc[start..].find("\n## ").map_or(doc.len(), |i| start + i);
        Some(doc[start..end].trim().to_string())
    }

    /// First sentence of "What it does": the one-line summary in indexes. Without the `docs`
    /// feature, the rule's name in words (`base image latest`).
    pub fn summary(&self) -> String {
        if self.raw_doc.is_empty() {
            return self.name.replace('-', " ");
        }
        let what = self.doc_section("What it does").unwrap_or_default();
        let first = what.split("\n\n").next().unwrap_or("").replace('\n', " ");
        // The first sentence: it ends at a `.` outside backticks that is not part of `...` or
        // `e.g.`, followed by a space and a capital.
        let chars: Vec<(usize, char)> = first.char_indices().collect();
        let mut quoted = false;
        for (k, &(i, c)) in chars.iter().enumerate() {
            match c {
                '`' => quoted = !quoted,
                '.' if !quoted => {
                    let prev = k.checked_sub(1).map(|p| chars[p].1);
                    let space = chars.get(k + 1).map(|&(_, c)| c) == Some(' ');
                    let capital = chars.get(k + 2).is_some_and(|&(_, c)| c.is_uppercase());
                    if space && capital && prev != Some('.') {
                        return first[..=i].to_string();
                    }
                }
                _ => {}
            }
        }
        first
    }

    /// Code blocks in a doc section as (language, text): the executed examples. A `toml` block is
    /// the `rlint.toml` the section's other examples run with.
    pub fn doc_code_blocks(&self, heading: &str) -> Vec<(String, String)> {
        let Some(section) = self.doc_section(heading) else {
            return Vec::new();
        };
        let mut blocks = Vec::new();
        let mut current: Option<(String, String)> = None;
        for line in section.lines() {
            if let Some(fence) = line.trim_start().strip_prefix("```") {
                match current.take() {
                    Some(block) => blocks.push(block),
                    None => current = Some((fence.trim().to_string(), String::new())),
                }
            } else if let Some((_, text)) = current.as_mut() {
                text.push_str(line);
                text.push('\n');
            }
        }
        blocks
    }

    pub fn is_named(&self, id: &str) -> bool {
        let id = id.trim();
        self.code.eq_ignore_ascii_case(id)
            || self.name.eq_ignore_ascii_case(id)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
    }
}

/// What a Dockerfile check receives: the parsed file, its semantic model and its syntax errors.
pub struct DockerfileInput<'a> {
    pub text: &'a str,
    pub df: &'a Dockerfile,
    pub model: &'a Model<'a>,
    pub syntax_errors: &'a [SyntaxError],
    /// The shell analysis of each instruction's RUN (ONBUILD RUN included), parallel to
    /// `df.instructions`; empty for other instructions. Computed once, shared by every rule.
    pub scripts: &'a [Vec<crate::syntax::shell::Script>],
    /// How many RUN instructions `scripts` analyses (the config's `shell-analysis-limit`).
    pub shell_limit: usize,
    /// The build context's `.dockerignore`, when the caller provided it.
    pub dockerignore: Option<&'a crate::syntax::dockerignore::DockerIgnore>,
    /// What exists beside the Dockerfile (usually the build context), when the caller can tell.
    pub files: Option<&'a dyn crate::Files>,
    /// What the Compose build of this Dockerfile passes (args, target), when one does; the
    /// model already reads it (ARG values, final stage).
    pub build: Option<&'a crate::BuildContext>,
}

/// What an AWS CodeBuild `buildspec.yml` check receives: the YAML tree and every command of its
/// phases, analysed as shell.
pub struct BuildspecInput<'a> {
    pub text: &'a str,
    pub yaml: &'a crate::syntax::yaml::YamlFile,
    /// The document's root; `None` when the file is not valid YAML.
    pub root: Option<&'a crate::syntax::yaml::Node>,
    pub commands: &'a [crate::kinds::buildspec::PhaseCommand<'a>],
}

/// What a Travis CI `.travis.yml` check receives: the YAML tree, every line of its build phases
/// analysed as shell, and its `deploy` sections.
pub struct TravisInput<'a> {
    pub text: &'a str,
    pub yaml: &'a crate::syntax::yaml::YamlFile,
    /// The document's root mapping; `None` when the file is not valid YAML or not a mapping.
    pub root: Option<&'a crate::syntax::yaml::Node>,
    pub lines: &'a [crate::kinds::travis::ScriptLine<'a>],
    pub deploys: &'a [&'a crate::syntax::yaml::Node],
}

/// What a GitHub Actions workflow check receives: the YAML tree and its jobs, steps, scripts,
/// `uses:` references and expressions (see [`crate::kinds::workflow`]).
pub struct WorkflowInput<'a> {
    /// The file's path as given (where it sits tells where the repository root is).
    pub path: &'a str,
    pub text: &'a str,
    pub yaml: &'a crate::syntax::yaml::YamlFile,
    /// The document's root mapping; `None` when the file is not valid YAML or not a mapping.
    pub root: Option<&'a crate::syntax::yaml::Node>,
    pub jobs: &'a [crate::kinds::workflow::Job<'a>],
    /// The files around the workflow (its folder, `.github/workflows`), when the caller can
    /// tell: the reusable workflows it calls are read from there.
    pub files: Option<&'a dyn crate::Files>,
}

/// What a GitHub Actions metadata file (`action.yml`) check receives: the YAML tree and, for a
/// composite action, its steps modelled as a workflow's (see [`crate::kinds::action`]).
pub struct ActionInput<'a> {
    pub text: &'a str,
    pub yaml: &'a crate::syntax::yaml::YamlFile,
    /// The document's root mapping; `None` when the file is not valid YAML or not a mapping.
    pub root: Option<&'a crate::syntax::yaml::Node>,
    pub action: &'a crate::kinds::action::Action<'a>,
    /// Every expression of a composite action (see [`crate::kinds::action::Action::sites`]).
    pub sites: &'a [crate::kinds::action::Site],
}

impl<'a> WorkflowInput<'a> {
    /// The text of the local reusable workflow a job's `uses:` names
    /// (`./.github/workflows/build.yml`), when the caller can read it: `None` for a remote
    /// workflow, an expression, a workflow not linted from its repository's
    /// `.github/workflows` folder (stdin, a file found by content elsewhere), or a file the
    /// caller cannot read.
    pub fn called_workflow(&self, uses: &crate::kinds::workflow::Uses<'_>) -> Option<String> {
        let name = crate::kinds::workflow::local_workflow_name(self.path, uses.node.as_str()?)?;
        self.files?.read(name)
    }

    /// Every step of every job, in file order.
    pub fn steps(&self) -> impl Iterator<Item = &'a crate::kinds::workflow::Step<'a>> {
        self.jobs.iter().flat_map(|j| &j.steps)
    }

    /// Every script of every step (`run:`, `actions/github-script`'s `script:`).
    pub fn scripts(&self) -> impl Iterator<Item = &'a crate::kinds::workflow::StepScript<'a>> {
        self.steps().filter_map(|s| s.script.as_ref())
    }

    /// Every `uses:` of jobs and steps, in file order.
    pub fn uses(&self) -> Vec<&'a crate::kinds::workflow::Uses<'a>> {
        let mut out: Vec<_> = self
            .jobs
            .iter()
            .flat_map(|j| {
                j.uses
                    .iter()
                    .chain(j.steps.iter().filter_map(|s| s.uses.as_ref()))
            })
            .collect();
        out.sort_by_key(|u| u.node.span.start);
        out
    }
}

/// What a CircleCI `.circleci/config.yml` check receives: the YAML tree and what the file
/// defines and uses (see [`crate::kinds::circleci`]).
pub struct CircleciInput<'a> {
    pub text: &'a str,
    pub yaml: &'a crate::syntax::yaml::YamlFile,
    /// The document's root mapping; `None` when the file is not valid YAML or not a mapping.
    pub root: Option<&'a crate::syntax::yaml::Node>,
    pub model: &'a crate::kinds::circleci::Model<'a>,
}

/// What a `.dockerignore` check receives: its pattern lines and, when the caller read it, the
/// Dockerfile that builds with it and a view of the build context.
pub struct DockerignoreInput<'a> {
    pub text: &'a str,
    pub entries: &'a [crate::syntax::dockerignore::Entry<'a>],
    pub ignore: &'a crate::syntax::dockerignore::DockerIgnore,
    pub dockerfile: Option<&'a crate::kinds::dockerignore::Beside<'a>>,
    pub files: Option<&'a dyn crate::Files>,
}

/// What a `.env` check receives: its variables as Compose reads them, the syntax errors, and
/// the Compose files of its folder when the caller read them.
pub struct DotenvInput<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub parsed: &'a crate::kinds::dotenv::Parsed,
    pub compose: &'a [String],
}

impl<'a> BuildspecInput<'a> {
    /// The entries of an `env` section (`variables`, `parameter-store`, `secrets-manager`).
    pub fn env_entries(&self, section: &str) -> &'a [crate::syntax::yaml::Entry] {
        self.root
            .and_then(|r| r.get("env"))
            .and_then(|e| e.get(section))
            .and_then(|v| v.as_map())
            .unwrap_or_default()
    }

    /// Every simple command of every phase command, in file order.
    pub fn shell_commands(&self) -> impl Iterator<Item = &'a crate::syntax::shell::Command> {
        self.commands.iter().flat_map(|c| &c.script.commands)
    }
}

/// What an Elastic Beanstalk `Dockerrun.aws.json` check receives: the text and its JSON tree.
pub struct DockerrunInput<'a> {
    pub text: &'a str,
    pub json: &'a crate::syntax::json::Json,
    /// The JSON as the shared span tree; `None` when the file is not valid JSON.
    pub tree: Option<&'a crate::syntax::yaml::Node>,
}

impl DockerrunInput<'_> {
    /// The `AWSEBDockerrunVersion` the file declares (`1`, `2`, `3`), as written.
    pub fn version(&self) -> Option<String> {
        let v = self.tree?.get("AWSEBDockerrunVersion")?;
        v.as_str().map(str::to_string)
    }

    /// The containers of a version 2 file: `containerDefinitions` entries that are objects.
    pub fn containers(&self) -> Vec<&crate::syntax::yaml::Node> {
        self.tree
            .and_then(|t| t.get("containerDefinitions"))
            .and_then(|c| c.as_seq())
            .map(|items| items.iter().filter(|i| i.as_map().is_some()).collect())
            .unwrap_or_default()
    }
}

/// What an ECS task definition check receives: the text, its JSON tree and where the task
/// definition and its containers are in it.
pub struct EcsInput<'a> {
    pub text: &'a str,
    pub json: &'a crate::syntax::json::Json,
    /// The JSON as the shared span tree; `None` when the file is not valid JSON.
    pub tree: Option<&'a crate::syntax::yaml::Node>,
    /// The task definition object: the root, or the `taskDefinition` of
    /// `aws ecs describe-task-definition` output; `None` for a bare list of container
    /// definitions (Terraform's `container_definitions`), whose task settings are elsewhere.
    pub task: Option<&'a crate::syntax::yaml::Node>,
    /// The container definitions that are objects.
    pub containers: Vec<&'a crate::syntax::yaml::Node>,
}

impl<'a> EcsInput<'a> {
    /// A string setting of the task (`networkMode`, `cpu`...).
    pub fn setting(&self, key: &str) -> Option<&'a crate::syntax::yaml::Node> {
        self.task?.get(key)
    }

    /// The `requiresCompatibilities` items, as written.
    pub fn compatibilities(&self) -> Vec<&'a crate::syntax::yaml::Node> {
        self.setting("requiresCompatibilities")
            .and_then(|c| c.as_seq())
            .map(|items| items.iter().collect())
            .unwrap_or_default()
    }

    /// The `FARGATE` item of `requiresCompatibilities`, when the task must run on Fargate.
    pub fn fargate(&self) -> Option<&'a crate::syntax::yaml::Node> {
        self.compatibilities()
            .into_iter()
            .find(|c| c.as_str() == Some("FARGATE"))
    }

    /// The network mode the task runs with: as set, else `awsvpc` when it must run on Fargate
    /// (the only mode Fargate has), else `bridge` (the default on EC2 Linux instances).
    pub fn network_mode(&self) -> &'a str {
        match self
            .setting("networkMode")
            .filter(|m| !m.is_null())
            .and_then(|m| m.as_str())
        {
            Some(mode) => mode,
            None if self.fargate().is_some() => "awsvpc",
            None => "bridge",
        }
    }
}

/// What a Docker `daemon.json` check receives: the text and its JSON tree.
pub struct DaemonJsonInput<'a> {
    pub text: &'a str,
    pub json: &'a crate::syntax::json::Json,
    /// The JSON as the shared span tree; `None` when the file is empty or not valid JSON.
    pub tree: Option<&'a crate::syntax::yaml::Node>,
}

impl DaemonJsonInput<'_> {
    /// The top-level member `key`, when the file is a JSON object.
    pub fn get(&self, key: &str) -> Option<&crate::syntax::yaml::Node> {
        self.tree?.get(key)
    }

    /// A top-level `true`/`false`, as written (`None`: absent, null or not a boolean).
    pub fn flag(&self, key: &str) -> Option<bool> {
        let scalar = self.get(key)?.as_scalar()?;
        if scalar.style != crate::syntax::yaml::Style::Plain {
            return None;
        }
        match &*scalar.text {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

/// What a Compose check receives: the YAML tree, the document checked, the interpolation
/// environment and what the caller knows of the files around it.
pub struct ComposeInput<'a> {
    /// The file's path as given (for what its name tells: `compose.override.yaml`).
    pub path: &'a str,
    pub text: &'a str,
    pub yaml: &'a crate::syntax::yaml::YamlFile,
    /// The document's root; `None` when the file has no document or is not valid YAML.
    pub root: Option<&'a crate::syntax::yaml::Node>,
    pub env: &'a crate::syntax::compose::Env,
    /// The project `.env` was provided (so unset variables can be told apart from unknown ones).
    pub env_known: bool,
    pub files: Option<&'a dyn crate::Files>,
    /// Which YAML document of the file this is (0 for the first).
    pub document: usize,
    /// The document's services, listed once for every rule.
    pub services: Vec<crate::syntax::compose::Service<'a>>,
}

impl<'a> ComposeInput<'a> {
    /// The services of the document (listed once, when the input is built).
    pub fn services(&self) -> &[crate::syntax::compose::Service<'a>] {
        &self.services
    }

    /// A scalar's value after interpolation (the raw text when it has none).
    pub fn value<'n>(
        &self,
        node: &'n crate::syntax::yaml::Node,
    ) -> Option<std::borrow::Cow<'n, str>> {
        let text = node.as_str()?;
        if !text.contains('$') {
            return Some(std::borrow::Cow::Borrowed(text));
        }
        Some(std::borrow::Cow::Owned(
            crate::syntax::compose::interpolate(text, self.env).value,
        ))
    }

    /// An override file (`compose.override.yaml`, `docker-compose.prod-override.yml`): it
    /// completes services defined in another file, so their `image`/`build` may be elsewhere.
    pub fn is_override(&self) -> bool {
        let name = self.path.rsplit(['/', '\\']).next().unwrap_or(self.path);
        name.to_ascii_lowercase().contains("override")
    }
}

pub enum Check {
    Dockerfile(fn(&DockerfileInput<'_>, &mut Context<'_>)),
    Compose(fn(&ComposeInput<'_>, &mut Context<'_>)),
    Dockerrun(fn(&DockerrunInput<'_>, &mut Context<'_>)),
    EcsTaskDefinition(fn(&EcsInput<'_>, &mut Context<'_>)),
    Buildspec(fn(&BuildspecInput<'_>, &mut Context<'_>)),
    Travis(fn(&TravisInput<'_>, &mut Context<'_>)),
    GithubWorkflow(fn(&WorkflowInput<'_>, &mut Context<'_>)),
    GithubAction(fn(&ActionInput<'_>, &mut Context<'_>)),
    Circleci(fn(&CircleciInput<'_>, &mut Context<'_>)),
    Dockerignore(fn(&DockerignoreInput<'_>, &mut Context<'_>)),
    Dotenv(fn(&DotenvInput<'_>, &mut Context<'_>)),
    DaemonJson(fn(&DaemonJsonInput<'_>, &mut Context<'_>)),
    /// Produced by the pipeline (input problems); the rule exists for its code and docs.
    Pipeline,
}

pub struct Rule {
    pub meta: RuleMeta,
    pub check: Check,
}

/// How many findings of one rule one file lists. Past it the rest are counted into one summary
/// finding: a file that trips a rule on every line (190,000 mergeable RUNs) would otherwise print
/// hundreds of megabytes no one reads, and a hundred is enough to see the pattern.
pub const MAX_FINDINGS_PER_RULE: usize = 100;

/// Handed to a check: where it reports. Findings inline pragmas silence are dropped as they are
/// reported, so they do not use up [`MAX_FINDINGS_PER_RULE`]; those past it are counted, not kept.
pub struct Context<'a> {
    pub config: &'a Config,
    rule: &'static RuleMeta,
    /// The file's inline pragmas, when they apply to this rule.
    suppressions: Option<&'a Suppressions>,
    diagnostics: Vec<Diagnostic>,
    /// Findings past the cap.
    overflow: usize,
    /// Where the first finding past the cap is: the summary points there.
    first_overflow: Option<Span>,
    /// Takes the `.help(..)`, `.label(..)`, `.fix(..)` chained on a finding that is not kept
    /// (silenced or past the cap), so checks report the same way whatever happens to it.
    discarded: Diagnostic,
}

impl<'a> Context<'a> {
    /// `suppressions`: the pragmas that silence this rule's findings (`None`: nothing can).
    pub fn new(
        rule: &'static RuleMeta,
        config: &'a Config,
        suppressions: Option<&'a Suppressions>,
    ) -> Self {
        Self {
            config,
            rule,
            suppressions,
            diagnostics: Vec::new(),
            overflow: 0,
            first_overflow: None,
            discarded: new_diagnostic(rule, Span::empty(0), String::new()),
        }
    }

    /// Records a finding of this rule; chain `.help(..)`, `.label(..)`, `.fix(..)` on the result.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let d = new_diagnostic(self.rule, span, message.into());
        if self.suppressions.is_some_and(|s| s.is_suppressed(&d)) {
            self.discarded = d;
            return &mut self.discarded;
        }
        if self.diagnostics.len() >= MAX_FINDINGS_PER_RULE {
            self.overflow += 1;
            self.first_overflow.get_or_insert(span);
            self.discarded = d;
            return &mut self.discarded;
        }
        self.diagnostics.push(d);
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// The findings kept, then one that counts those past the cap.
    pub fn into_diagnostics(mut self) -> Vec<Diagnostic> {
        if let Some(span) = self.first_overflow {
            let mut summary = new_diagnostic(
                self.rule,
                span,
                format!(
                    "… and {} more findings of {} in this file (only the first {MAX_FINDINGS_PER_RULE} are listed)",
                    thousands(self.overflow),
                    self.rule.code
                ),
            );
            summary.help(format!(
                "fix the ones listed and lint again, or turn {} off for this file (per-path-ignores)",
                self.rule.code
            ));
            self.diagnostics.push(summary);
        }
        self.diagnostics
    }
}

/// `189900` as `189,900`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn new_diagnostic(rule: &'static RuleMeta, span: Span, message: String) -> Diagnostic {
    Diagnostic {
        code: rule.code,
        name: rule.name,
        aliases: rule.aliases,
        severity: rule.severity,
        message,
        help: None,
        span,
        labels: Vec::new(),
        fix: None,
        secret: false,
        at_most: None,
    }
}

/// Declares a rule: its doc comment becomes the published doc, the fields its metadata.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub static RULE = {
///         code: "DF004", name: "maintainer-deprecated", severity: Error,
///         aliases: ["DL4000", "MaintainerDeprecated"], fix: Always, default: true,
///         check: Dockerfile(check),
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        $vis:vis static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            aliases: [$($alias:literal),* $(,)?],
            fix: $fix:ident,
            default: $default:literal,
            check: $kind:ident($check:path) $(,)?
        }
    ) => {
        $crate::declare_rule!(@build [$($doc)*] $vis $ident $code $name $severity [$($alias)*] $fix $default false
            (Some($crate::source::FileKind::$kind)) ($crate::rule::Check::$kind($check)));
    };
    (
        $(#[doc = $doc:expr])*
        $vis:vis static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            aliases: [$($alias:literal),* $(,)?],
            always_on: true,
            check: $kind:ident($check:path) $(,)?
        }
    ) => {
        $crate::declare_rule!(@build [$($doc)*] $vis $ident $code $name $severity [$($alias)*] None true true
            (Some($crate::source::FileKind::$kind)) ($crate::rule::Check::$kind($check)));
    };
    (
        $(#[doc = $doc:expr])*
        $vis:vis static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            aliases: [$($alias:literal),* $(,)?],
            always_on: true,
            fix: $fix:ident,
            check: $kind:ident($check:path) $(,)?
        }
    ) => {
        $crate::declare_rule!(@build [$($doc)*] $vis $ident $code $name $severity [$($alias)*] $fix true true
            (Some($crate::source::FileKind::$kind)) ($crate::rule::Check::$kind($check)));
    };
    (
        $(#[doc = $doc:expr])*
        $vis:vis static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            pipeline: true $(,)?
        }
    ) => {
        $crate::declare_rule!(@build [$($doc)*] $vis $ident $code $name $severity [] None true true
            (None) ($crate::rule::Check::Pipeline));
    };
    (@build [$($doc:expr)*] $vis:vis $ident:ident $code:literal $name:literal $severity:ident
        [$($alias:literal)*] $fix:ident $default:literal $always:literal ($kind:expr) ($check:expr)) => {
        $vis static $ident: $crate::rule::Rule = $crate::rule::Rule {
            meta: $crate::rule::RuleMeta {
                code: $code,
                name: $name,
                kind: $kind,
                severity: $crate::diagnostic::Severity::$severity,
                aliases: &[$($alias),*],
                fix: $crate::rule::FixAvailability::$fix,
                status: $crate::rule::Status::Stable,
                enabled_by_default: $default,
                always_on: $always,
                // Without the `docs` feature (the web page's wasm) the text is left out of the
                // binary: the static holds only the empty string.
                raw_doc: if cfg!(feature = "docs") { concat!($($doc, "\n"),*) } else { "" },
            },
            check: $check,
        };
    };
}
