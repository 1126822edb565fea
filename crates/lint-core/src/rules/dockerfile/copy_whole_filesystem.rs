use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `COPY --from=<stage> / /`: copying a whole filesystem.
    ///
    /// ## Why is this bad?
    /// It copies everything — package databases, caches, `/etc/passwd`, device nodes — over the target,
    /// and hides what the stage really contributes. Copy the directories you need.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// FROM alpine:3.20
    /// COPY --from=build / /
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// FROM alpine:3.20
    /// COPY --from=build /out/app /usr/local/bin/app
    /// ```
    ///
    /// ## References
    /// - hadolint DL3067
    pub static RULE = {
        code: "DF069",
        name: "copy-whole-filesystem",
        severity: Warning,
        aliases: ["DL3067"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in input
        .df
        .instructions
        .iter()
        .filter(|i| i.keyword == Keyword::Copy && i.flag("from").is_some())
    {
        let sources = &ins.args[..ins.args.len().saturating_sub(1)];
        if sources.iter().any(|s| s.value == "/") {
            cx.report(
                ins.head_span(input.text),
                "COPY --from of `/` copies a whole filesystem",
            )
            .help("copy only the directories the image needs");
        }
    }
}
