use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// With a `label-schema` configured, finds a final stage (labels of the stages it builds on
    /// included) that lacks one of the schema's labels.
    ///
    /// ## Why is this bad?
    /// Teams require labels (owner, source URL, version) so that images can be traced back to a repo
    /// and a team; an image without them is an orphan in the registry.
    ///
    /// ## Example
    /// ```toml
    /// label-schema = { "org.opencontainers.image.source" = "url" }
    /// ```
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/acme/app"
    /// ```
    ///
    /// ## References
    /// - hadolint DL3049
    pub static RULE = {
        code: "DF073",
        name: "required-label-missing",
        severity: Info,
        aliases: ["DL3049"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    let Some(last) = model.final_stage() else {
        return;
    };
    let present: Vec<&str> = super::stage_labels(model, last)
        .iter()
        .map(|p| p.key.value.as_str())
        .collect();
    let missing: Vec<&String> = cx
        .config
        .label_schema
        .keys()
        .filter(|k| !present.contains(&k.as_str()))
        .collect();
    if missing.is_empty() {
        return;
    }
    let list = missing
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let from = &model.instructions()[last.from];
    cx.report(
        from.head_span(input.text),
        format!("the final image lacks the required label(s) {list}"),
    )
    .help("add them with LABEL (the label schema in rlint.toml or .hadolint.yaml requires them)");
}
