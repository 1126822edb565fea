use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a service with both `build` and `image` whose `pull_policy` makes Compose pull
    /// `image` from a registry instead of using what `build` produces: `always`, `daily`,
    /// `weekly`, `every_<duration>` or `refresh`.
    ///
    /// A service with `build` and `image` and no `pull_policy` (or `build`, `missing`, `never`)
    /// is not reported: `image` is then the name Compose tags the built image with, the usual
    /// way to build, push and deploy under one name. dclint's `no-build-and-image` reports every
    /// such service; rlint does not, because nothing is wrong with it.
    ///
    /// ## Why is this bad?
    /// With a pulling policy, `docker compose up` fetches `image` from the registry and runs it;
    /// the `build` section is used only with `--build`. Local changes silently do not reach the
    /// container, or someone else's image of that name does.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     build: .
    ///     image: acme/api:dev
    ///     pull_policy: always
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
    /// - [Compose: pull_policy](https://docs.docker.com/reference/compose-file/services/#pull_policy)
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

/// Policies that pull the image even though the service builds it.
fn pulls(policy: &str) -> bool {
    matches!(policy, "always" | "daily" | "weekly" | "refresh") || policy.starts_with("every_")
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for s in input.services() {
        let (Some(build), Some(_)) = (s.node.entry("build"), s.node.entry("image")) else {
            continue;
        };
        let Some(policy) = s.node.get("pull_policy") else {
            continue;
        };
        let Some(value) = input.value(policy) else {
            continue;
        };
        if !pulls(&value) {
            continue;
        }
        cx.report(
            policy.span,
            format!(
                "service `{}` builds its image, but `pull_policy: {value}` pulls `image` from the registry and runs that instead",
                s.name
            ),
        )
        .label(build.key.span, "built here, but only used with `--build`")
        .help("use `pull_policy: build` (or drop it) to run what `build` produces, or drop `build` to always pull");
    }
}
