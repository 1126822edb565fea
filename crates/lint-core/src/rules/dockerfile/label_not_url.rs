use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// With a `label-schema` that declares a label as `url`, finds values that are not a URL.
    ///
    /// ## Why is this bad?
    /// Labels are read by machines (registries, scanners, deployment tooling); a malformed value is
    /// silently ignored or breaks the tool that parses it.
    ///
    /// ## Example
    /// ```toml
    /// label-schema = { "org.opencontainers.image.source" = "url" }
    /// ```
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="github.com/acme/app"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/acme/app"
    /// ```
    ///
    /// ## References
    /// - hadolint DL3052
    pub static RULE = {
        code: "DF076",
        name: "label-not-url",
        severity: Warning,
        aliases: ["DL3052"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_label_format(input, cx, "url", valid, "a URL");
}

fn valid(v: &str) -> bool {
    match v.split_once("://") {
        Some((scheme, rest)) => {
            !rest.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        }
        None => v.starts_with("mailto:") && v.len() > 7,
    }
}
