use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;
use crate::syntax::shell::Command;

crate::declare_rule! {
    /// ## What it does
    /// Finds `apt-get update` (or `apt`, `aptitude` or `apk update`) in a `RUN` that installs
    /// nothing. The subcommand is found past the front end's options and their values
    /// (`apt-get -o Acquire::Retries=3 update`); an install, reinstall, upgrade or `build-dep` in
    /// the same `RUN` reads the fresh index, so that `RUN` is fine.
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

/// The option grammar of a package index front end: its value-taking options are skipped when
/// finding the subcommand (`apt-get -o Acquire::Retries=3 update`).
fn cli_of(c: &Command) -> Option<&'static pkg::Cli> {
    if c.is("apt-get") || c.is("apt") {
        Some(&pkg::APT_GET)
    } else if c.is("aptitude") {
        Some(&pkg::APTITUDE)
    } else if c.is("apk") {
        Some(&pkg::APK)
    } else {
        None
    }
}

fn subcommand(c: &Command) -> Option<&str> {
    cli_of(c)?.subcommand(c).map(|w| w.value.as_str())
}

fn is_update(c: &Command) -> bool {
    subcommand(c) == Some("update")
}

/// A subcommand that reads the index `update` fetched: it installs or upgrades packages.
fn is_install(c: &Command) -> bool {
    let Some(sub) = subcommand(c) else {
        return false;
    };
    if c.is("apk") {
        matches!(sub, "add" | "upgrade" | "fix")
    } else {
        matches!(
            sub,
            "install"
                | "reinstall"
                | "upgrade"
                | "dist-upgrade"
                | "full-upgrade"
                | "safe-upgrade"
                | "build-dep"
                | "source"
        )
    }
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
            .help(match update.name() {
                "apk" => "install with `apk add --no-cache ...`, which fetches a fresh index itself and needs no `apk update`".to_string(),
                name => format!(
                    "update and install in the same RUN: `{name} update && {name} install -y ... && rm -rf /var/lib/apt/lists/*`"
                ),
            });
        }
    }
}
