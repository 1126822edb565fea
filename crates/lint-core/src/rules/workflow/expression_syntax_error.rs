use crate::kinds::workflow::{Expression, sites};
use crate::rule::{Context, WorkflowInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `${{ }}` expression, or an `if:` condition, that GitHub cannot parse, and points
    /// at the exact character where it stops making sense. Typical slips are a string in
    /// double quotes (expressions only have `'single'` ones), `=` for `==`, `and`/`or` for
    /// `&&`/`||`, an unbalanced parenthesis or quote, an empty `${{ }}`, and a `${{` whose `}}`
    /// is missing.
    ///
    /// It reads expressions where GitHub evaluates them: `run-name`, the top-level `env`,
    /// `defaults` and `concurrency`, the outputs of `on.workflow_call`, and all of `jobs`. A
    /// `}}` inside a string literal (`${{ '}}' }}`) does not end the expression, as on GitHub.
    ///
    /// ## Why is this bad?
    /// GitHub rejects the whole workflow file when it loads it ("Unexpected symbol", "The
    /// expression is not closed"), so none of its jobs run, and on a push or schedule trigger
    /// the failure is easy to miss.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     if: github.ref == "refs/heads/main"
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make deploy
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     if: github.ref == 'refs/heads/main'
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make deploy
    /// ```
    ///
    /// ## References
    /// - [GitHub: evaluate expressions in workflows and actions](https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions)
    /// - [actionlint: expression syntax](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-syntax-expression)
    pub static RULE = {
        code: "GA014",
        name: "expression-syntax-error",
        severity: Error,
        aliases: ["expression"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else {
        return;
    };
    for site in sites(input.text, root, input.jobs) {
        let e = &site.expression;
        let Some((span, message)) = e.error() else {
            continue;
        };
        cx.report(
            span,
            format!("the expression does not parse ({message}): GitHub refuses the workflow"),
        )
        .help(help(e, message));
    }
}

/// What to do about an expression that does not parse with `message` (shared with action
/// metadata's AC003).
pub(crate) fn help(e: &Expression, message: &str) -> &'static str {
    if !e.closed {
        "end the expression with `}}`"
    } else if message.contains("single quotes") {
        "write the string in single quotes: `'text'` (a quote inside is written `''`)"
    } else if e.inner.trim().is_empty() {
        "write an expression between the braces, or remove them"
    } else {
        "fix the expression: GitHub's operators are `!`, `<`, `<=`, `>`, `>=`, `==`, `!=`, `&&` and `||`"
    }
}
