use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds a stage with more than one `ENTRYPOINT`, and reports each one that a later `ENTRYPOINT`
    /// of the stage overrides (with three, the first two).
    ///
    /// ## Why is this bad?
    /// Only the last `ENTRYPOINT` takes effect; the earlier ones are dead code that misleads readers.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENTRYPOINT ["/bin/setup"]
    /// ENTRYPOINT ["/bin/app"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENTRYPOINT ["/bin/app"]
    /// ```
    ///
    /// ## References
    /// - hadolint DL4004, BuildKit MultipleInstructionsDisallowed
    pub static RULE = {
        code: "DF013",
        name: "multiple-entrypoint",
        severity: Error,
        aliases: ["DL4004", "MultipleInstructionsDisallowed"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_repeats(input, cx, Keyword::Entrypoint);
}
