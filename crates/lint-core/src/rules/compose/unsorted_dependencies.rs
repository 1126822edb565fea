use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports `depends_on` entries that are not in alphabetical order. Off by default; a style
    /// rule of dclint's, with its fix.
    ///
    /// ## Why is this bad?
    /// Sorted lists are quicker to scan and produce smaller diffs when entries are added.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: acme/api:2
    ///     depends_on: [redis, db]
    ///   db:
    ///     image: postgres:17
    ///   redis:
    ///     image: redis:7.4
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: acme/api:2
    ///     depends_on: [db, redis]
    ///   db:
    ///     image: postgres:17
    ///   redis:
    ///     image: redis:7.4
    /// ```
    ///
    /// ## References
    /// - dclint `service-dependencies-alphabetical-order`
    pub static RULE = {
        code: "DC032",
        name: "unsorted-dependencies",
        severity: Style,
        aliases: ["service-dependencies-alphabetical-order"],
        fix: Sometimes,
        default: false,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for s in input.services() {
        let Some(entry) = s.node.entry("depends_on") else {
            continue;
        };
        let blocks: Vec<(String, crate::Span)> = match entry.value.as_seq() {
            Some(items) => items
                .iter()
                .filter_map(|i| Some((i.as_str()?.to_string(), i.span)))
                .collect(),
            None => entry
                .value
                .as_map()
                .unwrap_or_default()
                .iter()
                .map(|e| {
                    (
                        crate::syntax::yaml::key_text(&e.key),
                        e.key.span.cover(e.value.span),
                    )
                })
                .collect(),
        };
        let Some(fix) = super::reorder_fix(input.text, &blocks, "sort `depends_on`") else {
            continue;
        };
        cx.report(
            entry.key.span,
            format!("`depends_on` of `{}` is not sorted", s.name),
        )
        .help("list dependencies alphabetically")
        .fix(fix);
    }
}
