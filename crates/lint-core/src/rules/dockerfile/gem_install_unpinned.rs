use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `gem install <gem>` (or `gem i`) without a version (`-v 1.2.3` or `gem:1.2.3`).
    /// Build flags after `--` are not gems. As gem itself (Ruby's OptionParser), an unambiguous
    /// prefix of a long option counts: `--vers 1.2` is `--version 1.2` (`--ver` could be
    /// `--verbose`).
    ///
    /// A version given as a variable (`rake:$RAKE_VERSION`) counts as pinned when an `ARG` or `ENV` of the
    /// stage (before the RUN, or of a stage it builds on) or the RUN itself (`V=...`,
    /// `--mount=...,env=V`) defines it; otherwise it expands to an empty version and is
    /// reported. An `ARG` before the first `FROM` is in scope only where the stage declares
    /// `ARG V` again; `${V:-1.2}` and versions with literal text around the variable are taken
    /// as given. A variable the base image sets with `ENV` cannot be seen: declare it with `ARG`.
    ///
    /// ## Why is this bad?
    /// An unpinned gem installs whatever is newest on build day; builds stop being reproducible.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ruby:3.3
    /// RUN gem install bundler
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ruby:3.3
    /// RUN gem install bundler -v 2.5.18
    /// ```
    ///
    /// ## References
    /// - hadolint DL3028
    pub static RULE = {
        code: "DF043",
        name: "gem-install-unpinned",
        severity: Warning,
        aliases: ["DL3028"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let cli = &pkg::GEM;
    let scopes = super::Scopes::new(input);
    for (i, _, scripts) in super::runs(input) {
        let scope = scopes.at(i);
        for cmd in scripts.iter().flat_map(|s| s.find("gem")) {
            let Some(install) = pkg::gem_install(cmd) else {
                continue;
            };
            if cli.has_flag(cmd, &["-v", "--version"]) {
                continue;
            }
            // What follows `--` is passed to the gem's build (`-- --use-system-libraries`).
            let gems = cli.unpinned_in(
                cmd,
                install,
                pkg::gem_spec_pinned_or_local,
                pkg::gem_version_at,
                &|n| scope.defined(n),
            );
            if !gems.is_empty() {
                cx.report(
                    cmd.span,
                    format!("gem install of unpinned gems: {}", gems.join(", ")),
                )
                .help(scope.pin_help(
                    "pin a version: `gem install <gem> -v <version>` or `<gem>:<version>`",
                    &gems,
                ));
            }
        }
    }
}
