use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports services not in alphabetical order. Off by default; a style rule of dclint's,
    /// with its fix (each service moves with its comments).
    ///
    /// ## Why is this bad?
    /// In a long file, sorted services are found without searching.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///   api:
    ///     image: acme/api:2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: acme/api:2
    ///   web:
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## References
    /// - dclint `services-alphabetical-order`
    pub static RULE = {
        code: "DC035",
        name: "unsorted-services",
        severity: Style,
        aliases: ["services-alphabetical-order"],
        fix: Sometimes,
        default: false,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let Some(entry) = input.root.and_then(|r| r.entry("services")) else {
        return;
    };
    let blocks: Vec<(String, crate::Span)> = entry
        .value
        .as_map()
        .unwrap_or_default()
        .iter()
        .filter(|e| !e.merged)
        .map(|e| {
            (
                crate::syntax::yaml::key_text(&e.key),
                e.key.span.cover(e.value.span),
            )
        })
        .collect();
    let mut sorted: Vec<&String> = blocks.iter().map(|(k, _)| k).collect();
    sorted.sort();
    if blocks.iter().map(|(k, _)| k).eq(sorted.iter().copied()) {
        return;
    }
    let d = cx
        .report(entry.key.span, "services are not in alphabetical order")
        .help("sort the services by name");
    if let Some(fix) = super::reorder_fix(input.text, &blocks, "sort the services") {
        d.fix(fix);
    }
}
