use crate::rule::{ComposeInput, Context};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports a host port published twice in the file (by one service or two), on the same
    /// address and protocol. Ranges (`8000-8010:8000-8010`) count as every port they hold.
    ///
    /// ## Why is this bad?
    /// Only one container can bind a host port: the second fails to start ("port is already
    /// allocated").
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: acme/web:2
    ///     ports: ["127.0.0.1:8080:80"]
    ///   admin:
    ///     image: acme/admin:2
    ///     ports: ["127.0.0.1:8080:8000"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: acme/web:2
    ///     ports: ["127.0.0.1:8080:80"]
    ///   admin:
    ///     image: acme/admin:2
    ///     ports: ["127.0.0.1:8081:8000"]
    /// ```
    ///
    /// ## References
    /// - [Compose: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    /// - dclint `no-duplicate-exported-ports`
    pub static RULE = {
        code: "DC019",
        name: "duplicate-published-port",
        severity: Error,
        aliases: ["no-duplicate-exported-ports"],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn range(spec: &str) -> Option<(u32, u32)> {
    match spec.split_once('-') {
        Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
        None => {
            let p = spec.parse().ok()?;
            Some((p, p))
        }
    }
}

/// A host port range already published: address, protocol, first..=last, service, where.
struct Published(String, String, (u32, u32), String, crate::Span);

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let mut seen: Vec<Published> = Vec::new();
    for s in input.services() {
        for item in s
            .node
            .get("ports")
            .and_then(Node::as_seq)
            .unwrap_or_default()
        {
            let Some(port) = super::parse_port(input, item) else {
                continue;
            };
            let Some(published) = port.published.as_deref().and_then(range) else {
                continue;
            };
            let ip = port.host_ip.clone().unwrap_or_else(|| "0.0.0.0".into());
            let clash = seen.iter().find(|Published(other_ip, proto, r, _, _)| {
                *proto == port.protocol
                    && (*other_ip == ip || other_ip == "0.0.0.0" || ip == "0.0.0.0")
                    && r.0 <= published.1
                    && published.0 <= r.1
            });
            if let Some(Published(_, _, _, first, span)) = clash {
                let port_text = port.published.as_deref().unwrap_or("");
                cx.report(
                    item.span,
                    format!("host port {port_text} is already published by `{first}`"),
                )
                .label(*span, "first published here")
                .help("publish each host port once; pick another host port");
            } else {
                seen.push(Published(
                    ip,
                    port.protocol.clone(),
                    published,
                    s.name.to_string(),
                    item.span,
                ));
            }
        }
    }
}
