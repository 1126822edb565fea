use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports two services with the same `container_name`.
    ///
    /// ## Why is this bad?
    /// Container names are unique per Docker host: the second container fails to start
    /// ("Conflict. The container name is already in use").
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: acme/api:2
    ///     container_name: app
    ///   web:
    ///     image: acme/web:2
    ///     container_name: app
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: acme/api:2
    ///     container_name: app-api
    ///   web:
    ///     image: acme/web:2
    ///     container_name: app-web
    /// ```
    ///
    /// ## References
    /// - [Compose: container_name](https://docs.docker.com/reference/compose-file/services/#container_name)
    /// - dclint `no-duplicate-container-names`
    pub static RULE = {
        code: "DC016",
        name: "duplicate-container-name",
        severity: Error,
        aliases: ["no-duplicate-container-names"],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let mut seen: std::collections::HashMap<String, (&str, crate::Span)> =
        std::collections::HashMap::new();
    for s in input.services() {
        let Some(node) = s.node.get("container_name") else {
            continue;
        };
        let Some(name) = input
            .value(node)
            .filter(|n| !n.is_empty())
            .map(|n| n.into_owned())
        else {
            continue;
        };
        if let Some((first, span)) = seen.get(&name) {
            cx.report(
                node.span,
                format!("container name `{name}` is already used by service `{first}`"),
            )
            .label(*span, "first used here")
            .help("give each service its own `container_name`, or drop it and let Compose name the containers");
        } else {
            seen.insert(name, (s.name, node.span));
        }
    }
}
