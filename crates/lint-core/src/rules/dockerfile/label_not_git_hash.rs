use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// With a `label-schema` that declares a label as `hash`, finds values that are not a git commit hash.
    ///
    /// ## Why is this bad?
    /// Labels are read by machines (registries, scanners, deployment tooling); a malformed value is
    /// silently ignored or breaks the tool that parses it.
    ///
    /// ## Example
    /// ```toml
    /// label-schema = { "org.opencontainers.image.revision" = "hash" }
    /// ```
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.revision="main"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.revision="5f1c0e3b9a7d4c2e8f6a1b0c9d8e7f6a5b4c3d2e"
    /// ```
    ///
    /// ## References
    /// - hadolint DL3055
    pub static RULE = {
        code: "DF079",
        name: "label-not-git-hash",
        severity: Warning,
        aliases: ["DL3055"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_label_format(input, cx, "hash", valid, "a git commit hash");
}

fn valid(v: &str) -> bool {
    (7..=40).contains(&v.len()) && v.chars().all(|c| c.is_ascii_hexdigit())
}
