use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `apt-get install` and `aptitude install` of packages without a version
    /// (`pkg=version`; a release, `pkg/bookworm-backports`, counts as chosen too). aptitude's
    /// search patterns (`~nfoo`) and its remove/hold actions (`foo-`, `foo=`) are not packages
    /// to pin.
    ///
    /// A version given as a variable (`curl=$CURL_VERSION`) counts as pinned when an `ARG` or `ENV` of the
    /// stage (before the RUN, or of a stage it builds on) or the RUN itself (`V=...`,
    /// `--mount=...,env=V`) defines it; otherwise it expands to an empty version and is
    /// reported. An `ARG` before the first `FROM` is in scope only where the stage declares
    /// `ARG V` again; `${V:-1.2}` and versions with literal text around the variable are taken
    /// as given. A variable the base image sets with `ENV` cannot be seen: declare it with `ARG`.
    ///
    /// ## Why is this bad?
    /// Unpinned packages make the image depend on whatever the archive holds on build day: two
    /// builds of the same Dockerfile can differ. (Pinning has its own cost — Debian removes old
    /// versions — so many teams prefer pinning the base image digest and turn this rule off.)
    ///
    /// Reported as `info` (hadolint's `warning` in the `hadolint` preset): it fires on 42% of
    /// real-world Dockerfiles, where pins are usually left out on purpose, for that reason.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## References
    /// - [Best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - hadolint DL3008 (which checks apt-get only)
    pub static RULE = {
        code: "DF030",
        name: "apt-get-unpinned",
        severity: Info,
        aliases: ["DL3008"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let scopes = super::Scopes::new(input);
    for (i, _, scripts) in super::runs(input) {
        let scope = scopes.at(i);
        for script in scripts {
            for cmd in &script.commands {
                let Some((frontend, install)) = pkg::apt_install(cmd) else {
                    continue;
                };
                let unpinned = frontend.unpinned(cmd, install, &|n| scope.defined(n));
                if unpinned.is_empty() {
                    continue;
                }
                let program = frontend.program;
                cx.report(cmd.span, format!("{program} install of unpinned packages: {}", unpinned.join(", ")))
                    .help(scope.pin_help(&format!("pin versions with `{program} install <package>=<version>` (see `apt-cache policy <package>`)"), &unpinned));
            }
        }
    }
}
