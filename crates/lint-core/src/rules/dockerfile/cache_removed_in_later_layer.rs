use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds a `RUN` that only cleans package caches (`rm -rf /var/lib/apt/lists/*`, `apt-get clean`,
    /// `yum clean all`, `rm -rf /root/.cache`, ...) after the install that created them ran in an
    /// earlier `RUN`.
    ///
    /// ## Why is this bad?
    /// Each RUN is a layer, and a later layer cannot shrink an earlier one: the deleted files are
    /// hidden but still downloaded with every pull. The cleanup only helps in the same RUN as the
    /// install.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// RUN rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## References
    /// - [Best practices: RUN](https://docs.docker.com/build/building/best-practices/#run)
    pub static RULE = {
        code: "DF095",
        name: "cache-removed-in-later-layer",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

const CACHE_DIRS: [&str; 6] = [
    "/var/lib/apt/lists",
    "/var/cache/apt",
    "/var/cache/apk",
    "/root/.cache",
    "/root/.npm",
    "/usr/local/share/.cache",
];

const RPM_MANAGERS: [&pkg::Manager; 3] = [&pkg::YUM, &pkg::DNF, &pkg::ZYPPER];

fn is_cleanup(cmd: &crate::syntax::shell::Command) -> bool {
    (cmd.is("rm")
        && cmd
            .operands()
            .any(|w| CACHE_DIRS.iter().any(|d| w.value.starts_with(d))))
        || RPM_MANAGERS.iter().any(|m| m.is_clean(cmd))
        || (matches!(cmd.name(), "apt-get" | "apt") && cmd.subcommand() == Some("clean"))
        || (cmd.is("apk") && cmd.subcommand() == Some("cache"))
        || ((cmd.is("npm") || cmd.is("yarn")) && cmd.subcommand() == Some("cache"))
}

fn is_install(cmd: &crate::syntax::shell::Command) -> bool {
    matches!(
        (cmd.name(), cmd.subcommand()),
        ("apt-get" | "apt" | "aptitude", Some("update"))
            | ("apt", Some("install"))
            | ("apk", Some("add"))
            | ("npm", Some("ci"))
            | ("yarn", Some("install" | "add"))
    ) || pkg::apt_install(cmd).is_some()
        || pkg::npm_install(cmd).is_some()
        || RPM_MANAGERS.iter().any(|m| m.downloads(cmd))
        || super::pip_install(cmd).is_some()
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    for stage in &model.stages {
        let mut installed_at: Option<usize> = None;
        for (i, ins) in super::stage_body(model, stage) {
            if ins.keyword != Keyword::Run {
                continue;
            }
            let commands: Vec<_> = input.scripts[i].iter().flat_map(|s| &s.commands).collect();
            let only_cleanup = !commands.is_empty() && commands.iter().all(|c| is_cleanup(c));
            if only_cleanup && let Some(at) = installed_at {
                let line = input.df.instructions[at].line;
                cx.report(ins.head_span(input.text), format!("this RUN only deletes caches that the RUN at line {line} already stored in its layer: the image does not get smaller"))
                    .label(input.df.instructions[at].head_span(input.text), "the cache is created in this layer")
                    .help("move the cleanup into the RUN that installs (`... && rm -rf /var/lib/apt/lists/*`)");
            }
            if commands.iter().any(|c| is_install(c)) {
                installed_at = Some(i);
            }
        }
    }
}
