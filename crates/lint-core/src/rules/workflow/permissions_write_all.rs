use crate::rule::{Context, WorkflowInput};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Finds `permissions: write-all`, for the whole workflow or for one job. It does not report
    /// a list of write scopes (`contents: write`, `pull-requests: write`), which is what a job
    /// that needs to write should say, nor a workflow without `permissions:` at all (GA027
    /// reports one whose jobs write).
    ///
    /// ## Why is this bad?
    /// `write-all` gives the job's `GITHUB_TOKEN` every write scope there is: pushing code and
    /// tags, editing releases, packages, issues and pull requests, changing workflow runs,
    /// minting OIDC tokens for your cloud accounts. Any step that is compromised — a hijacked
    /// action, an injected script, a poisoned dependency — can then do all of that. Naming the
    /// scopes the job uses bounds the damage to them.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// permissions: write-all
    /// jobs:
    ///   release:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: gh release create "$GITHUB_REF_NAME"
    ///         env:
    ///           GH_TOKEN: ${{ github.token }}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// permissions:
    ///   contents: write
    /// jobs:
    ///   release:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: gh release create "$GITHUB_REF_NAME"
    ///         env:
    ///           GH_TOKEN: ${{ github.token }}
    /// ```
    ///
    /// ## References
    /// - [GitHub: controlling permissions for GITHUB_TOKEN](https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token)
    /// - [zizmor: excessive-permissions](https://docs.zizmor.sh/audits/#excessive-permissions)
    /// - Checkov CKV2_GHA_1
    pub static RULE = {
        code: "GA022",
        name: "permissions-write-all",
        severity: Warning,
        aliases: ["excessive-permissions", "CKV2_GHA_1"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let write_all = |node: Option<&Node>| {
        node.filter(|p| p.as_str().is_some_and(|v| v.trim() == "write-all"))
            .map(|p| p.span)
    };
    if let Some(span) = write_all(input.root.and_then(|r| r.get("permissions"))) {
        cx.report(
            span,
            "`permissions: write-all` gives every job's token every write scope",
        )
        .help("list the scopes the jobs use (`contents: write`, `pull-requests: write`), `contents: read` otherwise");
    }
    for job in input.jobs {
        if let Some(span) = write_all(job.node.get("permissions")) {
            cx.report(
                span,
                format!(
                    "`permissions: write-all` gives the token of the job `{}` every write scope",
                    job.id
                ),
            )
            .help("list the scopes the job uses (`contents: write`, `pull-requests: write`)");
        }
    }
}
