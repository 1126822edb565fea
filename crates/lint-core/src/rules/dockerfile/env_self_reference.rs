use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds an `ENV` that uses a variable it defines itself (`ENV A=1 B=$A`).
    ///
    /// ## Why is this bad?
    /// All references in one `ENV` use the values from *before* the instruction: `$A` is not `1` there
    /// but whatever `A` was earlier (usually empty). Split the instruction.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/app APP_LOGS=$APP_HOME/logs
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/app
    /// ENV APP_LOGS=$APP_HOME/logs
    /// ```
    ///
    /// ## References
    /// - hadolint DL3044
    pub static RULE = {
        code: "DF065",
        name: "env-self-reference",
        severity: Error,
        aliases: ["DL3044"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in input
        .df
        .instructions
        .iter()
        .filter(|i| i.keyword == Keyword::Env)
    {
        for (n, pair) in ins.pairs().iter().enumerate() {
            for earlier in &ins.pairs()[..n] {
                let name = &earlier.key.value;
                if references(&pair.value.value, name) {
                    cx.report(
                        pair.value.span,
                        format!(
                            "`${name}` here is the value from before this ENV, not `{}`",
                            earlier.value.value
                        ),
                    )
                    .help(format!("define `{name}` in its own ENV before this one"));
                }
            }
        }
    }
}

/// `$NAME` or `${NAME...}` (not `$NAME_MORE`) in `value`.
fn references(value: &str, name: &str) -> bool {
    let braced = format!("${{{name}");
    let plain = format!("${name}");
    value.match_indices(&braced).any(|(i, _)| {
        value[i + braced.len()..].starts_with(['}', ':', '-', '+', '?', '#', '%', '/'])
    }) || value.match_indices(&plain).any(|(i, _)| {
        !value[i + plain.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
    })
}
