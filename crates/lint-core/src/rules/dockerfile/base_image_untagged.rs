use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::model::Base;

crate::declare_rule! {
    /// ## What it does
    /// Finds `FROM` images without a tag or digest, after substituting `ARG` defaults: `ARG IMG=ubuntu`
    /// followed by `FROM $IMG` is untagged too.
    ///
    /// ## Why is this bad?
    /// Without a tag Docker pulls `latest`, which moves: the same Dockerfile builds a different
    /// image next month, and a major upgrade of the base can break the build or the app without
    /// any change on your side.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27-alpine
    /// ```
    ///
    /// ## References
    /// - [Docker docs: image tags](https://docs.docker.com/reference/cli/docker/image/tag/)
    /// - hadolint DL3006
    pub static RULE = {
        code: "DF002",
        name: "base-image-untagged",
        severity: Warning,
        aliases: ["DL3006"],
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
        if image.tag().is_some() || image.digest().is_some() {
            continue;
        }
        let via = if stage.image.value.contains('$') {
            format!(
                " (`{}` resolves to `{}`)",
                stage.image.value,
                stage.resolved_value()
            )
        } else {
            String::new()
        };
        cx.report(
            stage.image.span,
            format!(
                "base image `{}` has no tag{via}: Docker pulls `latest`, which changes over time",
                stage.resolved_value()
            ),
        )
        .help(format!(
            "pin a version, e.g. `{}:<version>`, or a digest",
            stage.resolved_value()
        ));
    }
}
