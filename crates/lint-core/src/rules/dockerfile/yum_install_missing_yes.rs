use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds a yum install without `-y` (`--assumeyes`): `yum install`, `localinstall`,
    /// `reinstall`, `groupinstall`, `module install`, and the dnf spellings `in` and `rei`
    /// (yum is dnf on EL 8 and later, which takes them; yum 3 rejects them).
    ///
    /// As yum itself (optparse in yum 3, argparse in yum 4), an unambiguous prefix of a long
    /// option counts: `--assumey` is `--assumeyes`.
    ///
    /// ## Why is this bad?
    /// A build cannot answer yum's confirmation prompt; without `-y` the install aborts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## Fix safety
    /// Adding `-y` is safe.
    ///
    /// ## References
    /// - hadolint DL3030
    pub static RULE = {
        code: "DF044",
        name: "yum-install-missing-yes",
        severity: Warning,
        aliases: ["DL3030"],
        fix: Always,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_missing_yes(input, cx, &pkg::YUM);
}
