use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `apt-get upgrade` / `dist-upgrade`, `apk upgrade`, `yum update`/`upgrade` and
    /// `dnf upgrade` in RUN.
    ///
    /// ## Why is this bad?
    /// Upgrading everything inside the build makes the image depend on the day it was built and hides
    /// which base image it really uses; the base image's maintainers already ship patched tags.
    /// Pull a newer base image (or pin its digest and bump it) instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get update && apt-get upgrade -y
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12.7-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## References
    /// - Trivy DS024, KICS Run Using Upgrade Commands
    pub static RULE = {
        code: "DF090",
        name: "distro-upgrade",
        severity: Info,
        aliases: ["DS024"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for cmd in scripts.iter().flat_map(|s| &s.commands) {
            let upgrade = match (cmd.name(), cmd.subcommand()) {
                ("apt-get" | "apt", Some("upgrade" | "dist-upgrade" | "full-upgrade")) => true,
                ("apk", Some("upgrade")) => true,
                ("yum" | "dnf" | "microdnf", Some("update" | "upgrade" | "distro-sync")) => {
                    cmd.operands().count() == 1
                }
                _ => false,
            };
            if upgrade {
                cx.report(
                    cmd.span,
                    format!(
                        "`{} {}` upgrades the whole base image inside the build",
                        cmd.name(),
                        cmd.subcommand().unwrap_or("")
                    ),
                )
                .help("use a newer base image tag (or bump its digest) instead");
            }
        }
    }
}
