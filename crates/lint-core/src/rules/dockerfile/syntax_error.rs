use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Reports what makes Docker refuse the Dockerfile: unknown instructions, a wrong number of
    /// arguments, unknown or malformed flags, unterminated heredocs, JSON that is not an array of
    /// strings, invalid parser directives.
    ///
    /// ## Why is this bad?
    /// `docker build` stops at the first of these with an error, often after minutes of earlier
    /// steps. rlint reports every one of them with its position, and keeps linting the rest of the
    /// file (hadolint stops at the first parse error and reports nothing else).
    ///
    /// This rule cannot be turned off or suppressed: the file does not build.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPPY . /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY . /app
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
    pub static RULE = {
        code: "DF000",
        name: "syntax-error",
        severity: Error,
        aliases: ["DL1000"],
        always_on: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for e in input.syntax_errors {
        let d = cx.report(e.span, e.message.clone());
        if let Some(help) = &e.help {
            d.help(help.clone());
        }
    }
}
