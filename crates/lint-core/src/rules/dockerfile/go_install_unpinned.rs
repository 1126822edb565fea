use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `go install <module>`, `go get <module>` and `go run <module>@latest` without a
    /// version (`@v1.2.3`); `@latest` counts as unpinned. `go run` of a local file
    /// (`go run main.go`) or of a module without `@` (the version go.mod requires) is pinned.
    ///
    /// A version given as a variable (`module@$VERSION`) counts as pinned when an `ARG` or `ENV` of the
    /// stage (before the RUN, or of a stage it builds on) or the RUN itself (`V=...`,
    /// `--mount=...,env=V`) defines it; otherwise it expands to an empty version and is
    /// reported. An `ARG` before the first `FROM` is in scope only where the stage declares
    /// `ARG V` again; `${V:-1.2}` and versions with literal text around the variable are taken
    /// as given. A variable the base image sets with `ENV` cannot be seen: declare it with `ARG`.
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
    let scopes = super::Scopes::new(input);
    for (i, _, scripts) in super::runs(input) {
        let scope = scopes.at(i);
        for cmd in scripts.iter().flat_map(|s| s.find("go")) {
            // Past go's own options and their values: `go -C tools install ...`.
            let Some(sub) = crate::syntax::pkg::GO
                .subcommand(cmd)
                .map(|w| w.value.as_str())
                .filter(|s| matches!(*s, "install" | "get" | "run"))
            else {
                continue;
            };
            let mut packages = cmd
                // `-o /bin/x`, `-tags netgo`: option values are not modules.
                .packages(crate::syntax::pkg::GO.value_flags);
            if sub == "run" {
                // `go run` builds its first argument; the words after it are the program's.
                // Only `module@version` ignores go.mod: `go run ./cmd`, `go run main.go` and
                // `go run example.com/tool` (the version go.mod requires) are pinned.
                packages.truncate(1);
                packages.retain(|w| w.value.contains('@'));
            }
            let unpinned: Vec<&str> = packages
                .into_iter()
                .filter(|w| !w.value.starts_with('.'))
                .filter(|w| {
                    if w.dynamic {
                        return crate::syntax::pkg::version_undefined(
                            &w.value,
                            crate::syntax::pkg::at_version_at,
                            &|n| scope.defined(n),
                        );
                    }
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
                    format!("go {sub} of unpinned modules: {}", unpinned.join(", ")),
                )
                .help(scope.pin_help("pin a version: `go install <module>@v1.2.3`", &unpinned));
            }
        }
    }
}
