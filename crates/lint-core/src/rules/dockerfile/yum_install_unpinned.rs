use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `yum install` (or `yum in`, as yum 4, which is dnf, spells it) of packages without
    /// a version (`httpd-2.4.6`). A `reinstall` is not reported: it installs the version
    /// already there.
    ///
    /// ## Why is this bad?
    /// Unpinned packages make two builds of one Dockerfile differ.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd && yum clean all
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## References
    /// - hadolint DL3033
    pub static RULE = {
        code: "DF046",
        name: "yum-install-unpinned",
        severity: Warning,
        aliases: ["DL3033"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_unpinned(input, cx, &pkg::YUM, "`yum install <package>-<version>`");
}
