use crate::rule::{ComposeInput, Context};

/// Capabilities that break isolation, with what they give.
const DANGEROUS: [(&str, &str); 12] = [
    ("ALL", "every capability"),
    ("SYS_ADMIN", "mounts, namespaces and most of root"),
    ("SYS_MODULE", "loading kernel modules"),
    ("SYS_RAWIO", "raw access to devices and memory"),
    ("SYS_PTRACE", "tracing and reading other processes"),
    ("SYS_BOOT", "rebooting the host"),
    ("SYS_TIME", "setting the host clock"),
    ("NET_ADMIN", "reconfiguring the network"),
    ("BPF", "loading BPF programs"),
    ("PERFMON", "kernel performance monitoring"),
    ("DAC_READ_SEARCH", "reading any file by handle"),
    ("SYSLOG", "the kernel log"),
];

crate::declare_rule! {
    /// ## What it does
    /// Reports `cap_add` entries that break container isolation: `ALL`, `SYS_ADMIN`,
    /// `SYS_MODULE`, `SYS_RAWIO`, `SYS_PTRACE`, `SYS_BOOT`, `SYS_TIME`, `NET_ADMIN`, `BPF`,
    /// `PERFMON`, `DAC_READ_SEARCH`, `SYSLOG` (with or without the `CAP_` prefix).
    ///
    /// ## Why is this bad?
    /// Each is a known path from the container to the host (`SYS_ADMIN` alone is close to
    /// `privileged`). Most software that asks for one needs a narrower one, or none.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   vpn:
    ///     image: acme/vpn:2
    ///     cap_add: [SYS_ADMIN]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   vpn:
    ///     image: acme/vpn:2
    ///     cap_add: [NET_RAW]
    ///     devices: ["/dev/net/tun"]
    /// ```
    ///
    /// ## References
    /// - [capabilities(7)](https://man7.org/linux/man-pages/man7/capabilities.7.html)
    /// - compose-lint CL-0011, CL-0024, CL-0027, CL-0028, CL-0030
    pub static RULE = {
        code: "DC026",
        name: "dangerous-capability",
        severity: Warning,
        aliases: ["CL-0011", "CL-0024", "CL-0027", "CL-0028", "CL-0030"],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for (s, item) in super::list_items(input, "cap_add") {
        let Some(cap) = input.value(item) else {
            continue;
        };
        let upper = cap.to_ascii_uppercase();
        let name = upper.strip_prefix("CAP_").unwrap_or(&upper);
        if let Some((_, what)) = DANGEROUS.iter().find(|(c, _)| *c == name) {
            cx.report(item.span, format!("`{}` adds `{cap}`: {what}", s.name))
                .help("add the narrowest capability the program needs, and `cap_drop: [ALL]` for the rest");
        }
    }
}
