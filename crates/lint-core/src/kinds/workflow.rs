//! GitHub Actions workflows (`.github/workflows/*.yml`): the shared YAML tree, a model of its
//! jobs and steps (every `run:` script analysed as shell with spans exact inside block scalars,
//! every `uses:` reference, every `${{ }}` expression with the context paths it reads), the
//! rules in `rules::workflow`, and `# rlint ignore=` pragmas as in Compose files.

use super::{Kind, Name, NameMatch};
use crate::diagnostic::{Diagnostic, Span};
use crate::rule::{Check, WorkflowInput};
use crate::source::FileKind;
use crate::syntax::shell::{self, BlockMap, Script};
use crate::syntax::yaml::{Node, Style};
use crate::{Config, Related, rules, syntax};

pub static KIND: Kind = Kind {
    kind: FileKind::GithubWorkflow,
    by_name,
    by_content: Some(by_content),
    lint: Some(lint),
    pragma: "# rlint ignore=CODE (own line: the next line; end of line: that line), \
             # rlint global ignore=CODE",
};

/// `.github/workflows/*.yml` (GitHub reads workflows from that folder only).
fn by_name(name: &Name<'_>) -> NameMatch {
    if name.is_yaml() && name.parent == "workflows" && name.grandparent == ".github" {
        NameMatch::Yes
    } else {
        NameMatch::No
    }
}

/// A YAML file with top-level `on:` and `jobs:` keys, whose jobs say `runs-on:`, `uses:` or
/// `steps:`, is a workflow whatever its name (`github-deploy.yml`). Compose files have no
/// `on:`; CircleCI and GitLab files have `jobs`-like keys but no top-level `on:`.
fn by_content(text: &str) -> bool {
    let top = |key: &str| super::has_top_level_key(text, key);
    let on = top("on") || top("\"on\"") || top("'on'");
    on && top("jobs")
        && text.lines().any(|l| {
            let l = l.trim_start().trim_start_matches("- ");
            l.starts_with("runs-on:") || l.starts_with("steps:") || l.starts_with("uses:")
        })
}

/// One job of `jobs:`.
pub struct Job<'a> {
    /// The job id as written (`build`).
    pub id: &'a str,
    /// The job's key node.
    pub key: &'a Node,
    /// The job's mapping.
    pub node: &'a Node,
    /// A reusable workflow the job calls (`uses: org/repo/.github/workflows/x.yml@v1`).
    pub uses: Option<Uses<'a>>,
    pub steps: Vec<Step<'a>>,
}

/// One step of a job.
pub struct Step<'a> {
    pub node: &'a Node,
    /// The action the step runs (`uses:`).
    pub uses: Option<Uses<'a>>,
    /// The step's `run:` script, or the `script:` input of `actions/github-script`.
    pub script: Option<StepScript<'a>>,
}

/// Where a step's script is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptKind {
    /// A `run:` shell script.
    Run,
    /// The JavaScript `script:` input of `actions/github-script`.
    GithubScript,
}

/// A script of a step, with the expressions GitHub expands into it before it runs.
pub struct StepScript<'a> {
    pub kind: ScriptKind,
    pub node: &'a Node,
    /// The shell analysis (`run:` only; empty for JavaScript).
    pub shell: Script,
    pub expressions: Vec<Expression>,
}

/// A `${{ ... }}` expression in a string, or an `if:` condition written without the braces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expression {
    /// From `${{` to `}}` (the whole value for a bare `if:` condition).
    pub span: Span,
    /// The text between the braces, as GitHub reads it (YAML quoting undone).
    pub inner: String,
    /// The context paths whose values can become the expression's value (what it expands
    /// to), lowercased, indexes written as `*` (`github.event.commits[0].message` →
    /// `github.event.commits.*.message`); a path only compared or tested is not one.
    pub paths: Vec<(String, Span)>,
    /// The parsed expression (its spans are offsets in `inner`: [`Expression::source`] maps
    /// them into the file), or why GitHub would refuse it.
    pub tree: Result<syntax::expr::Expr, syntax::expr::ParseError>,
    /// Whether the `}}` was found (GitHub refuses an unclosed `${{`).
    pub closed: bool,
    /// The file offset of each byte of `inner`, and of its end.
    offsets: Vec<usize>,
}

