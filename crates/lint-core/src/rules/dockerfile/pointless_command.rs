use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds commands in RUN that make no sense in an image build: `ssh`, `vim`, `shutdown`,
    /// `service`, `ps`, `free`, `top`, `kill`, `mount`.
    ///
    /// ## Why is this bad?
    /// A build step runs once, without a terminal, in a throwaway container: an editor, a process
    /// viewer or a service start does nothing useful, and usually signals a Dockerfile used like a VM.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN service nginx start
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    ///
    /// ## References
    /// - hadolint DL3001
    pub static RULE = {
        code: "DF061",
        name: "pointless-command",
        severity: Info,
        aliases: ["DL3001"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

const POINTLESS: [&str; 9] = [
    "ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount",
];

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for cmd in scripts.iter().flat_map(|s| &s.commands) {
            if POINTLESS.contains(&cmd.name()) {
                cx.report(
                    cmd.words[0].span,
                    format!("`{}` makes no sense in a build step", cmd.name()),
                )
                .help("a build runs once without a terminal; start services with CMD/ENTRYPOINT");
            }
        }
    }
}
