use crate::rule::{Context, WorkflowInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a workflow without a top-level `permissions:` whose jobs do not all declare their
    /// own, so those jobs run with the repository's default `GITHUB_TOKEN` permissions.
    ///
    /// Off by default and `info`: whether the default is too much is a repository setting the
    /// file does not show. Repositories and organisations created since February 2023 default
    /// to a read-only token, and many older ones have switched; there a missing block costs
    /// nothing, and a finding on nearly every workflow of the corpus would drown the rest. Turn
    /// it on where the default is still read-write, or to make each workflow say what it needs
    /// whatever the setting.
    ///
    /// ## Why is this bad?
    /// Under the old read-write default, every job gets a token that can push code, create
    /// releases and edit issues, whether it needs to or not; a compromised step inherits all of
    /// it. A `permissions:` block makes the token's reach part of the reviewed file, and
    /// unchanged when someone flips the repository setting.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make test
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// permissions:
    ///   contents: read
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make test
    /// ```
    ///
    /// ## References
    /// - [GitHub: controlling permissions for GITHUB_TOKEN](https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token)
    /// - [GitHub: the default GITHUB_TOKEN permissions](https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token)
    /// - [zizmor: excessive-permissions](https://docs.zizmor.sh/audits/#excessive-permissions)
    pub static RULE = {
        code: "GA027",
        name: "permissions-not-declared",
        severity: Info,
        aliases: ["excessive-permissions"],
        fix: None,
        default: false,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else {
        return;
    };
    let Some(jobs) = root.entry("jobs") else {
        return;
    };
    if root.get("permissions").is_some() {
        return;
    }
    let open: Vec<&str> = input
        .jobs
        .iter()
        .filter(|j| j.node.get("permissions").is_none())
        .map(|j| j.id)
        .collect();
    let Some(first) = open.first() else {
        return;
    };
    let jobs_named = if open.len() == 1 {
        format!("the job `{first}` sets none either: it runs")
    } else {
        format!(
            "{} jobs (`{first}`, ...) set none either: they run",
            open.len()
        )
    };
    cx.report(
        jobs.key.span,
        format!(
            "the workflow has no `permissions:` and {jobs_named} with the repository's default token permissions"
        ),
    )
    .help("add a top-level `permissions:` (`contents: read`), and give jobs that write the scopes they need");
}
