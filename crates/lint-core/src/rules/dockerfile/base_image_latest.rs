use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::model::Base;

crate::declare_rule! {
    /// ## What it does
    /// Finds `FROM image:latest` (after substituting `ARG` defaults) without a digest.
    ///
    /// ## Why is this bad?
    /// `latest` is just the tag a publisher moved last. Builds stop being reproducible, and a new
    /// major version of the base arrives unannounced.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:latest
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ```
    ///
    /// ## References
    /// - hadolint DL3007
    pub static RULE = {
        code: "DF003",
        name: "base-image-latest",
        severity: Warning,
        aliases: ["DL3007"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for stage in &input.model.stages {
        let Base::Image(image) = &stage.base else {
            continue;
        };
        if image.tag() == Some("latest") && image.digest().is_none() {
            cx.report(
                stage.image.span,
                format!(
                    "base image `{}` uses the moving `latest` tag",
                    stage.resolved_value()
                ),
            )
            .help("pin a specific version tag (or add a @sha256 digest)");
        }
    }
}
