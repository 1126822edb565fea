use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports `privileged: true` on a service (or on a hook or build).
    ///
    /// ## Why is this bad?
    /// A privileged container has every capability and every device of the host; escaping to
    /// the host is a matter of mounting its disk. Grant the one capability or device needed
    /// (`cap_add`, `devices`) instead.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: acme/agent:3
    ///     privileged: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: acme/agent:3
    ///     cap_add: [NET_RAW]
    /// ```
    ///
    /// ## References
    /// - [Docker: runtime privilege](https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities)
    /// - compose-lint CL-0002; KICS `privileged_containers_enabled`
    pub static RULE = {
        code: "DC023",
        name: "privileged-service",
        severity: Error,
        aliases: ["CL-0002"],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for s in input.services() {
        let places = [
            s.node.get("privileged"),
            s.node.get("build").and_then(|b| b.get("privileged")),
        ];
        for node in places.into_iter().flatten() {
            if input
                .value(node)
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
            {
                cx.report(
                    node.span,
                    format!(
                        "`{}` runs privileged: it has full control of the host",
                        s.name
                    ),
                )
                .help("grant only what is needed with `cap_add` or `devices`");
            }
        }
    }
}