impl Expression {
    fn new(inner: String, offsets: Vec<usize>, span: Span, closed: bool) -> Expression {
        let tree = if closed {
            syntax::expr::parse(&inner)
        } else {
            Err(syntax::expr::ParseError {
                span: Span::new(0, 0),
                message: "`${{` is never closed by `}}`".to_string(),
            })
        };
        let mut e = Expression {
            span,
            inner,
            paths: Vec::new(),
            tree,
            closed,
            offsets,
        };
        if let Ok(tree) = &e.tree {
            e.paths = tree
                .value_paths()
                .into_iter()
                .map(|(p, s)| (p, e.source(s)))
                .collect();
        }
        e
    }

    /// Whether the expression yields a boolean (a comparison, `!`, `contains(...)`, or `&&`
    /// and `||` of those), so whatever it reads does not reach the script as text.
    pub fn is_boolean(&self) -> bool {
        self.tree.as_ref().is_ok_and(syntax::expr::Expr::is_boolean)
    }

    /// The file span of a span in `inner` (a span of [`Expression::tree`]).
    pub fn source(&self, local: Span) -> Span {
        let at = |i: usize| {
            self.offsets
                .get(i)
                .or(self.offsets.last())
                .copied()
                .unwrap_or(self.span.start)
        };
        let start = at(local.start);
        let end = match local.end.checked_sub(1) {
            Some(last) if local.end > local.start => at(last) + 1,
            _ => start,
        };
        Span::new(start, end.max(start))
    }

    /// Where and why GitHub refuses the expression, in the file.
    pub fn error(&self) -> Option<(Span, &str)> {
        let e = self.tree.as_ref().err()?;
        let span = if !self.closed {
            Span::new(self.span.start, self.span.start + 3)
        } else if self.inner.trim().is_empty() {
            self.span
        } else {
            let at = self.source(e.span);
            // The end of the text, between braces: point at the `}}`.
            if at.is_empty() && at.end + 2 == self.span.end {
                Span::new(at.start, self.span.end)
            } else {
                at
            }
        };
        Some((span, &e.message))
    }
}

/// A `uses:` reference.
pub struct Uses<'a> {
    pub node: &'a Node,
    pub target: Target<'a>,
}

/// What a `uses:` points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target<'a> {
    /// `./path` in the same repository.
    Local,
    /// `docker://image[:tag][@digest]`.
    Docker(&'a str),
    /// `owner/repo[/path][@ref]`.
    Repository {
        owner: &'a str,
        repo: &'a str,
        /// `owner/repo/path` without the ref.
        action: &'a str,
        git_ref: Option<&'a str>,
    },
    /// Anything else (an expression, a malformed reference): for other rules to judge.
    Unknown,
}

impl Target<'_> {
    fn parse(value: &str) -> Target<'_> {
        let value = value.trim();
        if value.starts_with("./") || value.starts_with(".\\") {
            return Target::Local;
        }
        if let Some(image) = value.strip_prefix("docker://") {
            return Target::Docker(image);
        }
        let (action, git_ref) = match value.split_once('@') {
            Some((a, r)) => (a, Some(r)),
            None => (value, None),
        };
        let mut parts = action.splitn(3, '/');
        let owner = parts.next().unwrap_or("");
        let repo = parts.next().unwrap_or("");
        let name = |n: &str| {
            !n.is_empty()
                && n.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        };
        if !name(owner) || !name(repo) || value.contains("${{") {
            return Target::Unknown;
        }
        Target::Repository {
            owner,
            repo,
            action,
            git_ref,
        }
    }
}

/// The file name, in the linted workflow's own folder, of the local reusable workflow `uses`
/// names: `build.yml` for `./.github/workflows/build.yml` when the workflow linted at `path`
/// is itself in a `.github/workflows` folder (so that folder's parent is the repository root
/// `./` starts from). GitHub reads reusable workflows from that folder only, never from a
/// subfolder; `None` for anything else (a remote workflow, a ref, an expression).
pub fn local_workflow_name<'u>(path: &str, uses: &'u str) -> Option<&'u str> {
    let name = uses.trim().strip_prefix("./.github/workflows/")?;
    let mut folders = path.rsplit(['/', '\\']).skip(1);
    let in_workflows = folders.next() == Some("workflows") && folders.next() == Some(".github");
    let plain = !name.is_empty() && !name.contains(['/', '\\', '@']) && !name.contains("${{");
    (in_workflows && plain).then_some(name)
}

