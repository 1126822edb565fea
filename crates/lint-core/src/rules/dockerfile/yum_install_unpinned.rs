use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `yum install` (or `yum in`, as yum 4, which is dnf, spells it) of packages without
    /// a version (`httpd-2.4.6`). A `reinstall` is not reported: it installs the version
    /// already there.
    ///
    /// A version given as a variable (`httpd-$HTTPD_VERSION`) counts as pinned when an `ARG` or `ENV` of the
    /// stage (before the RUN, or of a stage it builds on) or the RUN itself (`V=...`,
    /// `--mount=...,env=V`) defines it; otherwise it expands to an empty version and is
    /// reported. An `ARG` before the first `FROM` is in scope only where the stage declares
    /// `ARG V` again; `${V:-1.2}` and versions with literal text around the variable are taken
    /// as given. A variable the base image sets with `ENV` cannot be seen: declare it with `ARG`.
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
