use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds instructions other than `ARG` before the first `FROM`, and Dockerfiles without `FROM`.
    ///
    /// ## Why is this bad?
    /// Every build stage starts with `FROM`; only `ARG` (and comments and parser directives) may
    /// come before it. Docker refuses anything else.
    ///
    /// ## Example
    /// ```dockerfile
    /// ENV APP_HOME=/app
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/app
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    /// - hadolint DL3061
    pub static RULE = {
        code: "DF026",
        name: "instruction-before-from",
        severity: Error,
        aliases: ["DL3061"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let no_from = input.model.stages.is_empty();
    for ins in &input.df.instructions[input.model.preamble.clone()] {
        if matches!(ins.keyword, Keyword::Arg | Keyword::Unknown) {
            continue;
        }
        let name = ins.keyword_word.value.to_ascii_uppercase();
        let message = if no_from {
            format!("{name} with no FROM: a Dockerfile must start a build stage with FROM")
        } else {
            format!("{name} before the first FROM: only ARG may come before FROM")
        };
        cx.report(ins.head_span(input.text), message)
            .help("start the file with `FROM <image>` and move this instruction after it");
    }
}
