use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `apt-get install` without `-y` (or `--yes`, `--assume-yes`, or quiet level 2: `-qq`,
    /// `-q -q`, `-q=2`, which implies yes), and `aptitude install` without `-y`
    /// (`--assume-yes`; aptitude's quiet levels do not answer for you).
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
    /// - hadolint DL3014 (which checks apt-get only)
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
            let Some((frontend, install)) = pkg::apt_install(cmd) else {
                continue;
            };
            let cli = frontend.cli;
            // apt-get's quiet level 2 (`-qq`, `-q -q`, `-q=2`) implies `--assume-yes`.
            let quiet2 = frontend.quiet_implies_yes && cli.count(cmd, 'q', "--quiet") >= 2;
            if cli.has_flag(cmd, frontend.yes) || quiet2 {
                continue;
            }
            cx.report(
                cmd.span,
                format!(
                    "`{} install` without `-y` waits for a confirmation no one can give",
                    frontend.program
                ),
            )
            .help("add `-y`")
            .fix(Fix::safe(
                "add -y",
                vec![Edit::insert(install.span.end, " -y")],
            ));
        }
    }
}
