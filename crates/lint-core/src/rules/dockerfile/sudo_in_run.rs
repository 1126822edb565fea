use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `sudo` in `RUN` commands (also inside `sh -c`, `if` bodies and heredocs).
    ///
    /// ## Why is this bad?
    /// Build steps already run as the current `USER`; `sudo` adds a setuid binary to the image,
    /// needs a TTY or a sudoers entry, and behaves unpredictably with signals. Switch users with
    /// `USER` instead, or use `gosu`/`su-exec` in an entrypoint where you must drop privileges.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN sudo apt-get update
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// USER root
    /// RUN apt-get update
    /// ```
    ///
    /// ## References
    /// - hadolint DL3004
    pub static RULE = {
        code: "DF017",
        name: "sudo-in-run",
        severity: Error,
        aliases: ["DL3004"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for script in scripts {
            for cmd in script.find("sudo") {
                cx.report(cmd.words[0].span, "do not use sudo in RUN: build steps already run as the current USER")
                    .help("use `USER root` before the step (and switch back after), or gosu/su-exec at runtime");
            }
        }
    }
}
