use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a service with a fixed `container_name` that asks for more than one container
    /// (`scale` or `deploy.replicas` above 1).
    ///
    /// ## Why is this bad?
    /// Only one container can carry the name; Compose refuses to scale the service.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   worker:
    ///     image: acme/worker:2
    ///     container_name: worker
    ///     deploy:
    ///       replicas: 3
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   worker:
    ///     image: acme/worker:2
    ///     deploy:
    ///       replicas: 3
    /// ```
    ///
    /// ## References
    /// - [Compose: container_name](https://docs.docker.com/reference/compose-file/services/#container_name)
    pub static RULE = {
        code: "DC017",
        name: "container-name-with-scale",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for s in input.services() {
        let Some(name) = s.node.entry("container_name") else {
            continue;
        };
        let count = [
            s.node.get("scale"),
            s.node.get("deploy").and_then(|d| d.get("replicas")),
        ]
        .into_iter()
        .flatten()
        .filter_map(|n| Some((input.value(n)?.parse::<u64>().ok()?, n)))
        .find(|(c, _)| *c > 1);
        if let Some((count, node)) = count {
            cx.report(
                name.key.span,
                format!(
                    "service `{}` has a fixed `container_name` but asks for {count} containers",
                    s.name
                ),
            )
            .label(node.span, "more than one container")
            .help("remove `container_name` so Compose can name each replica");
        }
    }
}
