use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `zypper install` of packages without a version (`curl=8.6.0`).
    ///
    /// A version given as a variable (`curl=$CURL_VERSION`) counts as pinned when an `ARG` or `ENV` of the
    /// stage (before the RUN, or of a stage it builds on) or the RUN itself (`V=...`,
    /// `--mount=...,env=V`) defines it; otherwise it expands to an empty version and is
    /// reported. An `ARG` before the first `FROM` is in scope only where the stage declares
    /// `ARG V` again; `${V:-1.2}` and versions with literal text around the variable are taken
    /// as given. A variable the base image sets with `ENV` cannot be seen: declare it with `ARG`.
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
