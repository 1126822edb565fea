use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::model::Base;

crate::declare_rule! {
    /// ## What it does
    /// Finds base images whose tag names only a variant or channel — `node:alpine`, `python:slim`,
    /// `node:lts-alpine`, `nginx:stable`, `alpine:edge` — with no version in it (ARG defaults substituted).
    ///
    /// ## Why is this bad?
    /// Such a tag moves to each new release just like `latest`: `node:alpine` jumped from Node 12 to 14 to
    /// 16 under the same name, so a rebuild silently changes the runtime major version.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:alpine
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// ```
    ///
    /// ## References
    /// - [Docker docs: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
    pub static RULE = {
        code: "DF098",
        name: "base-image-floating-tag",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

/// Tag words that name a variant or a moving channel, never a version.
const FLOATING: [&str; 12] = [
    "alpine", "slim", "lts", "stable", "current", "edge", "mainline", "nightly", "rolling", "dev",
    "main", "master",
];

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for stage in &input.model.stages {
        let Base::Image(image) = &stage.base else {
            continue;
        };
        let Some(tag) = image.tag.as_deref() else {
            continue;
        };
        if image.digest.is_some() || tag == "latest" {
            continue;
        }
        let floating = tag
            .split('-')
            .all(|part| FLOATING.contains(&part) || part == "latest");
        if floating {
            cx.report(stage.image.span, format!("tag `{tag}` of `{}` names a variant, not a version: it moves with every release", stage.resolved.value))
                .help(format!("pin a version, e.g. `{}:<version>-{tag}`", image.repository));
        }
    }
}
