use crate::rule::{ActionInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds a composite action's step that uses another action at a branch (`@main`,
    /// `@master`) or with no ref at all, as `action-pinned-to-branch` does in workflows. A tag
    /// or a commit SHA is left alone; local actions (`./path`) and `docker://` images too.
    ///
    /// ## Why is this bad?
    /// Every job that uses this action then runs whatever was last pushed to that branch, with
    /// the job's token and secrets: one compromised push upstream reaches every caller, and the
    /// callers cannot pin it themselves.
    ///
    /// ## Example
    /// ```yaml
    /// name: Setup
    /// description: Sets up the toolchain
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - uses: example/setup-tool@main
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// name: Setup
    /// description: Sets up the toolchain
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - uses: example/setup-tool@0123456789abcdef0123456789abcdef01234567 # v1.2.3
    /// ```
    ///
    /// ## Fix safety
    /// Safe, when rlint.toml gives the commit for this action and branch, as for
    /// `action-pinned-to-branch` (`[action-pins]`, `"example/setup-tool@main" = "<40-hex SHA>"`):
    /// the ref becomes the SHA and `# main` follows the value when the line has no comment.
    ///
    /// ## References
    /// - [GitHub: security hardening, using third-party actions](https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions)
    pub static RULE = {
        code: "AC007",
        name: "action-step-pinned-to-branch",
        severity: Warning,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: GithubAction(check),
    }
}

fn check(input: &ActionInput<'_>, cx: &mut Context<'_>) {
    for uses in input.action.steps.iter().filter_map(|s| s.uses.as_ref()) {
        crate::rules::workflow::action_pinned_to_branch::report_branch_ref(
            cx,
            input.text,
            uses,
            "every job using this action takes",
        );
    }
}
