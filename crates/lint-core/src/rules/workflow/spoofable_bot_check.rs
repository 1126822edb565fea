use crate::rule::{Context, WorkflowInput};
use crate::syntax::expr::{BinaryOp, Expr, ExprKind};

crate::declare_rule! {
    /// ## What it does
    /// In a workflow that runs with the base repository's token and secrets for other people's
    /// pull requests (`pull_request_target`), finds an `if:` that trusts a change
    /// because `github.actor` (or `github.triggering_actor`) is a bot:
    /// `github.actor == 'dependabot[bot]'`, `endsWith(github.actor, '[bot]')`.
    ///
    /// ## Why is this bad?
    /// `github.actor` is whoever caused the latest event, not the author of the pull request.
    /// Anyone can make a bot that event's actor — open a pull request from a fork whose branch
    /// Dependabot then updates, or have the bot rebase it — and the privileged job the condition
    /// guards (auto-merge, a deploy, a write with the token) runs on their code.
    ///
    /// ## Example
    /// ```yaml
    /// on: pull_request_target
    /// jobs:
    ///   automerge:
    ///     if: github.actor == 'dependabot[bot]'
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: gh pr merge --auto --squash "$PR"
    ///         env:
    ///           PR: ${{ github.event.pull_request.html_url }}
    ///           GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: pull_request_target
    /// jobs:
    ///   automerge:
    ///     if: github.event.pull_request.user.login == 'dependabot[bot]'
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: gh pr merge --auto --squash "$PR"
    ///         env:
    ///           PR: ${{ github.event.pull_request.html_url }}
    ///           GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}
    /// ```
    ///
    /// ## References
    /// - [GitHub: automating Dependabot with GitHub Actions](https://docs.github.com/en/code-security/dependabot/working-with-dependabot/automating-dependabot-with-github-actions)
    /// - [Synacktiv: GitHub Actions exploitation, Dependabot](https://www.synacktiv.com/en/publications/github-actions-exploitation-dependabot)
    /// - [zizmor: bot-conditions](https://docs.zizmor.sh/audits/#bot-conditions)
    pub static RULE = {
        code: "GA040",
        name: "spoofable-bot-check",
        severity: Warning,
        aliases: ["bot-conditions"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// The event whose runs hold the base repository's token and secrets for a pull request's
/// change, with the pull request's author at hand to check instead.
const PRIVILEGED: &[&str] = &["pull_request_target"];

fn is_actor(e: &Expr) -> bool {
    e.path().is_some_and(|p| {
        p.len() == 2 && p[0] == "github" && (p[1] == "actor" || p[1] == "triggering_actor")
    })
}

fn is_bot_text(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::String(s) if s.to_ascii_lowercase().ends_with("[bot]"))
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    let events = super::events(Some(root));
    let Some(event) = events
        .iter()
        .map(|(name, _)| *name)
        .find(|name| PRIVILEGED.contains(name))
    else {
        return;
    };
    super::each_parsed(input, |site, tree| {
        if !site.condition {
            return;
        }
        let e = &site.expression;
        for node in tree.walk() {
            let bot = node
                .walk()
                .into_iter()
                .find_map(|n| match &n.kind {
                    ExprKind::String(s)
                        if s.to_ascii_lowercase().ends_with("[bot]") && s.len() > 5 =>
                    {
                        Some(s.clone())
                    }
                    _ => None,
                })
                .unwrap_or_else(|| "dependabot[bot]".to_string());
            let actor = match &node.kind {
                ExprKind::Binary {
                    op: BinaryOp::Eq,
                    left,
                    right,
                } if (is_actor(left) && is_bot_text(right))
                    || (is_actor(right) && is_bot_text(left)) =>
                {
                    if is_actor(left) {
                        left
                    } else {
                        right
                    }
                }
                ExprKind::Call { name, args, .. }
                    if ["endswith", "contains", "startswith"]
                        .contains(&name.to_ascii_lowercase().as_str())
                        && args.len() == 2
                        && is_actor(&args[0])
                        && matches!(&args[1].kind, ExprKind::String(s) if s.to_ascii_lowercase().contains("[bot]")) =>
                {
                    &args[0]
                }
                _ => continue,
            };
            let actor = actor.path().unwrap_or_default().join(".");
            cx.report(
                e.source(node.span),
                format!(
                    "`{actor}` is whoever caused the latest event, not the pull request's author: in a `{event}` workflow anyone can make a bot that actor and pass this check"
                ),
            )
            .help(format!(
                "check the author of the change: `github.event.pull_request.user.login == '{bot}'`"
            ));
        }
    });
}
