use crate::kinds::workflow::Target;
use crate::rule::{Context, WorkflowInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `secrets: inherit` on a job that calls a reusable workflow from another repository
    /// (`uses: org/repo/.github/workflows/deploy.yml@v1`). A call to a workflow of the same
    /// repository (`uses: ./.github/workflows/deploy.yml`) is not reported: its code is
    /// reviewed in the same pull requests as the caller's.
    ///
    /// Off by default and `info`: calling an organisation's shared workflows with `secrets:
    /// inherit` is the pattern GitHub documents for them, and whether the other repository is
    /// trusted as much as this one is not something the file says. Turn it on to keep the
    /// secrets a remote workflow receives to the ones it names.
    ///
    /// ## Why is this bad?
    /// `inherit` passes every secret the caller can read — repository, environment and
    /// organisation secrets — to code maintained elsewhere, including secrets added later for
    /// unrelated jobs. Whoever can push to the called workflow's ref can read them all. Passing
    /// secrets by name documents what the workflow needs and limits what a compromise of it
    /// exposes.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     uses: acme/shared-workflows/.github/workflows/deploy.yml@v2
    ///     secrets: inherit
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     uses: acme/shared-workflows/.github/workflows/deploy.yml@v2
    ///     secrets:
    ///       deploy-key: ${{ secrets.DEPLOY_KEY }}
    /// ```
    ///
    /// ## References
    /// - [GitHub: reusing workflows, passing secrets](https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow)
    /// - [zizmor: secrets-inherit](https://docs.zizmor.sh/audits/#secrets-inherit)
    pub static RULE = {
        code: "GA025",
        name: "secrets-inherited-by-remote-workflow",
        severity: Info,
        aliases: ["secrets-inherit"],
        fix: None,
        default: false,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for job in input.jobs {
        let Some(uses) = &job.uses else {
            continue;
        };
        let Target::Repository { owner, repo, .. } = uses.target else {
            continue;
        };
        let Some(secrets) = job
            .node
            .get("secrets")
            .filter(|s| s.as_str().is_some_and(|v| v.trim() == "inherit"))
        else {
            continue;
        };
        cx.report(
            secrets.span,
            format!(
                "the job `{}` passes every secret of this repository to a workflow of `{owner}/{repo}`",
                job.id
            ),
        )
        .label(uses.node.span, "maintained in another repository")
        .help("pass the secrets it needs by name (`secrets: {name: ${{ secrets.NAME }}}`)");
    }
}
