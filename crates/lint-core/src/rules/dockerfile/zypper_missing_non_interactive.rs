use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `zypper install` without `-n` / `--non-interactive` (or `-y`).
    ///
    /// ## Why is this bad?
    /// zypper asks for confirmation; a build cannot answer and the install aborts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -n curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## Fix safety
    /// Adding `-n` is safe.
    ///
    /// ## References
    /// - hadolint DL3034
    pub static RULE = {
        code: "DF047",
        name: "zypper-missing-non-interactive",
        severity: Warning,
        aliases: ["DL3034"],
        fix: Always,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_missing_yes(input, cx, &pkg::ZYPPER);
}
