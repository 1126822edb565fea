use crate::rule::{ActionInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports an `action.yml` that is not valid YAML, at the exact position, with the usual
    /// causes named: text after a quoted value, a `//` "comment" where YAML needs a key (YAML
    /// comments start with `#`), tabs used for indentation, an alias to an anchor that does not
    /// exist, and aliases that would expand without bound (the shared YAML reading of every
    /// YAML kind). A key written twice in one mapping is reported at the second, pointing at
    /// the first: the runner reads action metadata as GitHub reads workflows, and refuses it
    /// ("'uses' is already defined").
    ///
    /// A file of more than 250,000 values (keys, values and list items: a generated file, never a
    /// hand-written one) is reported at the value past that, as a warning, and not checked
    /// further: the file may be valid, but holding its tree would cost hundreds of MB.
    ///
    /// ## Why is this bad?
    /// GitHub cannot load the action: every workflow step that uses it fails with "Failed to
    /// load action.yml", and nothing else can be checked until the file parses.
    ///
    /// ## Example
    /// ```yaml
    /// name: Build
    /// description: Builds the project
    /// runs:
    ///   using: "composite" // the steps run in the caller's job
    ///   steps:
    ///     - run: make
    ///       shell: bash
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// name: Build
    /// description: Builds the project
    /// runs:
    ///   # the steps run in the caller's job
    ///   using: "composite"
    ///   steps:
    ///     - run: make
    ///       shell: bash
    /// ```
    ///
    /// ## Fix safety
    /// A `//` "comment" becomes a `#` comment on its own line above the line it was on. Safe:
    /// GitHub refuses the file as written.
    ///
    /// ## References
    /// - [GitHub: Metadata syntax for GitHub Actions](https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax)
    /// - [YAML 1.2.2: comments](https://yaml.org/spec/1.2.2/#comments)
    pub static RULE = {
        code: "AC000",
        name: "action-syntax-error",
        severity: Error,
        aliases: [],
        always_on: true,
        fix: Sometimes,
        check: GithubAction(check),
    }
}

fn check(input: &ActionInput<'_>, cx: &mut Context<'_>) {
    crate::rules::yaml::report_problems(input.text, input.yaml, cx);
    crate::rules::yaml::report_duplicate_keys(input.yaml, cx);
}
