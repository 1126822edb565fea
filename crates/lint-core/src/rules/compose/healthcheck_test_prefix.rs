use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a `healthcheck.test` list that does not start with `CMD`, `CMD-SHELL` or `NONE`.
    ///
    /// ## Why is this bad?
    /// Compose refuses the file: the first element says how to run the rest. A list such as
    /// `["curl", "-f", "http://localhost"]` must be written `["CMD", "curl", ...]`; a string is
    /// run by the container's shell (as `CMD-SHELL`) and is fine.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     healthcheck:
    ///       test: ["curl", "-f", "http://localhost"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     healthcheck:
    ///       test: ["CMD", "curl", "-f", "http://localhost"]
    /// ```
    ///
    /// ## References
    /// - [Compose: healthcheck](https://docs.docker.com/reference/compose-file/services/#healthcheck)
    pub static RULE = {
        code: "DC020",
        name: "healthcheck-test-prefix",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for s in input.services() {
        let Some(test) = s.node.get("healthcheck").and_then(|h| h.get("test")) else {
            continue;
        };
        let Some(first) = test.as_seq().and_then(|items| items.first()) else {
            continue;
        };
        let Some(word) = first.as_str() else { continue };
        if !matches!(word, "CMD" | "CMD-SHELL" | "NONE") {
            cx.report(
                first.span,
                format!("`healthcheck.test` of `{}` starts with `{word}`, not `CMD`, `CMD-SHELL` or `NONE`", s.name),
            )
            .help("put `CMD` first to run the list as a command, or `CMD-SHELL` with one shell string");
        }
    }
}
