use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `apt-get install` without `--no-install-recommends`, and `aptitude install` without
    /// `--without-recommends` (`-R`); setting `APT::Install-Recommends=false` with `-o` counts
    /// for both, with any value apt reads as false (`0`, `no`, `off`...) and the key in any case.
    ///
    /// ## Why is this bad?
    /// By default apt also installs every "recommended" package, often hundreds of megabytes the
    /// image never uses, which slows every pull and widens the attack surface.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get update && apt-get install --no-install-recommends -y curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix safety
    /// Adding the flag is unsafe: a package the app needed only as a recommendation disappears.
    ///
    /// ## References
    /// - [Best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - hadolint DL3015 (which checks apt-get only)
    pub static RULE = {
        code: "DF029",
        name: "apt-get-missing-no-install-recommends",
        severity: Info,
        aliases: ["DL3015"],
        fix: Always,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for script in scripts {
            for cmd in &script.commands {
                let Some((frontend, install)) = pkg::apt_install(cmd) else {
                    continue;
                };
                let disabled = frontend.cli.has_flag(cmd, frontend.no_recommends)
                    || cmd.args().iter().any(|w| recommends_off(&w.value));
                if disabled {
                    continue;
                }
                let flag = frontend.no_recommends[0];
                cx.report(
                    cmd.span,
                    format!(
                        "{} install without {flag} also installs recommended packages",
                        frontend.program
                    ),
                )
                .help(format!("add `{flag}` and install what you need explicitly"))
                .fix(Fix::unsafe_(
                    format!("add {flag}"),
                    vec![Edit::insert(install.span.end, format!(" {flag}"))],
                ));
            }
        }
    }
}

/// `-o APT::Install-Recommends=<false>` (also attached, `-oAPT::...`): apt reads the key without
/// case and `0`, `false`, `no`, `off`, `without` and `disable` as false.
fn recommends_off(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    lower
        .split_once("apt::install-recommends=")
        .is_some_and(|(_, value)| {
            matches!(
                value.trim_matches(['"', '\'']),
                "0" | "false" | "no" | "off" | "without" | "disable"
            )
        })
}
