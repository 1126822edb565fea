use crate::diagnostic::Span;
use crate::rule::{Context, WorkflowInput};
use crate::syntax::expr::{Expr, ExprKind};

crate::declare_rule! {
    /// ## What it does
    /// Finds expressions that hand a step every secret of the repository at once: the whole
    /// `secrets` context (`${{ toJSON(secrets) }}`, `${{ secrets }}`) or a secret chosen by a
    /// computed name (`${{ secrets[format('{0}_TOKEN', matrix.env)] }}`), which GitHub can only
    /// serve by sending them all to the runner.
    ///
    /// ## Why is this bad?
    /// A step should receive only the secrets it uses. With the whole context, every secret of
    /// the repository and organisation is on the runner (in an environment variable, a file, a
    /// log line if the step echoes it): one compromised action or dependency leaks them all,
    /// not only the one it needed.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: ./deploy.sh
    ///         env:
    ///           SECRETS: ${{ toJSON(secrets) }}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: ./deploy.sh
    ///         env:
    ///           DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}
    /// ```
    ///
    /// ## References
    /// - [GitHub: using secrets in GitHub Actions](https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions)
    /// - [zizmor: overprovisioned-secrets](https://docs.zizmor.sh/audits/#overprovisioned-secrets)
    pub static RULE = {
        code: "GA037",
        name: "secrets-overprovisioned",
        severity: Warning,
        aliases: ["overprovisioned-secrets"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    super::each_parsed(input, |site, tree| {
        let e = &site.expression;
        // `secrets.X` and `secrets['X']` read one secret: their `secrets` is not the whole.
        let single: std::collections::HashSet<*const Expr> = tree
            .walk()
            .into_iter()
            .filter_map(|n| match &n.kind {
                ExprKind::Property { object, .. } => Some(&**object as *const Expr),
                ExprKind::Index { object, index } if matches!(index.kind, ExprKind::String(_)) => {
                    Some(&**object as *const Expr)
                }
                _ => None,
            })
            .collect();
        let mut reported: Vec<Span> = Vec::new();
        for node in tree.walk() {
            let whole = match &node.kind {
                ExprKind::Index { object, index }
                    if is_secrets(object) && !matches!(index.kind, ExprKind::String(_)) =>
                {
                    Some((node.span, "a secret chosen by a computed name"))
                }
                ExprKind::Context(_)
                    if is_secrets(node) && !single.contains(&(node as *const Expr)) =>
                {
                    Some((node.span, "the whole `secrets` context"))
                }
                _ => None,
            };
            let Some((span, what)) = whole else { continue };
            if reported
                .iter()
                .any(|r| r.start <= span.start && span.end <= r.end)
            {
                continue;
            }
            reported.push(span);
            cx.report(
                e.source(span),
                format!(
                    "{what} sends every secret of the repository to the runner, not only the one the step uses"
                ),
            )
            .help("name each secret the step needs: `${{ secrets.DEPLOY_TOKEN }}`");
        }
    });
}

fn is_secrets(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Context(name) if name.eq_ignore_ascii_case("secrets"))
}
