use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::validate::refused_trigger;

crate::declare_rule! {
    /// ## What it does
    /// Finds `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`: triggers Docker refuses.
    ///
    /// ## Why is this bad?
    /// BuildKit stops the build at such a line ("Chaining ONBUILD via `ONBUILD ONBUILD` isn't
    /// allowed", "FROM isn't allowed as an ONBUILD trigger"). A trigger runs in the build of a
    /// later image that uses this one as its base, inside that build's stage: it cannot start a
    /// stage of its own (`FROM`), add further triggers (`ONBUILD`), or set the deprecated
    /// `MAINTAINER` field.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20.11-alpine3.19
    /// ONBUILD FROM node:20.11-alpine3.19
    /// ONBUILD COPY package.json /app/
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20.11-alpine3.19
    /// ONBUILD COPY package.json /app/
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: ONBUILD](https://docs.docker.com/reference/dockerfile/#onbuild)
    /// - hadolint DL3043
    pub static RULE = {
        code: "DF101",
        name: "onbuild-trigger-not-allowed",
        severity: Error,
        aliases: ["DL3043"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for trigger in input.df.instructions.iter().filter_map(refused_trigger) {
        let written = &trigger.keyword_word.value;
        let why = match trigger.keyword {
            Keyword::Onbuild => "triggers cannot add triggers",
            Keyword::From => {
                "a trigger runs inside the stage that builds on this image and cannot start a stage"
            }
            Keyword::Maintainer => "a trigger cannot set the deprecated author field",
            _ => continue,
        };
        cx.report(
            trigger.keyword_word.span,
            format!("`ONBUILD {written}` is refused by Docker: {why}; the build stops here"),
        )
        .help(match trigger.keyword {
            Keyword::Maintainer => {
                "remove it, or set `LABEL org.opencontainers.image.authors=\"...\"` in this image"
            }
            _ => "remove this line",
        });
    }
}