/// Whether a ref is a full commit SHA (the only immutable ref).
pub fn is_commit_sha(git_ref: &str) -> bool {
    git_ref.len() == 40 && git_ref.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether a ref reads as a version (`v4`, `v1.2.3`, `4.1`), or a maintenance branch named
/// after one (`release/v1`), which its owners move the way they move a major tag.
pub fn is_version_tag(git_ref: &str) -> bool {
    let last = git_ref.rsplit('/').next().unwrap_or(git_ref);
    let digits = last
        .strip_prefix('v')
        .or_else(|| last.strip_prefix('V'))
        .unwrap_or(last);
    digits.starts_with(|c: char| c.is_ascii_digit())
}

/// The `${{ }}` expressions written in the source of `node` (found in the scalar's value as
/// GitHub reads it, with spans mapped back to the exact source bytes whatever the style).
pub fn expressions(text: &str, node: &Node) -> Vec<Expression> {
    // The value is what GitHub reads expressions in; most values have none, and decoding maps
    // every byte (80 MB for a 10 MB `run:` block).
    if !node.as_str().is_some_and(|v| v.contains("${{")) {
        return Vec::new();
    }
    let Some((value, offsets)) = decoded(text, node) else {
        return Vec::new();
    };
    syntax::expr::find(&value)
        .into_iter()
        .map(|found| {
            let body = found.open + 3;
            let end = found.close.unwrap_or(value.len());
            let at = |i: usize| offsets.get(i).copied().unwrap_or(node.span.end);
            let span_end = match found.close {
                Some(c) => at(c + 1) + 1,
                None => node.span.end,
            };
            Expression::new(
                value.get(body..end).unwrap_or("").to_string(),
                offsets.get(body..=end).unwrap_or_default().to_vec(),
                Span::new(at(found.open), span_end.max(at(found.open))),
                found.close.is_some(),
            )
        })
        .collect()
}

/// An `if:` value written without `${{ }}`, which GitHub reads as one expression.
pub fn condition(text: &str, node: &Node) -> Option<Expression> {
    let (value, offsets) = decoded(text, node)?;
    if value.contains("${{") {
        return None;
    }
    Some(Expression::new(value, offsets, node.span, true))
}

/// A scalar's value, with the file offset of each of its bytes (and of its end): plain and
/// block scalars are read as written (line folding and indentation only change whitespace,
/// which expressions ignore); quoted ones have their quotes and escapes undone.
fn decoded(text: &str, node: &Node) -> Option<(String, Vec<usize>)> {
    let scalar = node.as_scalar()?;
    let raw = text.get(node.span.start..node.span.end)?;
    let base = node.span.start;
    let quote = match scalar.style {
        Style::SingleQuoted => '\'',
        Style::DoubleQuoted => '"',
        _ => {
            let offsets = (0..=raw.len()).map(|i| base + i).collect();
            return Some((raw.to_string(), offsets));
        }
    };
    // The closing quote is found by reading the scalar, not taken as the last byte: the
    // node's span can run on to a quote in a comment after it (`'x' # it's`).
    let body = raw.strip_prefix(quote)?;
    let b = body.as_bytes();
    let mut end = None;
    let mut i = 0;
    while i < b.len() {
        match (quote, b[i]) {
            ('\'', b'\'') if b.get(i + 1) == Some(&b'\'') => i += 2,
            ('"', b'\\') => i += 2,
            (_, c) if c == quote as u8 => {
                end = Some(i);
                break;
            }
            _ => i += 1,
        }
    }
    let inside = body.get(..end?)?;
    let base = base + 1;
    let mut value = String::with_capacity(inside.len());
    let mut offsets = Vec::with_capacity(inside.len() + 1);
    let mut chars = inside.char_indices().peekable();
    let mut push = |value: &mut String, c: char, at: usize| {
        value.push(c);
        offsets.extend(std::iter::repeat_n(base + at, c.len_utf8()));
    };
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            ('\'', '\'') => {
                chars.next_if(|&(_, n)| n == '\'');
                push(&mut value, '\'', i);
            }
            ('"', '\\') => {
                let Some((_, e)) = chars.next() else {
                    break;
                };
                let hex = |chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>, n| {
                    let mut code = 0u32;
                    for _ in 0..n {
                        let d = chars.next_if(|(_, c)| c.is_ascii_hexdigit())?;
                        code = code * 16 + d.1.to_digit(16)?;
                    }
                    char::from_u32(code)
                };
                let unescaped = match e {
                    'n' => Some('\n'),
                    't' | '\t' => Some('\t'),
                    'r' => Some('\r'),
                    '0' => Some('\0'),
                    ' ' => Some(' '),
                    '/' => Some('/'),
                    '"' => Some('"'),
                    '\\' => Some('\\'),
                    'x' => hex(&mut chars, 2),
                    'u' => hex(&mut chars, 4),
                    'U' => hex(&mut chars, 8),
                    // An escaped line break joins the lines; other escapes are rare controls.
                    '\n' | '\r' => None,
                    _ => Some(' '),
                };
                if let Some(c) = unescaped {
                    push(&mut value, c, i);
                }
            }
            _ => push(&mut value, c, i),
        }
    }
    offsets.push(base + inside.len());
    Some((value, offsets))
}

