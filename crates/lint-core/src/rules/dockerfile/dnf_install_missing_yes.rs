use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds a dnf install without `-y` (`--assumeyes`): `dnf install` and its spellings
    /// (`in`, `install-n`, `install-na`, `install-nevra`, `localinstall`), `reinstall` (`rei`),
    /// `group install` (`groupinstall`) and `module install`, with `dnf`, `dnf5`, `microdnf` and
    /// `tdnf` (the last two take only the full names, so `microdnf in` is not read as an
    /// install). The subcommands are one table shared by every dnf and yum rule.
    ///
    /// As dnf itself (argparse), an unambiguous prefix of a long option counts: `--assumey` is
    /// `--assumeyes` (`--assum` could be `--assumeno`). microdnf and dnf 5 want full names, so
    /// there a prefix fails the build with an error of its own and is not reported here.
    ///
    /// ## Why is this bad?
    /// A build cannot answer dnf's confirmation prompt; without `-y` the install aborts.
    /// microdnf is reported too: the microdnf of RHEL 8 images assumes yes (microdnf pull
    /// request #94 made that the default, for old containers), but the microdnf of
    /// RHEL 9-based images asks (Oracle's weblogic-image-tool #434 adds `-y` for Oracle Linux 9
    /// only), so a Dockerfile without `-y` breaks when its base image moves to 9; `-y` is
    /// accepted by both.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install nginx-1.26.1 && dnf clean all
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y nginx-1.26.1 && dnf clean all
    /// ```
    ///
    /// ## Fix safety
    /// Adding `-y` is safe.
    ///
    /// ## References
    /// - hadolint DL3038
    pub static RULE = {
        code: "DF051",
        name: "dnf-install-missing-yes",
        severity: Warning,
        aliases: ["DL3038"],
        fix: Always,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_missing_yes(input, cx, &pkg::DNF);
}
