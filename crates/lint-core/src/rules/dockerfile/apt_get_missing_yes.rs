use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `apt-get install` without `-y` (or `--yes`, `--assume-yes`, or quiet level 2: `-qq`,
    /// `-q -q`, `-q=2`, which implies yes).
    ///
    /// ## Why is this bad?
    /// A build has no terminal to answer apt's "Do you want to continue?": without `-y` the install
    /// aborts as soon as it needs confirmation, which depends on the packages and their dependencies.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get install --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## Fix safety
    /// Adding `-y` is safe.
    ///
    /// ## References
    /// - hadolint DL3014
    pub static RULE = {
        code: "DF041",
        name: "apt-get-missing-yes",
        severity: Warning,
        aliases: ["DL3014"],
        fix: Always,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for cmd in scripts.iter().flat_map(|s| &s.commands) {
            let cli = &pkg::APT_GET;
            let Some(install) = cli.subcommand(cmd).filter(|w| w.value == "install") else {
                continue;
            };
            if !cmd.is("apt-get") {
                continue;
            }
            // Quiet level 2 (`-qq`, `-q -q`, `-q=2`) implies `--assume-yes`.
            let quiet2 = cli.count(cmd, 'q', "--quiet") >= 2;
            if cli.has_flag(cmd, &["-y", "--yes", "--assume-yes"]) || quiet2 {
                continue;
            }
            cx.report(
                cmd.span,
                "`apt-get install` without `-y` waits for a confirmation no one can give",
            )
            .help("add `-y`")
            .fix(Fix::safe(
                "add -y",
                vec![Edit::insert(install.span.end, " -y")],
            ));
        }
    }
}