/// Where an expression is written in a workflow.
pub struct Site {
    pub expression: Expression,
    /// The index in [`jobs`] of the job it is written in (`None`: outside the jobs).
    pub job: Option<usize>,
    /// The index in that job's steps of the step it is written in (`None`: the job's own keys).
    pub step: Option<usize>,
    /// The key it is written under, the first below the job, the step, or the top level
    /// (`if`, `run`, `with`, `outputs`, `env`...).
    pub key: String,
    /// A job's or step's `if:` (written with or without `${{ }}`).
    pub condition: bool,
}

/// Every expression GitHub evaluates in a workflow, in file order: in `run-name`, the
/// top-level `env`, `defaults` and `concurrency`, the outputs of `on.workflow_call`, and
/// everywhere in the jobs; `if:` conditions written without braces included. (Other values,
/// such as `name:` or the inputs' descriptions, are plain text to GitHub.)
pub fn sites(text: &str, root: &Node, jobs: &[Job<'_>]) -> Vec<Site> {
    let mut out = Vec::new();
    let scan = |node: &Node, job: Option<usize>, step, key: &str, out: &mut Vec<Site>| {
        let condition = key == "if" && job.is_some();
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            match &n.value {
                syntax::yaml::Value::Scalar(_) => {
                    let mut found = expressions(text, n);
                    if condition && found.is_empty() {
                        found.extend(condition_of(text, n));
                    }
                    out.extend(found.into_iter().map(|expression| Site {
                        expression,
                        job,
                        step,
                        key: key.to_string(),
                        condition,
                    }));
                }
                syntax::yaml::Value::Seq(items) => stack.extend(items.iter().rev()),
                syntax::yaml::Value::Map(entries) => {
                    stack.extend(entries.iter().rev().map(|e| &e.value));
                }
            }
        }
    };
    let Some(entries) = root.as_map() else {
        return out;
    };
    for entry in entries {
        match entry.key.as_str().unwrap_or("") {
            key @ ("run-name" | "env" | "defaults" | "concurrency") => {
                scan(&entry.value, None, None, key, &mut out);
            }
            "on" | "true" => {
                let outputs = entry
                    .value
                    .get("workflow_call")
                    .and_then(|c| c.get("outputs"))
                    .and_then(Node::as_map)
                    .unwrap_or_default();
                for output in outputs {
                    if let Some(value) = output.value.get("value") {
                        scan(value, None, None, "on", &mut out);
                    }
                }
            }
            _ => {}
        }
    }
    for (j, job) in jobs.iter().enumerate() {
        for entry in job.node.as_map().unwrap_or_default() {
            let key = entry.key.as_str().unwrap_or("");
            if key == "steps" {
                for (s, step) in job.steps.iter().enumerate() {
                    for e in step.node.as_map().unwrap_or_default() {
                        let key = e.key.as_str().unwrap_or("");
                        scan(&e.value, Some(j), Some(s), key, &mut out);
                    }
                }
            } else {
                scan(&entry.value, Some(j), None, key, &mut out);
            }
        }
    }
    out.sort_by_key(|s| s.expression.span.start);
    out
}

fn condition_of(text: &str, node: &Node) -> Option<Expression> {
    condition(text, node).filter(|c| !c.inner.trim().is_empty())
}

