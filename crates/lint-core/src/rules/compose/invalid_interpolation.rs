use crate::rule::{ComposeInput, Context};
use crate::syntax::compose::interpolate;

crate::declare_rule! {
    /// ## What it does
    /// Reports a `${...}` substitution that Compose cannot interpolate: `${` never closed, an
    /// empty or invalid name (`${}`, `${1X}`), or shell operators Compose does not support
    /// (`${VAR/a/b}`, `${VAR^^}`, `${#VAR}`).
    ///
    /// ## Why is this bad?
    /// `docker compose` stops with "invalid interpolation format" before starting anything. A
    /// literal `${` must be written `$${`.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:${TAG/v/}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:${TAG:-1.27}
    /// ```
    ///
    /// ## References
    /// - [Compose: interpolation](https://docs.docker.com/reference/compose-file/interpolation/)
    pub static RULE = {
        code: "DC004",
        name: "invalid-interpolation",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    super::for_each_value(root, &mut |node| {
        let Some(text) = node.as_str().filter(|t| t.contains('$')) else {
            return;
        };
        let spans = crate::syntax::compose::ValueSpans::new(input.text, node);
        for e in interpolate(text, input.env).errors {
            cx.report(spans.span(e.range), e.message)
                .help("write `$${` for a literal `${`; Compose supports `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`");
        }
    });
}
