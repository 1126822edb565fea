use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds two build stages with the same name (names compare case-insensitively).
    ///
    /// ## Why is this bad?
    /// `docker build` fails with "duplicate stage name". Even where a tool accepts it,
    /// `COPY --from=name` and `--target name` become ambiguous.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// FROM alpine:3.20 AS build
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// FROM alpine:3.20 AS runtime
    /// ```
    ///
    /// ## References
    /// - hadolint DL3024, BuildKit DuplicateStageName
    pub static RULE = {
        code: "DF009",
        name: "duplicate-stage-name",
        severity: Error,
        aliases: ["DL3024", "DuplicateStageName"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    for stage in &model.stages {
        let Some(name) = &stage.name else {
            continue;
        };
        // The model's name index finds the earlier stage (a scan per stage was quadratic).
        if let Some(first) = model.stage_named(&name.value, stage.from) {
            let first_span = first.name.as_ref().map_or(name.span, |n| n.span);
            cx.report(
                name.span,
                format!(
                    "stage name `{}` is already used by an earlier stage",
                    name.value
                ),
            )
            .label(first_span, "first defined here")
            .help("give each stage a unique name");
        }
    }
}
