use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `EXPOSE 22`.
    ///
    /// ## Why is this bad?
    /// An SSH server in a container is a second way in, with its own keys to manage and patch.
    /// Use `docker exec` (or `kubectl exec`) to get a shell.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// EXPOSE 22
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// EXPOSE 8080
    /// ```
    ///
    /// ## References
    /// - Trivy DS004, Checkov CKV_DOCKER_1
    pub static RULE = {
        code: "DF089",
        name: "ssh-port-exposed",
        severity: Warning,
        aliases: ["DS004", "CKV_DOCKER_1"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in input
        .df
        .instructions
        .iter()
        .filter(|i| i.keyword == Keyword::Expose)
    {
        for arg in &ins.args {
            let port = arg.value.split('/').next().unwrap_or("");
            if port == "22" {
                cx.report(arg.span, "port 22 (SSH) is exposed: an SSH server in a container is a second door to maintain")
                    .help("use `docker exec` / `kubectl exec` for a shell instead of sshd");
            }
        }
    }
}
