use crate::rule::{Context, WorkflowInput};
use crate::syntax::expr::ExprKind;

crate::declare_rule! {
    /// ## What it does
    /// Finds `contains()` given a string as the list to search and a value someone chooses as
    /// the item: `contains('refs/heads/main refs/heads/develop', github.ref)`. On a string,
    /// `contains()` tests for a substring, so every part of the text passes too. It checks the
    /// values a pusher or an outsider writes: `github.ref`, `github.ref_name`,
    /// `github.head_ref`, `github.base_ref`, `github.actor`, `github.triggering_actor`, branch
    /// and ref fields of the event, and the titles, bodies and messages outsiders write. A
    /// value from a fixed set (`github.event_name`, `runner.os`, a `matrix` value) is left
    /// alone: no value of it is a dangerous substring.
    ///
    /// ## Why is this bad?
    /// The condition meant "the branch is `main` or `develop`", but a branch named `main`
    /// (ref `refs/heads/main`) is not the only one that passes: the ref of a branch called
    /// `mai` is `refs/heads/mai`, a substring too. Whoever can push or open a pull request
    /// from such a branch runs the deploy the condition guards.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     if: contains('refs/heads/main refs/heads/develop', github.ref)
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: ./deploy.sh
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     if: contains(fromJSON('["refs/heads/main", "refs/heads/develop"]'), github.ref)
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: ./deploy.sh
    /// ```
    ///
    /// ## References
    /// - [GitHub: expressions — contains](https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#contains)
    /// - [zizmor: unsound-contains](https://docs.zizmor.sh/audits/#unsound-contains)
    pub static RULE = {
        code: "GA039",
        name: "contains-substring-check",
        severity: Warning,
        aliases: ["unsound-contains"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// Values whose text a pusher or an outsider chooses (`*`: any one segment).
const CHOSEN: &[&str] = &[
    "github.ref",
    "github.ref_name",
    "github.head_ref",
    "github.base_ref",
    "github.actor",
    "github.triggering_actor",
    "github.event.ref",
    "github.event.base_ref",
    "github.event.pull_request.head.ref",
    "github.event.pull_request.head.label",
    "github.event.pull_request.base.ref",
    "github.event.pull_request.title",
    "github.event.pull_request.body",
    "github.event.pull_request.user.login",
    "github.event.issue.title",
    "github.event.issue.body",
    "github.event.comment.body",
    "github.event.review.body",
    "github.event.head_commit.message",
    "github.event.workflow_run.head_branch",
    "github.event.workflow_run.display_title",
    "github.event.sender.login",
    "github.event.release.tag_name",
    "inputs.*",
];

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    super::each_parsed(input, |site, tree| {
        let e = &site.expression;
        for node in tree.walk() {
            let ExprKind::Call { name, args, .. } = &node.kind else {
                continue;
            };
            if !name.eq_ignore_ascii_case("contains") || args.len() != 2 {
                continue;
            }
            let (ExprKind::String(text), Some(path)) = (&args[0].kind, args[1].path()) else {
                continue;
            };
            let path = path.join(".");
            if !super::untrusted_input_in_script::matches_any(CHOSEN, &path) {
                continue;
            }
            let items: Vec<&str> = text
                .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
                .filter(|s| !s.is_empty())
                .collect();
            let help = if items.is_empty() {
                "compare with `==`".to_string()
            } else {
                let list = items
                    .iter()
                    .map(|i| format!("\"{}\"", i.replace('\\', "\\\\").replace('"', "\\\"")))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!(
                    "search a list, not a string: `contains(fromJSON('[{list}]'), {path})`{}",
                    if items.len() == 1 {
                        format!(", or compare: `{path} == '{}'`", items[0])
                    } else {
                        String::new()
                    }
                )
            };
            cx.report(
                e.source(node.span),
                format!(
                    "`contains()` on a string tests for a substring: any part of '{}' passes as `{path}`, not only the whole values",
                    shorten(text)
                ),
            )
            .help(help);
        }
    });
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= 60 {
        return text.to_string();
    }
    let cut: String = text.chars().take(57).collect();
    format!("{cut}...")
}
