use crate::rule::{ActionInput, Context};
use crate::syntax::expr::ExprKind;

crate::declare_rule! {
    /// ## What it does
    /// Finds the `secrets` context read in a composite action (`${{ secrets.NPM_TOKEN }}`).
    /// An action cannot read its caller's secrets: only a workflow can, and it passes what the
    /// action needs as an input.
    ///
    /// ## Why is this bad?
    /// GitHub fails the step in every job that uses the action ("Unrecognized named-value:
    /// 'secrets'").
    ///
    /// ## Example
    /// ```yaml
    /// name: Publish
    /// description: Publishes the package
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - run: npm publish
    ///       shell: bash
    ///       env:
    ///         NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// name: Publish
    /// description: Publishes the package
    /// inputs:
    ///   npm-token:
    ///     description: The npm token (pass `secrets.NPM_TOKEN`)
    ///     required: true
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - run: npm publish
    ///       shell: bash
    ///       env:
    ///         NODE_AUTH_TOKEN: ${{ inputs.npm-token }}
    /// ```
    ///
    /// ## References
    /// - [GitHub: contexts, context availability](https://docs.github.com/en/actions/reference/workflows-and-actions/contexts#context-availability)
    pub static RULE = {
        code: "AC006",
        name: "action-secrets-context",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: GithubAction(check),
    }
}

fn check(input: &ActionInput<'_>, cx: &mut Context<'_>) {
    for site in input.sites {
        let Ok(tree) = &site.expression.tree else {
            continue;
        };
        for node in tree.walk() {
            match &node.kind {
                ExprKind::Context(name) if name.eq_ignore_ascii_case("secrets") => {
                    cx.report(
                        site.expression.source(node.span),
                        "an action cannot read the `secrets` context: the step fails in every job that uses the action",
                    )
                    .help("declare an input for the secret and have the workflow pass it (`with: token: ${{ secrets.TOKEN }}`)");
                }
                _ => {}
            }
        }
    }
}
