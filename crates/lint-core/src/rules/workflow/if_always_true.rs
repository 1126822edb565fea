use crate::rule::{Context, WorkflowInput};
use crate::syntax::expr;

crate::declare_rule! {
    /// ## What it does
    /// Finds a job's or step's `if:` that writes `${{ }}` beside other text — `if: ${{ a }} &&
    /// ${{ b }}`, `if: ${{ a }} == 'x'`, or a block scalar (`if: |`) whose value ends in a line
    /// break. GitHub then reads the value as a string with the expressions filled in, and a
    /// non-empty string is true.
    ///
    /// ## Why is this bad?
    /// The condition is always true: the step or job runs whatever the expressions say, so a
    /// deployment meant for `main` runs on every branch, or a clean-up meant for failures runs
    /// on every success.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make deploy
    ///         if: ${{ github.ref == 'refs/heads/main' }} && ${{ github.event_name == 'push' }}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make deploy
    ///         if: ${{ github.ref == 'refs/heads/main' && github.event_name == 'push' }}
    /// ```
    ///
    /// ## References
    /// - [Workflow syntax: `jobs.<job_id>.steps[*].if`](https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsif)
    /// - [actionlint: if-cond](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#if-cond-always-true)
    pub static RULE = {
        code: "GA018",
        name: "if-always-true",
        severity: Warning,
        aliases: ["if-cond", "expression"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let conditions = input.jobs.iter().flat_map(|j| {
        std::iter::once(j.node)
            .chain(j.steps.iter().map(|s| s.node))
            .filter_map(|n| n.get("if"))
    });
    for node in conditions {
        let Some(value) = node.as_str() else {
            continue;
        };
        let found = expr::find(value);
        let Some(first) = found.first() else {
            continue;
        };
        // An unclosed `${{` is a syntax error, for GA014.
        if found.iter().any(|f| f.close.is_none()) {
            continue;
        }
        let whole = found.len() == 1 && first.open == 0 && first.close == Some(value.len() - 2);
        if whole {
            continue;
        }
        let outside_is_blank = found.len() == 1
            && value.get(..first.open).is_some_and(|t| t.trim().is_empty())
            && first
                .close
                .and_then(|c| value.get(c + 2..))
                .is_some_and(|t| t.trim().is_empty());
        let extra = if found.len() > 1 {
            "more than one `${{ }}`"
        } else if outside_is_blank {
            "whitespace outside `${{ }}` (a space in the quotes, or the line break a `|` or `>` block keeps)"
        } else {
            "text outside `${{ }}`"
        };
        cx.report(
            node.span,
            format!("this `if:` has {extra}, so GitHub reads it as a non-empty string: it is always true"),
        )
        .help("write the whole condition inside one `${{ }}`, or drop the braces and write the bare expression");
    }
}
