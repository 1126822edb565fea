use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds the `MAINTAINER` instruction.
    ///
    /// ## Why is this bad?
    /// `MAINTAINER` has been deprecated since Docker 1.13. The standard way to name the author is
    /// the `org.opencontainers.image.authors` label, which registries and scanners read.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// MAINTAINER Jane Doe <jane@example.com>
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces the instruction by the label; it is safe.
    ///
    /// ## References
    /// - [Dockerfile reference: MAINTAINER (deprecated)](https://docs.docker.com/reference/dockerfile/#maintainer-deprecated)
    /// - hadolint DL4000, BuildKit MaintainerDeprecated
    pub static RULE = {
        code: "DF004",
        name: "maintainer-deprecated",
        severity: Error,
        aliases: ["DL4000", "MaintainerDeprecated"],
        fix: Always,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        if ins.keyword != Keyword::Maintainer {
            continue;
        }
        let author = ins.rest().value.trim();
        let escaped = author.replace('\\', "\\\\").replace('"', "\\\"");
        let span = ins.head_span(input.text);
        cx.report(span, "MAINTAINER is deprecated")
            .help("use `LABEL org.opencontainers.image.authors=\"...\"` instead")
            .fix(Fix::safe(
                "replace with an org.opencontainers.image.authors label",
                vec![Edit::replace(
                    crate::Span::new(ins.keyword_word.span.start, ins.span.end),
                    format!("LABEL org.opencontainers.image.authors=\"{escaped}\""),
                )],
            ));
    }
}
