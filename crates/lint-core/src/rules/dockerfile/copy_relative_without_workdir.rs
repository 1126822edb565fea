use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `COPY` to a relative destination in a stage (and its parents) that has set no `WORKDIR` yet.
    ///
    /// ## Why is this bad?
    /// A relative destination is resolved against the working directory, which the base image chose
    /// and may change; the files land somewhere the reader cannot see from the Dockerfile.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// COPY package.json ./
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// WORKDIR /app
    /// COPY package.json ./
    /// ```
    ///
    /// ## References
    /// - hadolint DL3045
    pub static RULE = {
        code: "DF066",
        name: "copy-relative-without-workdir",
        severity: Warning,
        aliases: ["DL3045"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    for stage in &model.stages {
        let inherited = model.ancestry(stage.index).iter().skip(1).any(|&s| {
            super::stage_body(model, &model.stages[s]).any(|(_, i)| i.keyword == Keyword::Workdir)
        });
        if inherited {
            continue;
        }
        for (_, ins) in super::stage_body(model, stage) {
            match ins.keyword {
                Keyword::Workdir => break,
                Keyword::Copy => {
                    let Some(dest) = ins.args.last().filter(|_| ins.args.len() >= 2) else {
                        continue;
                    };
                    let d = dest.value.trim_matches('"');
                    let bytes = d.as_bytes();
                    let absolute = d.starts_with('/')
                        || d.starts_with('$')
                        || (bytes.len() >= 2 && bytes[1] == b':');
                    if !absolute {
                        cx.report(dest.span, format!("COPY to relative `{d}` with no WORKDIR set: it lands in the base image's working directory"))
                            .help("set `WORKDIR /some/dir` first, or use an absolute destination");
                    }
                }
                _ => {}
            }
        }
    }
}
