use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds a RUN that installs with `dnf` (or `dnf5`, `microdnf`, `tdnf`; any install
    /// spelling of the dnf rules, `in` and `rei` included, or an upgrade) but does not run
    /// `dnf clean all` after it.
    ///
    /// ## Why is this bad?
    /// dnf's downloaded packages and metadata stay in the layer.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y nginx-1.26.1
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y nginx-1.26.1 && dnf clean all
    /// ```
    ///
    /// ## References
    /// - hadolint DL3040
    pub static RULE = {
        code: "DF052",
        name: "dnf-clean-missing",
        severity: Warning,
        aliases: ["DL3040"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_clean_missing(input, cx, &pkg::DNF);
}
