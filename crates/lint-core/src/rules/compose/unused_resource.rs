use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a volume, network, secret or config declared at the top level that no service
    /// uses.
    ///
    /// ## Why is this bad?
    /// It is dead configuration at best. Often it is a leftover of a rename (the service mounts a
    /// differently named volume, or a host path, and the data you meant to keep is not where you
    /// think), or a secret that is declared but never given to the service that needs it.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: acme/app:2.0
    ///     volumes:
    ///       - ./src:/app
    /// volumes:
    ///   app:
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   app:
    ///     image: acme/app:2.0
    ///     volumes:
    ///       - ./src:/app
    /// ```
    ///
    /// ## References
    /// - [Compose: volumes](https://docs.docker.com/reference/compose-file/volumes/)
    pub static RULE = {
        code: "DC009",
        name: "unused-resource",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    if input.services().is_empty() {
        return;
    }
    for section in ["volumes", "networks", "secrets", "configs"] {
        let used: std::collections::HashSet<String> = super::uses(input, section)
            .into_iter()
            .map(|u| u.name)
            .collect();
        for (name, key) in super::declared(input, section) {
            if used.contains(name) || (section == "networks" && name == "default") {
                continue;
            }
            let singular = section.trim_end_matches('s');
            cx.report(
                key.span,
                format!("{singular} `{name}` is declared but no service uses it"),
            )
            .help("remove it, or reference it from the service that needs it");
        }
    }
}
