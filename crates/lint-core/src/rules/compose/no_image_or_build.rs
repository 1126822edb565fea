use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a service with neither `image` nor `build` (nor `extends` or `provider`, which can
    /// supply them). Override files (a name containing `override`) are skipped: they complete
    /// services defined elsewhere.
    ///
    /// ## Why is this bad?
    /// Compose has nothing to run and refuses the project ("has neither an image nor a build
    /// context specified").
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   worker:
    ///     command: ["celery", "worker"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   worker:
    ///     build: .
    ///     command: ["celery", "worker"]
    /// ```
    ///
    /// ## References
    /// - [Compose: build](https://docs.docker.com/reference/compose-file/build/)
    pub static RULE = {
        code: "DC014",
        name: "service-without-image-or-build",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    if input.is_override() {
        return;
    }
    for s in input.services() {
        if s.node.as_map().is_none() {
            continue;
        }
        if ["image", "build", "extends", "provider"]
            .iter()
            .all(|k| s.node.get(k).is_none())
        {
            cx.report(
                s.key.span,
                format!("service `{}` has neither `image` nor `build`", s.name),
            )
            .help("add `image: name:tag` to run an image, or `build: <context>` to build one");
        }
    }
}
