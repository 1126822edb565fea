use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `dnf install` (and `dnf in`, `install-n`, `install-na`, `install-nevra`,
    /// `localinstall`, `module install`) of packages without a version (`nginx-1.26.1`).
    /// A `reinstall` (`rei`) is not reported: it installs the version already there, so there
    /// is nothing to pin; nor are groups (`@web`, `group install`), which have no version.
    /// Options are read as dnf reads them, abbreviated ones included: in
    /// `--disablerep updates`, `updates` is the value of `--disablerepo`, not a package.
    ///
    /// A version given as a variable (`nginx-$NGINX_VERSION`) counts as pinned when an `ARG` or `ENV` of the
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
    /// FROM fedora:40
    /// RUN dnf install -y nginx && dnf clean all
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y nginx-1.26.1 && dnf clean all
    /// ```
    ///
    /// ## References
    /// - hadolint DL3041
    pub static RULE = {
        code: "DF053",
        name: "dnf-install-unpinned",
        severity: Warning,
        aliases: ["DL3041"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_unpinned(input, cx, &pkg::DNF, "`dnf install <package>-<version>`");
}
