use crate::rule::{ComposeInput, Context};

/// dclint's default order of top-level keys (`x-*` extensions first).
const ORDER: [&str; 10] = [
    "x-", "version", "name", "include", "services", "models", "networks", "volumes", "secrets",
    "configs",
];

crate::declare_rule! {
    /// ## What it does
    /// Reports top-level keys out of the usual order: `x-*` extensions, `version`, `name`,
    /// `include`, `services`, `models`, `networks`, `volumes`, `secrets`, `configs`. Off by
    /// default; a style rule of dclint's, with its fix.
    ///
    /// ## Why is this bad?
    /// Every file in the same shape reads faster: the services first, then what they refer to.
    ///
    /// ## Example
    /// ```yaml
    /// volumes:
    ///   data:
    /// services:
    ///   db:
    ///     image: postgres:17
    ///     volumes: [data:/var/lib/postgresql/data]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:17
    ///     volumes: [data:/var/lib/postgresql/data]
    /// volumes:
    ///   data:
    /// ```
    ///
    /// ## References
    /// - dclint `top-level-properties-order`
    pub static RULE = {
        code: "DC036",
        name: "top-level-order",
        severity: Style,
        aliases: ["top-level-properties-order"],
        fix: Sometimes,
        default: false,
        check: Compose(check),
    }
}

fn rank(key: &str) -> usize {
    if key.starts_with("x-") {
        return 0;
    }
    ORDER.iter().position(|k| *k == key).unwrap_or(ORDER.len())
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let Some(entries) = input.root.and_then(|r| r.as_map()) else {
        return;
    };
    let blocks: Vec<(String, crate::Span)> = entries
        .iter()
        .filter(|e| !e.merged)
        .enumerate()
        .map(|(i, e)| {
            let key = crate::syntax::yaml::key_text(&e.key);
            (
                format!("{:02}{:04}", rank(&key), i),
                e.key.span.cover(e.value.span),
            )
        })
        .collect();
    let Some(fix) = super::reorder_fix(input.text, &blocks, "reorder the top-level keys") else {
        return;
    };
    let first_out = blocks
        .windows(2)
        .position(|w| w[0].0 > w[1].0)
        .map_or(0, |i| i + 1);
    cx.report(
        entries[first_out].key.span,
        format!(
            "`{}` is out of the usual top-level order",
            crate::syntax::yaml::key_text(&entries[first_out].key)
        ),
    )
    .help(
        "order: x-*, version, name, include, services, models, networks, volumes, secrets, configs",
    )
    .fix(fix);
}
