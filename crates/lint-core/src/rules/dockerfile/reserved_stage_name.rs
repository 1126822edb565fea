use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds stages named `scratch` or `context`.
    ///
    /// ## Why is this bad?
    /// Both names are reserved: `scratch` is the empty base image and `context` refers to named
    /// build contexts. A stage with such a name shadows them, and `FROM scratch` or
    /// `COPY --from=context` stop meaning what readers expect.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS scratch
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20 AS base
    /// ```
    ///
    /// ## References
    /// - hadolint DL3063, BuildKit ReservedStageName
    pub static RULE = {
        code: "DF024",
        name: "reserved-stage-name",
        severity: Warning,
        aliases: ["DL3063", "ReservedStageName"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for stage in &input.model.stages {
        let (Some(key), Some(name)) = (stage.key(), &stage.name) else {
            continue;
        };
        if key == "scratch" || key == "context" {
            cx.report(
                name.span,
                format!(
                    "`{}` is a reserved name and cannot name a stage",
                    name.value
                ),
            )
            .help("choose another stage name");
        }
    }
}
