use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a Compose file without a top-level `name`. Off by default (enable it with
    /// `extend-select = ["DC029"]`).
    ///
    /// ## Why is this bad?
    /// Without `name`, the project is named after the folder: the same file checked out in two
    /// folders (or renamed) creates a second set of containers, networks and volumes, and the
    /// data in the old volumes seems to vanish.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// name: shop
    /// services:
    ///   web:
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## References
    /// - [Compose: name](https://docs.docker.com/reference/compose-file/version-and-name/#name-top-level-element)
    /// - dclint `require-project-name-field`
    pub static RULE = {
        code: "DC029",
        name: "require-project-name",
        severity: Info,
        aliases: ["require-project-name-field"],
        fix: None,
        default: false,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    let Some(first) = root.as_map().and_then(|m| m.first()) else {
        return;
    };
    if root.get("name").is_none() && root.get("services").is_some() && !input.is_override() {
        cx.report(
            first.key.span,
            "the project has no `name`, so it is named after its folder",
        )
        .help("add a top-level `name: <project>`");
    }
}
