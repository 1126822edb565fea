use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `curl ... | sh`, `wget -O- ... | bash` and the like: a script downloaded and executed
    /// in one step.
    ///
    /// ## Why is this bad?
    /// Whatever the server returns at build time runs as root in your image, unverified: a
    /// compromised or hijacked host, a truncated download or a changed script changes your image
    /// silently, and the build cache hides when it happened.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// ADD --checksum=sha256:0bd0a5cb2b1a5cfa1d0a7dfad28dbe4fb9e5bc2e2c5a0e10a7f88e0a0e1bd9e3 https://deb.nodesource.com/setup_20.x /tmp/setup.sh
    /// RUN bash /tmp/setup.sh && rm /tmp/setup.sh
    /// ```
    /// or install the package from the distribution.
    ///
    /// ## References
    /// - [ADD --checksum](https://docs.docker.com/reference/dockerfile/#add---checksum)
    pub static RULE = {
        code: "DF036",
        name: "remote-script-piped-to-shell",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for script in scripts {
            crate::rules::shell::report_piped_script(
                cx,
                script,
                "your build",
                "download to a file with a pinned checksum (`ADD --checksum=sha256:...`), verify it, then run it — or use a package",
            );
        }
    }
}
