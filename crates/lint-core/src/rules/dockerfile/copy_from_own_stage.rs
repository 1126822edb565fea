use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `COPY --from=<stage>` naming the stage the COPY is in.
    ///
    /// ## Why is this bad?
    /// A stage cannot copy from itself: BuildKit reports a circular dependency and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20 AS build
    /// COPY --from=build /app/dist /dist
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20 AS build
    /// RUN mkdir -p /dist && cp -r /app/dist/. /dist/
    /// ```
    ///
    /// ## References
    /// - hadolint DL3023
    pub static RULE = {
        code: "DF011",
        name: "copy-from-own-stage",
        severity: Error,
        aliases: ["DL3023"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    for (i, ins) in model.instructions().iter().enumerate() {
        if ins.keyword != Keyword::Copy {
            continue;
        }
        let (Some(flag), Some(stage)) = (ins.flag("from"), model.stage_of(i)) else {
            continue;
        };
        let value = flag.value().unwrap_or("");
        let own = stage.key().is_some_and(|k| k.eq_ignore_ascii_case(value))
            || value.parse::<usize>().is_ok_and(|n| n == stage.index);
        if own {
            cx.report(
                flag.span,
                format!("COPY --from={value} copies from the stage it is in"),
            )
            .help("copy inside the stage with RUN cp, or copy from an earlier stage");
        }
    }
}
