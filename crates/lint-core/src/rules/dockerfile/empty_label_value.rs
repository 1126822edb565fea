use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds labels of the `label-schema` whose value is empty.
    ///
    /// ## Why is this bad?
    /// An empty required label satisfies the letter of the schema and none of its purpose.
    ///
    /// ## Example
    /// ```toml
    /// label-schema = { maintainer = "text" }
    /// ```
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer=""
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="Web team <web@example.com>"
    /// ```
    ///
    /// ## References
    /// - hadolint DL3051
    pub static RULE = {
        code: "DF075",
        name: "empty-label-value",
        severity: Warning,
        aliases: ["DL3051"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let schema = cx.config.label_schema.clone();
    for pair in super::label_pairs(input) {
        if schema.contains_key(&pair.key.value)
            && super::label_value(&pair.value.value).trim().is_empty()
        {
            cx.report(
                pair.key.span.cover(pair.value.span),
                format!("label `{}` is empty", pair.key.value),
            )
            .help("give the label a value");
        }
    }
}
