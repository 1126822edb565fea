use crate::kinds::workflow::sites;
use crate::rule::{Context, WorkflowInput};
use crate::syntax::expr::ExprKind;

crate::declare_rule! {
    /// ## What it does
    /// Finds a context read where GitHub does not provide it, in the places whose contexts are
    /// fixed and well known: `secrets` in a step's `if:`, `env`, `matrix` or `steps` in a job's
    /// `if:`, `steps` or `env` in `runs-on:`, and the like. It checks job and step `if:`, a job's
    /// `runs-on`, `name` and `strategy`, the top-level `run-name`, `env` and `concurrency`, and
    /// the outputs of `on.workflow_call`; other places are not judged.
    ///
    /// ## Why is this bad?
    /// GitHub refuses the workflow ("Unrecognized named-value: 'secrets'") before any job runs.
    /// A job's `if:` is decided before the job has a matrix, an environment or steps, and a
    /// step's `if:` cannot see secrets: to test a secret, copy it into the step's or job's `env:`
    /// and test `env.NAME`.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - if: secrets.DEPLOY_KEY != ''
    ///         run: ./deploy
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     env:
    ///       HAS_KEY: ${{ secrets.DEPLOY_KEY != '' }}
    ///     steps:
    ///       - if: env.HAS_KEY == 'true'
    ///         run: ./deploy
    /// ```
    ///
    /// ## References
    /// - [GitHub: context availability](https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/accessing-contextual-information-about-workflow-runs#context-availability)
    /// - [actionlint: contexts and special functions availability](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#ctx-spfunc-availability)
    pub static RULE = {
        code: "GA019",
        name: "expression-context-unavailable",
        severity: Error,
        aliases: ["expression"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// The contexts GitHub provides at a place (`None`: not judged). `job`: whether the place is
/// in a job; `step`: in a step.
fn available(key: &str, job: bool, step: bool) -> Option<&'static [&'static str]> {
    Some(match (key, job, step) {
        ("if", true, true) => &[
            "github", "needs", "strategy", "matrix", "job", "runner", "env", "vars", "steps",
            "inputs",
        ],
        ("if", true, false) => &["github", "needs", "vars", "inputs"],
        ("strategy", true, false) => &["github", "needs", "vars", "inputs"],
        ("runs-on" | "name", true, false) => {
            &["github", "needs", "strategy", "matrix", "vars", "inputs"]
        }
        ("run-name" | "concurrency", false, _) => &["github", "inputs", "vars"],
        ("env", false, _) => &["github", "secrets", "inputs", "vars"],
        ("on", false, _) => &["github", "jobs", "vars", "inputs"],
        _ => return None,
    })
}

/// How the place is named in a message.
fn place(key: &str, job: bool, step: bool) -> String {
    match (job, step) {
        (true, true) => format!("a step's `{key}:`"),
        (true, false) => format!("a job's `{key}:`"),
        _ if key == "on" => "the outputs of `on.workflow_call`".to_string(),
        _ => format!("the top-level `{key}:`"),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else {
        return;
    };
    for site in sites(input.text, root, input.jobs) {
        let (job, step) = (site.job.is_some(), site.step.is_some());
        let Some(contexts) = available(&site.key, job, step) else {
            continue;
        };
        let e = &site.expression;
        let Ok(tree) = &e.tree else {
            continue;
        };
        for node in tree.walk() {
            let ExprKind::Context(name) = &node.kind else {
                continue;
            };
            let lower = name.to_ascii_lowercase();
            // Names that are no context at all are GA016's.
            if !super::expression_unknown_context::CONTEXTS.contains(&lower.as_str())
                || contexts.contains(&lower.as_str())
            {
                continue;
            }
            let here = place(&site.key, job, step);
            let help = match (lower.as_str(), site.key.as_str(), step) {
                ("secrets", "if", true) => {
                    "copy the secret into `env:` (`HAS_KEY: ${{ secrets.KEY != '' }}`) and test `env.HAS_KEY`".to_string()
                }
                _ => format!("here GitHub provides {}", contexts.join(", ")),
            };
            cx.report(
                e.source(node.span),
                format!("`{name}` is not available in {here}: GitHub refuses the workflow"),
            )
            .help(help);
        }
    }
}
