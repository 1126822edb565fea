use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `FROM --platform=$TARGETPLATFORM`.
    ///
    /// ## Why is this bad?
    /// `$TARGETPLATFORM` is what FROM uses anyway: the flag says nothing and suggests a cross-build
    /// that is not happening. (`$BUILDPLATFORM` is the one that changes behaviour.)
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$TARGETPLATFORM alpine:3.20
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Fix safety
    /// Removing the flag is safe: it is the default.
    ///
    /// ## References
    /// - hadolint DL3065, BuildKit RedundantTargetPlatform
    pub static RULE = {
        code: "DF071",
        name: "redundant-target-platform",
        severity: Warning,
        aliases: ["DL3065", "RedundantTargetPlatform"],
        fix: Always,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, flag) in super::platform_flags(input) {
        let value = flag.value().unwrap_or("");
        if value == "$TARGETPLATFORM" || value == "${TARGETPLATFORM}" {
            let end = input.text[flag.span.end..]
                .find(|c: char| !c.is_whitespace())
                .map_or(flag.span.end, |n| flag.span.end + n);
            cx.report(
                flag.span,
                "`--platform=$TARGETPLATFORM` is the default and can be removed",
            )
            .help("drop the flag")
            .fix(Fix::safe(
                "remove the flag",
                vec![Edit::delete(crate::Span::new(flag.span.start, end))],
            ));
        }
    }
}