/// Every job with its steps, in file order.
pub fn jobs<'a>(text: &str, root: &'a Node) -> Vec<Job<'a>> {
    let mut out = Vec::new();
    let Some(jobs) = root.get("jobs").and_then(Node::as_map) else {
        return out;
    };
    for entry in jobs {
        let node = &entry.value;
        if node.as_map().is_none() {
            continue;
        }
        let uses = node.get("uses").and_then(uses_of);
        // The shell a step without `shell:` runs in: the job's `defaults.run.shell`, else the
        // workflow's, else the runner's (bash, or PowerShell on Windows: read as commands too).
        let inherited = default_shell(node)
            .or_else(|| default_shell(root))
            .and_then(Node::as_str);
        let steps = node
            .get("steps")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .filter(|s| s.as_map().is_some())
            .map(|s| step_in(text, s, inherited))
            .collect();
        out.push(Job {
            id: entry.key.as_str().unwrap_or(""),
            key: &entry.key,
            node,
            uses,
            steps,
        });
    }
    out
}

fn uses_of(node: &Node) -> Option<Uses<'_>> {
    node.as_str().map(|v| Uses {
        node,
        target: Target::parse(v),
    })
}

/// `defaults.run.shell` of a job or workflow mapping.
pub(crate) fn default_shell(node: &Node) -> Option<&Node> {
    node.get("defaults")?.get("run")?.get("shell")
}

/// The program a `shell:` word names: its file name, lowercase, without `.exe`
/// (`C:\tools\bash.exe` → `bash`).
pub(crate) fn program_name(word: &str) -> String {
    let program = word.rsplit(['/', '\\']).next().unwrap_or("");
    let program = program.to_ascii_lowercase();
    program
        .strip_suffix(".exe")
        .map_or(program.clone(), str::to_string)
}

/// Whether a `shell:` value runs the script as commands, which the shell analysis reads:
/// `bash`, `sh`, a command line that runs a shell (`bash -el {0}`, `/usr/bin/zsh {0}`,
/// `pixi run bash -e {0}`; MSYS2's and WSL's bash: `msys2 {0}`, `wsl-bash {0}`), PowerShell
/// and `cmd` (whose simple commands, `gh pr create` or `pip install x`, read the same), or an expression
/// (`${{ matrix.shell }}`, unknown here). `python`, or another interpreter's command line
/// (`node {0}`, `perl {0}`), runs a program in that language: not read as commands.
pub fn runs_commands(shell: &str) -> bool {
    if shell.contains("${{") {
        return true;
    }
    // Any word of the command line: a wrapper runs a shell (`pixi run ... bash -e {0}`,
    // `script -q -e -c "bash --noprofile --norc {0}"`).
    shell.split_whitespace().any(|word| {
        matches!(
            program_name(word.trim_matches(['"', '\''])).as_str(),
            "bash"
                | "sh"
                | "zsh"
                | "dash"
                | "ksh"
                | "ash"
                | "fish"
                | "msys2"
                | "wsl-bash"
                | "pwsh"
                | "powershell"
                | "cmd"
        )
    })
}

/// A step's model (shared with composite actions, whose steps are written the same way and
/// name their shell).
pub fn step<'a>(text: &str, node: &'a Node) -> Step<'a> {
    step_in(text, node, None)
}

/// A step's model; `inherited` is the `defaults.run.shell` it runs in when it names none. A
/// `run:` script is analysed as shell only when that shell runs commands ([`runs_commands`]):
/// a Python script's `x = 7 // 2` is no command given `//`.
fn step_in<'a>(text: &str, node: &'a Node, inherited: Option<&str>) -> Step<'a> {
    let uses = node.get("uses").and_then(uses_of);
    let github_script = uses.as_ref().is_some_and(|u| {
        matches!(u.target, Target::Repository { action, .. }
            if action.eq_ignore_ascii_case("actions/github-script"))
    });
    let script = if let Some(run) = node.get("run").filter(|r| r.as_str().is_some()) {
        let value = run.as_str().unwrap_or("");
        let commands = match node.get("shell") {
            Some(shell) => shell.as_str().is_none_or(runs_commands),
            None => inherited.is_none_or(runs_commands),
        };
        Some(StepScript {
            kind: ScriptKind::Run,
            node: run,
            shell: if commands {
                shell::analyze(value, &BlockMap::new(text, run, value))
            } else {
                Script::default()
            },
            expressions: expressions(text, run),
        })
    } else {
        node.get("with")
            .and_then(|w| w.get("script"))
            .filter(|s| github_script && s.as_str().is_some())
            .map(|js| StepScript {
                kind: ScriptKind::GithubScript,
                node: js,
                shell: Script::default(),
                expressions: expressions(text, js),
            })
    };
    Step { node, uses, script }
}

