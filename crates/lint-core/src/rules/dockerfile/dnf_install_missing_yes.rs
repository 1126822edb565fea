use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `dnf install` (also `microdnf`, `tdnf`) without `-y`.
    ///
    /// ## Why is this bad?
    /// A build cannot answer dnf's confirmation prompt; without `-y` the install aborts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install nginx-1.26.1 && dnf clean all
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y nginx-1.26.1 && dnf clean all
    /// ```
    ///
    /// ## Fix safety
    /// Adding `-y` is safe.
    ///
    /// ## References
    /// - hadolint DL3038
    pub static RULE = {
        code: "DF051",
        name: "dnf-install-missing-yes",
        severity: Warning,
        aliases: ["DL3038"],
        fix: Always,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_missing_yes(input, cx, &pkg::DNF);
}
