use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::words::unquote_path;

crate::declare_rule! {
    /// ## What it does
    /// Finds a local archive that is `COPY`ed and then unpacked with `tar -x` in a later RUN of the stage.
    ///
    /// ## Why is this bad?
    /// The archive itself stays in the COPY layer forever, next to its unpacked files: the image carries
    /// the content twice. `ADD archive.tar.gz /dest/` unpacks a local archive in one layer.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// COPY vendor.tar.gz /tmp/
    /// RUN tar -xzf /tmp/vendor.tar.gz -C /opt
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// ADD vendor.tar.gz /opt/
    /// ```
    ///
    /// ## References
    /// - hadolint DL3010
    pub static RULE = {
        code: "DF083",
        name: "copy-archive-then-extract",
        severity: Info,
        aliases: ["DL3010"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

const ARCHIVES: [&str; 7] = [
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz",
];

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    for stage in &model.stages {
        let body: Vec<_> = super::stage_body(model, stage).collect();
        for (n, (_, ins)) in body.iter().enumerate() {
            if ins.keyword != Keyword::Copy || ins.flag("from").is_some() || ins.args.len() < 2 {
                continue;
            }
            for source in &ins.args[..ins.args.len() - 1] {
                // BuildKit removes quotes first (`COPY "app.tgz" /tmp/`).
                let path = if ins.json {
                    source.value.clone()
                } else {
                    unquote_path(&source.value, input.df.escape)
                };
                let name = path.rsplit('/').next().unwrap_or(&path);
                if !ARCHIVES.iter().any(|ext| name.ends_with(ext)) {
                    continue;
                }
                let extracted = body[n + 1..].iter().any(|(i, _)| {
                    input.scripts[*i]
                        .iter()
                        .flat_map(|s| s.find("tar"))
                        .any(|tar| {
                            let extracting = tar.args().iter().any(|a| {
                                a.value == "--extract"
                                    || (a.value.starts_with('-')
                                        && !a.value.starts_with("--")
                                        && a.value.contains('x'))
                                    || (!a.value.starts_with('-')
                                        && a.value.contains('x')
                                        && a.value.len() <= 5
                                        && a.value.chars().all(|c| c.is_ascii_alphabetic()))
                            });
                            extracting && tar.args().iter().any(|a| a.value.ends_with(name))
                        })
                });
                if extracted {
                    cx.report(source.span, format!("`{name}` is copied and then unpacked: the archive stays in the image next to its contents"))
                        .help("use `ADD <archive> <dest>/`, which unpacks local archives in one layer");
                }
            }
        }
    }
}
