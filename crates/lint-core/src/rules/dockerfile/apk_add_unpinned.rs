use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `apk add` of packages without a version (`pkg=version`).
    ///
    /// ## Why is this bad?
    /// Unpinned packages make builds depend on the day they run; two builds of one Dockerfile can
    /// ship different software.
    ///
    /// Reported as `info` (hadolint's `warning` in the `hadolint` preset): it fires on 39% of
    /// real-world Dockerfiles, and Alpine's repositories keep only the latest build of each package
    /// per branch, so an exact pin breaks the build at the next package update; `name~=1.2` or a
    /// pinned base image are the usual compromise.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r0
    /// ```
    ///
    /// ## References
    /// - hadolint DL3018
    pub static RULE = {
        code: "DF032",
        name: "apk-add-unpinned",
        severity: Info,
        aliases: ["DL3018"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for script in scripts {
            for cmd in script.find("apk") {
                if cmd.subcommand() != Some("add") {
                    continue;
                }
                let unpinned: Vec<&str> = cmd
                    .packages(crate::syntax::pkg::APK.value_flags)
                    .into_iter()
                    .filter(|w| {
                        !w.dynamic
                            && !w.value.contains(['=', '~', '<', '>'])
                            && !w.value.ends_with(".apk")
                    })
                    .map(|w| w.value.as_str())
                    .collect();
                if unpinned.is_empty() {
                    continue;
                }
                cx.report(
                    cmd.span,
                    format!("apk add of unpinned packages: {}", unpinned.join(", ")),
                )
                .help("pin versions with `apk add <package>=<version>`");
            }
        }
    }
}
