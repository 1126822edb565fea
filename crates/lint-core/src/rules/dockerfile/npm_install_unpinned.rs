use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `npm install <package>` (also `npm i`, `npm add`) without a version (`pkg@1.2.3`).
    /// Installing from `package.json` (no package names), local folders, tarballs and git URLs
    /// with a `#ref` are left alone.
    ///
    /// ## Why is this bad?
    /// An unpinned package installs the newest release on build day, so two builds of one
    /// Dockerfile can differ and a breaking major release slips in unnoticed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// RUN npm install -g nodemon
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// RUN npm install -g nodemon@3.1.4
    /// ```
    ///
    /// ## References
    /// - hadolint DL3016
    pub static RULE = {
        code: "DF035",
        name: "npm-install-unpinned",
        severity: Warning,
        aliases: ["DL3016"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

const VALUE_FLAGS: [&str; 8] = [
    "--prefix",
    "--registry",
    "--cache",
    "--tag",
    "-w",
    "--workspace",
    "--omit",
    "--include",
];

fn pinned_or_local(spec: &str) -> bool {
    let name = spec.strip_prefix('@').unwrap_or(spec);
    name.contains('@')
        || spec.starts_with(['.', '/', '~'])
        || spec.ends_with(".tgz")
        || spec.ends_with(".tar.gz")
        || (spec.contains("://") && (spec.contains('#') || !spec.starts_with("git")))
        || spec.starts_with("file:")
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for script in scripts {
            for cmd in script.find("npm") {
                if !matches!(cmd.subcommand(), Some("install" | "i" | "add")) {
                    continue;
                }
                let unpinned: Vec<&str> = cmd
                    .packages(&VALUE_FLAGS)
                    .into_iter()
                    .filter(|w| !w.dynamic && !pinned_or_local(&w.value))
                    .map(|w| w.value.as_str())
                    .collect();
                if unpinned.is_empty() {
                    continue;
                }
                cx.report(
                    cmd.span,
                    format!("npm install of unpinned packages: {}", unpinned.join(", ")),
                )
                .help(
                    "pin versions (`package@1.2.3`), or add them to package.json and use `npm ci`",
                );
            }
        }
    }
}
