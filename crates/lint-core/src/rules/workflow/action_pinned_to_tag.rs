use crate::kinds::workflow::{Target, is_commit_sha, is_version_tag};
use crate::rule::{Context, WorkflowInput};
use crate::rules::workflow::helpers::{is_first_party, pin_fix};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `uses:` that runs a third-party action at a version tag (`@v2`, `@4.1`) rather
    /// than a commit SHA, and a `docker://` image without a `@sha256:` digest. First-party
    /// actions (`actions/*`, `github/*`) at a tag are not reported (GA032, off by default,
    /// reports them for projects that pin everything). Information only: tags are
    /// the common, documented way to use actions and many projects accept the trade, so the
    /// finding never fails a run by itself; GitHub's security hardening guide and zizmor's
    /// `unpinned-uses` ask for SHAs, and a project that does can raise it to an error
    /// (`[severity]` `GA004 = "error"` in rlint.toml).
    ///
    /// ## Why is this bad?
    /// A tag can be moved to any commit by whoever controls the repository (as happened to
    /// `tj-actions/changed-files` in March 2025, whose tags were all pointed at a commit that
    /// dumped secrets into build logs). Only a commit SHA or an image digest is immutable.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: burnett01/rsync-deployments@4.1
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: burnett01/rsync-deployments@0dc935cdecc5f5e571865e60d2a6cdc673704823 # 4.1
    /// ```
    ///
    /// ## Fix safety
    /// Safe, when rlint.toml gives the commit the tag stands for (rlint cannot look it up
    /// offline, and which commit to trust is the user's call); a pin configured for a
    /// first-party action makes its `uses:` reported and fixed too:
    ///
    /// ```toml
    /// [action-pins]
    /// "burnett01/rsync-deployments@4.1" = "0dc935cdecc5f5e571865e60d2a6cdc673704823"
    /// "actions/checkout@v4" = "11bd71901bbe5b1630ceea73d27597364c9af683"
    /// ```
    ///
    /// The ref becomes the SHA and `# 4.1` follows the value when the line has no comment.
    ///
    /// ## References
    /// - [GitHub: security hardening, using third-party actions](https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions)
    /// - [CVE-2025-30066 (tj-actions/changed-files)](https://nvd.nist.gov/vuln/detail/CVE-2025-30066)
    /// - [zizmor: unpinned-uses](https://docs.zizmor.sh/audits/#unpinned-uses)
    pub static RULE = {
        code: "GA004",
        name: "action-pinned-to-tag",
        severity: Info,
        aliases: ["unpinned-uses"],
        fix: Sometimes,
        default: true,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for uses in input.uses() {
        match uses.target {
            Target::Docker(image) if !image.contains("@sha256:") && !image.contains("${{") => {
                cx.report(
                    uses.node.span,
                    format!("the image `{image}` is not pinned to a digest: its tag can be moved"),
                )
                .help("pin the digest: `docker://image:tag@sha256:...`");
            }
            Target::Repository {
                owner,
                action,
                git_ref: Some(tag),
                ..
            } if is_version_tag(tag) && !is_commit_sha(tag) => {
                // First-party actions are left alone, unless the user configured their pin.
                let pin = cx.config.action_pin(action, tag);
                if pin.is_none() && is_first_party(owner) {
                    continue;
                }
                let d = cx
                    .report(
                        uses.node.span,
                        format!(
                            "`{action}` runs at `{tag}`, a version ref whoever controls the repository can move"
                        ),
                    )
                    .help(format!("pin the commit SHA the tag points at (`@<40 hex> # {tag}`)"));
                if let Some(fix) = pin.and_then(|sha| pin_fix(input.text, uses, tag, sha)) {
                    d.fix(fix);
                }
            }
            _ => {}
        }
    }
}
