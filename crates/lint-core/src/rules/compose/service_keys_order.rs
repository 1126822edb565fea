use crate::rule::{ComposeInput, Context};

/// Groups of service keys, in order; keys in no group come last.
const GROUPS: [&[&str]; 8] = [
    &[
        "image",
        "build",
        "container_name",
        "pull_policy",
        "platform",
    ],
    &["depends_on", "links", "extends"],
    &["volumes", "volumes_from", "configs", "secrets", "tmpfs"],
    &["environment", "env_file"],
    &[
        "ports",
        "expose",
        "networks",
        "network_mode",
        "extra_hosts",
        "hostname",
        "dns",
    ],
    &[
        "command",
        "entrypoint",
        "working_dir",
        "restart",
        "healthcheck",
        "stop_signal",
        "stop_grace_period",
    ],
    &["labels", "logging", "annotations"],
    &[
        "user",
        "read_only",
        "privileged",
        "cap_add",
        "cap_drop",
        "security_opt",
        "isolation",
    ],
];

crate::declare_rule! {
    /// ## What it does
    /// Reports service keys out of group order: what runs (`image`, `build`, `container_name`),
    /// dependencies, data (`volumes`, `secrets`), environment, network (`ports`, `networks`),
    /// runtime (`command`, `restart`, `healthcheck`), metadata (`labels`, `logging`), security
    /// (`user`, `cap_add`, ...), then anything else. Off by default; a style rule of dclint's,
    /// with its fix.
    ///
    /// ## Why is this bad?
    /// When every service lists its keys in the same order, a missing `restart` or an extra
    /// `privileged` stands out.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     ports: ["127.0.0.1:8080:80"]
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     ports: ["127.0.0.1:8080:80"]
    /// ```
    ///
    /// ## References
    /// - dclint `service-keys-order`
    pub static RULE = {
        code: "DC033",
        name: "service-keys-order",
        severity: Style,
        aliases: ["service-keys-order"],
        fix: Sometimes,
        default: false,
        check: Compose(check),
    }
}

fn group(key: &str) -> usize {
    GROUPS
        .iter()
        .position(|g| g.contains(&key))
        .unwrap_or(GROUPS.len())
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for s in input.services() {
        let Some(entries) = s.node.as_map() else {
            continue;
        };
        let own: Vec<&crate::syntax::yaml::Entry> = entries.iter().filter(|e| !e.merged).collect();
        let blocks: Vec<(String, crate::Span)> = own
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let key = crate::syntax::yaml::key_text(&e.key);
                (
                    format!("{:02}{:04}", group(&key), i),
                    e.key.span.cover(e.value.span),
                )
            })
            .collect();
        let Some(first_out) = blocks.windows(2).position(|w| w[0].0 > w[1].0) else {
            continue;
        };
        let key = &own[first_out + 1].key;
        let d = cx
            .report(key.span, format!("`{}` of `{}` is out of the usual key order", crate::syntax::yaml::key_text(key), s.name))
            .help("order: image/build, dependencies, volumes, environment, network, runtime, labels, security, the rest");
        if let Some(fix) = super::reorder_fix(input.text, &blocks, "reorder the service's keys") {
            d.fix(fix);
        }
    }
}
