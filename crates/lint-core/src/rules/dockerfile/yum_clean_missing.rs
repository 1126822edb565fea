use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds a RUN that installs with `yum` (any install spelling of the yum rules: `install`,
    /// `in`, `reinstall`, `rei`, groups, modules) but does not run `yum clean all` (and has no
    /// cache mount on `/var/cache/yum`).
    ///
    /// ## Why is this bad?
    /// yum's downloaded packages and metadata stay in the layer: tens or hundreds of megabytes no one uses.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## References
    /// - hadolint DL3032
    pub static RULE = {
        code: "DF045",
        name: "yum-clean-missing",
        severity: Warning,
        aliases: ["DL3032"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_clean_missing(input, cx, &pkg::YUM);
}
