use crate::rule::{ActionInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `${{ }}` expression, or an `if:` condition, in a composite action that GitHub
    /// cannot parse, and points at the exact character where it stops making sense: a string in
    /// double quotes (expressions only have `'single'` ones), `=` for `==`, `and`/`or` for
    /// `&&`/`||`, an unbalanced parenthesis or quote, an empty `${{ }}`, a `${{` whose `}}` is
    /// missing (the expression reading of `expression-syntax-error` in workflows).
    ///
    /// It reads expressions where GitHub evaluates them: everywhere in the steps, and the
    /// outputs' `value`. Descriptions and defaults are text to GitHub, and are not read.
    ///
    /// ## Why is this bad?
    /// The step fails in every caller's job when GitHub evaluates it ("Unexpected symbol",
    /// "The expression is not closed").
    ///
    /// ## Example
    /// ```yaml
    /// name: Deploy
    /// description: Deploys from main
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - if: github.ref == "refs/heads/main"
    ///       run: make deploy
    ///       shell: bash
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// name: Deploy
    /// description: Deploys from main
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - if: github.ref == 'refs/heads/main'
    ///       run: make deploy
    ///       shell: bash
    /// ```
    ///
    /// ## References
    /// - [GitHub: evaluate expressions in workflows and actions](https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions)
    pub static RULE = {
        code: "AC003",
        name: "action-expression-syntax-error",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: GithubAction(check),
    }
}

fn check(input: &ActionInput<'_>, cx: &mut Context<'_>) {
    for site in input.sites {
        let e = &site.expression;
        let Some((span, message)) = e.error() else {
            continue;
        };
        cx.report(
            span,
            format!("the expression does not parse ({message}): the step fails in every job that uses the action"),
        )
        .help(crate::rules::workflow::expression_syntax_error::help(e, message));
    }
}
