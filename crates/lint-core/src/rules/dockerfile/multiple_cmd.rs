use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds a stage with more than one `CMD`, and reports each one that a later `CMD` of the stage
    /// overrides (with three, the first two).
    ///
    /// ## Why is this bad?
    /// Only the last `CMD` of a stage takes effect; the earlier ones are silently dropped. Usually
    /// the author meant to run both commands, which needs a script or a process manager.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// CMD ["python", "migrate.py"]
    /// CMD ["python", "app.py"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// CMD ["sh", "-c", "python migrate.py && exec python app.py"]
    /// ```
    ///
    /// ## References
    /// - hadolint DL4003, BuildKit MultipleInstructionsDisallowed
    pub static RULE = {
        code: "DF012",
        name: "multiple-cmd",
        severity: Warning,
        aliases: ["DL4003", "MultipleInstructionsDisallowed"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_repeats(input, cx, Keyword::Cmd);
}
