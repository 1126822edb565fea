use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg::{self, Cli};
use crate::syntax::shell::{Command, ShellWord};

crate::declare_rule! {
    /// ## What it does
    /// Finds `pip install <package>` (and `pipx install`) without a version specifier (`==`, `>=`,
    /// `~=`, ...), and VCS URLs without a commit or tag (`git+https://host/repo` installs whatever
    /// the default branch holds; `git+https://host/repo@v1.2` is pinned). Requirement files, installs
    /// under a constraints file (`-c`), local paths, wheels, archives and packages named by a
    /// variable (`$PKG`: its value is unknown) are left alone.
    ///
    /// A version given as a variable (`flask==$FLASK_VERSION`) counts as pinned when an `ARG` or `ENV` of the
    /// stage (before the RUN, or of a stage it builds on) or the RUN itself (`V=...`,
    /// `--mount=...,env=V`) defines it; otherwise it expands to an empty version and is
    /// reported. An `ARG` before the first `FROM` is in scope only where the stage declares
    /// `ARG V` again; `${V:-1.2}` and versions with literal text around the variable are taken
    /// as given. A variable the base image sets with `ENV` cannot be seen: declare it with `ARG`.
    ///
    /// ## Why is this bad?
    /// An unpinned package installs whatever version is newest on build day: builds stop being
    /// reproducible and a major release can break the app.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask==3.0.3
    /// ```
    ///
    /// ## References
    /// - hadolint DL3013
    pub static RULE = {
        code: "DF034",
        name: "pip-install-unpinned",
        severity: Warning,
        aliases: ["DL3013"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

/// `pip install` (all spellings, see [`super::pip_install`]) and `pipx install`: the CLI and
/// the `install` word.
fn install(cmd: &Command) -> Option<(&'static Cli, &ShellWord)> {
    if let Some(install) = super::pip_install(cmd) {
        return Some((&pkg::PIP, install));
    }
    pkg::pipx_install(cmd).map(|w| (&pkg::PIPX, w))
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let scopes = super::Scopes::new(input);
    for (i, _, scripts) in super::runs(input) {
        let scope = scopes.at(i);
        for script in scripts {
            for cmd in &script.commands {
                let Some((cli, install)) = install(cmd) else {
                    continue;
                };
                // A constraints file pins whatever the command line leaves open.
                if cli.has_flag(cmd, &["-c", "--constraint"]) {
                    continue;
                }
                let unpinned = cli.unpinned_in(
                    cmd,
                    install,
                    pkg::pip_spec_pinned_or_local,
                    pkg::pip_version_at,
                    &|n| scope.defined(n),
                );
                if unpinned.is_empty() {
                    continue;
                }
                cx.report(
                    cmd.span,
                    format!(
                        "{} install of unpinned packages: {}",
                        if cmd.is("pipx") { "pipx" } else { "pip" },
                        unpinned.join(", ")
                    ),
                )
                .help(scope.pin_help(
                    "pin versions (`package==1.2.3`) or install from a pinned requirements file",
                    &unpinned,
                ));
            }
        }
    }
}
