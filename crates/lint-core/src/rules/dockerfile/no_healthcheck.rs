use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds a final image without `HEALTHCHECK` (its own or a parent stage's). Off by default: many
    /// orchestrators (Kubernetes) ignore it and probe on their own.
    ///
    /// ## Why is this bad?
    /// Without a health check, `docker ps` and Compose/Swarm only know whether the process runs, not
    /// whether it answers; a hung server is never restarted.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// COPY site /usr/share/nginx/html
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// COPY site /usr/share/nginx/html
    /// HEALTHCHECK CMD curl -fs http://localhost/ || exit 1
    /// ```
    ///
    /// ## References
    /// - hadolint DL3057
    pub static RULE = {
        code: "DF084",
        name: "no-healthcheck",
        severity: Info,
        aliases: ["DL3057"],
        fix: None,
        default: false,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    let Some(last) = model.final_stage() else {
        return;
    };
    let has = model.ancestry(last.index).iter().any(|&s| {
        super::stage_body(model, &model.stages[s]).any(|(_, i)| i.keyword == Keyword::Healthcheck)
    });
    if !has {
        let from = &model.instructions()[last.from];
        cx.report(
            from.head_span(input.text),
            "the final image has no HEALTHCHECK",
        )
        .help("add `HEALTHCHECK CMD <probe>` (or `HEALTHCHECK NONE` to say it is deliberate)");
    }
}
