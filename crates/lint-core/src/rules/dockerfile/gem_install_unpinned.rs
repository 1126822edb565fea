use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `gem install <gem>` (or `gem i`) without a version (`-v 1.2.3` or `gem:1.2.3`).
    /// Build flags after `--` are not gems.
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
    for (_, _, scripts) in super::runs(input) {
        for cmd in scripts.iter().flat_map(|s| s.find("gem")) {
            // `gem i` is gem's short form of `gem install`.
            let Some(install) = cli
                .subcommand(cmd)
                .filter(|w| matches!(w.value.as_str(), "install" | "i"))
            else {
                continue;
            };
            if cli.has_flag(cmd, &["-v", "--version"]) {
                continue;
            }
            // What follows `--` is passed to the gem's build (`-- --use-system-libraries`).
            let gems = cli.unpinned_after(cmd, install, pkg::gem_spec_pinned_or_local);
            if !gems.is_empty() {
                cx.report(
                    cmd.span,
                    format!("gem install of unpinned gems: {}", gems.join(", ")),
                )
                .help("pin a version: `gem install <gem> -v <version>` or `<gem>:<version>`");
            }
        }
    }
}
