use crate::diagnostic::Span;
use crate::kinds::workflow::ScriptKind;
use crate::rule::{Context, WorkflowInput};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Finds `ACTIONS_ALLOW_UNSECURE_COMMANDS` set to `true` in an `env:` of the workflow, a
    /// job or a step, or written to `$GITHUB_ENV` by a `run:` script.
    ///
    /// ## Why is this bad?
    /// The variable turns the `set-env` and `add-path` workflow commands back on, which GitHub
    /// disabled in 2020 because any text a step prints can carry them: a log line that includes
    /// an issue title, a test name or a dependency's output containing `::set-env
    /// name=NODE_OPTIONS::--require /tmp/x.js` then sets variables, and so runs code, in every
    /// later step of the job.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     env:
    ///       ACTIONS_ALLOW_UNSECURE_COMMANDS: true
    ///     steps:
    ///       - run: echo "::add-path::$HOME/.local/bin"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: echo "$HOME/.local/bin" >> "$GITHUB_PATH"
    /// ```
    ///
    /// ## References
    /// - [GitHub changelog: deprecating set-env and add-path commands](https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/)
    /// - [GitHub: workflow commands, environment files](https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#environment-files)
    /// - [zizmor: insecure-commands](https://docs.zizmor.sh/audits/#insecure-commands)
    /// - Checkov CKV_GHA_1
    pub static RULE = {
        code: "GA024",
        name: "unsecure-commands-allowed",
        severity: Error,
        aliases: ["insecure-commands", "CKV_GHA_1"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

const NAME: &str = "ACTIONS_ALLOW_UNSECURE_COMMANDS";

/// The runner reads the variable as a boolean: `true` or `1`.
fn enables(value: &str) -> bool {
    let v = value.trim().trim_matches(['"', '\'']);
    v.eq_ignore_ascii_case("true") || v == "1"
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let mut envs: Vec<(&Node, String)> = Vec::new();
    if let Some(env) = input.root.and_then(|r| r.get("env")) {
        envs.push((env, "every job of the workflow".into()));
    }
    for job in input.jobs {
        if let Some(env) = job.node.get("env") {
            envs.push((env, format!("the job `{}`", job.id)));
        }
        for step in &job.steps {
            if let Some(env) = step.node.get("env") {
                envs.push((env, format!("a step of the job `{}`", job.id)));
            }
        }
    }
    for (env, scope) in envs {
        let Some(entry) = env.entry(NAME) else {
            continue;
        };
        if entry.value.as_str().is_some_and(enables) {
            report(cx, entry.value.span, &scope);
        }
    }
    for script in input.scripts().filter(|s| s.kind == ScriptKind::Run) {
        let Some(raw) = input.text.get(script.node.span.start..script.node.span.end) else {
            continue;
        };
        let mut from = 0;
        while let Some(at) = raw.get(from..).and_then(|r| r.find(NAME)).map(|i| from + i) {
            from = at + NAME.len();
            let value = raw.get(from..).and_then(|r| r.strip_prefix('=')).map(|r| {
                r.split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or("")
            });
            if value.is_some_and(enables) {
                let start = script.node.span.start + at;
                report(
                    cx,
                    Span::new(start, start + NAME.len()),
                    "the later steps of the job",
                );
            }
        }
    }
}

fn report(cx: &mut Context<'_>, span: Span, scope: &str) {
    cx.report(
        span,
        format!(
            "`{NAME}` turns the `set-env` and `add-path` commands back on for {scope}: any text a step prints can then set variables and run code"
        ),
    )
    .help("remove it; write variables to `$GITHUB_ENV` and paths to `$GITHUB_PATH` instead, and update actions that still print `::set-env`");
}
