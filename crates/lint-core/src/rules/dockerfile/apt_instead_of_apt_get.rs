use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds the `apt` command in RUN.
    ///
    /// ## Why is this bad?
    /// `apt` is the interactive front end: its output and command-line interface are not stable
    /// for scripts (it warns so itself). `apt-get` and `apt-cache` are meant for scripts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt install -y curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## References
    /// - hadolint DL3027
    pub static RULE = {
        code: "DF042",
        name: "apt-instead-of-apt-get",
        severity: Warning,
        aliases: ["DL3027"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for cmd in scripts.iter().flat_map(|s| s.find("apt")) {
            cx.report(
                cmd.words[0].span,
                "`apt` is meant for interactive use; scripts should use `apt-get` or `apt-cache`",
            )
            .help("use `apt-get` (install, update, remove) or `apt-cache` (search, show)");
        }
    }
}
