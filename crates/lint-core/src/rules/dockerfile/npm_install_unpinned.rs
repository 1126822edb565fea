use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `npm install <package>` (also `npm i`, `npm add` and the other spellings npm
    /// accepts: `in`, `ins`, `inst`, `insta`, `instal`, `isnt`, `isnta`, `isntal`, `isntall`)
    /// without a version (`pkg@1.2.3`).
    /// Installing from `package.json` (no package names), local folders, tarballs and git URLs
    /// with a `#ref` are left alone; a git URL without one (`git+ssh://host/repo.git`) is unpinned.
    ///
    /// A version given as a variable (`yarn@$YARN_VERSION`) counts as pinned when an `ARG` or `ENV` of the
    /// stage (before the RUN, or of a stage it builds on) or the RUN itself (`V=...`,
    /// `--mount=...,env=V`) defines it; otherwise it expands to an empty version and is
    /// reported. An `ARG` before the first `FROM` is in scope only where the stage declares
    /// `ARG V` again; `${V:-1.2}` and versions with literal text around the variable are taken
    /// as given. A variable the base image sets with `ENV` cannot be seen: declare it with `ARG`.
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

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let cli = &pkg::NPM;
    let scopes = super::Scopes::new(input);
    for (i, _, scripts) in super::runs(input) {
        let scope = scopes.at(i);
        for script in scripts {
            for cmd in &script.commands {
                let Some(install) = pkg::npm_install(cmd) else {
                    continue;
                };
                let unpinned = cli.unpinned_in(
                    cmd,
                    install,
                    pkg::npm_spec_pinned_or_local,
                    pkg::at_version_at,
                    &|n| scope.defined(n),
                );
                if unpinned.is_empty() {
                    continue;
                }
                cx.report(
                    cmd.span,
                    format!("npm install of unpinned packages: {}", unpinned.join(", ")),
                )
                .help(scope.pin_help(
                    "pin versions (`package@1.2.3`), or add them to package.json and use `npm ci`",
                    &unpinned,
                ));
            }
        }
    }
}
