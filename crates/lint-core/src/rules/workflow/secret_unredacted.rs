use crate::rule::{Context, WorkflowInput};
use crate::syntax::expr::{Expr, ExprKind};

crate::declare_rule! {
    /// ## What it does
    /// Finds a field taken out of a secret that holds JSON: `${{ fromJSON(secrets.CREDS).password }}`
    /// (or `['password']`). GitHub masks a secret's value in the logs as it was stored, the
    /// whole JSON text; the field taken out of it is a new string the runner has never been
    /// told to mask.
    ///
    /// ## Why is this bad?
    /// The extracted password is printed in clear wherever it appears in a log: a command
    /// echoed by `set -x`, an error message, an action's debug output. Anyone who can read the
    /// workflow's logs (on a public repository, anyone) can read it.
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
    ///           PASSWORD: ${{ fromJSON(secrets.CREDS).password }}
    /// ```
    ///
    /// ## Use instead
    /// Store each field as its own secret:
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: ./deploy.sh
    ///         env:
    ///           PASSWORD: ${{ secrets.CREDS_PASSWORD }}
    /// ```
    /// or register the field with the runner before it is used (`echo "::add-mask::$value"`).
    ///
    /// ## References
    /// - [GitHub: using secrets — structured data as a secret](https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#using-secrets-in-a-workflow)
    /// - [zizmor: unredacted-secrets](https://docs.zizmor.sh/audits/#unredacted-secrets)
    pub static RULE = {
        code: "GA038",
        name: "secret-field-unredacted",
        severity: Warning,
        aliases: ["unredacted-secrets"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    super::each_parsed(input, |site, tree| {
        let e = &site.expression;
        for node in tree.walk() {
            let object = match &node.kind {
                ExprKind::Property { object, .. } | ExprKind::Index { object, .. } => object,
                _ => continue,
            };
            let ExprKind::Call { name, args, .. } = &object.kind else {
                continue;
            };
            let Some(secret) = args.first().filter(|a| reads_secret(a)) else {
                continue;
            };
            if !name.eq_ignore_ascii_case("fromjson") {
                continue;
            }
            let secret = e
                .inner
                .get(secret.span.start..secret.span.end)
                .unwrap_or("secrets");
            cx.report(
                e.source(node.span),
                format!(
                    "a field of `{secret}` parsed as JSON is a new string GitHub does not mask: it shows in clear in the logs"
                ),
            )
            .help("store the field as a secret of its own, or mask it (`echo \"::add-mask::$VALUE\"`) before it is used");
        }
    });
}

/// `secrets.X` or `secrets['X']`.
fn reads_secret(e: &Expr) -> bool {
    e.path()
        .is_some_and(|p| p.len() == 2 && p[0] == "secrets" && p[1] != "*")
}
