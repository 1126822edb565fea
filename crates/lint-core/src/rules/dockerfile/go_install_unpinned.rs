use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `go install <module>` and `go get <module>` without a version (`@v1.2.3`); `@latest`
    /// counts as unpinned.
    ///
    /// ## Why is this bad?
    /// Without a version the newest release is built on build day, so two builds differ.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN go install golang.org/x/tools/cmd/goimports@latest
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN go install golang.org/x/tools/cmd/goimports@v0.24.0
    /// ```
    ///
    /// ## References
    /// - hadolint DL3062
    pub static RULE = {
        code: "DF060",
        name: "go-install-unpinned",
        severity: Warning,
        aliases: ["DL3062"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for cmd in scripts.iter().flat_map(|s| s.find("go")) {
            if !matches!(cmd.subcommand(), Some("install" | "get")) {
                continue;
            }
            let unpinned: Vec<&str> = cmd
                .packages(&[])
                .into_iter()
                .filter(|w| !w.dynamic && !w.value.starts_with('.'))
                .filter(|w| {
                    matches!(
                        w.value.rsplit_once('@'),
                        None | Some((_, "latest" | "none" | ""))
                    )
                })
                .map(|w| w.value.as_str())
                .collect();
            if !unpinned.is_empty() {
                cx.report(
                    cmd.span,
                    format!(
                        "go {} of unpinned modules: {}",
                        cmd.subcommand().unwrap_or("install"),
                        unpinned.join(", ")
                    ),
                )
                .help("pin a version: `go install <module>@v1.2.3`");
            }
        }
    }
}
