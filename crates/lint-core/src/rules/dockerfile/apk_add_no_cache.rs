use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `apk add` without `--no-cache` (and without a cache mount on `/var/cache/apk`).
    ///
    /// ## Why is this bad?
    /// apk keeps its downloaded index in `/var/cache/apk`, which then ships in the layer. `--no-cache`
    /// fetches a fresh index and leaves nothing behind, so no separate `apk update` or cleanup is needed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add curl=8.9.1-r0
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r0
    /// ```
    ///
    /// ## Fix safety
    /// Adding `--no-cache` is safe.
    ///
    /// ## References
    /// - hadolint DL3019
    pub static RULE = {
        code: "DF031",
        name: "apk-add-no-cache",
        severity: Info,
        aliases: ["DL3019"],
        fix: Always,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, run, scripts) in super::runs(input) {
        if super::has_cache_mount(run, "/var/cache/apk") {
            continue;
        }
        for script in scripts {
            for cmd in script.find("apk") {
                if cmd.subcommand() != Some("add") || cmd.has_flag(&["--no-cache"]) {
                    continue;
                }
                let add = cmd.operands().next().expect("subcommand exists");
                cx.report(
                    cmd.span,
                    "apk add without --no-cache leaves the package index in the image",
                )
                .help("use `apk add --no-cache ...` (no `apk update` needed)")
                .fix(Fix::safe(
                    "add --no-cache",
                    vec![Edit::insert(add.span.end, " --no-cache")],
                ));
            }
        }
    }
}
