use crate::rule::{ComposeInput, Context};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports a published port that names no host address (`"3306:3306"`, `"8080"`), or names
    /// `0.0.0.0` / `::`: Docker then listens on every interface of the host.
    ///
    /// ## Why is this bad?
    /// A database or admin port meant for the app next to it becomes reachable from the whole
    /// network the host is on — and Docker's own firewall rules bypass `ufw`/`firewalld`, so a
    /// host firewall does not stop it. Bind to `127.0.0.1` unless the port is meant to be public.
    ///
    /// Reported as `info`: publishing on every interface is what most development Compose files
    /// want; on a server it exposes the port to the network, which is why it is worth a look.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: mysql:8.4
    ///     ports:
    ///       - "3306:3306"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   db:
    ///     image: mysql:8.4
    ///     ports:
    ///       - "127.0.0.1:3306:3306"
    /// ```
    ///
    /// ## References
    /// - [Compose: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    /// - [Docker and ufw](https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw)
    /// - dclint `no-unbound-port-interfaces`; compose-lint CL-0005
    pub static RULE = {
        code: "DC010",
        name: "port-on-all-interfaces",
        severity: Info,
        aliases: ["no-unbound-port-interfaces", "CL-0005"],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for service in input.services() {
        if service.node.get("network_mode").and_then(Node::as_str) == Some("host") {
            continue;
        }
        for item in service
            .node
            .get("ports")
            .and_then(Node::as_seq)
            .unwrap_or_default()
        {
            let Some(port) = super::parse_port(input, item) else {
                continue;
            };
            let open = match port.host_ip.as_deref() {
                None => true,
                Some(ip) => matches!(ip, "0.0.0.0" | "::" | "[::]"),
            };
            if !open {
                continue;
            }
            let published = match &port.published {
                Some(p) => format!("host port {p}"),
                None => "a random host port".into(),
            };
            cx.report(
                item.span,
                format!(
                    "`{}` publishes {published} (container port {}) on every interface of the host",
                    service.name, port.target
                ),
            )
            .help(format!(
                "bind it to one address, e.g. `\"127.0.0.1:{}:{}\"`, unless it must be reachable from other machines",
                port.published.as_deref().unwrap_or(&port.target),
                port.target
            ));
        }
    }
}
