use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `npm install <package>` (also `npm i`, `npm add`) without a version (`pkg@1.2.3`).
    /// Installing from `package.json` (no package names), local folders, tarballs and git URLs
    /// with a `#ref` are left alone; a git URL without one (`git+ssh://host/repo.git`) is unpinned.
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

/// Whether `spec` names something other than a registry package without a version: `pkg@1.2`,
/// a local folder or tarball, a tarball URL, or a git URL pinned to a commit-ish (`#v1.2`; without
/// one it installs the default branch's head); `github:user/repo` shorthands are git URLs too.
fn pinned_or_local(spec: &str) -> bool {
    let git = spec.starts_with("git+")
        || spec.starts_with("git://")
        || spec.starts_with("git@")
        || spec.starts_with("github:")
        || spec.starts_with("gitlab:")
        || spec.starts_with("bitbucket:");
    if git || spec.contains("://") {
        return !git || spec.contains('#');
    }
    let name = spec.strip_prefix('@').unwrap_or(spec);
    name.contains('@')
        || spec == "."
        || spec.starts_with(['.', '/', '~'])
        || spec.ends_with(".tgz")
        || spec.ends_with(".tar.gz")
        || spec.ends_with(".tar")
        || spec.starts_with("file:")
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let cli = &pkg::NPM;
    for (_, _, scripts) in super::runs(input) {
        for script in scripts {
            for cmd in script.find("npm") {
                let Some(install) = cli
                    .subcommand(cmd)
                    .filter(|w| matches!(w.value.as_str(), "install" | "i" | "add"))
                else {
                    continue;
                };
                let unpinned = cli.unpinned_after(cmd, install, pinned_or_local);
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
