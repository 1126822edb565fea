use crate::rule::{ComposeInput, Context};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports a reference to a service this file does not define: in `depends_on`, `links`,
    /// `extends` (without `file`), `network_mode: service:<name>`, `volumes_from`, and
    /// `ipc`/`pid: service:<name>`. A near-miss names the service meant.
    ///
    /// ## Why is this bad?
    /// Compose refuses the project ("depends on undefined service"); with `links`, a typo
    /// (`frontend` for a service spelled `frotend`) breaks name resolution between containers.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   frotend:
    ///     image: acme/web:1.2
    ///   nginx:
    ///     image: nginx:1.27
    ///     depends_on: [frontend]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   frontend:
    ///     image: acme/web:1.2
    ///   nginx:
    ///     image: nginx:1.27
    ///     depends_on: [frontend]
    /// ```
    ///
    /// ## References
    /// - [Compose: depends_on](https://docs.docker.com/reference/compose-file/services/#depends_on)
    /// - [Compose: links](https://docs.docker.com/reference/compose-file/services/#links)
    pub static RULE = {
        code: "DC007",
        name: "undefined-service",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let services = input.services();
    let names: Vec<&str> = services.iter().map(|s| s.name).collect();
    let known: std::collections::HashSet<&str> = names.iter().copied().collect();
    for service in services {
        let mut refs: Vec<(String, &Node, &str)> = Vec::new();
        if let Some(n) = service.node.get("depends_on") {
            refs.extend(
                super::names(n)
                    .into_iter()
                    .map(|(s, n)| (s, n, "depends_on")),
            );
        }
        if let Some(items) = service.node.get("links").and_then(Node::as_seq) {
            for item in items {
                if let Some(v) = item.as_str() {
                    refs.push((v.split(':').next().unwrap_or(v).to_string(), item, "links"));
                }
            }
        }
        match service.node.get("extends") {
            Some(e) if e.as_str().is_some() => {
                refs.push((e.as_str().unwrap_or("").to_string(), e, "extends"));
            }
            Some(e) if e.get("file").is_none() => {
                if let Some(s) = e.get("service").filter(|s| s.as_str().is_some()) {
                    refs.push((s.as_str().unwrap_or("").to_string(), s, "extends"));
                }
            }
            _ => {}
        }
        for key in ["network_mode", "ipc", "pid"] {
            if let Some(n) = service.node.get(key)
                && let Some(target) = n.as_str().and_then(|v| v.strip_prefix("service:"))
            {
                refs.push((target.to_string(), n, key));
            }
        }
        if let Some(items) = service.node.get("volumes_from").and_then(Node::as_seq) {
            for item in items {
                let Some(v) = item.as_str() else { continue };
                if v.starts_with("container:") {
                    continue;
                }
                let v = v.strip_prefix("service:").unwrap_or(v);
                refs.push((
                    v.split(':').next().unwrap_or(v).to_string(),
                    item,
                    "volumes_from",
                ));
            }
        }
        for (name, node, field) in refs {
            if name.contains('$') || known.contains(name.as_str()) {
                continue;
            }
            let d = cx.report(
                node.span,
                format!(
                    "`{}` in `{field}` of `{}` is not a service of this file",
                    name, service.name
                ),
            );
            match crate::suggest::did_you_mean(&name, &names) {
                Some(close) => d.help(format!("did you mean `{close}`?")),
                None => d.help(format!("services here: {}", names.join(", "))),
            };
        }
    }
}
