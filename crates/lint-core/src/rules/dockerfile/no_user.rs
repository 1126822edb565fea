use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::model::Base;

crate::declare_rule! {
    /// ## What it does
    /// Finds a final stage (and the stages it builds on) that never sets `USER`.
    ///
    /// ## Why is this bad?
    /// Without `USER` the container runs as root, unless the base image itself sets a user. A
    /// compromise of the application then gets root inside the container, and root in the container
    /// is one kernel bug away from root on the host.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY app.py /app/app.py
    /// CMD ["python", "/app/app.py"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN useradd --system --uid 10001 app
    /// COPY app.py /app/app.py
    /// USER app
    /// CMD ["python", "/app/app.py"]
    /// ```
    ///
    /// ## References
    /// - [Best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    /// - Checkov CKV_DOCKER_3, KICS Missing User Instruction
    pub static RULE = {
        code: "DF039",
        name: "no-user",
        severity: Info,
        aliases: ["CKV_DOCKER_3"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    let Some(last) = model.final_stage() else {
        return;
    };
    let chain = model.ancestry(last.index);
    let root = &model.stages[*chain.last().expect("chain holds the stage itself")];
    if root.base == Base::Scratch {
        return;
    }
    let has_user = chain.iter().any(|&s| {
        super::stage_body(model, &model.stages[s]).any(|(_, i)| i.keyword == Keyword::User)
    });
    if has_user {
        return;
    }
    let from = &model.instructions()[last.from];
    cx.report(from.head_span(input.text), "the final stage never sets USER: the container runs as root unless the base image sets a user")
        .help("create an unprivileged user and switch to it with `USER`");
}
