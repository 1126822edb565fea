use crate::diagnostic::{Edit, Fix};
use crate::rule::{ComposeInput, Context};
use crate::syntax::yaml::Style;

crate::declare_rule! {
    /// ## What it does
    /// Reports quoted short-syntax `volumes` entries (`- "./data:/data"`). Off by default; a
    /// style preference of dclint's.
    ///
    /// ## Why is this bad?
    /// Volume paths need no quotes; a mix of quoted and unquoted entries hides the ones whose
    /// quotes matter (paths with spaces or `#`), which the fix leaves alone.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: acme/app:2
    ///     volumes:
    ///       - "./src:/app"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   app:
    ///     image: acme/app:2
    ///     volumes:
    ///       - ./src:/app
    /// ```
    ///
    /// ## References
    /// - dclint `no-quotes-in-volumes`
    pub static RULE = {
        code: "DC031",
        name: "quoted-volume",
        severity: Style,
        aliases: ["no-quotes-in-volumes"],
        fix: Sometimes,
        default: false,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for (_, item) in super::list_items(input, "volumes") {
        let Some(scalar) = item.as_scalar() else {
            continue;
        };
        if !matches!(scalar.style, Style::SingleQuoted | Style::DoubleQuoted) {
            continue;
        }
        let d = cx
            .report(
                item.span,
                format!("volume entry `{}` is quoted", scalar.text),
            )
            .help("volume paths need no quotes");
        // Only plain-safe text loses its quotes.
        let safe = !scalar.text.is_empty()
            && !scalar.text.contains([
                ' ', '#', '"', '\'', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '%', '@',
                '`',
            ])
            && !scalar.text.contains(": ")
            && !scalar.text.starts_with(['-', '?', ':']);
        if safe {
            d.fix(Fix::safe(
                "remove the quotes",
                vec![Edit::replace(item.span, scalar.text.clone())],
            ));
        }
    }
}
