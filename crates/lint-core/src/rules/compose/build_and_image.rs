use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a service with both `build` and `image` but no `pull_policy`.
    ///
    /// ## Why is this bad?
    /// With both, `image` names the image that `build` produces — but `docker compose up` first
    /// tries to pull that name, and if a registry has an image by that name (an old push, or
    /// someone else's), it runs that instead of building yours. `pull_policy: build` (or
    /// `never`/`missing`) says which one you mean.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     build: .
    ///     image: acme/api:dev
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     build: .
    ///     image: acme/api:dev
    ///     pull_policy: build
    /// ```
    ///
    /// ## References
    /// - [Compose: build and image](https://docs.docker.com/reference/compose-file/build/#using-build-and-image)
    /// - dclint `no-build-and-image`
    pub static RULE = {
        code: "DC022",
        name: "build-and-image",
        severity: Warning,
        aliases: ["no-build-and-image"],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for s in input.services() {
        let (Some(build), Some(image)) = (s.node.entry("build"), s.node.entry("image")) else {
            continue;
        };
        if s.node.get("pull_policy").is_some() {
            continue;
        }
        cx.report(
            image.key.span,
            format!(
                "service `{}` has both `build` and `image`, without a `pull_policy`",
                s.name
            ),
        )
        .label(build.key.span, "built here")
        .help("add `pull_policy: build` to always build it, or drop one of the two");
    }
}
