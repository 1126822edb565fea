use crate::rule::{ComposeInput, Context};
use crate::syntax::yaml::{Node, Value};

/// Host paths whose mount hands the container control of the host (or its secrets).
const SENSITIVE: [&str; 14] = [
    "/",
    "/etc",
    "/root",
    "/boot",
    "/proc",
    "/sys",
    "/dev",
    "/var/lib/docker",
    "/var/lib/kubelet",
    "/var/run",
    "/run",
    "/lib/modules",
    "/usr",
    "/home",
];

crate::declare_rule! {
    /// ## What it does
    /// Reports a bind mount of a sensitive host directory: `/`, `/etc`, `/root`, `/boot`,
    /// `/proc`, `/sys`, `/dev`, `/var/lib/docker`, `/var/run`, `/run`, `/usr`, `/home`, ... (or a
    /// file directly inside `/etc` or `/root`). Read-only mounts are reported too, since they
    /// still expose secrets such as `/etc/shadow`.
    ///
    /// ## Why is this bad?
    /// Write access to these paths is root on the host (a cron entry, a kernel module, a Docker
    /// config); read access leaks password hashes, SSH keys and other containers' data.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   backup:
    ///     image: acme/backup:1
    ///     volumes:
    ///       - /etc:/host-etc
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   backup:
    ///     image: acme/backup:1
    ///     volumes:
    ///       - /srv/app/data:/data:ro
    /// ```
    ///
    /// ## References
    /// - [Docker: bind mounts](https://docs.docker.com/engine/storage/bind-mounts/)
    /// - compose-lint CL-0013, CL-0025; KICS `volume_has_sensitive_host_directory`
    pub static RULE = {
        code: "DC028",
        name: "sensitive-host-path",
        severity: Warning,
        aliases: ["CL-0013", "CL-0025"],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn sensitive(path: &str) -> bool {
    let p = path.trim_end_matches('/');
    let p = if p.is_empty() { "/" } else { p };
    SENSITIVE.contains(&p)
        || ["/etc/", "/root/", "/boot/", "/proc/", "/sys/"]
            .iter()
            .any(|dir| p.starts_with(dir) && !p.ends_with("localtime") && !p.ends_with("timezone"))
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for (s, item) in super::list_items(input, "volumes") {
        let source = match &item.value {
            Value::Scalar(_) => input.value(item).and_then(|v| {
                let (src, _) = v.split_once(':')?;
                Some(src.to_string())
            }),
            Value::Map(_) if item.get("type").and_then(Node::as_str) == Some("bind") => item
                .get("source")
                .and_then(|n| input.value(n))
                .map(|v| v.into_owned()),
            _ => None,
        };
        let Some(source) = source.filter(|s| s.starts_with('/')) else {
            continue;
        };
        // Engine sockets are control-socket-mounted's findings.
        if source.ends_with(".sock") {
            continue;
        }
        if sensitive(&source) {
            cx.report(
                item.span,
                format!("`{}` mounts the host's `{source}`", s.name),
            )
            .help(
                "mount only the file or folder the service needs, read-only (`:ro`) where possible",
            );
        }
    }
}
