use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a service that sets both `network_mode` and `networks`.
    ///
    /// ## Why is this bad?
    /// `network_mode` (`host`, `none`, `service:x`, `container:x`) replaces Compose networking,
    /// so the listed networks cannot be joined; Compose refuses the project ("network_mode and
    /// networks cannot be combined").
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: acme/app:2
    ///     network_mode: host
    ///     networks: [backend]
    /// networks:
    ///   backend:
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   app:
    ///     image: acme/app:2
    ///     networks: [backend]
    /// networks:
    ///   backend:
    /// ```
    ///
    /// ## References
    /// - [Compose: network_mode](https://docs.docker.com/reference/compose-file/services/#network_mode)
    pub static RULE = {
        code: "DC015",
        name: "network-mode-with-networks",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for s in input.services() {
        let (Some(mode), Some(networks)) = (s.node.entry("network_mode"), s.node.entry("networks"))
        else {
            continue;
        };
        cx.report(
            networks.key.span,
            format!(
                "service `{}` sets `networks` and `network_mode` together",
                s.name
            ),
        )
        .label(mode.key.span, "network_mode is set here")
        .help("keep one: `network_mode` replaces Compose networks entirely");
    }
}
