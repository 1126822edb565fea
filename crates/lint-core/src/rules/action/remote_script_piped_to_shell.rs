use crate::rule::{ActionInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds a script downloaded and run in one step in a composite action's `run:` step: the
    /// output of `curl` or `wget` piped into `sh`, `bash`, `python` and the like — the check
    /// `workflow-remote-script-piped-to-shell` (GA007) makes in workflows, over the same shell
    /// analysis. Off by default, as GA007: vendors document such installers (rustup, Homebrew),
    /// and many projects accept them knowingly.
    ///
    /// ## Why is this bad?
    /// Whatever the server returns runs in every job that uses the action, unverified, with the
    /// job's token and the secrets passed to the step: pinning the action to a commit does not pin
    /// what its script downloads, so a compromised host or a changed script reaches every caller.
    ///
    /// ## Example
    /// ```yaml
    /// name: Setup
    /// description: Installs the tool
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - run: curl -sSL https://get.example.com/install.sh | bash
    ///       shell: bash
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// name: Setup
    /// description: Installs the tool
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - run: |
    ///         curl -sSLo install.sh https://get.example.com/install.sh
    ///         echo "0bd0a5cb2b1a5cfa1d0a7dfad28dbe4fb9e5bc2e2c5a0e10a7f88e0a0e1bd9e3  install.sh" | sha256sum -c
    ///         bash install.sh
    ///       shell: bash
    /// ```
    ///
    /// ## References
    /// - [GitHub: security hardening for GitHub Actions](https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions)
    pub static RULE = {
        code: "AC010",
        name: "action-remote-script-piped-to-shell",
        severity: Warning,
        aliases: [],
        fix: None,
        default: false,
        check: GithubAction(check),
    }
}

fn check(input: &ActionInput<'_>, cx: &mut Context<'_>) {
    for script in input.action.steps.iter().filter_map(|s| s.script.as_ref()) {
        crate::rules::shell::report_piped_script(
            cx,
            &script.shell,
            "every job that uses the action",
            "download to a file, check its checksum, then run it — or install a pinned release",
        );
    }
}
