use crate::kinds::workflow::ScriptKind;
use crate::rule::{Context, WorkflowInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `${{ secrets.NAME }}` expression written inside a `run:` script. It does not
    /// report secrets passed through `env:` or `with:`, expressions that only test a secret
    /// (`${{ secrets.KEY != '' }}` expands to `true` or `false`), nor `secrets.GITHUB_TOKEN` (a
    /// token GitHub mints per run and revokes when the job ends).
    ///
    /// ## Why is this bad?
    /// GitHub pastes the secret's value into the script text: the value lands in the script file
    /// on the runner, in the command lines other processes can read, and any quote or `$` in it
    /// is read as shell syntax (a secret with a `"` breaks the step or runs part of itself).
    /// Log masking only hides the exact value; a value changed by the shell leaks in the log.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: echo "${{ secrets.ENV_VARS }}" >> .env
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: printf '%s\n' "$ENV_VARS" >> .env
    ///         env:
    ///           ENV_VARS: ${{ secrets.ENV_VARS }}
    /// ```
    ///
    /// ## References
    /// - [GitHub: using secrets in GitHub Actions](https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#using-secrets-in-a-workflow)
    /// - [GitHub: security hardening, using secrets](https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-secrets)
    pub static RULE = {
        code: "GA002",
        name: "secret-in-script",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for script in input.scripts().filter(|s| s.kind == ScriptKind::Run) {
        for expression in script.expressions.iter().filter(|e| !e.is_boolean()) {
            for (path, span) in &expression.paths {
                let Some(name) = path.strip_prefix("secrets.") else {
                    continue;
                };
                if name == "github_token" || name == "*" {
                    continue;
                }
                let name = input
                    .text
                    .get(span.start..span.end)
                    .and_then(|t| t.strip_prefix("secrets."))
                    .unwrap_or(name)
                    .to_string();
                cx.report(
                    expression.span,
                    format!(
                        "the secret `{name}` is pasted into the `run:` script: its value becomes script text, read by the shell"
                    ),
                )
                .help(format!(
                    "pass it through `env:` (`{name}: ${{{{ secrets.{name} }}}}`) and use `\"${name}\"` in the script"
                ));
            }
        }
    }
}
