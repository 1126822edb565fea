use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `ln -s ... /bin/sh` (and the hard link `ln -f ... /bin/sh`): replacing the shell with
    /// a link.
    ///
    /// ## Why is this bad?
    /// Relinking `/bin/sh` changes the shell for every later RUN without saying so, and breaks
    /// packages' scripts that expect the distribution's shell. `SHELL` changes the shell RUN uses,
    /// visibly.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN ln -sf /bin/bash /bin/sh
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// SHELL ["/bin/bash", "-c"]
    /// ```
    ///
    /// ## References
    /// - hadolint DL4005
    pub static RULE = {
        code: "DF063",
        name: "symlink-bin-sh",
        severity: Warning,
        aliases: ["DL4005"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for cmd in scripts.iter().flat_map(|s| s.find("ln")) {
            let symbolic = cmd.has_flag(&["-s", "--symbolic"]);
            // A hard link replaces the file too, when forced (`/bin/sh` exists).
            let forced = cmd.has_flag(&["-f", "--force"]);
            if (symbolic || forced) && cmd.operands().last().is_some_and(|w| w.value == "/bin/sh") {
                let link = if symbolic { "a symlink" } else { "a hard link" };
                cx.report(
                    cmd.span,
                    format!("replacing /bin/sh with {link} changes the shell of every later RUN"),
                )
                .help("use `SHELL [\"/bin/bash\", \"-c\"]` instead");
            }
        }
    }
}
