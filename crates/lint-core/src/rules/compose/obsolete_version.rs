use crate::diagnostic::{Edit, Fix, Span};
use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports the top-level `version` key.
    ///
    /// ## Why is this bad?
    /// The Compose Specification merged the old `2.x` and `3.x` formats; `version` is ignored and
    /// `docker compose` prints "the attribute `version` is obsolete" on every run. Keeping it
    /// suggests that features depend on it, which they no longer do.
    ///
    /// ## Example
    /// ```yaml
    /// version: "3.8"
    /// services:
    ///   web:
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the `version` line; Compose ignores it, so the file means the same.
    ///
    /// ## References
    /// - [Compose Specification: version and name](https://docs.docker.com/reference/compose-file/version-and-name/)
    /// - dclint `no-version-field`
    pub static RULE = {
        code: "DC003",
        name: "obsolete-version",
        severity: Warning,
        aliases: ["no-version-field"],
        fix: Always,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let Some(entry) = input.root.and_then(|r| r.entry("version")) else {
        return;
    };
    let shown = input.text[entry.value.span.start..entry.value.span.end].to_string();
    let d = cx.report(
        entry.key.span,
        format!("`version: {shown}` is obsolete: Compose ignores it"),
    );
    d.help("remove the line; the Compose Specification needs no version");
    // Delete whole lines when the entry sits alone on them.
    let text = input.text;
    let line_start = text[..entry.key.span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = text[entry.value.span.end..]
        .find('\n')
        .map_or(text.len(), |i| entry.value.span.end + i + 1);
    let alone = text[line_start..entry.key.span.start].trim().is_empty()
        && text[entry.value.span.end..line_end]
            .trim()
            .trim_start_matches('#')
            .is_empty()
        || text[entry.value.span.end..line_end].trim().starts_with('#');
    if alone {
        d.fix(Fix::safe(
            "remove the obsolete `version` line",
            vec![Edit::delete(Span::new(line_start, line_end))],
        ));
    }
}
