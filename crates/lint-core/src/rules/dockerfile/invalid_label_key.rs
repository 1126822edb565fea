use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds LABEL keys that break Docker's key format: lowercase letters, digits, `.` and `-`,
    /// starting with a letter and ending with a letter or digit, no doubled separators, and not in the namespaces
    /// Docker reserves (`com.docker.*`, `io.docker.*`, `org.dockerproject.*`).
    ///
    /// ## Why is this bad?
    /// Tools that read labels (registries, scanners, orchestrators) expect reverse-DNS, lower-case keys;
    /// others may be dropped or clash with Docker's own.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL Maintainer="Jane"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="Jane"
    /// ```
    ///
    /// ## References
    /// - hadolint DL3048; [Docker object labels](https://docs.docker.com/engine/manage-resources/labels/)
    pub static RULE = {
        code: "DF072",
        name: "invalid-label-key",
        severity: Style,
        aliases: ["DL3048"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

const RESERVED: [&str; 3] = ["com.docker.", "io.docker.", "org.dockerproject."];

fn problem(key: &str) -> Option<&'static str> {
    let key = key.trim_matches(|c| c == '"' || c == '\'');
    if key.contains('$') {
        return None;
    }
    if key.is_empty() {
        return Some("is empty");
    }
    if RESERVED.iter().any(|r| key.starts_with(r)) {
        return Some("uses a namespace Docker reserves");
    }
    if !key
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
    {
        return Some("may only hold lower-case letters, digits, `.` and `-`");
    }
    // Docker's guideline: keys "should begin and end with a lower-case letter"; a trailing digit
    // (`org.example.v2`) is common and harmless, a leading one is not a reverse-DNS name.
    if !key.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
        return Some("must start with a letter");
    }
    if !key
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return Some("must end with a letter or digit");
    }
    if key.contains("..") || key.contains("--") || key.contains(".-") || key.contains("-.") {
        return Some("must not repeat separators");
    }
    None
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for pair in super::label_pairs(input) {
        if let Some(why) = problem(&pair.key.value) {
            cx.report(pair.key.span, format!("label key `{}` {why}", pair.key.value))
                .help("use a reverse-DNS key such as `org.opencontainers.image.title` or `com.example.team`");
        }
    }
}
