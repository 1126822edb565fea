use crate::kinds::workflow::{Target, Uses, is_commit_sha, is_version_tag};
use crate::rule::{Context, WorkflowInput};
use crate::rules::workflow::helpers::pin_fix;

crate::declare_rule! {
    /// ## What it does
    /// Finds a `uses:` that runs an action or reusable workflow from another repository at a
    /// branch (`@master`, `@main`, `@dev`) or without any ref. A full 40-character commit SHA is
    /// pinned; a version tag (`@v4`, `@4.1`) or a maintenance branch named after one (`@release/v1`,
    /// which its owners move like a major tag) is left to GA004 (information only); local actions
    /// (`./...`), `docker://` images and references built from expressions are not this rule's
    /// business.
    ///
    /// ## Why is this bad?
    /// A branch moves: every run takes whatever was pushed last, so one compromised or careless
    /// push to that repository runs in your job with your secrets and token, and yesterday's
    /// green build cannot be reproduced. (A remote `uses:` without a ref is refused by GitHub: `workflow-schema` reports it.)
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: appleboy/ssh-action@master
    ///         with:
    ///           script: ./deploy.sh
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: appleboy/ssh-action@029f5b4aeeeb58fdfe1410a5d17f967dacf36262 # v1.0.3
    ///         with:
    ///           script: ./deploy.sh
    /// ```
    ///
    /// ## Fix safety
    /// Safe, when rlint.toml gives the commit for this action and branch (rlint cannot look it
    /// up offline, and which commit to trust is the user's call):
    ///
    /// ```toml
    /// [action-pins]
    /// "appleboy/ssh-action@master" = "<40-hex commit SHA>"
    /// ```
    ///
    /// The ref becomes the SHA and `# master` follows the value when the line has no comment.
    ///
    /// ## References
    /// - [GitHub: security hardening, using third-party actions](https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions)
    /// - [zizmor: unpinned-uses](https://docs.zizmor.sh/audits/#unpinned-uses)
    pub static RULE = {
        code: "GA003",
        name: "action-pinned-to-branch",
        severity: Warning,
        aliases: ["unpinned-uses"],
        fix: Sometimes,
        default: true,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for uses in input.uses() {
        // A remote `uses:` without a ref is refused by GitHub: GA010's, as an error.
        if matches!(uses.target, Target::Repository { git_ref: None, .. }) {
            continue;
        }
        report_branch_ref(cx, input.text, uses, "every run takes");
    }
}

/// Reports `uses` when it runs an action at a branch or with no ref, where `takes` says what
/// runs it ("every run takes"), with the pin from `rlint.toml` as the fix (shared with
/// composite actions' AC007).
pub(crate) fn report_branch_ref(cx: &mut Context<'_>, text: &str, uses: &Uses<'_>, takes: &str) {
    let Target::Repository {
        action, git_ref, ..
    } = uses.target
    else {
        return;
    };
    match git_ref {
        Some(r) if is_commit_sha(r) || is_version_tag(r) => {}
        Some(branch) => {
            let pin = cx.config.action_pin(action, branch);
            let d = cx
                .report(
                    uses.node.span,
                    format!(
                        "`{action}` runs at the branch `{branch}`: {takes} whatever was last pushed to it"
                    ),
                )
                .help("pin a full commit SHA (`@<40 hex> # v1.2.3`); Dependabot and Renovate keep such pins up to date");
            if let Some(fix) = pin.and_then(|sha| pin_fix(text, uses, branch, sha)) {
                d.fix(fix);
            }
        }
        None => {
            cx.report(
                uses.node.span,
                format!("`{action}` has no ref: GitHub needs one, and only a commit SHA pins it"),
            )
            .help("add `@` and a full commit SHA (`@<40 hex> # v1.2.3`)");
        }
    }
}
