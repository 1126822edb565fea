use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `FROM --platform=` with a constant (`linux/amd64`) rather than `$BUILDPLATFORM` or
    /// `$TARGETPLATFORM`. A stage named after the platform (`AS build-amd64`) is left alone.
    ///
    /// ## Why is this bad?
    /// A constant platform makes the image build for that platform whatever `--platform` the user asks
    /// for: on an arm64 machine it runs emulated, slowly, and multi-platform builds ship the wrong binary.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 node:20-alpine
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM node:20-alpine
    /// ```
    ///
    /// ## References
    /// - hadolint DL3029, BuildKit FromPlatformFlagConstDisallowed
    pub static RULE = {
        code: "DF070",
        name: "from-platform-constant",
        severity: Warning,
        aliases: ["DL3029", "FromPlatformFlagConstDisallowed"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (stage, flag) in super::platform_flags(input) {
        let value = flag.value().unwrap_or("");
        if value.contains('$') {
            continue;
        }
        let named_for_it = stage.key().is_some_and(|name| {
            value
                .split('/')
                .any(|part| !part.is_empty() && name.contains(&part.to_ascii_lowercase()))
        });
        if !named_for_it {
            cx.report(
                flag.span,
                format!("FROM --platform={value} pins the platform whatever the build asks for"),
            )
            .help("use `--platform=$BUILDPLATFORM` for build tools, or drop the flag");
        }
    }
}
