use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds a RUN that installs with `zypper` but does not run `zypper clean`.
    ///
    /// ## Why is this bad?
    /// zypper's cache stays in the layer, bloating the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -n curl=8.6.0
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -n curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## References
    /// - hadolint DL3036
    pub static RULE = {
        code: "DF049",
        name: "zypper-clean-missing",
        severity: Warning,
        aliases: ["DL3036"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_clean_missing(input, cx, &pkg::ZYPPER);
}
