use crate::rule::{ComposeInput, Context};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports `ports` entries not sorted by published (else container) port. Off by default;
    /// a style rule of dclint's, with its fix.
    ///
    /// ## Why is this bad?
    /// A sorted list makes a port published twice easy to see.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     ports:
    ///       - "127.0.0.1:8443:443"
    ///       - "127.0.0.1:8080:80"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     ports:
    ///       - "127.0.0.1:8080:80"
    ///       - "127.0.0.1:8443:443"
    /// ```
    ///
    /// ## References
    /// - dclint `service-ports-alphabetical-order`
    pub static RULE = {
        code: "DC034",
        name: "unsorted-ports",
        severity: Style,
        aliases: ["service-ports-alphabetical-order"],
        fix: Sometimes,
        default: false,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for s in input.services() {
        let Some(entry) = s.node.entry("ports") else {
            continue;
        };
        let items = entry.value.as_seq().unwrap_or_default();
        let blocks: Vec<(String, crate::Span)> = items
            .iter()
            .map(|i: &Node| {
                let key = super::parse_port(input, i)
                    .map(|p| {
                        let n = p.published.as_deref().unwrap_or(&p.target);
                        let first = n.split('-').next().unwrap_or(n);
                        format!("{:>10}", first)
                    })
                    .unwrap_or_default();
                (key, i.span)
            })
            .collect();
        let Some(fix) = super::reorder_fix(input.text, &blocks, "sort `ports`") else {
            continue;
        };
        cx.report(
            entry.key.span,
            format!("`ports` of `{}` are not sorted", s.name),
        )
        .help("list ports in ascending order")
        .fix(fix);
    }
}