/// All enabled workflow rules over one text, suppressions applied, sorted by position.
pub fn lint(path: &str, text: &str, config: &Config, related: Related<'_>) -> Vec<Diagnostic> {
    let (yaml, suppressions) = super::parse_yaml(text);
    let root = super::mapping_root(&yaml);
    let jobs = root.map(|r| jobs(text, r)).unwrap_or_default();
    let input = WorkflowInput {
        path,
        text,
        yaml: &yaml,
        root,
        jobs: &jobs,
        files: related.files,
    };
    let mut out = super::run_rules(
        text.len(),
        rules::workflow::RULES,
        config,
        &suppressions,
        |rule, cx| {
            if let Check::GithubWorkflow(check) = rule.check {
                check(&input, cx);
            }
        },
    );
    super::sort_once_per_anchor(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognised_by_content_with_on_jobs_and_a_runner() {
        assert!(by_content(
            "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"
        ));
        assert!(by_content(
            "'on': [push]\njobs:\n  call:\n    uses: o/r/.github/workflows/x.yml@v1\n"
        ));
        // CircleCI: jobs and workflows, no `on:`.
        assert!(!by_content(
            "version: 2.1\njobs:\n  build:\n    steps:\n      - checkout\nworkflows: {}\n"
        ));
        // Compose: services.
        assert!(!by_content("services:\n  web:\n    image: nginx\n"));
    }

    #[test]
    fn block_scalar_script_spans_are_exact() {
        for (header, eol) in [
            ("|", "\n"),
            (">", "\n"),
            (">-", "\n"),
            ("|+", "\n"),
            ("|", "\r\n"),
        ] {
            let text = format!(
                "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: {header}\n          echo hi\n\n          curl -s https://x.sh | sh\n"
            )
            .replace('\n', eol);
            let yaml = syntax::yaml::parse(&text);
            let jobs = jobs(&text, &yaml.documents[0]);
            let script = jobs[0].steps[0].script.as_ref().unwrap();
            let curl = script.shell.find("curl").next().unwrap();
            let at = text.find("curl").unwrap();
            assert_eq!(curl.span.start, at, "{header}");
            assert_eq!(&text[curl.span.start..curl.span.start + 4], "curl");
        }
    }

    #[test]
    fn expressions_and_their_paths() {
        let text = "run: echo \"${{ github.event.pull_request.title }}\" ${{ github.event.commits[0].message || 'x.y' }} ${{ toJSON(github) }}";
        let yaml = syntax::yaml::parse(text);
        let run = yaml.documents[0].get("run").unwrap();
        let found = expressions(text, run);
        let paths: Vec<_> = found
            .iter()
            .flat_map(|e| {
                e.paths
                    .iter()
                    .map(|(p, s)| (p.as_str(), &text[s.start..s.end]))
            })
            .collect();
        assert_eq!(
            paths,
            [
                (
                    "github.event.pull_request.title",
                    "github.event.pull_request.title"
                ),
                (
                    "github.event.commits.*.message",
                    "github.event.commits[0].message"
                ),
                ("github", "github"),
            ]
        );
        assert_eq!(
            &text[found[0].span.start..found[0].span.end],
            "${{ github.event.pull_request.title }}"
        );
    }

    #[test]
    fn boolean_expressions() {
        let text = "x: ${{ github.head_ref || '<none>' }} ${{ a == 'b' }} ${{ !cancelled() }}";
        let yaml = syntax::yaml::parse(text);
        let found = expressions(text, yaml.documents[0].get("x").unwrap());
        let booleans: Vec<bool> = found.iter().map(Expression::is_boolean).collect();
        assert_eq!(booleans, [false, true, true]);
    }

    #[test]
    fn paths_are_what_reaches_the_expansion() {
        let text = "x: ${{ github.event_name == 'pull_request' && github.event.pull_request.title || '' }} ${{ contains(github.event.pull_request.title, 'x') && 'a' || 'b' }}";
        let yaml = syntax::yaml::parse(text);
        let found = expressions(text, yaml.documents[0].get("x").unwrap());
        // The `cond && value || other` idiom expands to the value: a comparison in front
        // does not make it a boolean.
        assert!(!found[0].is_boolean());
        let paths: Vec<&str> = found[0].paths.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["github.event.pull_request.title"]);
        // A field only tested expands to nothing.
        assert!(found[1].paths.is_empty());
    }

    #[test]
    fn expressions_read_as_github_reads_quoted_scalars() {
        let text = "a: '${{ github.actor == ''x'' }}' # it's\nb: \"${{ github.ref == 'a\\u0062' }}\"\nc: ${{ '}}' }}\n";
        let yaml = syntax::yaml::parse(text);
        let get = |k| expressions(text, yaml.documents[0].get(k).unwrap());
        let a = get("a");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].inner, " github.actor == 'x' ");
        assert!(a[0].tree.is_ok() && a[0].is_boolean());
        assert_eq!(
            &text[a[0].span.start..a[0].span.end],
            "${{ github.actor == ''x'' }}"
        );
        let b = get("b");
        assert_eq!(b[0].inner, " github.ref == 'ab' ");
        // A span inside the expression maps to the source bytes, escapes and all.
        let Ok(tree) = &b[0].tree else { panic!() };
        let s = b[0].source(tree.span);
        assert_eq!(&text[s.start..s.end], "github.ref == 'a\\u0062'");
        let c = get("c");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].inner, " '}}' ");
    }

    #[test]
    fn sites_cover_conditions_and_skip_plain_text() {
        let text = "name: CI ${{ x }}\non:\n  workflow_dispatch:\n    inputs:\n      a:\n        description: ${{ y }}\nenv:\n  E: ${{ github.sha }}\njobs:\n  j:\n    if: github.ref == 'x'\n    runs-on: ubuntu-latest\n    steps:\n      - if: ${{ success() }}\n        run: echo ${{ env.E }}\n";
        let yaml = syntax::yaml::parse(text);
        let root = &yaml.documents[0];
        let jobs = jobs(text, root);
        let found: Vec<String> = sites(text, root, &jobs)
            .iter()
            .map(|s| {
                format!(
                    "{:?} {:?} {} {} {}",
                    s.job,
                    s.step,
                    s.key,
                    s.condition,
                    s.expression.inner.trim()
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                "None None env false github.sha",
                "Some(0) None if true github.ref == 'x'",
                "Some(0) Some(0) if true success()",
                "Some(0) Some(0) run false env.E",
            ]
        );
    }

    #[test]
    fn uses_targets() {
        assert_eq!(Target::parse("./.github/actions/x"), Target::Local);
        assert_eq!(
            Target::parse("docker://alpine:3"),
            Target::Docker("alpine:3")
        );
        assert_eq!(
            Target::parse("actions/aws/ec2@main"),
            Target::Repository {
                owner: "actions",
                repo: "aws",
                action: "actions/aws/ec2",
                git_ref: Some("main")
            }
        );
        assert_eq!(Target::parse("$/.github/workflows/x.yml"), Target::Unknown);
        assert_eq!(Target::parse("${{ matrix.action }}"), Target::Unknown);
        assert!(is_version_tag("v4") && is_version_tag("4.1") && is_version_tag("release/v1"));
        let called = |path, uses| local_workflow_name(path, uses);
        assert_eq!(
            called(
                "repo/.github/workflows/ci.yml",
                "./.github/workflows/build.yml"
            ),
            Some("build.yml")
        );
        assert_eq!(
            called(r".github\workflows\ci.yml", "./.github/workflows/b.yaml"),
            Some("b.yaml")
        );
        assert_eq!(called("ci.yml", "./.github/workflows/build.yml"), None);
        assert_eq!(
            called(".github/workflows/ci.yml", "o/r/.github/workflows/b.yml@v1"),
            None
        );
        assert_eq!(
            called(".github/workflows/ci.yml", "./.github/workflows/sub/b.yml"),
            None
        );
        assert!(!is_version_tag("main") && !is_version_tag("HEAD"));
    }
}
