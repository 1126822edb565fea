use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds a stage with more than one `HEALTHCHECK`, and reports each one that a later
    /// `HEALTHCHECK` of the stage overrides (with three, the first two).
    ///
    /// ## Why is this bad?
    /// Only the last `HEALTHCHECK` applies; the earlier checks never run.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK CMD curl -f http://localhost/ || exit 1
    /// HEALTHCHECK CMD wget -q -O /dev/null http://localhost/ || exit 1
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK CMD curl -f http://localhost/ || exit 1
    /// ```
    ///
    /// ## References
    /// - hadolint DL3012, BuildKit MultipleInstructionsDisallowed
    pub static RULE = {
        code: "DF027",
        name: "multiple-healthcheck",
        severity: Error,
        aliases: ["DL3012", "MultipleInstructionsDisallowed"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_repeats(input, cx, Keyword::Healthcheck);
}
