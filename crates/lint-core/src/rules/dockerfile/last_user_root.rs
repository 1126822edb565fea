use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds a final stage (or a stage another builds on) whose last `USER` is root.
    ///
    /// ## Why is this bad?
    /// The container then runs as root: a compromise of the app gets root in the container, one kernel
    /// bug away from the host. Switch back to an unprivileged user after root-only steps. Builder
    /// stages whose files are only copied out are left alone.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// USER root
    /// CMD ["app"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// USER root
    /// RUN useradd --system app
    /// USER app
    /// CMD ["app"]
    /// ```
    ///
    /// ## References
    /// - hadolint DL3002
    pub static RULE = {
        code: "DF062",
        name: "last-user-root",
        severity: Warning,
        aliases: ["DL3002"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    for stage in &model.stages {
        let ships = model.ships(stage.index);
        if !ships {
            continue;
        }
        let last = super::stage_body(model, stage)
            .filter(|(_, i)| i.keyword == Keyword::User)
            .last();
        let Some((_, user)) = last else { continue };
        let Some(arg) = user.args.first() else {
            continue;
        };
        let name = arg.value.split(':').next().unwrap_or("");
        if name == "root" || name == "0" {
            cx.report(
                arg.span,
                format!(
                    "the last USER of stage {} is `{}`: the container runs as root",
                    stage.label(),
                    arg.value
                ),
            )
            .help("switch to an unprivileged user after the steps that need root");
        }
    }
}
