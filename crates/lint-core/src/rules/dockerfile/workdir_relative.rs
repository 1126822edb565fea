use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `WORKDIR` with a relative path.
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
    for ins in &input.df.instructions {
        if ins.keyword != Keyword::Workdir {
            continue;
        }
        let Some(arg) = ins.args.first() else {
            continue;
        };
        if is_absolute(&arg.value) {
            continue;
        }
        cx.report(
            arg.span,
            format!("WORKDIR `{}` is relative: where it points depends on the previous working directory", arg.value),
        )
        .help(format!("use an absolute path, e.g. `/{}`", arg.value.trim_start_matches("./")));
    }
}
