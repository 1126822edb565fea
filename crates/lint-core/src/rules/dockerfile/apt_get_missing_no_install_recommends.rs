use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `apt-get install` without `--no-install-recommends`.
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
    /// - hadolint DL3015
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
            for cmd in script.find("apt-get") {
                let cli = &pkg::APT_GET;
                let Some(install) = cli.subcommand(cmd).filter(|w| w.value == "install") else {
                    continue;
                };
                let disabled = cli.has_flag(cmd, &["--no-install-recommends"])
                    || cmd.args().iter().any(|w| {
                        w.value.contains("Install-Recommends=false")
                            || w.value.contains("Install-Recommends=0")
                    });
                if disabled {
                    continue;
                }
                cx.report(cmd.span, "apt-get install without --no-install-recommends also installs recommended packages")
                    .help("add `--no-install-recommends` and install what you need explicitly")
                    .fix(Fix::unsafe_("add --no-install-recommends", vec![Edit::insert(install.span.end, " --no-install-recommends")]));
            }
        }
    }
}
