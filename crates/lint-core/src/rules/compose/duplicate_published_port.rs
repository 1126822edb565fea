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

/// `8080` or `8000-8010`; a reversed range is invalid (Docker rejects it) and is not compared.
fn range(spec: &str) -> Option<(u32, u32)> {
    match spec.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (a.parse().ok()?, b.parse().ok()?);
            (a <= b).then_some((a, b))
        }
        None => {
            let p = spec.parse().ok()?;
            Some((p, p))
        }
    }
}

/// Where a host port was first published: the service and the entry.
type First = (String, crate::Span);

#[derive(Default)]
struct Published {
    /// Single-port publications by host port: (address, protocol, first), in file order.
    ports: foldhash::HashMap<u32, Vec<(String, String, First)>>,
    ranges: Vec<(String, String, (u32, u32), First)>,
}

/// Whether two host addresses can collide (`0.0.0.0` binds every address).
fn overlaps(a: &str, b: &str) -> bool {
    a == b || a == "0.0.0.0" || b == "0.0.0.0"
}

impl Published {
    /// The earliest publication clashing with `range` on `ip`/`proto`, if any.
    fn clash(&self, ip: &str, proto: &str, range: (u32, u32)) -> Option<&First> {
        if range.1 - range.0 < 1024 {
            for port in range.0..=range.1 {
                let found = self.ports.get(&port).and_then(|list| {
                    list.iter()
                        .find(|(addr, p, _)| p == proto && overlaps(addr, ip))
                });
                if let Some((_, _, first)) = found {
                    return Some(first);
                }
            }
        }
        self.ranges
            .iter()
            .find(|(other, p, r, _)| {
                p == proto && overlaps(other, ip) && r.0 <= range.1 && range.0 <= r.1
            })
            .map(|(_, _, _, f)| f)
    }

    fn add(&mut self, ip: String, proto: String, range: (u32, u32), first: First) {
        if range.0 == range.1 {
            self.ports
                .entry(range.0)
                .or_default()
                .push((ip, proto, first));
        } else {
            self.ranges.push((ip, proto, range, first));
        }
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let mut seen = Published::default();
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
            if let Some((first, span)) = seen.clash(&ip, &port.protocol, published) {
                let port_text = port.published.as_deref().unwrap_or("");
                cx.report(
                    item.span,
                    format!("host port {port_text} is already published by `{first}`"),
                )
                .label(*span, "first published here")
                .help("publish each host port once; pick another host port");
            } else {
                seen.add(
                    ip,
                    port.protocol.clone(),
                    published,
                    (s.name.to_string(), item.span),
                );
            }
        }
    }
}
