use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `apk add` of packages without a version (`pkg=version`).
    ///
    /// A version given as a variable (`curl=$CURL_VERSION`) counts as pinned when an `ARG` or `ENV` of the
    /// stage (before the RUN, or of a stage it builds on) or the RUN itself (`V=...`,
    /// `--mount=...,env=V`) defines it; otherwise it expands to an empty version and is
    /// reported. An `ARG` before the first `FROM` is in scope only where the stage declares
    /// `ARG V` again; `${V:-1.2}` and versions with literal text around the variable are taken
    /// as given. A variable the base image sets with `ENV` cannot be seen: declare it with `ARG`.
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
    let scopes = super::Scopes::new(input);
    for (i, _, scripts) in super::runs(input) {
        let scope = scopes.at(i);
        for script in scripts {
            for cmd in script.find("apk") {
                if cmd.subcommand() != Some("add") {
                    continue;
                }
                let unpinned: Vec<&str> = cmd
                    .packages(crate::syntax::pkg::APK.value_flags)
                    .into_iter()
                    .filter(|w| {
                        if w.dynamic {
                            return crate::syntax::pkg::version_undefined(
                                &w.value,
                                crate::syntax::pkg::apk_version_at,
                                &|n| scope.defined(n),
                            );
                        }
                        !w.value.contains(['=', '~', '<', '>']) && !w.value.ends_with(".apk")
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
                .help(scope.pin_help("pin versions with `apk add <package>=<version>`", &unpinned));
            }
        }
    }
}
