use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::model::CopySource;

crate::declare_rule! {
    /// ## What it does
    /// Finds `COPY --from=<name>` where `<name>` is neither a stage defined earlier nor a pinned
    /// image (with a tag or digest). `ARG` defaults are substituted first.
    ///
    /// ## Why is this bad?
    /// When no earlier stage has that name, Docker tries to pull an image called `<name>` from
    /// Docker Hub: a typo in a stage name becomes a confusing "pull access denied" error, or silently
    /// copies from an unrelated public image. A stage defined *after* the COPY cannot be used either.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /out/app .
    /// FROM alpine:3.20
    /// COPY --from=bulid /out/app /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /out/app .
    /// FROM alpine:3.20
    /// COPY --from=build /out/app /app
    /// ```
    ///
    /// ## References
    /// - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    /// - hadolint DL3022
    pub static RULE = {
        code: "DF010",
        name: "copy-from-undefined-stage",
        severity: Warning,
        aliases: ["DL3022"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    for (i, ins) in model.instructions().iter().enumerate() {
        if ins.keyword != Keyword::Copy {
            continue;
        }
        let Some(flag) = ins.flag("from") else {
            continue;
        };
        let raw = flag.value().unwrap_or("");
        let value = match model.expand_global(raw) {
            Some(e) if e.unknown.is_empty() => e.value,
            _ => continue,
        };
        let names: Vec<&str> = model
            .stages
            .iter()
            .filter(|s| s.from < i)
            .filter_map(|s| s.name.as_ref().map(|n| n.value.as_str()))
            .collect();
        match model.copy_source(&value, i) {
            CopySource::Missing => {
                let help = match crate::suggest::did_you_mean(&value, &names) {
                    Some(s) => format!("did you mean `--from={s}`?"),
                    None if names.is_empty() => {
                        "name the source stage with `FROM ... AS <name>`, or give the image a tag"
                            .to_string()
                    }
                    None => format!("stages defined so far: {}", names.join(", ")),
                };
                cx.report(
                    flag.span,
                    format!("no stage named `{value}` is defined before this COPY: Docker will try to pull an image called `{value}`"),
                )
                .help(help);
            }
            CopySource::Image => {
                let image = crate::syntax::dockerfile::model::ImageRef::parse(&value);
                if image.tag.is_none() && image.digest.is_none() {
                    cx.report(
                        flag.span,
                        format!("`{value}` is not a stage defined before this COPY; as an image it has no tag, so Docker copies from its moving `latest`"),
                    )
                    .help(format!("pin the image (`--from={value}:<version>` or a digest), or name a stage"));
                }
            }
            CopySource::Later => {
                cx.report(flag.span, format!("stage `{value}` is defined after this COPY, so it cannot be copied from here"))
                    .help("move the stage above the one that copies from it");
            }
            _ => {}
        }
    }
}
