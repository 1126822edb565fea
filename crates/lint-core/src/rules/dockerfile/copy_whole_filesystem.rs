use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::model::{Base, CopySource, ImageRef, Model};

crate::declare_rule! {
    /// ## What it does
    /// Finds `COPY --from=<source> / ...` where the source is a whole operating system: a stage
    /// built on a Docker Official Image (`debian`, `alpine`, `golang`, ...) or such an image itself.
    ///
    /// It does not report the artifact idioms: a source built `FROM scratch` (an export stage that
    /// holds only the files put there, `COPY --from=binaries / /usr/bin/`), a source from a
    /// namespaced image (`tonistiigi/xx`, `gloursdocker/docker` — images published to be copied
    /// whole; the linter cannot see inside them), or a copy into a `FROM scratch` stage
    /// (flattening an image into one layer on purpose).
    ///
    /// ## Why is this bad?
    /// It copies everything — package databases, caches, `/etc/passwd`, device nodes — over the target,
    /// and hides what the stage really contributes. Copy the directories you need.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// FROM alpine:3.20
    /// COPY --from=build / /
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// FROM alpine:3.20
    /// COPY --from=build /out/app /usr/local/bin/app
    /// ```
    ///
    /// ## References
    /// - hadolint DL3067
    pub static RULE = {
        code: "DF069",
        name: "copy-whole-filesystem",
        severity: Warning,
        aliases: ["DL3067"],
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
        let Some(from) = ins.flag("from").and_then(|f| f.value()) else {
            continue;
        };
        let sources = &ins.args[..ins.args.len().saturating_sub(1)];
        if !sources.iter().any(|s| s.value == "/") {
            continue;
        }
        let into_scratch = model
            .stage_of(i)
            .is_some_and(|stage| root_base(model, stage.index) == &Base::Scratch);
        let whole_os = match model.copy_source(from, i) {
            CopySource::Stage(n) => is_distribution(root_base(model, n)),
            CopySource::Image => is_distribution(&Base::Image(ImageRef::parse(from))),
            _ => false,
        };
        if whole_os && !into_scratch {
            cx.report(
                ins.head_span(input.text),
                format!("COPY --from={from} of `/` copies a whole operating system filesystem"),
            )
            .help("copy only the directories the image needs");
        }
    }
}

/// The base the stage's chain of `FROM <stage>` ends in.
fn root_base<'m>(model: &'m Model<'_>, stage: usize) -> &'m Base {
    let root = model.ancestry(stage).last().copied().unwrap_or(stage);
    &model.stages[root].base
}

/// A Docker Official Image (`debian`, `library/alpine`, `docker.io/golang`): a full distribution.
fn is_distribution(base: &Base) -> bool {
    let Base::Image(image) = base else {
        return false;
    };
    let hub = image
        .registry()
        .is_none_or(|r| r == "docker.io" || r == "index.docker.io");
    let repository = image.repository();
    let repository = repository.strip_prefix("library/").unwrap_or(repository);
    hub && !repository.contains('/')
}
