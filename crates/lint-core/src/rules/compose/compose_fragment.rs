use crate::rule::{ComposeInput, Context};

/// Keys only a service definition has.
const SERVICE_KEYS: [&str; 10] = [
    "image",
    "build",
    "container_name",
    "ports",
    "depends_on",
    "environment",
    "command",
    "entrypoint",
    "volumes",
    "restart",
];
const TOP_LEVEL: [&str; 9] = [
    "version", "name", "include", "services", "networks", "volumes", "secrets", "configs", "models",
];

crate::declare_rule! {
    /// ## What it does
    /// Recognises a file that holds service definitions at the top level without the
    /// `services:` key above them: a fragment of a Compose file (often copied from a tutorial,
    /// or meant for `extends: {file: ...}`), not a Compose file of its own.
    ///
    /// ## Why is this bad?
    /// `docker compose -f` on it fails with "additional property web is not allowed"; as an
    /// `extends` target it works, but then it needs no `docker-compose` name. Telling which it is
    /// saves a confusing schema error.
    ///
    /// ## Example
    /// ```yaml
    /// web:
    ///   image: nginx:1.27
    ///   ports: ["8080:80"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     ports: ["8080:80"]
    /// ```
    ///
    /// ## References
    /// - [Compose file reference](https://docs.docker.com/reference/compose-file/)
    pub static RULE = {
        code: "DC006",
        name: "compose-fragment",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

/// A mapping holding keys only a service definition has.
pub fn is_service_like(node: &crate::syntax::yaml::Node) -> bool {
    node.as_map().is_some_and(|m| {
        m.iter()
            .any(|k| k.key.as_str().is_some_and(|k| SERVICE_KEYS.contains(&k)))
    })
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let Some(entries) = input.root.and_then(|r| r.as_map()) else {
        return;
    };
    if entries.iter().any(|e| e.key.as_str() == Some("services")) {
        return;
    }
    for e in entries {
        let Some(name) = e.key.as_str() else { continue };
        if TOP_LEVEL.contains(&name) || name.starts_with("x-") {
            continue;
        }
        if is_service_like(&e.value) {
            cx.report(
                e.key.span,
                format!("`{name}` is a service definition at the top level: this file is a fragment, not a whole Compose file"),
            )
            .help(format!("put `services:` above `{name}:` (and indent it), or keep the file only as an `extends: {{file: ...}}` target"));
        }
    }
}
