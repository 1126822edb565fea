use crate::kinds::workflow::sites;
use crate::rule::{Context, WorkflowInput};
use crate::syntax::expr::ExprKind;

crate::declare_rule! {
    /// ## What it does
    /// Finds a name in a `${{ }}` expression or an `if:` condition that is none of GitHub's
    /// contexts — `github`, `env`, `vars`, `job`, `jobs`, `steps`, `runner`, `secrets`,
    /// `strategy`, `matrix`, `needs` and `inputs` — with the nearest context when one is
    /// close. Names ignore case, as on GitHub.
    ///
    /// It only reports names no workflow can use anywhere; a context read where GitHub does
    /// not provide it (`steps` in a job's `runs-on:`) is GA019's.
    ///
    /// ## Why is this bad?
    /// GitHub refuses the workflow ("Unrecognized named-value") before any job runs. The name
    /// is usually a typo (`github.event` written `gihub.event`), a bare word meant as a string
    /// (`if: github.ref_name == main`, where `main` needs quotes), or a shell variable written
    /// inside the braces.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     if: github.ref_name == main
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
    ///     if: github.ref_name == 'main'
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make deploy
    /// ```
    ///
    /// ## References
    /// - [GitHub: contexts reference](https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/accessing-contextual-information-about-workflow-runs)
    /// - [actionlint: contexts and built-in functions](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-contexts-and-builtin-func)
    pub static RULE = {
        code: "GA016",
        name: "expression-unknown-context",
        severity: Error,
        aliases: ["expression"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

pub(super) const CONTEXTS: [&str; 12] = [
    "github", "env", "vars", "job", "jobs", "steps", "runner", "secrets", "strategy", "matrix",
    "needs", "inputs",
];

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else {
        return;
    };
    for site in sites(input.text, root, input.jobs) {
        let e = &site.expression;
        let Ok(tree) = &e.tree else {
            continue;
        };
        for node in tree.walk() {
            let ExprKind::Context(name) = &node.kind else {
                continue;
            };
            if CONTEXTS.iter().any(|c| c.eq_ignore_ascii_case(name)) {
                continue;
            }
            let d = cx.report(
                e.source(node.span),
                format!("`{name}` is not a context GitHub knows: it refuses the workflow"),
            );
            match crate::suggest::did_you_mean(name, &CONTEXTS) {
                Some(near) => d.help(format!("did you mean `{near}`?")),
                None => d.help(format!(
                    "write text in single quotes (`'{name}'`), or read one of the contexts: {}",
                    CONTEXTS.join(", ")
                )),
            };
        }
    }
}
