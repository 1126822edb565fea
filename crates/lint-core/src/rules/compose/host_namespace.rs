use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a service that shares a namespace with the host: `network_mode: host`,
    /// `pid: host`, `ipc: host`, `userns_mode: host` or `uts: host`.
    ///
    /// ## Why is this bad?
    /// The container sees and can talk to the host's processes (`pid`), shared memory (`ipc`),
    /// every network interface and local-only service (`network`), or runs with the host's user
    /// ids (`userns`). Isolation is what a container is for.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   monitor:
    ///     image: acme/monitor:1
    ///     pid: host
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   monitor:
    ///     image: acme/monitor:1
    /// ```
    ///
    /// ## References
    /// - [Compose: network_mode, pid, ipc](https://docs.docker.com/reference/compose-file/services/)
    /// - compose-lint CL-0008, CL-0010; KICS `host_namespace_is_shared`
    pub static RULE = {
        code: "DC025",
        name: "host-namespace",
        severity: Warning,
        aliases: ["CL-0008", "CL-0010"],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for s in input.services() {
        for (key, what) in [
            ("network_mode", "network stack"),
            ("pid", "process table"),
            ("ipc", "shared memory"),
            ("userns_mode", "user ids"),
            ("uts", "hostname"),
        ] {
            let Some(node) = s.node.get(key) else {
                continue;
            };
            if input.value(node).as_deref() == Some("host") {
                cx.report(node.span, format!("`{}` shares the host's {what} (`{key}: host`)", s.name))
                    .help("remove it unless the service must see the host; publish ports or mount what it needs instead");
            }
        }
    }
}
