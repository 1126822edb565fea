use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `FROM ... AS name` where the `AS` keyword's case differs from `FROM`'s (`FROM x as y`).
    ///
    /// ## Why is this bad?
    /// Mixed casing on one line is inconsistent and hard to scan; BuildKit warns about it.
    ///
    /// Reported as `style`: the build works either way, so it is a matter of consistency, not a
    /// defect.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine as build
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine AS build
    /// ```
    ///
    /// ## Fix safety
    /// Changing the keyword's case is safe.
    ///
    /// ## References
    /// - BuildKit FromAsCasing
    pub static RULE = {
        code: "DF019",
        name: "from-as-casing",
        severity: Style,
        aliases: ["FromAsCasing"],
        fix: Always,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for stage in &input.model.stages {
        let from = &input.df.instructions[stage.from];
        let Some(kw) = from.args.get(1) else { continue };
        let from_word = &from.keyword_word.value;
        let expected = if from_word.chars().all(|c| c.is_ascii_uppercase()) {
            "AS"
        } else if from_word.chars().all(|c| c.is_ascii_lowercase()) {
            "as"
        } else {
            continue;
        };
        if kw.value != expected && kw.span.len() == 2 {
            cx.report(
                kw.span,
                format!("`{}` does not match the casing of `{from_word}`", kw.value),
            )
            .help(format!("write `{from_word} ... {expected} <name>`"))
            .fix(Fix::safe(
                format!("write `{expected}`"),
                vec![Edit::replace(kw.span, expected)],
            ));
        }
    }
}
