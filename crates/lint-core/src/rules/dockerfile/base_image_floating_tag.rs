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

/// Tag words that name a variant: official images publish them after a version
/// (`golang:1.23-alpine`, `python:3.12-slim`).
const VARIANTS: [&str; 2] = ["alpine", "slim"];
/// Tag words that name a moving channel, never a version. Images do not publish them after a
/// version (there is no `node:22-lts`), so the help drops them.
const CHANNELS: [&str; 10] = [
    "lts", "stable", "current", "edge", "mainline", "nightly", "rolling", "dev", "main", "master",
];

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for stage in &input.model.stages {
        let Base::Image(image) = &stage.base else {
            continue;
        };
        let Some(tag) = image.tag() else {
            continue;
        };
        if image.digest().is_some() || tag == "latest" {
            continue;
        }
        let floating = tag
            .split('-')
            .all(|part| VARIANTS.contains(&part) || CHANNELS.contains(&part) || part == "latest");
        if floating {
            let variant: Vec<&str> = tag.split('-').filter(|p| VARIANTS.contains(p)).collect();
            let pinned = match variant.as_slice() {
                [] => format!("{}:<version>", image.repository()),
                parts => format!("{}:<version>-{}", image.repository(), parts.join("-")),
            };
            cx.report(stage.image.span, format!("tag `{tag}` of `{}` names a variant or channel, not a version: it moves with every release", stage.resolved_value()))
                .help(format!("pin the version it points to now, e.g. `{pinned}` (the image's tag list shows the exact forms)"));
        }
    }
}
