use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::model::CopySource;

crate::declare_rule! {
    /// ## What it does
    /// Finds `CMD` or `ENTRYPOINT` in a build stage that only serves as a `COPY --from` source.
    ///
    /// ## Why is this bad?
    /// `CMD` and `ENTRYPOINT` never run during `docker build`: they only set the default command of
    /// a container started from the stage's image, and this stage's image is never run. A build
    /// step written as `CMD ["npm", "run", "build"]` therefore does nothing, and the files the
    /// later `COPY --from` expects do not exist.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine AS builder
    /// WORKDIR /app
    /// COPY . .
    /// CMD ["npm", "run", "build"]
    /// FROM nginx:1.27-alpine
    /// COPY --from=builder /app/build /usr/share/nginx/html
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine AS builder
    /// WORKDIR /app
    /// COPY . .
    /// RUN ["npm", "run", "build"]
    /// FROM nginx:1.27-alpine
    /// COPY --from=builder /app/build /usr/share/nginx/html
    /// ```
    ///
    /// ## Fix safety
    /// For `CMD` the fix replaces it with `RUN`, which runs the step at build time. It is unsafe:
    /// the step's effects change the build.
    ///
    /// ## References
    /// - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    pub static RULE = {
        code: "DF038",
        name: "cmd-in-copy-source-stage",
        severity: Warning,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    let last = model.stages.len().saturating_sub(1);
    // The first COPY --from of each stage, found in one pass (not one pass per stage).
    let mut first_copy: Vec<Option<&crate::syntax::dockerfile::Instruction>> =
        vec![None; model.stages.len()];
    for (i, ins) in model.instructions().iter().enumerate() {
        let Some(v) = ins
            .flag_value("from")
            .filter(|_| ins.keyword == Keyword::Copy)
        else {
            continue;
        };
        let v = model
            .expand_global(v)
            .map_or_else(|| v.to_string(), |e| e.value);
        if let CopySource::Stage(source) = model.copy_source(&v, i) {
            first_copy[source].get_or_insert(ins);
        }
    }
    for stage in &model.stages[..last] {
        if model.is_base_of_another(stage.index) {
            continue;
        }
        let Some(copy) = first_copy[stage.index] else {
            continue;
        };
        for (_, ins) in super::stage_body(model, stage) {
            if !matches!(ins.keyword, Keyword::Cmd | Keyword::Entrypoint) {
                continue;
            }
            let name = ins.keyword_word.value.to_ascii_uppercase();
            let command = if ins.json {
                ins.args
                    .iter()
                    .map(|a| a.value.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                ins.rest().value.clone()
            };
            let d = cx.report(
                ins.head_span(input.text),
                format!(
                    "{name} in stage {} never runs during the build: `{command}` is not executed, so files it would create are missing for COPY --from at line {}",
                    stage.label(),
                    copy.line
                ),
            );
            d.label(copy.head_span(input.text), "copies from this stage")
                .help(format!("use RUN to execute `{command}` at build time"));
            if ins.keyword == Keyword::Cmd {
                d.fix(Fix::unsafe_(
                    "run it at build time with RUN",
                    vec![Edit::replace(
                        ins.keyword_word.span,
                        super::same_case(&ins.keyword_word.value, "RUN"),
                    )],
                ));
            }
        }
    }
}
