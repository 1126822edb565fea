use crate::rule::{ComposeInput, Context};

/// Tags that name a moving target rather than a release (dclint's default list).
const FLOATING: [&str; 9] = [
    "latest", "stable", "edge", "test", "nightly", "dev", "beta", "canary", "lts",
];

crate::declare_rule! {
    /// ## What it does
    /// Reports a service `image` without a tag (`mysql`, which means `mysql:latest`) or with a
    /// tag that moves (`latest`, `stable`, `edge`, `nightly`, `dev`, `beta`, `canary`, `lts`,
    /// `test`). Images pinned by digest (`@sha256:...`) are fine.
    ///
    /// A service that also has `build` is not reported: its `image` is the name Compose tags the
    /// built image with (`image: acme/api` or `acme/api:latest` beside `build: .`), not one it
    /// pulls. When its `pull_policy` pulls anyway, `build-and-image` (DC022) reports that.
    ///
    /// ## Why is this bad?
    /// `docker compose pull` on another day, or on another machine, starts a different version:
    /// a major upgrade of a database can arrive unannounced and refuse to open its old data.
    ///
    /// Reported as `info`: it fires on 64% of real-world Compose files, where an untagged or
    /// `latest` image is often a deliberate choice to run the newest release; pin where you need
    /// repeatable deployments.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: mysql
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   db:
    ///     image: mysql:8.4
    /// ```
    ///
    /// ## References
    /// - [Compose: image](https://docs.docker.com/reference/compose-file/services/#image)
    /// - dclint `service-image-require-explicit-tag`; compose-lint CL-0004
    pub static RULE = {
        code: "DC011",
        name: "image-without-pinned-tag",
        severity: Info,
        aliases: ["service-image-require-explicit-tag", "CL-0004"],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for service in input.services() {
        if service.node.get("build").is_some() {
            continue;
        }
        let Some(node) = service.node.get("image") else {
            continue;
        };
        let Some(image) = input.value(node) else {
            continue;
        };
        // A value with a space is no image reference at all (`nginx // web server`): DC040 and
        // the schema say what is wrong with it; its "tag" is not the point.
        if image.is_empty() || image.contains('@') || image.contains(char::is_whitespace) {
            continue;
        }
        // The tag follows the last `:` after the last `/` (a registry port is not a tag).
        let last = image.rsplit('/').next().unwrap_or(&image);
        match last.split_once(':') {
            None => {
                cx.report(
                    node.span,
                    format!("image `{image}` has no tag, so it means `{image}:latest`"),
                )
                .help("pin a version tag (or a digest) so every pull gets the same image");
            }
            Some((_, tag)) if FLOATING.contains(&tag.to_ascii_lowercase().as_str()) => {
                cx.report(
                    node.span,
                    format!("image `{image}` uses the moving tag `{tag}`"),
                )
                .help("pin a version tag (or a digest) so every pull gets the same image");
            }
            _ => {}
        }
    }
}
