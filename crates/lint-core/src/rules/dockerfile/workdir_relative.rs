use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds the first `WORKDIR` of a stage when its path is relative and no earlier stage it is
    /// built on (`FROM <stage>`) set a `WORKDIR`. Like BuildKit, later `WORKDIR`s are not reported:
    /// they resolve against one the Dockerfile set (hadolint reports every relative one).
    ///
    /// ## Why is this bad?
    /// A relative `WORKDIR` is resolved against whatever the previous working directory was, which
    /// for the first one is set by the base image and can change when the base image changes. An
    /// absolute path says where files land.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// WORKDIR app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// WORKDIR /app
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    /// - hadolint DL3000, BuildKit WorkdirRelativePath
    pub static RULE = {
        code: "DF005",
        name: "workdir-relative",
        severity: Error,
        aliases: ["DL3000", "WorkdirRelativePath"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn is_absolute(path: &str) -> bool {
    let p = path.trim_matches(|c| c == '"' || c == '\'');
    let bytes = p.as_bytes();
    p.starts_with('/')
        || p.starts_with('$')
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    let sets_workdir = |stage: usize| {
        super::stage_body(model, &model.stages[stage])
            .any(|(_, ins)| ins.keyword == Keyword::Workdir)
    };
    for stage in &model.stages {
        // A stage built on an earlier stage of this file starts in the directory that stage set.
        let inherited = model.ancestry(stage.index)[1..]
            .iter()
            .any(|&s| sets_workdir(s));
        if inherited {
            continue;
        }
        // Only the first WORKDIR can depend on the base image: the later ones resolve against it.
        let Some((_, ins)) =
            super::stage_body(model, stage).find(|(_, ins)| ins.keyword == Keyword::Workdir)
        else {
            continue;
        };
        let Some(arg) = ins.args.first() else {
            continue;
        };
        if is_absolute(&arg.value) {
            continue;
        }
        cx.report(
            arg.span,
            format!("WORKDIR `{}` is relative, and no WORKDIR before it in this Dockerfile says where it starts: that depends on the base image", arg.value),
        )
        .help(format!("use an absolute path, e.g. `/{}`", arg.value.trim_start_matches("./")));
    }
}
