use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports `security_opt` entries that switch off a kernel protection:
    /// `seccomp:unconfined`, `apparmor:unconfined`, `label:disable` (also written with `=`).
    ///
    /// ## Why is this bad?
    /// Seccomp blocks the system calls used by most container escapes; AppArmor and SELinux
    /// confine file access. Turning them off removes the layer that stops a kernel exploit.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: acme/app:2
    ///     security_opt:
    ///       - seccomp:unconfined
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   app:
    ///     image: acme/app:2
    ///     security_opt:
    ///       - no-new-privileges:true
    /// ```
    ///
    /// ## References
    /// - [Docker: seccomp profiles](https://docs.docker.com/engine/security/seccomp/)
    /// - compose-lint CL-0009; KICS `seccomp_disabled`
    pub static RULE = {
        code: "DC027",
        name: "security-profile-disabled",
        severity: Error,
        aliases: ["CL-0009"],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for (s, item) in super::list_items(input, "security_opt") {
        let Some(opt) = input.value(item) else {
            continue;
        };
        let normalized = opt.replace('=', ":").to_ascii_lowercase();
        let what = match normalized.as_str() {
            "seccomp:unconfined" => "seccomp",
            "apparmor:unconfined" => "AppArmor",
            "label:disable" => "SELinux labels",
            _ => continue,
        };
        cx.report(
            item.span,
            format!("`{}` turns off {what} (`{opt}`)", s.name),
        )
        .help(
            "keep the default profile, or write a custom profile that allows only what is missing",
        );
    }
}
