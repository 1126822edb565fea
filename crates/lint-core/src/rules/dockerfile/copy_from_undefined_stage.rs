use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::model::CopySource;

crate::declare_rule! {
    /// ## What it does
    /// Finds `COPY --from=<name>` where `<name>` is a near-typo of a stage name (`bulid` for
    /// `build`, `set` for `license-set`), a stage defined only after the COPY, a stage index that
    /// does not exist or comes later, a name that is neither a stage nor an image reference,
    /// or an image without a tag or digest. `ARG` defaults are substituted first.
    ///
    /// A name the Compose build passes as a named context (`build.additional_contexts`) is
    /// left alone: BuildKit resolves named contexts before stages and images. A context given
    /// on the command line (`docker buildx build --build-context name=...`, bake `contexts`)
    /// cannot be seen from the Dockerfile, so the finding says to ignore it then.
    ///
    /// ## Why is this bad?
    /// When no earlier stage and no build context has that name, the build tries to pull an image
    /// called `<name>`: a typo in a stage name becomes a confusing "pull access denied" error, or
    /// silently copies from an unrelated public image. A stage defined *after* the COPY cannot be
    /// used either.
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
            CopySource::Missing if value.parse::<usize>().is_ok() => {
                cx.report(
                    flag.span,
                    format!(
                        "there is no stage #{value}: stages are numbered from 0 in order of FROM"
                    ),
                )
                .help(format!("stages defined so far: {}", names.join(", ")));
            }
            CopySource::Missing => {
                if let Some(stage) = near_stage(&value, &names) {
                    cx.report(
                        flag.span,
                        format!("no stage named `{value}` is defined before this COPY; did you mean `{stage}`?"),
                    )
                    .help(format!("use `--from={stage}`; if `{value}` is a build context passed to the build, ignore this"));
                    continue;
                }
                let passed = input
                    .build
                    .is_some_and(|b| b.contexts.iter().any(|c| c.eq_ignore_ascii_case(&value)));
                if passed {
                    continue;
                }
                cx.report(
                    flag.span,
                    format!("no stage named `{value}` is defined before this COPY: unless the build passes a context of that name, BuildKit pulls the image `{value}:latest` and copies from it"),
                )
                .help(format!("name a stage defined above (`FROM ... AS {value}`); if `{value}` is a build context (`--build-context {value}=...`, Compose `additional_contexts`), ignore this"));
            }
            // An index names a stage by its place: one that starts after the COPY's own stage
            // is not built yet (the own stage is DF011's).
            CopySource::Stage(n)
                if value.parse::<usize>().is_ok()
                    && model.stage_of(i).is_some_and(|here| n > here.index) =>
            {
                cx.report(
                    flag.span,
                    format!(
                        "stage #{n} is defined after this COPY, so it cannot be copied from here"
                    ),
                )
                .help("copy from a stage defined above, or move the stage before this one");
            }
            CopySource::Image => {
                let image = crate::syntax::dockerfile::model::ImageRef::parse(&value);
                if image.tag().is_none() && image.digest().is_none() {
                    cx.report(
                        flag.span,
                        format!("`{value}` is not a stage defined before this COPY; as an image it has no tag, so the build copies from its moving `latest`"),
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

/// The stage `value` most likely meant: within a small edit distance, or a whole part of a
/// hyphenated stage name (`set` for `license-set`).
fn near_stage<'a>(value: &str, names: &[&'a str]) -> Option<&'a str> {
    crate::suggest::did_you_mean(value, names).or_else(|| {
        let value = value.to_ascii_lowercase();
        names.iter().copied().find(|name| {
            name.to_ascii_lowercase()
                .split(['-', '_', '.'])
                .any(|part| part == value)
        })
    })
}
