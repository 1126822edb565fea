use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `zypper install` of packages without a version (`curl=8.6.0`).
    ///
    /// ## Why is this bad?
    /// Unpinned packages make two builds of one Dockerfile differ.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -n curl && zypper clean
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -n curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## References
    /// - hadolint DL3037
    pub static RULE = {
        code: "DF050",
        name: "zypper-install-unpinned",
        severity: Warning,
        aliases: ["DL3037"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_unpinned(
        input,
        cx,
        &pkg::ZYPPER,
        "`zypper install <package>=<version>`",
    );
}
