use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::model::PLATFORM_ARGS;

crate::declare_rule! {
    /// ## What it does
    /// Finds variables in `FROM` (image or `--platform`) that no `ARG` before the first `FROM`
    /// declares.
    ///
    /// ## Why is this bad?
    /// `FROM` only sees global ARGs, declared before the first `FROM`. An undeclared variable
    /// expands to an empty string: `FROM node:${NODE_VERSION}` becomes `FROM node:`, an invalid
    /// reference, or silently `latest`.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG NODE_VERSION=20
    /// FROM node:${NODE_VERISON}-alpine
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ARG NODE_VERSION=20
    /// FROM node:${NODE_VERSION}-alpine
    /// ```
    ///
    /// ## References
    /// - [Understand how ARG and FROM interact](https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact)
    /// - BuildKit UndefinedArgInFrom
    pub static RULE = {
        code: "DF025",
        name: "undefined-arg-in-from",
        severity: Warning,
        aliases: ["UndefinedArgInFrom"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    let declared: Vec<&str> = model
        .global_args
        .iter()
        .map(|(n, _)| n.value.as_str())
        .collect();
    for stage in &model.stages {
        let from = &input.df.instructions[stage.from];
        let mut words: Vec<(&str, crate::Span)> =
            vec![(stage.image.value.as_str(), stage.image.span)];
        if let Some(platform) = from.flag("platform") {
            words.push((platform.value().unwrap_or(""), platform.span));
        }
        for (text, span) in words {
            let Some(expansion) = model.expand_global(text) else {
                continue;
            };
            let mut reported: Vec<&str> = Vec::new();
            for name in &expansion.used {
                if declared.contains(&name.as_str())
                    || PLATFORM_ARGS.contains(&name.as_str())
                    || reported.contains(&name.as_str())
                {
                    continue;
                }
                reported.push(name);
                let help = match crate::suggest::did_you_mean(name, &declared) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("declare `ARG {name}=<default>` before the first FROM"),
                };
                cx.report(
                    span,
                    format!("FROM uses `${name}`, but no ARG before the first FROM declares it"),
                )
                .help(help);
            }
        }
    }
}
