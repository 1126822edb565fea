use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `ENV key value` and `LABEL key value` (the legacy, space-separated form).
    ///
    /// ## Why is this bad?
    /// The legacy form takes everything after the key as the value, so `ENV A 1 B 2` sets `A` to
    /// `1 B 2` rather than two variables. It is deprecated; `key=value` is unambiguous.
    ///
    /// Reported as `info`: the legacy form still builds and means the same for single-word values;
    /// it fires on 74% of real-world Dockerfiles, so it is advice rather than a warning.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ENV PYTHONUNBUFFERED 1
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ENV PYTHONUNBUFFERED=1
    /// ```
    ///
    /// Spaces around `=` make the legacy form too: `LABEL k = "v"` stores the key `k` with the
    /// value `= "v"`, which is never what was meant; the message says so and suggests `k="v"`.
    ///
    /// ## Fix safety
    /// The fix writes `key=value`, quoting a value with spaces; it is offered when the value holds
    /// no quotes or escapes of its own, and is then safe. For `k = "v"` it writes `k="v"`, which
    /// changes the stored value from `= "v"` to `v` (the intent, but a change): unsafe.
    ///
    /// ## References
    /// - BuildKit LegacyKeyValueFormat
    pub static RULE = {
        code: "DF023",
        name: "legacy-key-value-format",
        severity: Info,
        aliases: ["LegacyKeyValueFormat"],
        fix: Sometimes,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        let ins = ins.effective();
        if !matches!(ins.keyword, Keyword::Env | Keyword::Label) {
            continue;
        }
        let name = ins.keyword.as_str().to_ascii_uppercase();
        for pair in ins.pairs().iter().filter(|p| p.legacy) {
            let value = &pair.value.value;
            let key = &pair.key.value;
            let span = pair.key.span.cover(pair.value.span);
            // `KEY = value`: spaces around `=` make the legacy form, whose value starts at `=`.
            if let Some(meant) = value.strip_prefix('=').map(str::trim_start)
                && !meant.is_empty()
            {
                let d = cx.report(
                    span,
                    format!(
                        "`{name} {key} = ...` is the legacy form: it stores the key `{key}` with the value `{value}`"
                    ),
                );
                d.help(format!(
                    "write `{name} {key}={}` (no spaces around `=`)",
                    quoted(meant)
                ));
                if plain(meant) && pair.value.span.len() == value.len() {
                    d.fix(Fix::unsafe_(
                        "remove the spaces around `=`",
                        vec![Edit::replace(span, format!("{key}={}", quoted(meant)))],
                    ));
                }
                continue;
            }
            let d = cx.report(
                span,
                format!("legacy `{name} {key} <value>` form: use `{name} {key}=<value>`"),
            );
            d.help(format!("write `{name} {key}={}`", quoted(value)));
            if plain(value)
                && pair.value.span.len() == value.len()
                && span.len() <= input.text.len()
            {
                d.fix(Fix::safe(
                    "use key=value",
                    vec![Edit::replace(span, format!("{key}={}", quoted(value)))],
                ));
            }
        }
    }
}

/// A value without quotes or escapes of its own (around an optional pair of double quotes),
/// which the fix can rewrite without changing it.
fn plain(value: &str) -> bool {
    let inner = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value);
    !inner.contains(['"', '\'', '\\']) && !inner.contains('\n')
}

fn quoted(value: &str) -> String {
    let already = value.len() >= 2 && value.starts_with('"') && value.ends_with('"');
    if value.contains(char::is_whitespace) && !already {
        format!("\"{value}\"")
    } else {
        value.to_string()
    }
}
