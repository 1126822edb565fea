use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a named volume, network, secret or config that a service uses but the file does
    /// not declare under the matching top-level key (`volumes:`, `networks:`, `secrets:`,
    /// `configs:`). The `default` network needs no declaration.
    ///
    /// ## Why is this bad?
    /// Compose refuses the project ("service refers to undefined volume"). A host path mistyped
    /// without `./` (`data:/var/lib/mysql` meant as `./data:...`) shows up here too.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:17
    ///     volumes:
    ///       - pgdata:/var/lib/postgresql/data
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:17
    ///     volumes:
    ///       - pgdata:/var/lib/postgresql/data
    /// volumes:
    ///   pgdata:
    /// ```
    ///
    /// ## References
    /// - [Compose: volumes](https://docs.docker.com/reference/compose-file/volumes/)
    /// - [Compose: networks](https://docs.docker.com/reference/compose-file/networks/)
    pub static RULE = {
        code: "DC008",
        name: "undefined-resource",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for section in ["volumes", "networks", "secrets", "configs"] {
        let declared = super::declared(input, section);
        let declared_names: Vec<&str> = declared.iter().map(|(n, _)| *n).collect();
        let known: std::collections::HashSet<&str> = declared_names.iter().copied().collect();
        for used in super::uses(input, section) {
            if used.name.contains('$')
                || known.contains(used.name.as_str())
                || (section == "networks" && used.name == "default")
            {
                continue;
            }
            let singular = section.trim_end_matches('s');
            let d = cx.report(
                used.span,
                format!(
                    "{singular} `{}` used by `{}` is not declared under top-level `{section}:`",
                    used.name, used.service
                ),
            );
            match crate::suggest::did_you_mean(&used.name, &declared_names) {
                Some(close) => d.help(format!("did you mean `{close}`?")),
                None if section == "volumes" => d.help(format!(
                    "declare it (`volumes:` / `  {}:`), or write a host path as `./{}`",
                    used.name, used.name
                )),
                None => d.help(format!("declare it under top-level `{section}:`")),
            };
        }
    }
}
