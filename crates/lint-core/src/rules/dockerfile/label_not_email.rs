use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// With a `label-schema` that declares a label as `email`, finds values that are not an email address.
    ///
    /// ## Why is this bad?
    /// Labels are read by machines (registries, scanners, deployment tooling); a malformed value is
    /// silently ignored or breaks the tool that parses it.
    ///
    /// ## Example
    /// ```toml
    /// label-schema = { "maintainer" = "email" }
    /// ```
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="Web team"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="web@example.com"
    /// ```
    ///
    /// ## References
    /// - hadolint DL3058
    pub static RULE = {
        code: "DF081",
        name: "label-not-email",
        severity: Warning,
        aliases: ["DL3058"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_label_format(input, cx, "email", valid, "an email address");
}

fn valid(v: &str) -> bool {
    let addr = match (v.find('<'), v.rfind('>')) {
        (Some(a), Some(b)) if a < b => &v[a + 1..b],
        _ => v,
    };
    match addr.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !local.contains(char::is_whitespace)
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && domain
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        }
        None => false,
    }
}
