use crate::rule::{ComposeInput, Context};
use crate::syntax::yaml::{Node, Value};

crate::declare_rule! {
    /// ## What it does
    /// Reports two mounts of one service (`volumes` entries or `tmpfs`) on the same path inside
    /// the container.
    ///
    /// ## Why is this bad?
    /// Docker refuses to create the container ("Duplicate mount point"). Usually an override
    /// file or a copied line mounts the same target twice.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: acme/app:2
    ///     volumes:
    ///       - ./src:/app
    ///       - app_data:/app
    /// volumes:
    ///   app_data:
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   app:
    ///     image: acme/app:2
    ///     volumes:
    ///       - ./src:/app
    ///       - app_data:/app/data
    /// volumes:
    ///   app_data:
    /// ```
    ///
    /// ## References
    /// - [Compose: volumes](https://docs.docker.com/reference/compose-file/services/#volumes)
    pub static RULE = {
        code: "DC018",
        name: "duplicate-mount-target",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

/// The container path of a volume entry (short `src:dst[:mode]`, `dst` alone, or long syntax).
fn target(input: &ComposeInput<'_>, item: &Node) -> Option<String> {
    match &item.value {
        Value::Scalar(_) => {
            let v = input.value(item)?;
            let parts: Vec<&str> = v.split(':').collect();
            // Windows host paths (`C:\data:/data`) carry a drive colon.
            let parts = if parts.len() > 2 && parts[0].len() == 1 {
                parts[1..].to_vec()
            } else {
                parts
            };
            Some(match parts.as_slice() {
                [dst] => (*dst).to_string(),
                [_, dst, ..] => (*dst).to_string(),
                [] => return None,
            })
        }
        Value::Map(_) => item
            .get("target")
            .and_then(|t| input.value(t))
            .map(|v| v.into_owned()),
        Value::Seq(_) => None,
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for s in input.services() {
        let mut seen: Vec<(String, crate::Span)> = Vec::new();
        let volumes = s
            .node
            .get("volumes")
            .and_then(Node::as_seq)
            .unwrap_or_default();
        let tmpfs: Vec<&Node> = match s.node.get("tmpfs") {
            Some(t) if t.as_seq().is_some() => t.as_seq().unwrap_or_default().iter().collect(),
            Some(t) => vec![t],
            None => Vec::new(),
        };
        let mounts = volumes
            .iter()
            .filter_map(|v| Some((target(input, v)?, v.span)))
            .chain(tmpfs.into_iter().filter_map(|t| {
                let v = input.value(t)?;
                Some((v.split(':').next()?.to_string(), t.span))
            }));
        for (path, span) in mounts {
            let path = path.trim_end_matches('/').to_string();
            if path.is_empty() || path.contains('$') {
                continue;
            }
            if let Some((_, first)) = seen.iter().find(|(p, _)| *p == path) {
                cx.report(span, format!("`{}` mounts `{path}` twice", s.name))
                    .label(*first, "first mounted here")
                    .help("mount each container path once");
            } else {
                seen.push((path, span));
            }
        }
    }
}
