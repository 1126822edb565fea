use crate::rule::{Context, WorkflowInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a script downloaded and run in one step in a `run:` script: the output of `curl` or
    /// `wget` piped into `sh`, `bash`, `python` and the like (the shared shell analysis, as DF036
    /// in a Dockerfile and TR008 in a `.travis.yml`). Off by default: vendors document such
    /// installers (rustup, Homebrew), and many projects accept them knowingly.
    ///
    /// ## Why is this bad?
    /// Whatever the server returns runs in the job, unverified, with the job's token and every
    /// secret passed to the step in its environment: a compromised host or a changed script gets
    /// them, and a truncated download runs half a script.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: |
    ///           curl -sSL https://get.example.com/install.sh | bash
    ///           make
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: |
    ///           curl -sSLo install.sh https://get.example.com/install.sh
    ///           echo "0bd0a5cb2b1a5cfa1d0a7dfad28dbe4fb9e5bc2e2c5a0e10a7f88e0a0e1bd9e3  install.sh" | sha256sum -c
    ///           bash install.sh
    ///           make
    /// ```
    /// or use a setup action pinned to a commit SHA.
    ///
    /// ## References
    /// - [GitHub: security hardening for GitHub Actions](https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions)
    pub static RULE = {
        code: "GA007",
        name: "workflow-remote-script-piped-to-shell",
        severity: Warning,
        aliases: [],
        fix: None,
        default: false,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for script in input.scripts() {
        crate::rules::shell::report_piped_script(
            cx,
            &script.shell,
            "the job",
            "download to a file, check its checksum, then run it — or use a pinned setup action",
        );
    }
}
