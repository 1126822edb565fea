use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `apt-get update` (or `apk update`) in a `RUN` that installs nothing.
    ///
    /// ## Why is this bad?
    /// The updated package index becomes its own cached layer. When you later add a package to
    /// the `apt-get install` step below, Docker reuses that old index layer: the install fetches
    /// versions that no longer exist (404 errors) or old ones. Updating and installing in one `RUN`
    /// keeps them in step.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN apt-get update
    /// RUN apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.6
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.6 && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## References
    /// - [Best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - Trivy DS017
    pub static RULE = {
        code: "DF037",
        name: "apt-get-update-alone",
        severity: Warning,
        aliases: ["DS017"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn is_update(c: &crate::syntax::shell::Command) -> bool {
    (c.is("apt-get") || c.is("apt") || c.is("apk")) && c.subcommand() == Some("update")
}

fn is_install(c: &crate::syntax::shell::Command) -> bool {
    ((c.is("apt-get") || c.is("apt"))
        && matches!(
            c.subcommand(),
            Some("install" | "upgrade" | "dist-upgrade" | "build-dep")
        ))
        || (c.is("apk") && matches!(c.subcommand(), Some("add" | "upgrade")))
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        let commands: Vec<_> = scripts.iter().flat_map(|s| &s.commands).collect();
        if commands.iter().any(|c| is_install(c)) {
            continue;
        }
        for update in commands.iter().filter(|c| is_update(c)) {
            cx.report(
                update.span,
                format!("`{} update` alone in its own RUN: the cached index layer goes stale for later installs", update.name()),
            )
            .help("update and install in the same RUN: `apt-get update && apt-get install -y ... && rm -rf /var/lib/apt/lists/*`");
        }
    }
}
