use crate::rule::{Context, WorkflowInput};

crate::declare_rule! {
    /// ## What it does
    /// Reports a workflow that is not valid YAML, at the exact position, with the usual causes
    /// named: a `//` "comment" (YAML comments start with `#`), text after a quoted value, tabs
    /// used for indentation, an alias to an anchor that does not exist, and aliases that would
    /// expand without bound (the shared YAML layer, as for Compose files: see DC000). A key
    /// written twice in one mapping (two `uses:` in a step, a job id repeated) is reported at
    /// the second, pointing at the first: GitHub refuses it ("'uses' is already defined")
    /// where other YAML readers silently keep one of the two.
    ///
    /// A file of more than 250,000 values (keys, values and list items: a generated file, never a
    /// hand-written one) is reported at the value past that, as a warning, and not checked
    /// further: the file may be valid, but holding its tree would cost hundreds of MB.
    ///
    /// ## Why is this bad?
    /// GitHub does not run a workflow it cannot parse: the run fails at once with "Invalid
    /// workflow file", and nothing else can be checked until the file parses.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test: // unit tests
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make test
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   # unit tests
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make test
    /// ```
    ///
    /// ## Fix safety
    /// A `//` "comment" becomes a `#` comment on its own line above the line it was on. Safe:
    /// GitHub refuses the file as written.
    ///
    /// ## References
    /// - [Workflow syntax for GitHub Actions](https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions)
    /// - [YAML 1.2.2: comments](https://yaml.org/spec/1.2.2/#comments)
    pub static RULE = {
        code: "GA000",
        name: "workflow-syntax-error",
        severity: Error,
        aliases: ["syntax-check"],
        always_on: true,
        fix: Sometimes,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    crate::rules::yaml::report_problems(input.text, input.yaml, cx);
    crate::rules::yaml::report_duplicate_keys(input.yaml, cx);
}
