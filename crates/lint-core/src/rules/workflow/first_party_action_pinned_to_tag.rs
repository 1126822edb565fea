use crate::kinds::workflow::{Target, is_commit_sha, is_version_tag};
use crate::rule::{Context, WorkflowInput};
use crate::rules::workflow::helpers::is_first_party;

crate::declare_rule! {
    /// ## What it does
    /// Finds a `uses:` that runs one of GitHub's own actions (`actions/*`, `github/*`) at a
    /// version tag (`actions/checkout@v4`) rather than a commit SHA: the first-party twin of
    /// GA004, for projects that pin every action. A first-party action whose pin rlint.toml
    /// configures (`[action-pins]`) is GA004's finding, with its fix, and not reported here.
    ///
    /// Off by default, and `info`: the tags of GitHub's own actions are moved by GitHub, the
    /// same party that runs the workflow, so pinning them guards against less than pinning a
    /// third party's; they are in nearly every workflow (on by default this would be most of
    /// what rlint reports on a typical repository); and GitHub's own starter workflows and
    /// documentation use the tags. Policies that ask for every action by SHA — zizmor's
    /// `unpinned-uses` since its 1.20 default, OpenSSF Scorecard's pinned dependencies — are
    /// met by turning it on (`select = ["GA032"]`, or the `strict` preset).
    ///
    /// ## Why is this bad?
    /// A tag is a pointer that can be moved to any commit; only a commit SHA names the code that
    /// will run. A compromised token or account of the action's maintainers, or a mistaken
    /// release, changes what every workflow on `@v4` runs from its next run on, without a
    /// change in the repository that uses it.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@v4
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
    /// ```
    ///
    /// ## References
    /// - [GitHub: security hardening, using third-party actions](https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions)
    /// - [zizmor: unpinned-uses](https://docs.zizmor.sh/audits/#unpinned-uses)
    pub static RULE = {
        code: "GA032",
        name: "first-party-action-pinned-to-tag",
        severity: Info,
        aliases: ["unpinned-uses"],
        fix: None,
        default: false,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for uses in input.uses() {
        let Target::Repository {
            owner,
            action,
            git_ref: Some(tag),
            ..
        } = uses.target
        else {
            continue;
        };
        if !is_first_party(owner)
            || !is_version_tag(tag)
            || is_commit_sha(tag)
            || cx.config.action_pin(action, tag).is_some()
        {
            continue;
        }
        cx.report(
            uses.node.span,
            format!("`{action}` runs at `{tag}`, a tag rather than a commit SHA"),
        )
        .help(format!(
            "pin the commit SHA the tag points at (`@<40 hex> # {tag}`), or configure it under `[action-pins]` for GA004's fix"
        ));
    }
}
