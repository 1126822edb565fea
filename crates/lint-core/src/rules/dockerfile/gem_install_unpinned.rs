use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `gem install <gem>` without a version (`-v 1.2.3` or `gem:1.2.3`).
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
    for (_, _, scripts) in super::runs(input) {
        for cmd in scripts.iter().flat_map(|s| s.find("gem")) {
            if cmd.subcommand() != Some("install") || cmd.has_flag(&["-v", "--version"]) {
                continue;
            }
            let gems: Vec<&str> = cmd
                .packages(&[
                    "-i",
                    "--install-dir",
                    "-n",
                    "--bindir",
                    "--source",
                    "-s",
                    "--platform",
                ])
                .into_iter()
                .filter(|w| !w.dynamic && !w.value.contains(':') && !w.value.ends_with(".gem"))
                .map(|w| w.value.as_str())
                .collect();
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
