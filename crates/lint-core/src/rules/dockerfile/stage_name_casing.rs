use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds stage names that are not lowercase (`FROM node AS Build`).
    ///
    /// ## Why is this bad?
    /// BuildKit lower-cases stage names, so `Build` and `build` are the same stage; mixed casing
    /// suggests a difference that does not exist and trips up `--target`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine AS Build
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine AS build
    /// ```
    ///
    /// ## References
    /// - BuildKit StageNameCasing
    pub static RULE = {
        code: "DF020",
        name: "stage-name-casing",
        severity: Warning,
        aliases: ["StageNameCasing"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for stage in &input.model.stages {
        let Some(name) = &stage.name else { continue };
        if name.value != name.value.to_ascii_lowercase() {
            cx.report(
                name.span,
                format!("stage name `{}` should be lowercase", name.value),
            )
            .help(format!(
                "rename it `{}` (and its references)",
                name.value.to_ascii_lowercase()
            ));
        }
    }
}
