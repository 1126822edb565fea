use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `zypper dist-upgrade` (`zypper dup`).
    ///
    /// ## Why is this bad?
    /// A distribution upgrade inside an image build changes the base image's release under you;
    /// update the base image tag instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper dist-upgrade -y
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper patch -y
    /// ```
    ///
    /// ## References
    /// - hadolint DL3035
    pub static RULE = {
        code: "DF048",
        name: "zypper-dist-upgrade",
        severity: Warning,
        aliases: ["DL3035"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for cmd in scripts.iter().flat_map(|s| s.find("zypper")) {
            if matches!(cmd.subcommand(), Some("dist-upgrade" | "dup")) {
                cx.report(
                    cmd.span,
                    "`zypper dist-upgrade` upgrades the whole distribution inside the image",
                )
                .help("use a newer base image tag instead (or `zypper patch` for fixes)");
            }
        }
    }
}
