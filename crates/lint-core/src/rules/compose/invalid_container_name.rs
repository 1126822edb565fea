use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a `container_name` that Docker does not accept: it must start with a letter or
    /// digit and hold only letters, digits, `_`, `.` and `-` (at least two characters).
    ///
    /// ## Why is this bad?
    /// Docker refuses to create the container ("Invalid container name"), after the images have
    /// been pulled or built.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: acme/api:2
    ///     container_name: my api
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: acme/api:2
    ///     container_name: my-api
    /// ```
    ///
    /// ## References
    /// - [Compose: container_name](https://docs.docker.com/reference/compose-file/services/#container_name)
    /// - dclint `service-container-name-regex`
    pub static RULE = {
        code: "DC037",
        name: "invalid-container-name",
        severity: Error,
        aliases: ["service-container-name-regex"],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn valid(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() >= 2
        && b[0].is_ascii_alphanumeric()
        && b[1..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for s in input.services() {
        let Some(node) = s.node.get("container_name") else {
            continue;
        };
        let Some(name) = input.value(node).filter(|n| !n.is_empty()) else {
            continue;
        };
        if !valid(&name) {
            cx.report(node.span, format!("`{name}` is not a valid container name"))
                .help("use letters, digits, `_`, `.` and `-`, starting with a letter or digit");
        }
    }
}
