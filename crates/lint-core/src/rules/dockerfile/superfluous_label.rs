use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// With `strict-labels` on, finds labels that the `label-schema` does not declare.
    ///
    /// ## Why is this bad?
    /// A strict schema keeps labels consistent across a fleet of images; an undeclared label is usually
    /// a typo of a declared one or a leftover.
    ///
    /// ## Example
    /// ```toml
    /// strict-labels = true
    /// label-schema = { "org.opencontainers.image.source" = "url" }
    /// ```
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/acme/app" team="web"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/acme/app"
    /// ```
    ///
    /// ## References
    /// - hadolint DL3050
    pub static RULE = {
        code: "DF074",
        name: "superfluous-label",
        severity: Info,
        aliases: ["DL3050"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    if !cx.config.strict_labels {
        return;
    }
    let schema = cx.config.label_schema.clone();
    for pair in super::label_pairs(input) {
        if !schema.contains_key(&pair.key.value) {
            cx.report(
                pair.key.span,
                format!("label `{}` is not in the label schema", pair.key.value),
            )
            .help("declare it in `label-schema`, or remove it");
        }
    }
}
